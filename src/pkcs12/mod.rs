//! PKCS#12 (`.p12`, `.pfx`, RFC 7292): a private key and its certificates under a passphrase,
//! as browsers, Java keystores, curl and system keychains take them.
//!
//! Reading verifies the integrity check (MAC) before anything is decrypted and reads what
//! OpenSSL, Java's keytool and Windows write: PBES2 (PBKDF2 with any SHA-1/SHA-2 PRF, AES or
//! 3DES), and the RFC 7292 schemes with 3DES or RC2. Writing follows OpenSSL 3: `modern` is
//! PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) with an HMAC-SHA256 MAC, `legacy` is
//! pbeWithSHA1And3-KeyTripleDES-CBC with an HMAC-SHA1 MAC; 2048 iterations as OpenSSL's default.

mod bags;
mod ber;
// Their writing halves (MacData, the encryption schemes) serve `export_pkcs12` only, in the
// whole package; the lean module reads with them.
#[cfg_attr(not(feature = "full"), allow(dead_code, unused_imports))]
mod mac;
#[cfg_attr(not(feature = "full"), allow(dead_code, unused_imports))]
mod pbe;
mod read;
#[cfg(feature = "full")]
mod write;

use std::fmt;

use serde::{Deserialize, Serialize, Serializer};
use zeroize::Zeroizing;

use crate::encoding::InputData;
use crate::error::Problem;
use crate::keys::Passphrase;
use crate::x509::Certificate;

pub use mac::MacInfo;
pub use read::parse_pkcs12;
#[cfg(feature = "full")]
pub use write::export_pkcs12;

/// Iterations of every key derivation certkit writes, OpenSSL 3's `PKCS12_DEFAULT_ITER`.
pub const DEFAULT_ITERATIONS: u32 = 2048;

/// What a PKCS#12 file holds.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Pkcs12Contents {
    /// The private key as PKCS#8 PEM, exactly as stored; absent when the file holds none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_key_pem: Option<SecretText>,
    /// Leaf first when they form a chain (the key's certificate is the leaf), then the
    /// certificates that belong to no chain, in file order.
    pub certificates: Vec<Certificate>,
    /// The friendlyName attribute of the key (or, without a key, of the leaf).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub friendly_name: Option<String>,
    /// The localKeyId attribute that ties the key to its certificate, hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_key_id: Option<String>,
    pub protection: Pkcs12Protection,
    /// Warnings and notes: no MAC, several keys, bags skipped, a key that matches no certificate.
    pub problems: Vec<Problem>,
}

/// How the file is protected, for telling modern from legacy files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Pkcs12Protection {
    /// Absent when the file has no integrity check.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mac: Option<MacInfo>,
    /// Such as `PBES2 (PBKDF2 hmacWithSHA256, aes-256-cbc), 2048 iterations`; `none` for a
    /// key stored in clear.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_encryption: Option<String>,
    /// Absent when the certificates are stored in clear.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_encryption: Option<String>,
}

/// Text that holds a secret: zeroized when dropped, never shown by `Debug`.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(type = "string"))]
pub struct SecretText(pub Zeroizing<String>);

impl Serialize for SecretText {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl fmt::Debug for SecretText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretText(redacted)")
    }
}

/// Which readers the file is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum Pkcs12Compatibility {
    /// PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) and an HMAC-SHA256 MAC, as OpenSSL 3 writes.
    #[default]
    Modern,
    /// pbeWithSHA1And3-KeyTripleDES-CBC and an HMAC-SHA1 MAC, for older Java, macOS, Windows.
    Legacy,
}

/// `exportPkcs12`'s options.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ExportPkcs12Options {
    pub private_key: InputData,
    /// Leaf first: the first certificate must carry the private key's public key.
    pub certificates: Vec<InputData>,
    pub passphrase: Passphrase,
    #[serde(default)]
    pub friendly_name: Option<String>,
    #[serde(default)]
    pub compatibility: Option<Pkcs12Compatibility>,
}
