//! Key usage and extended key usage as users name them, the combinations RFC 5280, RFC 8813
//! and RFC 8410 forbid, and their DER.

use crate::der::{self, TAG_BIT_STRING, TAG_SEQUENCE};
use crate::error::{ErrorKind, Problem, Result};
use crate::x509::extensions::{KEY_USAGE_NAMES, KeyUsage};
use crate::x509::{describe_spki, oid_of_name};

use super::extension::{EXTENDED_KEY_USAGE, Extension, KEY_USAGE};
use super::reject;

/// RFC 5280 4.2.1.3 bit names, in bit order (bit 0 first), as the parser prints them.
const BITS: [&str; 9] = KEY_USAGE_NAMES;
const KEY_AGREEMENT: usize = KeyUsage::KeyAgreement.bit();
const KEY_CERT_SIGN: usize = KeyUsage::KeyCertSign.bit();
const CRL_SIGN: usize = KeyUsage::CrlSign.bit();
const DIGITAL_SIGNATURE: usize = KeyUsage::DigitalSignature.bit();
const ENCIPHER_ONLY: usize = KeyUsage::EncipherOnly.bit();
const DECIPHER_ONLY: usize = KeyUsage::DecipherOnly.bit();

/// Key usage bits, each with the JSON path it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyUsages(Vec<(usize, String)>);

impl KeyUsages {
    /// From RFC 5280 names (`contentCommitment` is `nonRepudiation`'s newer name); repeats
    /// are one bit.
    pub fn from_names(names: &[String], field: &str) -> Result<Self> {
        let mut problems = Vec::new();
        let mut bits: Vec<(usize, String)> = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let name = name.trim();
            let bit = KeyUsage::from_name(name).map(KeyUsage::bit);
            match bit {
                Some(bit) if !bits.iter().any(|(b, _)| *b == bit) => {
                    bits.push((bit, format!("{field}[{i}]")))
                }
                Some(_) => {}
                None => problems.push(Problem::error(
                    ErrorKind::UnknownKeyUsage {
                        name: name.to_owned(),
                    },
                    format!("{field}[{i}]"),
                )),
            }
        }
        reject(problems)?;
        Ok(Self(bits))
    }

    /// The bits of a keyUsage extension value (a CSR's request), all reported at `field`.
    pub fn from_der(value: &[u8], field: &str) -> Result<Self> {
        let tlv = der::Tlv::read_exact(value)?.with_tag(TAG_BIT_STRING, "a KeyUsage")?;
        let set = der::set_bits(tlv.content).ok_or_else(|| ErrorKind::InvalidDer {
            reason: "bad KeyUsage BIT STRING".into(),
        })?;
        Ok(Self(
            set.into_iter().map(|b| (b, field.to_owned())).collect(),
        ))
    }

    /// The CA default: keyCertSign, cRLSign and digitalSignature (for OCSP responses and the like).
    pub fn ca_default() -> Self {
        Self(
            [KEY_CERT_SIGN, CRL_SIGN, DIGITAL_SIGNATURE]
                .map(|b| (b, String::new()))
                .to_vec(),
        )
    }

    fn has(&self, bit: usize) -> bool {
        self.0.iter().any(|(b, _)| *b == bit)
    }

    /// Every forbidden combination with the key (its SPKI) and, for certificates, the CA flag.
    /// `field` is where a missing bit is reported.
    pub fn check(&self, spki: &[u8], is_ca: Option<bool>, field: &str) -> Result<()> {
        let mut problems = Vec::new();
        let family = KeyFamily::of(spki);
        for (bit, at) in &self.0 {
            let usage = BITS.get(*bit).copied().unwrap_or("unknown bit");
            if let Some(reason) = family.forbids(*bit) {
                let kind = ErrorKind::KeyUsageNotForKey {
                    usage,
                    key: family.name(),
                    reason,
                };
                problems.push(Problem::error(kind, at.clone()));
            }
            if (*bit == ENCIPHER_ONLY || *bit == DECIPHER_ONLY) && !self.has(KEY_AGREEMENT) {
                let kind = ErrorKind::KeyUsageNeedsKeyAgreement { usage };
                problems.push(Problem::error(kind, at.clone()));
            }
            if *bit == KEY_CERT_SIGN && is_ca == Some(false) {
                problems.push(Problem::error(ErrorKind::KeyCertSignWithoutCa, at.clone()));
            }
        }
        if self.has(ENCIPHER_ONLY) && self.has(DECIPHER_ONLY) {
            problems.push(Problem::error(ErrorKind::EncipherAndDecipherOnly, field));
        }
        if is_ca == Some(true) && !self.has(KEY_CERT_SIGN) {
            problems.push(Problem::error(ErrorKind::CaWithoutKeyCertSign, field));
        }
        reject(problems)
    }

    /// keyUsage, critical as RFC 5280 4.2.1.3 recommends: a DER BIT STRING without trailing
    /// zero bits.
    pub fn extension(&self) -> Extension {
        let mut flags: u16 = 0;
        for (bit, _) in &self.0 {
            // Names give bits 0–8; a CSR's own bits are copied as they are, never re-encoded.
            flags |= u32::try_from(*bit)
                .ok()
                .and_then(|b| 0x8000u16.checked_shr(b))
                .unwrap_or(0);
        }
        Extension::new(KEY_USAGE, true, bit_string(flags))
    }
}

fn bit_string(flags: u16) -> Vec<u8> {
    let bytes = flags.to_be_bytes();
    let used = if flags & 0x00ff != 0 { 2 } else { 1 };
    let unused = if flags == 0 {
        0
    } else {
        flags.trailing_zeros() as u8 % 8
    };
    let mut content = vec![unused];
    content.extend_from_slice(bytes.get(..used).unwrap_or_default());
    if flags == 0 {
        content.truncate(1);
    }
    der::encode(TAG_BIT_STRING, &content)
}

/// The kinds of key whose usages the RFCs restrict.
enum KeyFamily {
    Rsa,
    Ec(String),
    EdDsa(String),
    Xdh(String),
    Other,
}

impl KeyFamily {
    fn of(spki: &[u8]) -> Self {
        let Ok(info) = describe_spki(spki) else {
            return Self::Other;
        };
        match info.algorithm {
            "rsa" | "rsa-pss" => Self::Rsa,
            "ec" => Self::Ec(
                info.curve
                    .map(std::borrow::Cow::into_owned)
                    .unwrap_or_default(),
            ),
            "ed25519" => Self::EdDsa("Ed25519".into()),
            "ed448" => Self::EdDsa("Ed448".into()),
            "x25519" => Self::Xdh("X25519".into()),
            "x448" => Self::Xdh("X448".into()),
            _ => Self::Other,
        }
    }

    fn name(&self) -> String {
        match self {
            Self::Rsa => "RSA".into(),
            Self::Ec(curve) => format!("ECDSA {curve}").trim().to_owned(),
            Self::EdDsa(name) | Self::Xdh(name) => name.clone(),
            Self::Other => "these".into(),
        }
    }

    /// Why the bit is not allowed for this kind of key, if it is not.
    fn forbids(&self, bit: usize) -> Option<&'static str> {
        match (self, bit) {
            (Self::Rsa, KEY_AGREEMENT | ENCIPHER_ONLY | DECIPHER_ONLY) => Some(
                "RSA keys sign or encrypt and have no key agreement (RFC 3279 2.3.1); use keyEncipherment",
            ),
            (Self::Ec(_), 2 | 3) => Some(
                "an EC key cannot encrypt (RFC 8813 3); use keyAgreement for ECDH or digitalSignature",
            ),
            (Self::EdDsa(_), 2 | 3 | KEY_AGREEMENT | ENCIPHER_ONLY | DECIPHER_ONLY) => Some(
                "an EdDSA key only signs (RFC 8410 5); use digitalSignature, nonRepudiation, keyCertSign or cRLSign",
            ),
            (Self::Xdh(_), 0..=3 | KEY_CERT_SIGN | 6) => {
                Some("an X25519/X448 key only agrees on keys (RFC 8410 5); use keyAgreement")
            }
            _ => None,
        }
    }
}

/// extendedKeyUsage from names certkit prints (OpenSSL's short names: `clientAuth`,
/// `msSmartcardLogin`, ...) or dotted OIDs, in the order given; not critical.
pub fn extended_key_usage(names: &[String], field: &str) -> Result<Extension> {
    let mut problems = Vec::new();
    let mut content = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let name = name.trim();
        let dotted = match name {
            "ocspSigning" => Some("1.3.6.1.5.5.7.3.9"),
            "anyExtendedKeyUsage" => Some("2.5.29.37.0"),
            _ if name.starts_with(|c: char| c.is_ascii_digit()) => Some(name),
            _ => oid_of_name(name),
        };
        match dotted.and_then(der::oid_from_string) {
            Some(oid) => content.extend(oid),
            None => problems.push(Problem::error(
                ErrorKind::UnknownExtendedKeyUsage {
                    name: name.chars().take(80).collect(),
                },
                format!("{field}[{i}]"),
            )),
        }
    }
    reject(problems)?;
    Ok(Extension::new(
        EXTENDED_KEY_USAGE,
        false,
        der::encode(TAG_SEQUENCE, &content),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn usages(list: &[&str]) -> KeyUsages {
        KeyUsages::from_names(&names(list), "keyUsage").unwrap()
    }

    #[test]
    fn bit_strings_drop_trailing_zero_bits() {
        // digitalSignature alone: 03 02 07 80; keyCertSign + cRLSign: 03 02 01 06;
        // decipherOnly (bit 8) needs a second byte: 03 03 07 00 80.
        assert_eq!(
            usages(&["digitalSignature"]).extension().value,
            [3, 2, 7, 0x80]
        );
        assert_eq!(
            usages(&["keyCertSign", "cRLSign"]).extension().value,
            [3, 2, 1, 6]
        );
        assert_eq!(
            usages(&["keyAgreement", "decipherOnly"]).extension().value,
            [3, 3, 7, 0x08, 0x80]
        );
    }

    #[test]
    fn unknown_names_are_reported_with_their_index() {
        let error =
            KeyUsages::from_names(&names(&["digitalSignature", "sign"]), "keyUsage").unwrap_err();
        assert_eq!(error.code(), "UNKNOWN_KEY_USAGE");
        assert_eq!(error.field_text().as_deref(), Some("keyUsage[1]"));
    }

    #[test]
    fn any_name_certkit_prints_is_an_extended_key_usage() {
        let ext = extended_key_usage(
            &names(&["clientAuth", "msSmartcardLogin", "OCSPSigning", "1.2.3.4"]),
            "eku",
        )
        .unwrap();
        let seq = der::Tlv::read_exact(&ext.value).unwrap();
        let oids: Vec<_> = seq
            .children()
            .map(|oid| der::oid_to_string(oid.unwrap().content).unwrap())
            .collect();
        assert_eq!(
            oids,
            [
                "1.3.6.1.5.5.7.3.2",
                "1.3.6.1.4.1.311.20.2.2",
                "1.3.6.1.5.5.7.3.9",
                "1.2.3.4"
            ]
        );
        let error = extended_key_usage(&names(&["webAuth"]), "eku").unwrap_err();
        assert_eq!(error.code(), "UNKNOWN_EXTENDED_KEY_USAGE");
        assert_eq!(error.field_text().as_deref(), Some("eku[0]"));
    }
}
