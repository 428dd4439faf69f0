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

    /// A stand-in that signs nothing, for rcgen's first pass: certkit replaces parts of what
    /// rcgen encodes and signs once, afterwards (`replace_and_resign`).
    pub fn draft(&self) -> DraftSigner<'_> {
        DraftSigner(&self.public)
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
            // RFC 6979 signatures straight from the scalar: `ecdsa::SigningKey::from` would
            // first derive the public key, doubling the work.
            Secret::P256(key) => Ok(ecdsa_sign::<p256::NistP256, Sha256>(key, message)),
            Secret::P384(key) => Ok(ecdsa_sign::<p384::NistP384, sha2::Sha384>(key, message)),
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

/// See [`KeySigner::draft`]: the signer's public key, and an empty signature.
pub struct DraftSigner<'a>(&'a PublicKeyOnly);

impl PublicKeyData for DraftSigner<'_> {
    fn der_bytes(&self) -> &[u8] {
        self.0.der_bytes()
    }

    fn algorithm(&self) -> &'static SignatureAlgorithm {
        self.0.algorithm
    }
}

impl SigningKey for DraftSigner<'_> {
    fn sign(&self, _message: &[u8]) -> std::result::Result<Vec<u8>, rcgen::Error> {
        Ok(Vec::new())
    }
}

/// A deterministic (RFC 6979) ECDSA signature, DER-encoded, as `ecdsa::SigningKey` makes it.
fn ecdsa_sign<C, D>(key: &ecdsa::elliptic_curve::SecretKey<C>, message: &[u8]) -> Vec<u8>
where
    C: ecdsa::EcdsaCurve + ecdsa::elliptic_curve::CurveArithmetic,
    D: sha2::Digest + sha2::digest::block_api::BlockSizeUser,
    ecdsa::der::MaxSize<C>: ecdsa::elliptic_curve::array::ArraySize,
    <ecdsa::elliptic_curve::FieldBytesSize<C> as core::ops::Add>::Output:
        core::ops::Add<ecdsa::der::MaxOverhead> + ecdsa::elliptic_curve::array::ArraySize,
{
    let digest = D::digest(message);
    let scalar = key.to_nonzero_scalar();
    let (signature, _) = ecdsa::hazmat::sign_prehashed_rfc6979::<C, D>(&scalar, &digest, &[]);
    signature.to_der().to_bytes().to_vec()
}
