//! keyUsage, extendedKeyUsage, TLS feature, Netscape certificate type.

use std::fmt;

use serde::{Serialize, Serializer};

use super::invalid;
use crate::der::{self, TAG_BIT_STRING, TAG_INTEGER, TAG_OID, TAG_SEQUENCE, Tlv};
use crate::error::Result;
use crate::x509::oid;

/// RFC 5280 key usage names, by bit.
pub const KEY_USAGE_NAMES: [&str; 9] = [
    "digitalSignature",
    "nonRepudiation",
    "keyEncipherment",
    "dataEncipherment",
    "keyAgreement",
    "keyCertSign",
    "cRLSign",
    "encipherOnly",
    "decipherOnly",
];

/// One keyUsage bit (RFC 5280 4.2.1.3). Serialized as its RFC 5280 name, and a bit RFC 5280
/// does not name as `bit<N>`, so the JSON is the names people read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyUsage {
    DigitalSignature,
    NonRepudiation,
    KeyEncipherment,
    DataEncipherment,
    KeyAgreement,
    KeyCertSign,
    CrlSign,
    EncipherOnly,
    DecipherOnly,
    /// A bit after decipherOnly (9 and up).
    Unnamed(usize),
}

impl KeyUsage {
    const NAMED: [Self; 9] = [
        Self::DigitalSignature,
        Self::NonRepudiation,
        Self::KeyEncipherment,
        Self::DataEncipherment,
        Self::KeyAgreement,
        Self::KeyCertSign,
        Self::CrlSign,
        Self::EncipherOnly,
        Self::DecipherOnly,
    ];

    pub fn from_bit(bit: usize) -> Self {
        Self::NAMED.get(bit).copied().unwrap_or(Self::Unnamed(bit))
    }

    /// By RFC 5280 name (`contentCommitment` is `nonRepudiation`'s newer name).
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "contentCommitment" => Some(Self::NonRepudiation),
            _ => KEY_USAGE_NAMES
                .iter()
                .position(|n| *n == name)
                .map(Self::from_bit),
        }
    }

    pub const fn bit(self) -> usize {
        match self {
            Self::DigitalSignature => 0,
            Self::NonRepudiation => 1,
            Self::KeyEncipherment => 2,
            Self::DataEncipherment => 3,
            Self::KeyAgreement => 4,
            Self::KeyCertSign => 5,
            Self::CrlSign => 6,
            Self::EncipherOnly => 7,
            Self::DecipherOnly => 8,
            Self::Unnamed(bit) => bit,
        }
    }

    /// The RFC 5280 name; `None` for a bit it does not name.
    pub fn name(self) -> Option<&'static str> {
        KEY_USAGE_NAMES.get(self.bit()).copied()
    }
}

impl fmt::Display for KeyUsage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => f.write_str(name),
            None => write!(f, "bit{}", self.bit()),
        }
    }
}

impl Serialize for KeyUsage {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One extended key usage purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Purpose {
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub oid: std::borrow::Cow<'static, str>,
    /// OpenSSL's short name: `serverAuth`, `clientAuth`, `codeSigning`, ...
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub name: Option<&'static str>,
}

pub const OID_CLIENT_AUTH: &str = "1.3.6.1.5.5.7.3.2";
pub const OID_SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";

pub fn key_usage(value: &Tlv<'_>) -> Result<Vec<KeyUsage>> {
    let bits = value.with_tag(TAG_BIT_STRING, "a KeyUsage BIT STRING")?;
    let set = der::set_bits(bits.content).ok_or_else(|| invalid("bad KeyUsage BIT STRING"))?;
    Ok(set.into_iter().map(KeyUsage::from_bit).collect())
}

pub fn purposes(value: &Tlv<'_>) -> Result<Vec<Purpose>> {
    let seq = value.with_tag(TAG_SEQUENCE, "an ExtKeyUsage SEQUENCE")?;
    seq.children()
        .map(|item| {
            let item = item?.with_tag(TAG_OID, "a KeyPurposeId OID")?;
            let (oid, known) =
                oid::read(item.content).ok_or_else(|| invalid("bad KeyPurposeId"))?;
            Ok(Purpose {
                name: known.map(|known| known.short),
                oid,
            })
        })
        .collect()
}

pub fn tls_features(value: &Tlv<'_>) -> Result<Vec<u32>> {
    let seq = value.with_tag(TAG_SEQUENCE, "a TLS feature SEQUENCE")?;
    seq.children()
        .map(|item| super::integer_u32(item?.with_tag(TAG_INTEGER, "an INTEGER")?.content))
        .collect()
}

pub fn netscape_cert_type(value: &Tlv<'_>) -> Result<Vec<String>> {
    const NAMES: [&str; 8] = [
        "client", "server", "email", "objsign", "reserved", "sslCA", "emailCA", "objCA",
    ];
    let bits = value.with_tag(TAG_BIT_STRING, "a BIT STRING")?;
    let set = der::set_bits(bits.content).ok_or_else(|| invalid("bad BIT STRING"))?;
    Ok(set
        .iter()
        .filter_map(|&i| NAMES.get(i))
        .map(|n| (*n).to_owned())
        .collect())
}

#[cfg(test)]
mod key_usage_tests {
    use super::KeyUsage;

    #[test]
    fn names_bits_and_json_agree() {
        for bit in 0..12 {
            let usage = KeyUsage::from_bit(bit);
            assert_eq!(usage.bit(), bit);
            let text = serde_json::to_string(&usage).unwrap_or_default();
            match usage.name() {
                Some(name) => {
                    assert_eq!(text, format!("\"{name}\""));
                    assert_eq!(KeyUsage::from_name(name), Some(usage));
                }
                None => assert_eq!(text, format!("\"bit{bit}\"")),
            }
        }
        assert_eq!(
            KeyUsage::from_name("keyCertSign"),
            Some(KeyUsage::KeyCertSign)
        );
        assert_eq!(
            KeyUsage::from_name("contentCommitment"),
            Some(KeyUsage::NonRepudiation)
        );
        assert_eq!(KeyUsage::from_name("bit9"), None);
    }
}
