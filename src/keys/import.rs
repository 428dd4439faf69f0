//! Reading keys: PKCS#8 (plain and encrypted), PKCS#1, SEC1, SPKI, and the public key of a
//! certificate, CSR or private key.

use pkcs8::pkcs5::EncryptionScheme;
use pkcs8::pkcs5::pbes2::Kdf;
use rsa::pkcs1::DecodeRsaPrivateKey;
use zeroize::Zeroizing;

use super::jwk::{Jwk, private_key_from_jwk, spki_from_jwk};
use super::rsa_private;
use super::spki::{OID_RSA, rsa_spki};
use super::{PrivateKey, Secret};
use crate::der::{self, TAG_INTEGER, TAG_OCTET_STRING, TAG_OID, TAG_SEQUENCE, Tlv};
use crate::encoding::{Block, decode_blocks};
use crate::error::{Error, ErrorKind, Result};
use crate::object::{ObjectKind, classify};
use crate::x509::{RawCertificate, describe_spki};

const OID_EC: &str = "1.2.840.10045.2.1";
const OID_ED25519: &str = "1.3.101.112";
const OID_P256: &str = "1.2.840.10045.3.1.7";
const OID_P384: &str = "1.3.132.0.34";
const OID_P521: &str = "1.3.132.0.35";
/// Key derivation limits for encrypted PKCS#8 (see `check_key_derivation_cost`).
pub(crate) const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;
const MAX_SCRYPT_MEMORY: u128 = 64 * 1024 * 1024;
const MAX_SCRYPT_WORK: u128 = 1 << 22;

/// Reads one private key. `passphrase` decrypts an encrypted PKCS#8 key.
pub fn parse_private_key(input: &[u8], passphrase: Option<&[u8]>) -> Result<PrivateKey> {
    if let Some(jwk) = as_jwk(input)? {
        return private_key_from_jwk(&jwk);
    }
    let (_, blocks) = decode_blocks(input)?;
    let (kind, block) = single_object(&blocks)?;
    private_key_from_der(kind, &block.der, passphrase)
}

/// `private_key_spki` of the one private key in PEM text or DER.
pub fn private_key_text_spki(input: &[u8], passphrase: Option<&[u8]>) -> Result<Vec<u8>> {
    let (_, blocks) = decode_blocks(input)?;
    let (kind, block) = single_object(&blocks)?;
    private_key_spki(kind, &block.der, passphrase)
}

/// Reads a private key of a known kind from its DER.
pub fn private_key_from_der(
    kind: ObjectKind,
    der: &[u8],
    passphrase: Option<&[u8]>,
) -> Result<PrivateKey> {
    read_private_key(kind, der, passphrase)?.into_signing_key()
}

/// The SubjectPublicKeyInfo of a private key's public half, for reading (`inspect`, key
/// identifiers, PKCS#12 contents): an RSA key is checked by `rsa_private` as signing would
/// check it, without building its signing key; other keys are read as `private_key_from_der`
/// reads them.
pub fn private_key_spki(
    kind: ObjectKind,
    der: &[u8],
    passphrase: Option<&[u8]>,
) -> Result<Vec<u8>> {
    read_private_key(kind, der, passphrase)?.public_half()
}

/// A private key as read. An RSA key stays its PKCS#1 until the caller says what it needs: its
/// public half (`rsa_private`, for reading) or the rsa crate's signing key (for signing and
/// export). So the lean module, which only reads, holds no RSA signing key code.
pub(super) enum ReadKey {
    Rsa(Zeroizing<Vec<u8>>),
    Other(PrivateKey),
}

impl ReadKey {
    pub(super) fn into_signing_key(self) -> Result<PrivateKey> {
        match self {
            ReadKey::Rsa(pkcs1) => {
                let key = rsa::PrivateKey::from_pkcs1_der(&pkcs1)
                    .map_err(|_| rsa_private::inconsistent())?;
                Ok(PrivateKey::new(Secret::Rsa(Box::new(key))))
            }
            ReadKey::Other(key) => Ok(key),
        }
    }

    /// The SubjectPublicKeyInfo of the key's public half (DER).
    pub(super) fn public_half(&self) -> Result<Vec<u8>> {
        match self {
            ReadKey::Rsa(pkcs1) => rsa_private::public_key_spki(pkcs1),
            ReadKey::Other(key) => key.public_key_spki(),
        }
    }
}

fn read_private_key(kind: ObjectKind, der: &[u8], passphrase: Option<&[u8]>) -> Result<ReadKey> {
    match kind {
        ObjectKind::PrivateKey => pkcs8(der),
        ObjectKind::EncryptedPrivateKey => {
            let passphrase = passphrase.ok_or(ErrorKind::PassphraseRequired)?;
            let plain = decrypt_pkcs8(der, passphrase)?;
            pkcs8(&plain)
        }
        ObjectKind::RsaPrivateKey => Ok(ReadKey::Rsa(Zeroizing::new(der.to_vec()))),
        ObjectKind::EcPrivateKey => Ok(ReadKey::Other(sec1(der, None)?)),
        ObjectKind::PublicKey
        | ObjectKind::RsaPublicKey
        | ObjectKind::Certificate
        | ObjectKind::CertificateRequest => Err(ErrorKind::PublicKeyGiven {
            found: kind.describe().to_owned(),
        }
        .into()),
        other => Err(ErrorKind::NotAKey {
            found: other.describe().to_owned(),
        }
        .into()),
    }
}

/// The SubjectPublicKeyInfo (DER) of a public key, certificate, CSR or private key.
pub fn public_key_spki(input: &[u8]) -> Result<Vec<u8>> {
    if let Some(jwk) = as_jwk(input)? {
        return spki_from_jwk(&jwk);
    }
    let (_, blocks) = decode_blocks(input)?;
    let (kind, block) = single_object(&blocks)?;
    let spki = match kind {
        ObjectKind::PublicKey => block.der.to_vec(),
        ObjectKind::RsaPublicKey => rsa_spki(&block.der),
        ObjectKind::Certificate => {
            let der = &block.der
                [..crate::encoding::der_element_len(&block.der).unwrap_or(block.der.len())];
            RawCertificate::parse(der)?.spki.to_vec()
        }
        ObjectKind::CertificateRequest => csr_spki(&block.der)?,
        ObjectKind::EncryptedPrivateKey => return Err(ErrorKind::PassphraseRequired.into()),
        k if k.is_private_key() => private_key_spki(k, &block.der, None)?,
        other => {
            return Err(ErrorKind::NotAKey {
                found: other.describe().to_owned(),
            }
            .into());
        }
    };
    describe_spki(&spki).map_err(|e| {
        Error::new(ErrorKind::InvalidKey {
            reason: e.kind.to_string(),
        })
    })?;
    Ok(spki)
}

/// A JWK when the input is JSON text (it starts with `{`).
fn as_jwk(input: &[u8]) -> Result<Option<Jwk>> {
    let text = input.trim_ascii_start();
    if !text.starts_with(b"{") {
        return Ok(None);
    }
    // serde_json's messages can quote values, which here may be key material: say only where.
    serde_json::from_slice(text).map(Some).map_err(|e| {
        let reason = format!(
            "the JWK is not valid JSON of the expected shape (line {}, column {})",
            e.line(),
            e.column()
        );
        ErrorKind::InvalidKey { reason }.into()
    })
}

/// The one key-bearing object of the input; EC PARAMETERS blocks are skipped.
fn single_object<'b, 'a>(blocks: &'b [Block<'a>]) -> Result<(ObjectKind, &'b Block<'a>)> {
    let objects: Vec<(ObjectKind, &Block<'a>)> = blocks
        .iter()
        .map(|b| (classify(b), b))
        .filter(|(k, _)| *k != ObjectKind::EcParameters)
        .collect();
    match objects.as_slice() {
        [one] => Ok(*one),
        [] => Err(ErrorKind::NotAKey {
            found: "only EC parameters".into(),
        }
        .into()),
        many => Err(ErrorKind::MultipleObjects { count: many.len() }.into()),
    }
}

/// PrivateKeyInfo (RFC 5208): the algorithm's OID, the rest of its AlgorithmIdentifier (an EC
/// key's curve), and the private key's octets.
fn private_key_info(der: &[u8]) -> Result<(String, der::Children<'_>, &[u8])> {
    let info = Tlv::read_exact(der)
        .map_err(bad_key)?
        .with_tag(TAG_SEQUENCE, "PrivateKeyInfo")
        .map_err(bad_key)?;
    let mut fields = info.children();
    fields
        .required("version")
        .and_then(|v| v.with_tag(TAG_INTEGER, "a version"))
        .map_err(bad_key)?;
    let algorithm = fields
        .required("algorithm")
        .and_then(|a| a.with_tag(TAG_SEQUENCE, "an AlgorithmIdentifier"))
        .map_err(bad_key)?;
    let private = fields
        .required("privateKey")
        .and_then(|p| p.with_tag(TAG_OCTET_STRING, "an OCTET STRING"))
        .map_err(bad_key)?;
    let mut alg = algorithm.children();
    let oid = alg
        .required("algorithm")
        .and_then(|o| o.with_tag(TAG_OID, "an OID"))
        .map_err(bad_key)?;
    let oid = der::oid_to_string(oid.content).unwrap_or_default();
    Ok((oid, alg, private.content))
}

fn pkcs8(der: &[u8]) -> Result<ReadKey> {
    let (oid, mut alg, private) = private_key_info(der)?;
    match oid.as_str() {
        OID_RSA => Ok(ReadKey::Rsa(Zeroizing::new(private.to_vec()))),
        OID_EC => {
            let curve = alg
                .next_tlv()
                .transpose()
                .map_err(bad_key)?
                .and_then(|p| der::oid_to_string(p.content));
            Ok(ReadKey::Other(sec1(private, curve.as_deref())?))
        }
        OID_ED25519 => {
            let seed = Tlv::read_exact(private)
                .and_then(|s| s.with_tag(TAG_OCTET_STRING, "a seed"))
                .map_err(bad_key)?;
            let seed: [u8; 32] = seed
                .content
                .try_into()
                .map_err(|_| invalid_key("an Ed25519 seed is 32 bytes"))?;
            let seed = Zeroizing::new(seed);
            Ok(ReadKey::Other(PrivateKey::new(Secret::Ed25519(Box::new(
                ed25519_dalek::SigningKey::from_bytes(&seed),
            )))))
        }
        _ => Err(ErrorKind::UnsupportedKeyAlgorithm {
            algorithm: crate::x509::long_name(&oid).unwrap_or(&oid).to_owned(),
        }
        .into()),
    }
}

/// SEC1 ECPrivateKey; the curve comes from PKCS#8 or from the key's own parameters.
fn sec1(der: &[u8], outer_curve: Option<&str>) -> Result<PrivateKey> {
    let seq = Tlv::read_exact(der)
        .and_then(|s| s.with_tag(TAG_SEQUENCE, "ECPrivateKey"))
        .map_err(bad_key)?;
    let mut fields = seq.children();
    fields.required("version").map_err(bad_key)?;
    let scalar = fields
        .required("privateKey")
        .and_then(|p| p.with_tag(TAG_OCTET_STRING, "an OCTET STRING"))
        .map_err(bad_key)?;
    let inner_curve = fields
        .optional(0xa0)
        .map_err(bad_key)?
        .and_then(|params| Tlv::read_exact(params.content).ok())
        .and_then(|oid| {
            if oid.tag == TAG_OID {
                der::oid_to_string(oid.content)
            } else {
                None
            }
        });
    let curve = outer_curve
        .map(str::to_owned)
        .or(inner_curve)
        .ok_or_else(|| invalid_key("the EC key names no curve"))?;
    let bad_scalar = |_| invalid_key("the EC private key is not a valid scalar for its curve");
    let secret = match curve.as_str() {
        OID_P256 => Secret::P256(p256::SecretKey::from_slice(scalar.content).map_err(bad_scalar)?),
        OID_P384 => Secret::P384(p384::SecretKey::from_slice(scalar.content).map_err(bad_scalar)?),
        OID_P521 => Secret::P521(p521::SecretKey::from_slice(scalar.content).map_err(bad_scalar)?),
        other => {
            return Err(ErrorKind::UnsupportedCurve {
                curve: crate::x509::short_name(other).unwrap_or(other).to_owned(),
            }
            .into());
        }
    };
    Ok(PrivateKey::new(secret))
}

fn decrypt_pkcs8(der: &[u8], passphrase: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    let info = pkcs8::EncryptedPrivateKeyInfoRef::try_from(der)
        .map_err(|_| invalid_key("the encrypted private key does not decode"))?;
    check_key_derivation_cost(&info.encryption_algorithm)?;
    let document = info
        .decrypt(passphrase)
        .map_err(|_| ErrorKind::WrongPassphrase)?;
    Ok(Zeroizing::new(document.as_bytes().to_vec()))
}

/// Refuses key derivation parameters that would hang or exhaust memory before any work is done
/// (the file says how much work it takes, so a hostile one could ask for 2^32 PBKDF2 rounds or
/// a 64 GB scrypt table), and an scrypt N of 0, on which pkcs5 panics. Keys from OpenSSL, Node
/// and certkit stay far below the limits.
pub(crate) fn check_key_derivation_cost(scheme: &EncryptionScheme) -> Result<()> {
    let EncryptionScheme::Pbes2(parameters) = scheme else {
        return Ok(()); // PBES1 is refused by pkcs5 without deriving anything.
    };
    let too_costly = |cost: String, limit| ErrorKind::KeyEncryptionTooCostly { cost, limit };
    match &parameters.kdf {
        Kdf::Pbkdf2(pbkdf2) if pbkdf2.iteration_count > MAX_PBKDF2_ITERATIONS => {
            let cost = format!("{} PBKDF2 iterations", pbkdf2.iteration_count);
            Err(too_costly(cost, "at most 10,000,000 PBKDF2 iterations").into())
        }
        Kdf::Scrypt(scrypt) => {
            if !scrypt.cost_parameter.is_power_of_two() {
                return Err(invalid_key(
                    "the scrypt cost parameter N is not a power of two",
                ));
            }
            let n = u128::from(scrypt.cost_parameter);
            let r = u128::from(scrypt.block_size);
            let p = u128::from(scrypt.parallelization);
            // scrypt's tables take 128·r·(N + p) bytes and its work grows as N·r·p.
            if 128 * r * (n + p) > MAX_SCRYPT_MEMORY || n * r * p > MAX_SCRYPT_WORK {
                let cost = format!("scrypt N = {n}, r = {r}, p = {p}");
                return Err(too_costly(cost, "scrypt within 64 MiB and N·r·p up to 2^22").into());
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn csr_spki(der: &[u8]) -> Result<Vec<u8>> {
    let outer = Tlv::read_exact(der)?;
    let info = outer.children().required("certificationRequestInfo")?;
    let mut fields = info.children();
    fields.required("version")?;
    fields.required("subject")?;
    Ok(fields
        .required("subjectPKInfo")?
        .with_tag(TAG_SEQUENCE, "a SubjectPublicKeyInfo")?
        .raw
        .to_vec())
}

#[cold]
fn bad_key(error: Error) -> Error {
    invalid_key(&error.kind.to_string())
}

#[cold]
fn invalid_key(reason: &str) -> Error {
    ErrorKind::InvalidKey {
        reason: reason.to_owned(),
    }
    .into()
}

#[cfg(test)]
mod tests {
    use pkcs8::der::Encode;
    use pkcs8::der::asn1::OctetStringRef;
    use pkcs8::pkcs5::pbes2::{self, Pbkdf2Params, Pbkdf2Prf, Salt, ScryptParams};

    use super::*;

    /// An encrypted PKCS#8 key (with garbage ciphertext) whose KDF is `kdf`.
    fn encrypted_key(kdf: Kdf) -> Vec<u8> {
        let encryption = pbes2::EncryptionScheme::Aes256Cbc { iv: [7; 16] };
        let info = pkcs8::EncryptedPrivateKeyInfoRef {
            encryption_algorithm: EncryptionScheme::Pbes2(pbes2::Parameters { kdf, encryption }),
            encrypted_data: OctetStringRef::new(&[0; 48]).unwrap(),
        };
        info.to_der().unwrap()
    }

    fn pbkdf2(iteration_count: u32) -> Kdf {
        Kdf::Pbkdf2(Pbkdf2Params {
            salt: Salt::new([1; 16]).unwrap(),
            iteration_count,
            key_length: None,
            prf: Pbkdf2Prf::HmacWithSha256,
        })
    }

    fn scrypt(cost_parameter: u64, block_size: u16, parallelization: u16) -> Kdf {
        Kdf::Scrypt(ScryptParams {
            salt: Salt::new([1; 16]).unwrap(),
            cost_parameter,
            block_size,
            parallelization,
            key_length: None,
        })
    }

    fn cost_check(kdf: Kdf) -> std::result::Result<(), &'static str> {
        let der = encrypted_key(kdf);
        let info = pkcs8::EncryptedPrivateKeyInfoRef::try_from(der.as_slice()).unwrap();
        check_key_derivation_cost(&info.encryption_algorithm).map_err(|e| e.code())
    }

    #[test]
    fn encrypted_keys_asking_for_hours_or_gigabytes_are_refused_before_any_work() {
        let too_costly = Err("KEY_ENCRYPTION_TOO_COSTLY");
        assert_eq!(cost_check(pbkdf2(u32::MAX)), too_costly);
        assert_eq!(cost_check(pbkdf2(10_000_001)), too_costly);
        assert_eq!(cost_check(scrypt(1 << 23, 64, 1)), too_costly); // 64 GiB
        assert_eq!(cost_check(scrypt(1 << 17, 8, 1)), too_costly); // 128 MiB
        assert_eq!(cost_check(scrypt(1 << 15, 8, 0x7fff)), too_costly); // hours of work
        // Through the public entry point, in well under a second.
        let key = encrypted_key(pbkdf2(u32::MAX));
        let error = private_key_from_der(ObjectKind::EncryptedPrivateKey, &key, Some(b"x"));
        assert_eq!(
            error.err().map(|e| e.code()),
            Some("KEY_ENCRYPTION_TOO_COSTLY")
        );
    }

    #[test]
    fn an_scrypt_cost_of_zero_is_an_error_not_a_panic() {
        // pkcs5 takes log2(N) with `expect` and panics on N = 0.
        let key = encrypted_key(scrypt(0, 8, 1));
        let error = private_key_from_der(ObjectKind::EncryptedPrivateKey, &key, Some(b"x"));
        assert_eq!(error.err().map(|e| e.code()), Some("INVALID_KEY"));
        assert_eq!(cost_check(scrypt(3 << 10, 8, 1)), Err("INVALID_KEY"));
    }

    #[test]
    fn ordinary_key_derivation_settings_pass_the_cost_check() {
        for kdf in [
            pbkdf2(1),
            pbkdf2(2048),                                    // OpenSSL's default
            pbkdf2(super::super::DEFAULT_PBKDF2_ITERATIONS), // certkit's default
            pbkdf2(MAX_PBKDF2_ITERATIONS),
            scrypt(1 << 14, 8, 1), // OpenSSL's and pkcs5's default
            scrypt(1 << 15, 8, 1), // 32 MiB, Node's and OpenSSL's memory cap
            scrypt(1 << 15, 8, 16),
        ] {
            assert_eq!(cost_check(kdf), Ok(()));
        }
    }
}
