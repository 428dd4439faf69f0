//! Password-based encryption inside PKCS#12 files: PBES2 through `pkcs5` (the code encrypted
//! PKCS#8 uses), and the RFC 7292 PBE schemes (its appendix B key derivation, from the
//! `pkcs12` crate, with 3DES or RC2 in CBC mode). Every key derivation is charged to a budget
//! before it runs, so a hostile file cannot ask for hours of work.
//!
//! PBES2 is in `pbes2.rs`, the RFC 7292 ciphers in `legacy.rs`; the key derivation of RFC 7292
//! (also the MAC's), the budget and the AlgorithmIdentifier helpers are here.

mod legacy;
mod pbes2;

use zeroize::Zeroizing;

use crate::der::{self, TAG_SEQUENCE, Tlv};
use crate::error::{Error, ErrorKind, Result};
use crate::keys::MAX_PBKDF2_ITERATIONS;
use legacy::{Cipher, cbc_decrypt, legacy_params};
use pbes2::{decrypt_pbes2, describe_pbes2};

pub use crate::digest::Hash;
pub use legacy::encrypt_3des;
pub use pbes2::encrypt_pbes2;

pub const OID_PBES2: &str = "1.2.840.113549.1.5.13";
pub const OID_PBE_SHA1_3DES: &str = "1.2.840.113549.1.12.1.3";
const OID_PBE_SHA1_2DES: &str = "1.2.840.113549.1.12.1.4";
const OID_PBE_SHA1_RC2_128: &str = "1.2.840.113549.1.12.1.5";
const OID_PBE_SHA1_RC2_40: &str = "1.2.840.113549.1.12.1.6";

/// The passphrase in the two forms PKCS#12 uses: UTF-8 bytes for PBES2 (as OpenSSL and Java
/// pass it to PBKDF2), and a NUL-terminated UTF-16BE BMPString for the RFC 7292 derivation.
pub struct Passwords {
    pub utf8: Zeroizing<Vec<u8>>,
    pub bmp: Zeroizing<Vec<u8>>,
}

impl Passwords {
    pub fn new(passphrase: &str) -> Self {
        let mut bmp = Zeroizing::new(Vec::with_capacity(passphrase.len() * 2 + 2));
        for unit in passphrase.encode_utf16() {
            bmp.extend_from_slice(&unit.to_be_bytes());
        }
        bmp.extend_from_slice(&[0, 0]);
        Self {
            utf8: Zeroizing::new(passphrase.as_bytes().to_vec()),
            bmp,
        }
    }

    /// The empty passphrase as some writers encode it: no bytes at all, not even the NUL.
    pub fn absent() -> Self {
        Self {
            utf8: Zeroizing::new(Vec::new()),
            bmp: Zeroizing::new(Vec::new()),
        }
    }
}

/// Key derivation work allowed for one file, in PBKDF2 or RFC 7292 iterations: as much as one
/// encrypted PKCS#8 key may ask for.
pub struct Budget {
    left: u64,
}

impl Default for Budget {
    fn default() -> Self {
        Self {
            left: u64::from(MAX_PBKDF2_ITERATIONS),
        }
    }
}

impl Budget {
    pub fn charge(&mut self, iterations: u64, what: &str) -> Result<()> {
        match self.left.checked_sub(iterations) {
            Some(left) => {
                self.left = left;
                Ok(())
            }
            None => Err(ErrorKind::KeyEncryptionTooCostly {
                cost: format!(
                    "{iterations} iterations for {what}, beyond what the file's other parts used"
                ),
                limit: "at most 10,000,000 key derivation iterations per file",
            }
            .into()),
        }
    }
}

/// Purposes of the RFC 7292 derivation (its "ID" byte).
#[derive(Debug, Clone, Copy)]
pub enum Purpose {
    Key,
    Iv,
    Mac,
}

/// RFC 7292 appendix B: `len` bytes for `purpose` from the BMPString password and the salt.
pub fn pkcs12_kdf(
    hash: Hash,
    bmp_password: &[u8],
    salt: &[u8],
    purpose: Purpose,
    iterations: u32,
    len: usize,
) -> Zeroizing<Vec<u8>> {
    use pkcs12::kdf::{Pkcs12KeyType, derive_key};
    let id = match purpose {
        Purpose::Key => Pkcs12KeyType::EncryptionKey,
        Purpose::Iv => Pkcs12KeyType::Iv,
        Purpose::Mac => Pkcs12KeyType::Mac,
    };
    // Callers check the count against the budget, far below i32::MAX.
    let rounds = i32::try_from(iterations).unwrap_or(i32::MAX);
    Zeroizing::new(match hash {
        Hash::Sha1 => derive_key::<sha1::Sha1>(bmp_password, salt, id, rounds, len),
        Hash::Sha224 => derive_key::<sha2::Sha224>(bmp_password, salt, id, rounds, len),
        Hash::Sha256 => derive_key::<sha2::Sha256>(bmp_password, salt, id, rounds, len),
        Hash::Sha384 => derive_key::<sha2::Sha384>(bmp_password, salt, id, rounds, len),
        Hash::Sha512 => derive_key::<sha2::Sha512>(bmp_password, salt, id, rounds, len),
    })
}

/// A readable name of an encryption AlgorithmIdentifier, such as
/// `PBES2 (PBKDF2 hmacWithSHA256, aes-256-cbc), 2048 iterations`.
pub fn describe(algorithm: &Tlv<'_>) -> String {
    let Ok((oid, params)) = algorithm_parts(algorithm) else {
        return "an unreadable algorithm".into();
    };
    if oid == OID_PBES2 {
        return describe_pbes2(params);
    }
    let iterations = params
        .and_then(|p| legacy_params(&p).ok())
        .map(|(_, n)| format!(", {n} iterations"))
        .unwrap_or_default();
    format!("{}{iterations}", name_of(&oid))
}

/// Decrypts `ciphertext` with the scheme `algorithm` names. Wrong passphrases and corrupt data
/// are `WRONG_PASSPHRASE`; schemes certkit lacks are `PKCS12_ALGORITHM_UNSUPPORTED`.
pub fn decrypt(
    algorithm: &Tlv<'_>,
    ciphertext: &[u8],
    passwords: &Passwords,
    budget: &mut Budget,
) -> Result<Zeroizing<Vec<u8>>> {
    let (oid, params) = algorithm_parts(algorithm)?;
    if oid == OID_PBES2 {
        return decrypt_pbes2(algorithm, params, ciphertext, passwords, budget);
    }
    let mut legacy = |key_len, cipher| -> Result<Zeroizing<Vec<u8>>> {
        let params = params.ok_or_else(|| invalid("the PBE parameters are missing"))?;
        let (salt, iterations) = legacy_params(&params)?;
        budget.charge(u64::from(iterations) * 2, "the PBE key")?;
        let key = pkcs12_kdf(
            Hash::Sha1,
            &passwords.bmp,
            salt,
            Purpose::Key,
            iterations,
            key_len,
        );
        let iv = pkcs12_kdf(Hash::Sha1, &passwords.bmp, salt, Purpose::Iv, iterations, 8);
        cbc_decrypt(cipher, &key, &iv, ciphertext)
    };
    match oid.as_str() {
        OID_PBE_SHA1_3DES => legacy(24, Cipher::TripleDes3),
        OID_PBE_SHA1_2DES => legacy(16, Cipher::TripleDes2),
        OID_PBE_SHA1_RC2_128 => legacy(16, Cipher::Rc2 { bits: 128 }),
        OID_PBE_SHA1_RC2_40 => legacy(5, Cipher::Rc2 { bits: 40 }),
        _ => Err(unsupported(&name_of(&oid))),
    }
}

/// The content octets of a non-negative INTEGER.
pub fn uint_content(value: u32) -> Vec<u8> {
    let bytes = value.to_be_bytes();
    let skip = bytes.iter().take_while(|&&b| b == 0).count().min(3);
    let mut out = bytes[skip..].to_vec();
    if out.first().is_some_and(|b| b & 0x80 != 0) {
        out.insert(0, 0);
    }
    out
}

/// An iteration count that is not a small positive number: too costly when huge.
#[cold]
pub fn too_costly_or_invalid(content: &[u8]) -> Error {
    let (negative, magnitude) = der::integer_magnitude(content);
    if negative || magnitude.is_empty() {
        return invalid("an iteration count is zero or negative");
    }
    ErrorKind::KeyEncryptionTooCostly {
        cost: format!("0x{} iterations", hex::encode(&magnitude)),
        limit: "at most 10,000,000 key derivation iterations per file",
    }
    .into()
}

/// An AlgorithmIdentifier's OID (dotted) and parameters.
pub fn algorithm_parts<'a>(algorithm: &Tlv<'a>) -> Result<(String, Option<Tlv<'a>>)> {
    let seq = algorithm.with_tag(TAG_SEQUENCE, "an AlgorithmIdentifier")?;
    let mut parts = seq.children();
    let oid = parts
        .required("algorithm")?
        .with_tag(der::TAG_OID, "an algorithm OID")?;
    let oid = der::oid_to_string(oid.content).ok_or_else(|| invalid("a malformed OID"))?;
    let params = parts.next_tlv().transpose()?;
    Ok((oid, params))
}

/// OpenSSL's name of an OID, or the OID.
pub fn name_of(oid: &str) -> String {
    crate::x509::long_name(oid).unwrap_or(oid).to_owned()
}

#[cold]
pub fn unsupported(algorithm: &str) -> Error {
    ErrorKind::Pkcs12AlgorithmUnsupported {
        algorithm: algorithm.to_owned(),
    }
    .into()
}

#[cold]
pub fn invalid(reason: &str) -> Error {
    ErrorKind::InvalidPkcs12 {
        reason: reason.to_owned(),
    }
    .into()
}

#[cold]
fn internal(what: &str) -> Error {
    ErrorKind::Internal {
        reason: format!("{what} failed"),
    }
    .into()
}

#[cfg(test)]
mod tests;
