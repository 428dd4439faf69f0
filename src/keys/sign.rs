//! Signing through rcgen's `SigningKey` / `PublicKeyData` traits with our own key type, and a
//! public-key-only counterpart for certificates issued for a CSR's key.

use std::cell::RefCell;

use rand_core::CryptoRng;
use rcgen::{PublicKeyData, SignatureAlgorithm, SigningKey};
use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer as _};
use sha2::Sha256;

use super::{PrivateKey, Secret};
use crate::error::{ErrorKind, Result};
use crate::x509::{describe_spki, spki_parts};

/// A private key ready to sign for rcgen, with the random source RSA blinding uses.
pub struct KeySigner<'a, R: CryptoRng + ?Sized> {
    key: &'a PrivateKey,
    public: PublicKeyOnly,
    rng: RefCell<&'a mut R>,
}

impl<'a, R: CryptoRng + ?Sized> KeySigner<'a, R> {
    pub fn new(key: &'a PrivateKey, rng: &'a mut R) -> Result<Self> {
        let public = PublicKeyOnly::from_spki(&key.public_key_spki()?)?;
        Ok(Self {
            key,
            public,
            rng: RefCell::new(rng),
        })
    }

    /// The signer's SubjectPublicKeyInfo, DER.
    pub fn spki(&self) -> &[u8] {
        &self.public.spki
    }
}

impl<R: CryptoRng + ?Sized> PublicKeyData for KeySigner<'_, R> {
    fn der_bytes(&self) -> &[u8] {
        self.public.der_bytes()
    }

    fn algorithm(&self) -> &'static SignatureAlgorithm {
        self.public.algorithm
    }
}

impl<R: CryptoRng + ?Sized> SigningKey for KeySigner<'_, R> {
    fn sign(&self, message: &[u8]) -> std::result::Result<Vec<u8>, rcgen::Error> {
        let signature = match &self.key.0 {
            Secret::Rsa(key) => {
                let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new((**key).clone());
                let mut rng = self.rng.borrow_mut();
                signer
                    .try_sign_with_rng(&mut **rng, message)
                    .map(|s| s.to_vec())
            }
            Secret::P256(key) => {
                let signer = p256::ecdsa::SigningKey::from(key);
                signer
                    .try_sign(message)
                    .map(|s: p256::ecdsa::Signature| s.to_der().to_vec())
            }
            Secret::P384(key) => {
                let signer = p384::ecdsa::SigningKey::from(key);
                signer
                    .try_sign(message)
                    .map(|s: p384::ecdsa::Signature| s.to_der().to_vec())
            }
            // PublicKeyOnly::from_spki refuses P-521 (rcgen cannot name its signature algorithm).
            Secret::P521(_) => return Err(rcgen::Error::RemoteKeyError),
            Secret::Ed25519(key) => Ok(key.sign(message).to_vec()),
        };
        signature.map_err(|_| rcgen::Error::RemoteKeyError)
    }
}

/// A public key with the signature algorithm certkit signs with for that kind of key.
#[derive(Debug, Clone)]
pub struct PublicKeyOnly {
    spki: Vec<u8>,
    key_offset: usize,
    algorithm: &'static SignatureAlgorithm,
}

impl PublicKeyOnly {
    pub fn from_spki(spki: &[u8]) -> Result<Self> {
        let info = describe_spki(spki)?;
        let algorithm = match (info.algorithm.as_str(), info.curve.as_deref()) {
            ("rsa", _) => &rcgen::PKCS_RSA_SHA256,
            ("ec", Some("P-256")) => &rcgen::PKCS_ECDSA_P256_SHA256,
            ("ec", Some("P-384")) => &rcgen::PKCS_ECDSA_P384_SHA384,
            ("ed25519", _) => &rcgen::PKCS_ED25519,
            (algorithm, curve) => {
                let algorithm = format!(
                    "{algorithm}{}",
                    curve.map(|c| format!(" {c}")).unwrap_or_default()
                );
                return Err(ErrorKind::UnsupportedKeyAlgorithm { algorithm }.into());
            }
        };
        let key = spki_parts(spki)?.key;
        let key_offset = spki.len() - key.len();
        Ok(Self {
            spki: spki.to_vec(),
            key_offset,
            algorithm,
        })
    }

    pub fn spki(&self) -> &[u8] {
        &self.spki
    }
}

impl PublicKeyData for PublicKeyOnly {
    fn der_bytes(&self) -> &[u8] {
        self.spki.get(self.key_offset..).unwrap_or_default()
    }

    fn algorithm(&self) -> &'static SignatureAlgorithm {
        self.algorithm
    }
}
