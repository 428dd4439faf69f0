//! Subject Key Identifiers, every way they are computed, and which way made a given one.

use std::fmt;

use serde::{Deserialize, Serialize, Serializer};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

use super::public_key::spki_parts;
use crate::error::Result;

/// A key identifier (subjectKeyIdentifier, authorityKeyIdentifier's keyIdentifier): the bytes.
/// Hex only where it is shown: `Display` and the JSON (lowercase, no separators, as before).
#[derive(Clone, PartialEq, Eq, Hash, Default, zeroize::Zeroize)]
pub struct KeyId(pub Vec<u8>);

impl KeyId {
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for KeyId {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::encoding::hex_lower(&self.0))
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({self})")
    }
}

impl Serialize for KeyId {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&crate::encoding::hex_lower(&self.0))
    }
}

/// A way of deriving a key identifier from a public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum KeyIdMethod {
    /// RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING contents. What
    /// OpenSSL's `subjectKeyIdentifier = hash` and most CAs use.
    #[serde(rename = "rfc5280-sha1")]
    Rfc5280Sha1,
    /// RFC 5280 method 2: `0100` followed by the low 60 bits of that SHA-1 (8 bytes).
    #[serde(rename = "rfc5280-method2")]
    Rfc5280Method2,
    /// RFC 7093 method 1: the leftmost 160 bits of SHA-256 of the BIT STRING contents.
    #[serde(rename = "rfc7093-sha256")]
    Rfc7093Sha256,
    /// RFC 7093 method 2: the leftmost 160 bits of SHA-384.
    #[serde(rename = "rfc7093-sha384")]
    Rfc7093Sha384,
    /// RFC 7093 method 3: the leftmost 160 bits of SHA-512.
    #[serde(rename = "rfc7093-sha512")]
    Rfc7093Sha512,
    /// The leftmost 160 bits of SHA-256 of the whole SubjectPublicKeyInfo, as rcgen does.
    #[serde(rename = "spki-sha256-160")]
    SpkiSha256Truncated,
}

impl KeyIdMethod {
    /// The method's name as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Rfc5280Sha1 => "rfc5280-sha1",
            Self::Rfc5280Method2 => "rfc5280-method2",
            Self::Rfc7093Sha256 => "rfc7093-sha256",
            Self::Rfc7093Sha384 => "rfc7093-sha384",
            Self::Rfc7093Sha512 => "rfc7093-sha512",
            Self::SpkiSha256Truncated => "spki-sha256-160",
        }
    }

    pub const ALL: [KeyIdMethod; 6] = [
        Self::Rfc5280Sha1,
        Self::Rfc5280Method2,
        Self::Rfc7093Sha256,
        Self::Rfc7093Sha384,
        Self::Rfc7093Sha512,
        Self::SpkiSha256Truncated,
    ];
}

/// Every method's identifier for one key, hex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct KeyIdentifiers {
    #[serde(rename = "rfc5280-sha1")]
    pub rfc5280_sha1: String,
    #[serde(rename = "rfc5280-method2")]
    pub rfc5280_method2: String,
    #[serde(rename = "rfc7093-sha256")]
    pub rfc7093_sha256: String,
    #[serde(rename = "rfc7093-sha384")]
    pub rfc7093_sha384: String,
    #[serde(rename = "rfc7093-sha512")]
    pub rfc7093_sha512: String,
    #[serde(rename = "spki-sha256-160")]
    pub spki_sha256_160: String,
}

/// The key identifier of a SubjectPublicKeyInfo (DER) by one method.
pub fn key_identifier(spki: &[u8], method: KeyIdMethod) -> Result<Vec<u8>> {
    let key = spki_parts(spki)?.key;
    Ok(match method {
        KeyIdMethod::Rfc5280Sha1 => Sha1::digest(key).to_vec(),
        KeyIdMethod::Rfc5280Method2 => {
            let digest = Sha1::digest(key);
            let mut id = digest[12..].to_vec();
            id[0] = 0x40 | (id[0] & 0x0f);
            id
        }
        KeyIdMethod::Rfc7093Sha256 => Sha256::digest(key)[..20].to_vec(),
        KeyIdMethod::Rfc7093Sha384 => Sha384::digest(key)[..20].to_vec(),
        KeyIdMethod::Rfc7093Sha512 => Sha512::digest(key)[..20].to_vec(),
        KeyIdMethod::SpkiSha256Truncated => Sha256::digest(spki)[..20].to_vec(),
    })
}

/// Every method's identifier at once.
pub fn key_identifiers(spki: &[u8]) -> Result<KeyIdentifiers> {
    let hex_of = |method| key_identifier(spki, method).map(hex::encode);
    Ok(KeyIdentifiers {
        rfc5280_sha1: hex_of(KeyIdMethod::Rfc5280Sha1)?,
        rfc5280_method2: hex_of(KeyIdMethod::Rfc5280Method2)?,
        rfc7093_sha256: hex_of(KeyIdMethod::Rfc7093Sha256)?,
        rfc7093_sha384: hex_of(KeyIdMethod::Rfc7093Sha384)?,
        rfc7093_sha512: hex_of(KeyIdMethod::Rfc7093Sha512)?,
        spki_sha256_160: hex_of(KeyIdMethod::SpkiSha256Truncated)?,
    })
}

/// Which method produced `identifier` from this key, if any.
pub fn identify_method(identifier: &[u8], spki: &[u8]) -> Result<Option<KeyIdMethod>> {
    for method in KeyIdMethod::ALL {
        if key_identifier(spki, method)? == identifier {
            return Ok(Some(method));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An SPKI whose key bits are the ASCII bytes `abc`.
    fn spki_abc() -> Vec<u8> {
        let mut alg = crate::der::oid_from_string("1.3.101.112").unwrap();
        alg = crate::der::encode(0x30, &alg);
        alg.extend(crate::der::encode(0x03, b"\x00abc"));
        crate::der::encode(0x30, &alg)
    }

    #[test]
    fn methods_hash_the_right_bytes() {
        let ids = key_identifiers(&spki_abc()).unwrap();
        // SHA-1("abc") and SHA-256("abc"), well-known test vectors.
        assert_eq!(ids.rfc5280_sha1, "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(
            ids.rfc7093_sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a3"
        );
        assert_eq!(ids.rfc5280_method2, "4850c26c9cd0d89d");
        assert_eq!(ids.rfc7093_sha384.len(), 40);
        assert_ne!(ids.spki_sha256_160, ids.rfc7093_sha256);
    }

    #[test]
    fn identification_round_trips() {
        let spki = spki_abc();
        for method in KeyIdMethod::ALL {
            let id = key_identifier(&spki, method).unwrap();
            assert_eq!(identify_method(&id, &spki).unwrap(), Some(method));
        }
        assert_eq!(identify_method(b"nope", &spki).unwrap(), None);
    }
}
