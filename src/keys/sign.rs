//! Signing CSRs and certificates with certkit's own key type: the signature algorithm a key
//! signs with (as its DER AlgorithmIdentifier) and the signature itself.

use std::cell::RefCell;

use rand_core::CryptoRng;
use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer as _};
use sha2::Sha256;

use super::{PrivateKey, Secret};
use crate::error::{ErrorKind, Result};

/// sha256WithRSAEncryption with its NULL parameters (RFC 4055 5).
const RSA_SHA256: &[u8] = &[
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00,
];
/// ecdsa-with-SHA256, parameters absent (RFC 5758 3.2).
const ECDSA_SHA256: &[u8] = &[
    0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02,
];
/// ecdsa-with-SHA384, parameters absent.
const ECDSA_SHA384: &[u8] = &[
    0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03,
];
/// id-Ed25519, parameters absent (RFC 8410 3).
const ED25519: &[u8] = &[0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70];

/// A private key ready to sign, with the random source RSA blinding uses.
pub struct KeySigner<'a, R: CryptoRng + ?Sized> {
    key: &'a PrivateKey,
    spki: Vec<u8>,
    algorithm: &'static [u8],
    rng: RefCell<&'a mut R>,
}

impl<'a, R: CryptoRng + ?Sized> KeySigner<'a, R> {
    /// Refuses keys certkit does not sign with (P-521).
    pub fn new(key: &'a PrivateKey, rng: &'a mut R) -> Result<Self> {
        let algorithm = match &key.0 {
            Secret::Rsa(_) => RSA_SHA256,
            Secret::P256(_) => ECDSA_SHA256,
            Secret::P384(_) => ECDSA_SHA384,
            Secret::Ed25519(_) => ED25519,
            Secret::P521(_) => {
                let algorithm = "ec P-521".into();
                return Err(ErrorKind::UnsupportedKeyAlgorithm { algorithm }.into());
            }
        };
        Ok(Self {
            key,
            spki: key.public_key_spki()?,
            algorithm,
            rng: RefCell::new(rng),
        })
    }

    /// The signer's SubjectPublicKeyInfo, DER.
    pub fn spki(&self) -> &[u8] {
        &self.spki
    }

    /// The signature AlgorithmIdentifier this key signs with, DER.
    pub fn algorithm(&self) -> &'static [u8] {
        self.algorithm
    }

    /// Signs `message`: RSASSA-PKCS1-v1_5 with SHA-256, deterministic ECDSA (RFC 6979, DER
    /// `Ecdsa-Sig-Value`) with the curve's hash, or Ed25519.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>> {
        match &self.key.0 {
            Secret::Rsa(key) => {
                let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new((**key).clone());
                let mut rng = self.rng.borrow_mut();
                signer
                    .try_sign_with_rng(&mut **rng, message)
                    .map(|s| s.to_vec())
                    .map_err(|_| ErrorKind::SigningFailed.into())
            }
            // RFC 6979 signatures straight from the scalar: `ecdsa::SigningKey::from` would
            // first derive the public key, doubling the work.
            Secret::P256(key) => Ok(ecdsa_sign::<p256::NistP256, Sha256>(key, message)),
            Secret::P384(key) => Ok(ecdsa_sign::<p384::NistP384, sha2::Sha384>(key, message)),
            Secret::Ed25519(key) => Ok(key.sign(message).to_vec()),
            Secret::P521(_) => Err(ErrorKind::SigningFailed.into()),
        }
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

#[cfg(test)]
mod tests {
    use getrandom::SysRng;
    use rand_core::UnwrapErr;

    use super::*;
    use crate::der::Tlv;
    use crate::keys::{KeySpec, generate_key};
    use crate::x509::{SignatureStatus, verify_signature};

    #[test]
    fn every_key_signs_what_its_public_key_verifies() {
        let mut rng = UnwrapErr(SysRng);
        let specs = [
            KeySpec::Ecdsa {
                named_curve: "P-256".into(),
            },
            KeySpec::Ecdsa {
                named_curve: "P-384".into(),
            },
            KeySpec::Ed25519,
        ];
        for spec in specs {
            let key = generate_key(spec, &mut rng).unwrap();
            let mut rng = UnwrapErr(SysRng);
            let signer = KeySigner::new(&key, &mut rng).unwrap();
            let signature = signer.sign(b"to be signed").unwrap();
            let algorithm = Tlv::read_exact(signer.algorithm()).unwrap();
            let status = verify_signature(signer.spki(), &algorithm, b"to be signed", &signature);
            assert_eq!(status, SignatureStatus::Valid);
        }
    }
}
