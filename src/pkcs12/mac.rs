//! The PKCS#12 integrity check (RFC 7292 section 4): an HMAC over the AuthenticatedSafe with a
//! key derived from the passphrase by the RFC 7292 appendix B function. It is verified before
//! anything is decrypted: a wrong passphrase fails here, cheaply and unambiguously.

use hmac::{Hmac, KeyInit, Mac};
use rand_core::CryptoRng;
use serde::Serialize;

use super::pbe::{self, Budget, Hash, Passwords, Purpose, algorithm_parts, too_costly_or_invalid};
use crate::der::{self, TAG_INTEGER, TAG_NULL, TAG_OCTET_STRING, TAG_SEQUENCE, Tlv};
use crate::error::{ErrorKind, Result};

/// How a file's integrity is protected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct MacInfo {
    /// The hash of the HMAC: `sha1`, `sha256`, ...
    pub algorithm: String,
    pub iterations: u32,
}

/// MacData, parsed.
pub struct MacData<'a> {
    hash: Hash,
    digest: &'a [u8],
    salt: &'a [u8],
    iterations: u32,
}

impl<'a> MacData<'a> {
    /// Reads MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER
    /// DEFAULT 1 }.
    pub fn parse(tlv: &Tlv<'a>) -> Result<Self> {
        let seq = tlv.with_tag(TAG_SEQUENCE, "MacData")?;
        let mut fields = seq.children();
        let digest_info = fields
            .required("mac")?
            .with_tag(TAG_SEQUENCE, "a DigestInfo")?;
        let salt = fields
            .required("macSalt")?
            .with_tag(TAG_OCTET_STRING, "a salt OCTET STRING")?;
        let iterations = match fields.optional(TAG_INTEGER)? {
            Some(count) => der::small_uint(count.content)
                .and_then(|n| u32::try_from(n).ok())
                .filter(|&n| n >= 1)
                .ok_or_else(|| too_costly_or_invalid(count.content))?,
            None => 1,
        };
        if !fields.is_empty() {
            return Err(pbe::invalid("unexpected data after the MAC iterations"));
        }
        let mut parts = digest_info.children();
        let (oid, _) = algorithm_parts(&parts.required("digestAlgorithm")?)?;
        let digest = parts
            .required("digest")?
            .with_tag(TAG_OCTET_STRING, "a digest OCTET STRING")?;
        let hash = Hash::from_oid(&oid).ok_or_else(|| {
            let name = match oid.as_str() {
                "1.2.840.113549.1.5.14" => "a PBMAC1 integrity check".to_owned(),
                other => format!("a MAC with {}", pbe::name_of(other)),
            };
            pbe::unsupported(&name)
        })?;
        Ok(Self {
            hash,
            digest: digest.content,
            salt: salt.content,
            iterations,
        })
    }

    pub fn info(&self) -> MacInfo {
        MacInfo {
            algorithm: self.hash.name().to_owned(),
            iterations: self.iterations,
        }
    }

    /// Whether the passphrase verifies `data` (the AuthenticatedSafe's DER).
    pub fn verify(&self, data: &[u8], passwords: &Passwords, budget: &mut Budget) -> Result<bool> {
        budget.charge(u64::from(self.iterations), "the integrity check")?;
        let key = pbe::pkcs12_kdf(
            self.hash,
            &passwords.bmp,
            self.salt,
            Purpose::Mac,
            self.iterations,
            self.hash.output_len(),
        );
        Ok(match self.hash {
            Hash::Sha1 => verify_with::<Hmac<sha1::Sha1>>(&key, data, self.digest),
            Hash::Sha224 => verify_with::<Hmac<sha2::Sha224>>(&key, data, self.digest),
            Hash::Sha256 => verify_with::<Hmac<sha2::Sha256>>(&key, data, self.digest),
            Hash::Sha384 => verify_with::<Hmac<sha2::Sha384>>(&key, data, self.digest),
            Hash::Sha512 => verify_with::<Hmac<sha2::Sha512>>(&key, data, self.digest),
        })
    }
}

/// MacData (DER) for `data` with a fresh salt.
pub fn mac_data(
    hash: Hash,
    data: &[u8],
    passwords: &Passwords,
    salt_len: usize,
    iterations: u32,
    rng: &mut (impl CryptoRng + ?Sized),
) -> Result<Vec<u8>> {
    let mut salt = vec![0u8; salt_len];
    rng.fill_bytes(&mut salt);
    let key = pbe::pkcs12_kdf(
        hash,
        &passwords.bmp,
        &salt,
        Purpose::Mac,
        iterations,
        hash.output_len(),
    );
    let digest = match hash {
        Hash::Sha1 => compute::<Hmac<sha1::Sha1>>(&key, data),
        Hash::Sha256 => compute::<Hmac<sha2::Sha256>>(&key, data),
        _ => {
            return Err(ErrorKind::Internal {
                reason: "certkit writes SHA-1 and SHA-256 MACs only".into(),
            }
            .into());
        }
    };
    let mut algorithm = der::oid_from_string(hash.oid()).unwrap_or_default();
    algorithm.extend(der::encode(TAG_NULL, &[]));
    let mut digest_info = der::encode(TAG_SEQUENCE, &algorithm);
    digest_info.extend(der::encode(TAG_OCTET_STRING, &digest));
    let mut content = der::encode(TAG_SEQUENCE, &digest_info);
    content.extend(der::encode(TAG_OCTET_STRING, &salt));
    content.extend(der::encode(TAG_INTEGER, &pbe::uint_content(iterations)));
    Ok(der::encode(TAG_SEQUENCE, &content))
}

fn verify_with<M: Mac + KeyInit>(key: &[u8], data: &[u8], expected: &[u8]) -> bool {
    let Ok(mut mac) = <M as KeyInit>::new_from_slice(key) else {
        return false;
    };
    mac.update(data);
    mac.verify_slice(expected).is_ok()
}

fn compute<M: Mac + KeyInit>(key: &[u8], data: &[u8]) -> Vec<u8> {
    match <M as KeyInit>::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(data);
            mac.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(), // HMAC takes keys of any length
    }
}
