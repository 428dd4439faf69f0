//! A key pair in every form a user needs at once, as `generateKeyPair` returns it.

use serde::Serialize;
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::export::pkcs8_der;
use super::jwk::{Jwk, private_jwk, public_jwk};
use super::{PrivateKey, Secret};
use crate::encoding::pem_encode;
use crate::error::Result;
use crate::x509::{KeyIdMethod, describe_spki, key_identifier};

/// A private key with its public half. Private members are zeroized when dropped.
#[derive(Clone, PartialEq, Eq, Serialize, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct KeyPair {
    /// `RSA`, `ECDSA` or `Ed25519`, as WebCrypto names them.
    pub algorithm: String,
    /// `P-256`, `P-384` or `P-521` for ECDSA.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub named_curve: Option<String>,
    /// Modulus size in bits for RSA.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modulus_length: Option<u32>,
    /// PKCS#8 PEM.
    pub private_key_pem: String,
    /// SubjectPublicKeyInfo PEM.
    pub public_key_pem: String,
    pub public_key_jwk: Jwk,
    pub private_key_jwk: Jwk,
    /// RFC 5280 method 1 key identifier, hex (what `subjectKeyIdentifier = hash` gives).
    pub subject_key_identifier: String,
}

/// The public half only; the private key is shown as `redacted`.
impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyPair")
            .field("algorithm", &self.algorithm)
            .field("named_curve", &self.named_curve)
            .field("modulus_length", &self.modulus_length)
            .field("private_key_pem", &"redacted")
            .field("public_key_pem", &self.public_key_pem)
            .field("public_key_jwk", &self.public_key_jwk)
            .field("private_key_jwk", &"redacted")
            .field("subject_key_identifier", &self.subject_key_identifier)
            .finish()
    }
}

/// Every form of a private key and its public key.
pub fn key_pair(key: &PrivateKey) -> Result<KeyPair> {
    let spki = key.public_key_spki()?;
    let info = describe_spki(&spki)?;
    let (named_curve, modulus_length) = match &key.0 {
        Secret::Rsa(_) => (None, info.bits),
        _ => (info.curve.map(std::borrow::Cow::into_owned), None),
    };
    Ok(KeyPair {
        algorithm: key.algorithm().to_owned(),
        named_curve,
        modulus_length,
        private_key_pem: pem_encode("PRIVATE KEY", &pkcs8_der(key)?),
        public_key_pem: pem_encode("PUBLIC KEY", &spki),
        public_key_jwk: public_jwk(&spki)?,
        private_key_jwk: private_jwk(key)?,
        subject_key_identifier: hex::encode(key_identifier(&spki, KeyIdMethod::Rfc5280Sha1)?),
    })
}
