//! Writing keys: PKCS#8 (plain, or encrypted with PBES2 PBKDF2-HMAC-SHA256 + AES-256-CBC),
//! PKCS#1, SEC1, SPKI, JWK. Ed25519 PKCS#8 is written as v1, which OpenSSL 3.0 and Node read.

use rand_core::CryptoRng;
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::pkcs8::EncodePrivateKey;
use serde::{Deserialize, Serialize, Serializer};
use zeroize::Zeroizing;

use super::ec_encoding::{EcWrapping, ec_private_key_der};
use super::jwk::{private_jwk, public_jwk};
use super::{Passphrase, PrivateKey, Secret, internal};
use crate::der::{self, TAG_INTEGER, TAG_OCTET_STRING, TAG_SEQUENCE};
use crate::encoding::pem_encode;
use crate::error::{Error, ErrorKind, Result};

/// PBKDF2 iterations when the caller gives none (OWASP's 2023 recommendation for SHA-256).
pub const DEFAULT_PBKDF2_ITERATIONS: u32 = 600_000;

/// How to write a private key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum PrivateKeyFormat {
    /// PEM `PRIVATE KEY` (or `ENCRYPTED PRIVATE KEY` with a passphrase).
    Pkcs8,
    /// PEM `RSA PRIVATE KEY` (RSA only).
    Pkcs1,
    /// PEM `EC PRIVATE KEY` (EC only).
    Sec1,
    /// JSON Web Key text.
    Jwk,
    /// PKCS#8 DER bytes (encrypted with a passphrase).
    Der,
}

/// How to write a public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum PublicKeyFormat {
    /// PEM `PUBLIC KEY` (SubjectPublicKeyInfo).
    Spki,
    /// PEM `RSA PUBLIC KEY` (RSA only).
    Pkcs1,
    Jwk,
    /// SubjectPublicKeyInfo DER bytes.
    Der,
}

/// `exportPrivateKey`'s options.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ExportPrivateKeyOptions {
    pub format: PrivateKeyFormat,
    /// Encrypts the key (PKCS#8 and DER only).
    #[serde(default)]
    pub passphrase: Option<Passphrase>,
    /// PBKDF2 iterations for encryption; 600,000 by default.
    #[serde(default)]
    pub iterations: Option<u32>,
}

/// Text (PEM, JSON) or bytes (DER); zeroized when dropped.
pub enum Exported {
    Text(Zeroizing<String>),
    Bytes(Zeroizing<Vec<u8>>),
}

impl Serialize for Exported {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Self::Text(text) => serializer.serialize_str(text),
            Self::Bytes(bytes) => serializer.serialize_bytes(bytes),
        }
    }
}

/// Writes a private key in the asked format.
pub fn export_private_key(
    key: &PrivateKey,
    options: &ExportPrivateKeyOptions,
    rng: &mut (impl CryptoRng + ?Sized),
) -> Result<Exported> {
    let passphrase = options.passphrase.as_ref().map(Passphrase::as_bytes);
    match (options.format, passphrase) {
        (PrivateKeyFormat::Pkcs8, None) => Ok(text(pem_encode("PRIVATE KEY", &pkcs8_der(key)?))),
        (PrivateKeyFormat::Der, None) => Ok(Exported::Bytes(pkcs8_der(key)?)),
        (PrivateKeyFormat::Pkcs8 | PrivateKeyFormat::Der, Some(passphrase)) => {
            let iterations = options.iterations.unwrap_or(DEFAULT_PBKDF2_ITERATIONS);
            let encrypted = encrypt_pkcs8(&pkcs8_der(key)?, passphrase, iterations, rng)?;
            Ok(match options.format {
                PrivateKeyFormat::Der => Exported::Bytes(encrypted),
                _ => text(pem_encode("ENCRYPTED PRIVATE KEY", &encrypted)),
            })
        }
        (_, Some(_)) => Err(ErrorKind::InvalidOptions {
            reason: "only `pkcs8` and `der` can be encrypted with a passphrase".into(),
        }
        .into()),
        (PrivateKeyFormat::Pkcs1, None) => match &key.0 {
            Secret::Rsa(rsa_key) => {
                let der = rsa_key
                    .to_pkcs1_der()
                    .map_err(|_| internal("PKCS#1 encoding"))?;
                Ok(text(pem_encode("RSA PRIVATE KEY", der.as_bytes())))
            }
            _ => Err(wrong_format("pkcs1", key)),
        },
        (PrivateKeyFormat::Sec1, None) => match &key.0 {
            Secret::P256(_) | Secret::P384(_) | Secret::P521(_) => {
                let der = ec_private_key_der(key, EcWrapping::Sec1)?;
                Ok(text(pem_encode("EC PRIVATE KEY", &der)))
            }
            Secret::Rsa(_) | Secret::Ed25519(_) => Err(wrong_format("sec1", key)),
        },
        (PrivateKeyFormat::Jwk, None) => {
            let jwk = private_jwk(key)?;
            let json = serde_json::to_string(&jwk).map_err(|_| internal("JWK encoding"))?;
            Ok(Exported::Text(Zeroizing::new(json)))
        }
    }
}

/// Writes a public key (SubjectPublicKeyInfo DER) in the asked format.
pub fn export_public_key(spki: &[u8], format: PublicKeyFormat) -> Result<Exported> {
    Ok(match format {
        PublicKeyFormat::Spki => text(pem_encode("PUBLIC KEY", spki)),
        PublicKeyFormat::Der => Exported::Bytes(Zeroizing::new(spki.to_vec())),
        PublicKeyFormat::Jwk => {
            let json =
                serde_json::to_string(&public_jwk(spki)?).map_err(|_| internal("JWK encoding"))?;
            Exported::Text(Zeroizing::new(json))
        }
        PublicKeyFormat::Pkcs1 => {
            let parts = crate::x509::spki_parts(spki)?;
            if der::oid_to_string(parts.algorithm_oid).as_deref() != Some("1.2.840.113549.1.1.1") {
                return Err(ErrorKind::FormatNotForKey {
                    format: "pkcs1".into(),
                    algorithm: "a non-RSA".into(),
                }
                .into());
            }
            text(pem_encode("RSA PUBLIC KEY", parts.key))
        }
    })
}

/// PKCS#8 v1 PrivateKeyInfo DER.
pub fn pkcs8_der(key: &PrivateKey) -> Result<Zeroizing<Vec<u8>>> {
    match &key.0 {
        Secret::Rsa(k) => {
            let document = k.to_pkcs8_der().map_err(|_| internal("PKCS#8 encoding"))?;
            Ok(Zeroizing::new(document.as_bytes().to_vec()))
        }
        Secret::Ed25519(k) => Ok(ed25519_pkcs8_v1(&k.to_bytes())),
        Secret::P256(_) | Secret::P384(_) | Secret::P521(_) => {
            ec_private_key_der(key, EcWrapping::Pkcs8)
        }
    }
}

/// RFC 8410 OneAsymmetricKey version 1, without the public key (ed25519-dalek writes v2).
fn ed25519_pkcs8_v1(seed: &[u8; 32]) -> Zeroizing<Vec<u8>> {
    let algorithm = der::encode(
        TAG_SEQUENCE,
        &der::oid_from_string("1.3.101.112").unwrap_or_default(),
    );
    let private = Zeroizing::new(der::encode(
        TAG_OCTET_STRING,
        &der::encode(TAG_OCTET_STRING, seed),
    ));
    let mut content = Zeroizing::new(der::encode(TAG_INTEGER, &[0]));
    content.extend(algorithm);
    content.extend_from_slice(&private);
    Zeroizing::new(der::encode(TAG_SEQUENCE, &content))
}

fn encrypt_pkcs8(
    plain: &[u8],
    passphrase: &[u8],
    iterations: u32,
    rng: &mut (impl CryptoRng + ?Sized),
) -> Result<Zeroizing<Vec<u8>>> {
    if passphrase.is_empty() {
        return Err(ErrorKind::InvalidOptions {
            reason: "the passphrase is empty".into(),
        }
        .into());
    }
    if iterations < 1000 {
        return Err(ErrorKind::InvalidOptions {
            reason: "use at least 1,000 PBKDF2 iterations (600,000 is the default)".into(),
        }
        .into());
    }
    let mut salt = [0u8; 16];
    let mut iv = [0u8; 16];
    rng.fill_bytes(&mut salt);
    rng.fill_bytes(&mut iv);
    let params =
        pkcs8::pkcs5::pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(iterations, &salt, iv)
            .map_err(|_| internal("PBES2 parameters"))?;
    let info =
        pkcs8::PrivateKeyInfoRef::try_from(plain).map_err(|_| internal("PKCS#8 decoding"))?;
    let document = info
        .encrypt_with_params(params, passphrase)
        .map_err(|_| internal("PKCS#8 encryption"))?;
    Ok(Zeroizing::new(document.as_bytes().to_vec()))
}

fn text(pem: String) -> Exported {
    Exported::Text(Zeroizing::new(pem))
}

#[cold]
fn wrong_format(format: &str, key: &PrivateKey) -> Error {
    ErrorKind::FormatNotForKey {
        format: format.to_owned(),
        algorithm: key.algorithm().to_owned(),
    }
    .into()
}
