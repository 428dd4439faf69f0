//! Signature verification in pure Rust (RustCrypto): RSA PKCS#1 v1.5 and PSS, ECDSA on P-256,
//! P-384, P-521 and secp256k1, Ed25519, Ed448 and DSA. An algorithm certkit cannot check is
//! `Unsupported`, never `Invalid`; whether a checked algorithm is strong enough to trust is the
//! chain policy's question, not this module's.

mod dsa;
mod ecdsa;
mod edwards;
pub mod memo;
mod rsa;
mod scheme;
mod secp256k1;
mod sig_value;

use serde::Serialize;

pub use self::rsa::rsa_public_key;
pub use scheme::{Curve, Hash, SignatureScheme, SignerKey, signature_scheme, signer_key};

use crate::der::Tlv;

/// The outcome of checking a signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum SignatureStatus {
    Valid,
    Invalid,
    /// certkit cannot check this algorithm (or this key and algorithm together).
    Unsupported,
}

impl SignatureStatus {
    fn from_valid(valid: bool) -> Self {
        if valid { Self::Valid } else { Self::Invalid }
    }
}

/// Verifies `signature` over `message` with the signer's SubjectPublicKeyInfo and the
/// AlgorithmIdentifier that names the signature algorithm.
pub fn verify_signature(
    spki: &[u8],
    algorithm: &Tlv<'_>,
    message: &[u8],
    signature: &[u8],
) -> SignatureStatus {
    let Some(scheme) = signature_scheme(algorithm) else {
        return SignatureStatus::Unsupported;
    };
    match signer_key(spki) {
        Ok(key) => verify_with(scheme, &key, message, signature),
        Err(()) => SignatureStatus::Invalid,
    }
}

/// Verifies with a scheme and key already decoded. A key of another family than the scheme
/// is `Invalid` (the signature cannot be one by that key); a key certkit cannot use is
/// `Unsupported`.
pub fn verify_with(
    scheme: SignatureScheme,
    key: &SignerKey<'_>,
    message: &[u8],
    signature: &[u8],
) -> SignatureStatus {
    use SignatureScheme as S;
    use SignerKey as K;
    match (scheme, key) {
        (S::RsaPkcs1(hash), K::Rsa(key)) => {
            SignatureStatus::from_valid(rsa::verify_pkcs1(key, hash, message, signature))
        }
        (S::RsaPss { hash, salt }, K::Rsa(key) | K::RsaPss(key)) => {
            SignatureStatus::from_valid(rsa::verify_pss(key, hash, salt, message, signature))
        }
        (S::Ecdsa(hash), K::Ec { curve, point }) => {
            let digest = hash.digest(message);
            SignatureStatus::from_valid(ecdsa::verify(*curve, point, &digest, signature))
        }
        (S::Ecdsa(_), K::UnsupportedCurve) => SignatureStatus::Unsupported,
        (S::Ed25519, K::Ed25519(key)) => {
            SignatureStatus::from_valid(edwards::verify_ed25519(key, message, signature))
        }
        (S::Ed448, K::Ed448(key)) => {
            SignatureStatus::from_valid(edwards::verify_ed448(key, message, signature))
        }
        (S::Dsa(hash), K::Dsa { parameters, key }) => {
            let Some(parameters) = parameters else {
                // Parameters inherited from the issuer (RFC 3279 §2.3.2): not supported.
                return SignatureStatus::Unsupported;
            };
            let digest = hash.digest(message);
            dsa::verify(parameters, key, &digest, signature)
        }
        (_, K::Other) => SignatureStatus::Unsupported,
        _ => SignatureStatus::Invalid,
    }
}
