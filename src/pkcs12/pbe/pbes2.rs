//! PBES2 through `pkcs5` (the code encrypted PKCS#8 uses): decryption with its cost charged to
//! the file's budget, encryption as OpenSSL 3 writes it, and the names of its parts for
//! `describe` and for refusing what certkit lacks.

use pkcs5::EncryptionScheme;
use pkcs5::pbes2::Kdf;
use pkcs8::der::Encode;
use rand_core::CryptoRng;
use zeroize::Zeroizing;

use super::{Budget, Passwords, algorithm_parts, internal, invalid, name_of, unsupported};
use crate::der::{self, TAG_INTEGER, TAG_SEQUENCE, Tlv};
use crate::error::{ErrorKind, Result};
use crate::keys::check_key_derivation_cost;

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

pub(super) fn decrypt_pbes2(
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
    check_key_derivation_cost(&scheme).map_err(|e| match &e.kind {
        ErrorKind::InvalidKey { reason } => invalid(reason),
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

pub(super) fn describe_pbes2(params: Option<Tlv<'_>>) -> String {
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
