//! keyUsage, extendedKeyUsage, TLS feature, Netscape certificate type.

use serde::Serialize;

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

/// One extended key usage purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Purpose {
    pub oid: String,
    /// OpenSSL's short name: `serverAuth`, `clientAuth`, `codeSigning`, ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

pub const OID_CLIENT_AUTH: &str = "1.3.6.1.5.5.7.3.2";
pub const OID_SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";

pub fn key_usage(value: &Tlv<'_>) -> Result<Vec<String>> {
    let bits = value.with_tag(TAG_BIT_STRING, "a KeyUsage BIT STRING")?;
    let set = der::set_bits(bits.content).ok_or_else(|| invalid("bad KeyUsage BIT STRING"))?;
    Ok(set
        .iter()
        .map(|&i| {
            KEY_USAGE_NAMES
                .get(i)
                .map_or_else(|| format!("bit{i}"), |n| (*n).to_owned())
        })
        .collect())
}

pub fn purposes(value: &Tlv<'_>) -> Result<Vec<Purpose>> {
    let seq = value.with_tag(TAG_SEQUENCE, "an ExtKeyUsage SEQUENCE")?;
    seq.children()
        .map(|item| {
            let item = item?.with_tag(TAG_OID, "a KeyPurposeId OID")?;
            let oid =
                der::oid_to_string(item.content).ok_or_else(|| invalid("bad KeyPurposeId"))?;
            Ok(Purpose {
                name: oid::short_name(&oid).map(str::to_owned),
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
