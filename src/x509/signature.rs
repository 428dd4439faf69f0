//! Signature verification in pure Rust (RustCrypto): RSA PKCS#1 v1.5 and PSS, ECDSA P-256 /
//! P-384 / P-521, Ed25519. An algorithm certkit cannot check is `Unsupported`, never `Invalid`.

use rsa::BoxedUint;
use rsa::signature::Verifier;
use rsa::signature::hazmat::PrehashVerifier;
use serde::Serialize;
use sha1::Sha1;
use sha2::digest::{Digest, FixedOutputReset};
use sha2::{Sha224, Sha256, Sha384, Sha512};

use super::public_key::{OID_EC, OID_ED25519, OID_RSA, OID_RSA_PSS, spki_parts};
use crate::der::{self, TAG_INTEGER, TAG_OID, TAG_SEQUENCE, Tlv};

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hash {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

/// Verifies `signature` over `message` with the signer's SubjectPublicKeyInfo and the
/// AlgorithmIdentifier that names the signature algorithm.
pub fn verify_signature(
    spki: &[u8],
    algorithm: &Tlv<'_>,
    message: &[u8],
    signature: &[u8],
) -> SignatureStatus {
    let Some((oid, params)) = algorithm_parts(algorithm) else {
        return SignatureStatus::Invalid;
    };
    let Ok(key) = spki_parts(spki) else {
        return SignatureStatus::Invalid;
    };
    let key_oid = der::oid_to_string(key.algorithm_oid).unwrap_or_default();
    let curve = key
        .parameters
        .filter(|p| p.tag == TAG_OID)
        .and_then(|p| der::oid_to_string(p.content));
    let ok = |valid: bool| {
        if valid {
            SignatureStatus::Valid
        } else {
            SignatureStatus::Invalid
        }
    };
    match oid.as_str() {
        "1.2.840.113549.1.1.5"
        | "1.2.840.113549.1.1.14"
        | "1.2.840.113549.1.1.11"
        | "1.2.840.113549.1.1.12"
        | "1.2.840.113549.1.1.13" => {
            if key_oid != OID_RSA {
                return SignatureStatus::Invalid;
            }
            let Some(hash) = rsa_pkcs1_hash(&oid) else {
                return SignatureStatus::Unsupported;
            };
            ok(rsa_pkcs1(key.key, hash, message, signature))
        }
        "1.2.840.113549.1.1.10" => {
            if key_oid != OID_RSA && key_oid != OID_RSA_PSS {
                return SignatureStatus::Invalid;
            }
            match pss_params(params) {
                Some((hash, salt)) => ok(rsa_pss(key.key, hash, salt, message, signature)),
                None => SignatureStatus::Unsupported,
            }
        }
        "1.2.840.10045.4.1"
        | "1.2.840.10045.4.3.1"
        | "1.2.840.10045.4.3.2"
        | "1.2.840.10045.4.3.3"
        | "1.2.840.10045.4.3.4" => {
            if key_oid != OID_EC {
                return SignatureStatus::Invalid;
            }
            let digest = hash_bytes(ecdsa_hash(&oid), message);
            match curve.as_deref() {
                Some("1.2.840.10045.3.1.7") => {
                    ok(p256_verify(key.key, &pad_prehash(digest, 16), signature))
                }
                Some("1.3.132.0.34") => {
                    ok(p384_verify(key.key, &pad_prehash(digest, 24), signature))
                }
                Some("1.3.132.0.35") => {
                    ok(p521_verify(key.key, &pad_prehash(digest, 33), signature))
                }
                _ => SignatureStatus::Unsupported,
            }
        }
        "1.3.101.112" => {
            if key_oid != OID_ED25519 {
                return SignatureStatus::Invalid;
            }
            ok(ed25519_verify(key.key, message, signature))
        }
        _ => SignatureStatus::Unsupported,
    }
}

fn algorithm_parts<'a>(algorithm: &Tlv<'a>) -> Option<(String, Option<Tlv<'a>>)> {
    let mut parts = algorithm.children();
    let oid = parts.next()?.ok()?.with_tag(TAG_OID, "OID").ok()?;
    let params = parts.next().and_then(Result::ok);
    Some((der::oid_to_string(oid.content)?, params))
}

fn rsa_pkcs1_hash(oid: &str) -> Option<Hash> {
    Some(match oid {
        "1.2.840.113549.1.1.5" => Hash::Sha1,
        "1.2.840.113549.1.1.14" => Hash::Sha224,
        "1.2.840.113549.1.1.11" => Hash::Sha256,
        "1.2.840.113549.1.1.12" => Hash::Sha384,
        "1.2.840.113549.1.1.13" => Hash::Sha512,
        _ => return None,
    })
}

fn ecdsa_hash(oid: &str) -> Hash {
    match oid {
        "1.2.840.10045.4.3.1" => Hash::Sha224,
        "1.2.840.10045.4.3.2" => Hash::Sha256,
        "1.2.840.10045.4.3.3" => Hash::Sha384,
        "1.2.840.10045.4.3.4" => Hash::Sha512,
        _ => Hash::Sha1,
    }
}

fn hash_from_oid(oid: &str) -> Option<Hash> {
    Some(match oid {
        "1.3.14.3.2.26" => Hash::Sha1,
        "2.16.840.1.101.3.4.2.4" => Hash::Sha224,
        "2.16.840.1.101.3.4.2.1" => Hash::Sha256,
        "2.16.840.1.101.3.4.2.2" => Hash::Sha384,
        "2.16.840.1.101.3.4.2.3" => Hash::Sha512,
        _ => return None,
    })
}

fn hash_bytes(hash: Hash, message: &[u8]) -> Vec<u8> {
    match hash {
        Hash::Sha1 => Sha1::digest(message).to_vec(),
        Hash::Sha224 => Sha224::digest(message).to_vec(),
        Hash::Sha256 => Sha256::digest(message).to_vec(),
        Hash::Sha384 => Sha384::digest(message).to_vec(),
        Hash::Sha512 => Sha512::digest(message).to_vec(),
    }
}

/// The ecdsa crate refuses a digest shorter than half the field; ECDSA itself uses a short
/// digest as the integer it is, which leading zero bytes leave unchanged.
fn pad_prehash(digest: Vec<u8>, min_len: usize) -> Vec<u8> {
    if digest.len() >= min_len {
        return digest;
    }
    let mut padded = vec![0u8; min_len - digest.len()];
    padded.extend(digest);
    padded
}

/// RSASSA-PSS-params: the hash (MGF1 must use the same one) and the salt length.
fn pss_params(params: Option<Tlv<'_>>) -> Option<(Hash, usize)> {
    let mut hash = Hash::Sha1;
    let mut mgf_hash = Hash::Sha1;
    let mut salt = 20usize;
    let Some(params) = params.filter(|p| p.tag == TAG_SEQUENCE) else {
        return Some((hash, salt));
    };
    for field in params.children() {
        let field = field.ok()?;
        let inner = Tlv::read_exact(field.content).ok()?;
        match field.tag {
            0xa0 => hash = hash_of_algorithm(&inner)?,
            0xa1 => {
                // MGF1 whose parameter is the hash AlgorithmIdentifier.
                let mut parts = inner.children();
                let mgf = parts.next()?.ok()?;
                if der::oid_to_string(mgf.content)? != "1.2.840.113549.1.1.8" {
                    return None;
                }
                mgf_hash = hash_of_algorithm(&parts.next()?.ok()?)?;
            }
            0xa2 => {
                salt = usize::try_from(der::small_uint(
                    inner.with_tag(TAG_INTEGER, "INTEGER").ok()?.content,
                )?)
                .ok()?
            }
            0xa3 => {
                if der::small_uint(inner.content)? != 1 {
                    return None;
                }
            }
            _ => return None,
        }
    }
    (hash == mgf_hash).then_some((hash, salt))
}

fn hash_of_algorithm(algorithm: &Tlv<'_>) -> Option<Hash> {
    let oid = algorithm.children().next()?.ok()?;
    hash_from_oid(&der::oid_to_string(oid.content)?)
}

/// An RSA public key from PKCS#1 RSAPublicKey bytes, accepting 512 to 16384 bits so that
/// old and very large keys can still be checked.
pub fn rsa_public_key(pkcs1: &[u8]) -> Option<rsa::PublicKey> {
    let seq = Tlv::read_exact(pkcs1)
        .ok()?
        .with_tag(TAG_SEQUENCE, "RSAPublicKey")
        .ok()?;
    let mut parts = seq.children();
    let n = parts.next()?.ok()?.with_tag(TAG_INTEGER, "modulus").ok()?;
    let e = parts.next()?.ok()?.with_tag(TAG_INTEGER, "exponent").ok()?;
    let (n_negative, n) = der::integer_magnitude(n.content);
    let (e_negative, e) = der::integer_magnitude(e.content);
    if n_negative || e_negative || n.is_empty() || e.is_empty() {
        return None;
    }
    let n = BoxedUint::from_be_slice_vartime(&n);
    let e = BoxedUint::from_be_slice_vartime(&e);
    rsa::PublicKey::new_with_size_limits(n, e, 512..=16384).ok()
}

fn rsa_pkcs1(key: &[u8], hash: Hash, message: &[u8], signature: &[u8]) -> bool {
    fn check<D>(key: rsa::PublicKey, message: &[u8], signature: &[u8]) -> bool
    where
        D: Digest + FixedOutputReset + rsa::pkcs8::der::oid::AssociatedOid,
    {
        let Ok(signature) = rsa::pkcs1v15::Signature::try_from(signature) else {
            return false;
        };
        rsa::pkcs1v15::VerifyingKey::<D>::new(key)
            .verify(message, &signature)
            .is_ok()
    }
    let Some(key) = rsa_public_key(key) else {
        return false;
    };
    match hash {
        Hash::Sha1 => check::<Sha1>(key, message, signature),
        Hash::Sha224 => check::<Sha224>(key, message, signature),
        Hash::Sha256 => check::<Sha256>(key, message, signature),
        Hash::Sha384 => check::<Sha384>(key, message, signature),
        Hash::Sha512 => check::<Sha512>(key, message, signature),
    }
}

fn rsa_pss(key: &[u8], hash: Hash, salt: usize, message: &[u8], signature: &[u8]) -> bool {
    fn check<D: Digest + FixedOutputReset>(
        key: rsa::PublicKey,
        salt: usize,
        message: &[u8],
        signature: &[u8],
    ) -> bool {
        let Ok(signature) = rsa::pss::Signature::try_from(signature) else {
            return false;
        };
        rsa::pss::VerifyingKey::<D>::new_with_salt_len(key, salt)
            .verify(message, &signature)
            .is_ok()
    }
    let Some(key) = rsa_public_key(key) else {
        return false;
    };
    match hash {
        Hash::Sha1 => check::<Sha1>(key, salt, message, signature),
        Hash::Sha224 => check::<Sha224>(key, salt, message, signature),
        Hash::Sha256 => check::<Sha256>(key, salt, message, signature),
        Hash::Sha384 => check::<Sha384>(key, salt, message, signature),
        Hash::Sha512 => check::<Sha512>(key, salt, message, signature),
    }
}

fn p256_verify(point: &[u8], digest: &[u8], signature: &[u8]) -> bool {
    let Ok(key) = p256::ecdsa::VerifyingKey::from_sec1_bytes(point) else {
        return false;
    };
    let Ok(sig) = p256::ecdsa::Signature::from_der(signature) else {
        return false;
    };
    key.verify_prehash(digest, &sig).is_ok()
}

fn p384_verify(point: &[u8], digest: &[u8], signature: &[u8]) -> bool {
    let Ok(key) = p384::ecdsa::VerifyingKey::from_sec1_bytes(point) else {
        return false;
    };
    let Ok(sig) = p384::ecdsa::Signature::from_der(signature) else {
        return false;
    };
    key.verify_prehash(digest, &sig).is_ok()
}

fn p521_verify(point: &[u8], digest: &[u8], signature: &[u8]) -> bool {
    let Ok(key) = p521::ecdsa::VerifyingKey::from_sec1_bytes(point) else {
        return false;
    };
    let Ok(sig) = p521::ecdsa::Signature::from_der(signature) else {
        return false;
    };
    key.verify_prehash(digest, &sig).is_ok()
}

fn ed25519_verify(key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    let Ok(key_bytes) = <[u8; 32]>::try_from(key) else {
        return false;
    };
    let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(&key_bytes) else {
        return false;
    };
    let Ok(sig) = ed25519_dalek::Signature::from_slice(signature) else {
        return false;
    };
    key.verify(message, &sig).is_ok()
}
