//! Password-based encryption inside PKCS#12 files: PBES2 through `pkcs5` (the code encrypted
//! PKCS#8 uses), and the RFC 7292 PBE schemes (its appendix B key derivation, from the
//! `pkcs12` crate, with 3DES or RC2 in CBC mode). Every key derivation is charged to a budget
//! before it runs, so a hostile file cannot ask for hours of work.

use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockModeDecrypt, BlockModeEncrypt, InnerIvInit, KeyIvInit};
use pkcs5::EncryptionScheme;
use pkcs5::pbes2::Kdf;
use pkcs8::der::Encode;
use rand_core::CryptoRng;
use zeroize::Zeroizing;

use crate::der::{self, TAG_INTEGER, TAG_OCTET_STRING, TAG_SEQUENCE, Tlv};
use crate::error::{Error, ErrorKind, Result};
use crate::keys::{MAX_PBKDF2_ITERATIONS, check_key_derivation_cost};

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

/// The hash functions of PKCS#12 MACs and PBE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    pub fn from_oid(oid: &str) -> Option<Self> {
        Some(match oid {
            "1.3.14.3.2.26" => Self::Sha1,
            "2.16.840.1.101.3.4.2.4" => Self::Sha224,
            "2.16.840.1.101.3.4.2.1" => Self::Sha256,
            "2.16.840.1.101.3.4.2.2" => Self::Sha384,
            "2.16.840.1.101.3.4.2.3" => Self::Sha512,
            _ => return None,
        })
    }

    pub fn oid(self) -> &'static str {
        match self {
            Self::Sha1 => "1.3.14.3.2.26",
            Self::Sha224 => "2.16.840.1.101.3.4.2.4",
            Self::Sha256 => "2.16.840.1.101.3.4.2.1",
            Self::Sha384 => "2.16.840.1.101.3.4.2.2",
            Self::Sha512 => "2.16.840.1.101.3.4.2.3",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Sha1 => "sha1",
            Self::Sha224 => "sha224",
            Self::Sha256 => "sha256",
            Self::Sha384 => "sha384",
            Self::Sha512 => "sha512",
        }
    }

    pub fn output_len(self) -> usize {
        match self {
            Self::Sha1 => 20,
            Self::Sha224 => 28,
            Self::Sha256 => 32,
            Self::Sha384 => 48,
            Self::Sha512 => 64,
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

/// PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, as OpenSSL 3 writes it: the
/// AlgorithmIdentifier (DER) and the ciphertext.
pub fn encrypt_pbes2(
    plain: &[u8],
    passwords: &Passwords,
    iterations: u32,
    rng: &mut (impl CryptoRng + ?Sized),
) -> Result<(Vec<u8>, Vec<u8>)> {
    let mut salt = [0u8; 16];
    let mut iv = [0u8; 16];
    rng.fill_bytes(&mut salt);
    rng.fill_bytes(&mut iv);
    let params = pkcs5::pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(iterations, &salt, iv)
        .map_err(|_| internal("PBES2 parameters"))?;
    let ciphertext = params
        .encrypt(passwords.utf8.as_slice(), plain)
        .map_err(|_| internal("PBES2 encryption"))?;
    let algorithm = EncryptionScheme::from(params)
        .to_der()
        .map_err(|_| internal("PBES2 parameters encoding"))?;
    Ok((algorithm, ciphertext))
}

/// pbeWithSHA1And3-KeyTripleDES-CBC, for readers that know nothing newer.
pub fn encrypt_3des(
    plain: &[u8],
    passwords: &Passwords,
    iterations: u32,
    rng: &mut (impl CryptoRng + ?Sized),
) -> Result<(Vec<u8>, Vec<u8>)> {
    let mut salt = [0u8; 8];
    rng.fill_bytes(&mut salt);
    let key = pkcs12_kdf(
        Hash::Sha1,
        &passwords.bmp,
        &salt,
        Purpose::Key,
        iterations,
        24,
    );
    let iv = pkcs12_kdf(
        Hash::Sha1,
        &passwords.bmp,
        &salt,
        Purpose::Iv,
        iterations,
        8,
    );
    let ciphertext = cbc::Encryptor::<des::TdesEde3>::new_from_slices(&key, &iv)
        .map_err(|_| internal("3DES key setup"))?
        .encrypt_padded_vec::<Pkcs7>(plain);
    let mut params = der::encode(TAG_OCTET_STRING, &salt);
    params.extend(der::encode(TAG_INTEGER, &uint_content(iterations)));
    let mut algorithm = der::oid_from_string(OID_PBE_SHA1_3DES).unwrap_or_default();
    algorithm.extend(der::encode(TAG_SEQUENCE, &params));
    Ok((der::encode(TAG_SEQUENCE, &algorithm), ciphertext))
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

#[derive(Clone, Copy)]
enum Cipher {
    TripleDes3,
    TripleDes2,
    Rc2 { bits: usize },
}

fn cbc_decrypt(
    cipher: Cipher,
    key: &[u8],
    iv: &[u8],
    ciphertext: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let mut buffer = Zeroizing::new(ciphertext.to_vec());
    let len = match cipher {
        Cipher::TripleDes3 => cbc::Decryptor::<des::TdesEde3>::new_from_slices(key, iv)
            .map_err(|_| internal("3DES key setup"))?
            .decrypt_padded::<Pkcs7>(&mut buffer)
            .map(<[u8]>::len),
        Cipher::TripleDes2 => cbc::Decryptor::<des::TdesEde2>::new_from_slices(key, iv)
            .map_err(|_| internal("3DES key setup"))?
            .decrypt_padded::<Pkcs7>(&mut buffer)
            .map(<[u8]>::len),
        Cipher::Rc2 { bits } => {
            let rc2 = rc2::Rc2::new_with_eff_key_len(key, bits);
            cbc::Decryptor::<rc2::Rc2>::inner_iv_slice_init(rc2, iv)
                .map_err(|_| internal("RC2 key setup"))?
                .decrypt_padded::<Pkcs7>(&mut buffer)
                .map(<[u8]>::len)
        }
    };
    // Bad padding: the key, so the passphrase, is wrong (or the data is corrupt).
    let len = len.map_err(|_| Error::new(ErrorKind::WrongPassphrase))?;
    buffer.truncate(len);
    Ok(buffer)
}

fn decrypt_pbes2(
    algorithm: &Tlv<'_>,
    params: Option<Tlv<'_>>,
    ciphertext: &[u8],
    passwords: &Passwords,
    budget: &mut Budget,
) -> Result<Zeroizing<Vec<u8>>> {
    let scheme = EncryptionScheme::try_from(algorithm.raw).map_err(|error| {
        // pkcs5 refuses what it does not implement while decoding: name it from our own read.
        let _ = error;
        let names = params.map(|p| pbes2_names(&p)).unwrap_or_default();
        match names.unsupported() {
            Some(name) => unsupported(&name),
            None => invalid("the PBES2 parameters do not decode"),
        }
    })?;
    check_key_derivation_cost(&scheme).map_err(|e| match e.kind {
        ErrorKind::InvalidKey { reason } => invalid(&reason),
        _ => e,
    })?;
    if let Some(pbes2) = scheme.pbes2() {
        let cost = match &pbes2.kdf {
            Kdf::Pbkdf2(p) => u64::from(p.iteration_count),
            Kdf::Scrypt(s) => s
                .cost_parameter
                .saturating_mul(u64::from(s.block_size))
                .saturating_mul(u64::from(s.parallelization)),
            _ => 0, // none other exists in pkcs5, whose cost check above refuses what it lacks
        };
        budget.charge(cost, "PBES2")?;
    }
    let mut buffer = Zeroizing::new(ciphertext.to_vec());
    let len = match scheme.decrypt_in_place(passwords.utf8.as_slice(), &mut buffer) {
        Ok(plain) => plain.len(),
        Err(pkcs5::Error::DecryptFailed) => return Err(ErrorKind::WrongPassphrase.into()),
        Err(pkcs5::Error::UnsupportedAlgorithm { oid }) => {
            return Err(unsupported(&name_of(&oid.to_string())));
        }
        Err(_) => return Err(invalid("the PBES2 parameters are not usable")),
    };
    buffer.truncate(len);
    Ok(buffer)
}

/// The names inside PBES2 parameters, and which one certkit lacks.
#[derive(Default)]
struct Pbes2Names {
    kdf: String,
    prf: String,
    cipher: String,
    iterations: Option<u64>,
}

impl Pbes2Names {
    fn unsupported(&self) -> Option<String> {
        const KDFS: [&str; 2] = ["1.2.840.113549.1.5.12", "1.3.6.1.4.1.11591.4.11"];
        const PRFS: [&str; 5] = [
            "1.2.840.113549.2.7",
            "1.2.840.113549.2.8",
            "1.2.840.113549.2.9",
            "1.2.840.113549.2.10",
            "1.2.840.113549.2.11",
        ];
        const CIPHERS: [&str; 6] = [
            "2.16.840.1.101.3.4.1.2",
            "2.16.840.1.101.3.4.1.22",
            "2.16.840.1.101.3.4.1.42",
            "2.16.840.1.101.3.4.1.6",
            "2.16.840.1.101.3.4.1.46",
            "1.2.840.113549.3.7",
        ];
        if !KDFS.contains(&self.kdf.as_str()) {
            return Some(format!(
                "PBES2 with the key derivation {}",
                name_of(&self.kdf)
            ));
        }
        if !self.prf.is_empty() && !PRFS.contains(&self.prf.as_str()) {
            return Some(format!("PBES2 with PBKDF2 {}", name_of(&self.prf)));
        }
        if !CIPHERS.contains(&self.cipher.as_str()) {
            return Some(format!("PBES2 with {}", name_of(&self.cipher)));
        }
        None
    }
}

fn pbes2_names(params: &Tlv<'_>) -> Pbes2Names {
    let mut names = Pbes2Names::default();
    let mut parts = params.children();
    if let Some(Ok(kdf)) = parts.next()
        && let Ok((oid, kdf_params)) = algorithm_parts(&kdf)
    {
        names.kdf = oid;
        if let Some(kdf_params) = kdf_params {
            let mut fields = kdf_params.children().filter_map(Result::ok);
            let _salt = fields.next();
            names.iterations = fields
                .next()
                .filter(|t| t.tag == TAG_INTEGER)
                .and_then(|t| der::small_uint(t.content));
            for field in fields {
                if field.tag == TAG_SEQUENCE
                    && let Ok((prf, _)) = algorithm_parts(&field)
                {
                    names.prf = prf;
                }
            }
        }
    }
    if let Some(Ok(cipher)) = parts.next()
        && let Ok((oid, _)) = algorithm_parts(&cipher)
    {
        names.cipher = oid;
    }
    names
}

fn describe_pbes2(params: Option<Tlv<'_>>) -> String {
    let names = params.map(|p| pbes2_names(&p)).unwrap_or_default();
    let prf = if names.prf.is_empty() {
        "hmacWithSHA1".to_owned() // the DEFAULT
    } else {
        name_of(&names.prf)
    };
    let kdf = if names.kdf == "1.2.840.113549.1.5.12" {
        format!("PBKDF2 {prf}")
    } else {
        name_of(&names.kdf)
    };
    let iterations = names
        .iterations
        .map(|n| format!(", {n} iterations"))
        .unwrap_or_default();
    format!("PBES2 ({kdf}, {}){iterations}", name_of(&names.cipher))
}

/// pkcs-12PbeParams: the salt and the iteration count.
fn legacy_params<'a>(params: &Tlv<'a>) -> Result<(&'a [u8], u32)> {
    let seq = params.with_tag(TAG_SEQUENCE, "PBE parameters")?;
    let mut fields = seq.children();
    let salt = fields
        .required("salt")?
        .with_tag(TAG_OCTET_STRING, "a salt OCTET STRING")?;
    let iterations = fields
        .required("iterations")?
        .with_tag(TAG_INTEGER, "an iteration count")?;
    let iterations = der::small_uint(iterations.content)
        .and_then(|n| u32::try_from(n).ok())
        .filter(|&n| n >= 1)
        .ok_or_else(|| too_costly_or_invalid(iterations.content))?;
    Ok((salt.content, iterations))
}

/// An iteration count that is not a small positive number: too costly when huge.
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

pub fn unsupported(algorithm: &str) -> Error {
    ErrorKind::Pkcs12AlgorithmUnsupported {
        algorithm: algorithm.to_owned(),
    }
    .into()
}

pub fn invalid(reason: &str) -> Error {
    ErrorKind::InvalidPkcs12 {
        reason: reason.to_owned(),
    }
    .into()
}

fn internal(what: &str) -> Error {
    ErrorKind::Internal {
        reason: format!("{what} failed"),
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_a_nul_terminated_bmp_string() {
        let passwords = Passwords::new("ab€");
        assert_eq!(
            passwords.bmp.as_slice(),
            &[0, b'a', 0, b'b', 0x20, 0xac, 0, 0]
        );
        assert_eq!(passwords.utf8.as_slice(), "ab€".as_bytes());
        assert!(Passwords::absent().bmp.is_empty());
    }

    #[test]
    fn integers_encode_minimally() {
        assert_eq!(uint_content(0), vec![0]);
        assert_eq!(uint_content(2048), vec![0x08, 0x00]);
        assert_eq!(uint_content(128), vec![0x00, 0x80]);
        assert_eq!(uint_content(u32::MAX), vec![0, 0xff, 0xff, 0xff, 0xff]);
    }

    #[test]
    fn the_budget_refuses_work_beyond_ten_million_iterations() {
        let mut budget = Budget::default();
        budget.charge(9_000_000, "a").unwrap();
        assert_eq!(
            budget.charge(2_000_000, "b").unwrap_err().code(),
            "KEY_ENCRYPTION_TOO_COSTLY"
        );
    }
}
