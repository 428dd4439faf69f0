//! Keys: import from every common format, the public key of anything that has one, and (with
//! `generate`, `export`, `sign`) making and using keys.
//!
//! Private key material lives only inside [`PrivateKey`], whose parts zeroize on drop, and
//! never appears in errors or `Debug` output.

mod export;
mod generate;
mod import;
mod jwk;
mod pair;
mod sign;

pub use export::{
    DEFAULT_PBKDF2_ITERATIONS, ExportPrivateKeyOptions, Exported, PrivateKeyFormat,
    PublicKeyFormat, export_private_key, export_public_key, pkcs8_der,
};
pub use generate::{KeySpec, RsaGenerator, generate_key};
pub use import::{parse_private_key, private_key_from_der, public_key_spki, rsa_spki};
pub use jwk::{Jwk, private_jwk, public_jwk};
pub use pair::{KeyPair, key_pair};
pub use sign::{KeySigner, PublicKeyOnly};

use std::fmt;

/// A passphrase from an options object, zeroized when dropped.
#[derive(Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(transparent)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(type = "string"))]
pub struct Passphrase(zeroize::Zeroizing<String>);

impl Passphrase {
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(redacted)")
    }
}

/// A private key of an algorithm certkit can use.
pub struct PrivateKey(pub(crate) Secret);

/// The key material itself. Each type zeroizes its memory when dropped.
pub(crate) enum Secret {
    Rsa(Box<rsa::PrivateKey>),
    P256(p256::SecretKey),
    P384(p384::SecretKey),
    P521(p521::SecretKey),
    Ed25519(Box<ed25519_dalek::SigningKey>),
}

impl PrivateKey {
    /// `RSA`, `ECDSA` or `Ed25519`, as WebCrypto names them.
    pub fn algorithm(&self) -> &'static str {
        match &self.0 {
            Secret::Rsa(_) => "RSA",
            Secret::P256(_) | Secret::P384(_) | Secret::P521(_) => "ECDSA",
            Secret::Ed25519(_) => "Ed25519",
        }
    }

    /// The SubjectPublicKeyInfo of the matching public key, DER.
    pub fn public_key_spki(&self) -> crate::Result<Vec<u8>> {
        use rsa::pkcs8::EncodePublicKey;
        let der = match &self.0 {
            Secret::Rsa(key) => key.to_public_key().to_public_key_der(),
            Secret::P256(key) => key.public_key().to_public_key_der(),
            Secret::P384(key) => key.public_key().to_public_key_der(),
            Secret::P521(key) => key.public_key().to_public_key_der(),
            Secret::Ed25519(key) => key.verifying_key().to_public_key_der(),
        };
        der.map(|d| d.into_vec()).map_err(|e| {
            crate::ErrorKind::Internal {
                reason: format!("encoding a public key: {e}"),
            }
            .into()
        })
    }
}

impl fmt::Debug for PrivateKey {
    /// Names the algorithm only: key material never reaches logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PrivateKey({}, redacted)", self.algorithm())
    }
}
