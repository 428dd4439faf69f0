//! What a signature AlgorithmIdentifier names and what a signer's SubjectPublicKeyInfo holds,
//! decoded once so that verification is a plain match.

use crate::der::{self, TAG_INTEGER, TAG_OID, TAG_SEQUENCE, Tlv};
pub use crate::digest::Hash;
use crate::x509::oid;
use crate::x509::public_key::{OID_EC, OID_ED448, OID_ED25519, OID_RSA, OID_RSA_PSS, spki_parts};

const OID_DSA: &str = "1.2.840.10040.4.1";
const OID_MGF1: &str = "1.2.840.113549.1.1.8";

/// A signature algorithm certkit can verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureScheme {
    RsaPkcs1(Hash),
    /// RSASSA-PSS with MGF1 over the same hash and this salt length.
    RsaPss {
        hash: Hash,
        salt: usize,
    },
    Ecdsa(Hash),
    Ed25519,
    Ed448,
    Dsa(Hash),
}

impl SignatureScheme {
    /// The digest it signs, if it has one of its own (EdDSA hashes internally).
    pub fn hash(self) -> Option<Hash> {
        match self {
            Self::RsaPkcs1(hash)
            | Self::RsaPss { hash, .. }
            | Self::Ecdsa(hash)
            | Self::Dsa(hash) => Some(hash),
            Self::Ed25519 | Self::Ed448 => None,
        }
    }
}

/// The scheme an AlgorithmIdentifier names; `None` for one certkit cannot verify (MD5, unknown
/// OIDs, PSS with a mask other than MGF1 over the same hash).
pub fn signature_scheme(algorithm: &Tlv<'_>) -> Option<SignatureScheme> {
    let mut parts = algorithm.children();
    let oid = parts.next()?.ok()?.with_tag(TAG_OID, "OID").ok()?;
    let params = parts.next().and_then(Result::ok);
    use SignatureScheme as S;
    Some(match &*oid::read(oid.content)?.0 {
        "1.2.840.113549.1.1.5" => S::RsaPkcs1(Hash::Sha1),
        "1.2.840.113549.1.1.14" => S::RsaPkcs1(Hash::Sha224),
        "1.2.840.113549.1.1.11" => S::RsaPkcs1(Hash::Sha256),
        "1.2.840.113549.1.1.12" => S::RsaPkcs1(Hash::Sha384),
        "1.2.840.113549.1.1.13" => S::RsaPkcs1(Hash::Sha512),
        "1.2.840.113549.1.1.10" => {
            let (hash, salt) = pss_params(params)?;
            S::RsaPss { hash, salt }
        }
        "1.2.840.10045.4.1" => S::Ecdsa(Hash::Sha1),
        "1.2.840.10045.4.3.1" => S::Ecdsa(Hash::Sha224),
        "1.2.840.10045.4.3.2" => S::Ecdsa(Hash::Sha256),
        "1.2.840.10045.4.3.3" => S::Ecdsa(Hash::Sha384),
        "1.2.840.10045.4.3.4" => S::Ecdsa(Hash::Sha512),
        "1.3.101.112" => S::Ed25519,
        "1.3.101.113" => S::Ed448,
        "1.2.840.10040.4.3" => S::Dsa(Hash::Sha1),
        "2.16.840.1.101.3.4.3.1" => S::Dsa(Hash::Sha224),
        "2.16.840.1.101.3.4.3.2" => S::Dsa(Hash::Sha256),
        "2.16.840.1.101.3.4.3.3" => S::Dsa(Hash::Sha384),
        "2.16.840.1.101.3.4.3.4" => S::Dsa(Hash::Sha512),
        _ => return None,
    })
}

/// A named elliptic curve certkit can verify on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Curve {
    P256,
    P384,
    P521,
    Secp256k1,
}

/// The signer's public key, as the verifiers take it.
#[derive(Debug, Clone, Copy)]
pub enum SignerKey<'a> {
    /// PKCS#1 RSAPublicKey.
    Rsa(&'a [u8]),
    /// An id-RSASSA-PSS key (PKCS#1 RSAPublicKey): usable only for PSS.
    RsaPss(&'a [u8]),
    /// The SEC1 point.
    Ec {
        curve: Curve,
        point: &'a [u8],
    },
    /// An EC key on a curve certkit does not verify on (explicit parameters, P-192, ...).
    UnsupportedCurve,
    Ed25519(&'a [u8]),
    Ed448(&'a [u8]),
    /// Dss-Parms (absent when inherited from the issuer) and the INTEGER y.
    Dsa {
        parameters: Option<Tlv<'a>>,
        key: &'a [u8],
    },
    Other,
}

/// Decodes a SubjectPublicKeyInfo; `Err` when it is malformed.
pub fn signer_key(spki: &[u8]) -> Result<SignerKey<'_>, ()> {
    let parts = spki_parts(spki).map_err(|_| ())?;
    let (oid, _) = oid::read(parts.algorithm_oid).ok_or(())?;
    Ok(match &*oid {
        OID_RSA => SignerKey::Rsa(parts.key),
        OID_RSA_PSS => SignerKey::RsaPss(parts.key),
        OID_EC => {
            let curve = parts
                .parameters
                .filter(|p| p.tag == TAG_OID)
                .and_then(|p| oid::read(p.content))
                .map(|(dotted, _)| dotted);
            match curve.as_deref() {
                Some("1.2.840.10045.3.1.7") => SignerKey::Ec {
                    curve: Curve::P256,
                    point: parts.key,
                },
                Some("1.3.132.0.34") => SignerKey::Ec {
                    curve: Curve::P384,
                    point: parts.key,
                },
                Some("1.3.132.0.35") => SignerKey::Ec {
                    curve: Curve::P521,
                    point: parts.key,
                },
                Some("1.3.132.0.10") => SignerKey::Ec {
                    curve: Curve::Secp256k1,
                    point: parts.key,
                },
                _ => SignerKey::UnsupportedCurve,
            }
        }
        OID_ED25519 => SignerKey::Ed25519(parts.key),
        OID_ED448 => SignerKey::Ed448(parts.key),
        OID_DSA => SignerKey::Dsa {
            parameters: parts.parameters.filter(|p| p.tag == TAG_SEQUENCE),
            key: parts.key,
        },
        _ => SignerKey::Other,
    })
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
                if der::oid_to_string(mgf.content)? != OID_MGF1 {
                    return None;
                }
                mgf_hash = hash_of_algorithm(&parts.next()?.ok()?)?;
            }
            0xa2 => {
                let value = inner.with_tag(TAG_INTEGER, "INTEGER").ok()?;
                salt = usize::try_from(der::small_uint(value.content)?).ok()?;
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
    Hash::from_oid(&oid::read(oid.content)?.0)
}
