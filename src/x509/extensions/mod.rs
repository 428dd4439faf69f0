//! Certificate and CSR extensions: every standard one decoded into a typed value, the others
//! kept as `{oid, critical, der}`.
//!
//! The model (`Extension`, `ExtensionValue`, `KnownExtensions`) is in `model.rs`.

mod access;
mod constraints;
pub mod crl;
mod model;
mod policies;
mod sct;
mod usage;

pub use access::{AccessDescription, DistributionPoint};
pub use constraints::{BasicConstraints, GeneralSubtree};
pub use crl::IssuingDistributionPoint;
pub use model::{Extension, ExtensionValue, KnownExtensions, KnownRefs};
pub use policies::{Policy, PolicyMapping, PolicyQualifier};
pub use sct::SignedCertificateTimestamp;
pub use usage::{KEY_USAGE_NAMES, KeyUsage, OID_CLIENT_AUTH, OID_SERVER_AUTH, Purpose};

use super::general_name::{GeneralName, IpForm, general_names};
use super::key_identifier::KeyId;
use super::oid;
use crate::der::{self, TAG_BOOLEAN, TAG_OCTET_STRING, TAG_OID, TAG_SEQUENCE, Tlv};
use crate::der_scan::{FindingKind, Scanner};
use crate::error::{ErrorKind, Problem, Result};
use crate::shared_bytes::SharedBytes;

pub const OID_SUBJECT_KEY_IDENTIFIER: &str = "2.5.29.14";
pub const OID_KEY_USAGE: &str = "2.5.29.15";
pub const OID_SUBJECT_ALT_NAME: &str = "2.5.29.17";
pub const OID_BASIC_CONSTRAINTS: &str = "2.5.29.19";
pub const OID_AUTHORITY_KEY_IDENTIFIER: &str = "2.5.29.35";
pub const OID_EXTENDED_KEY_USAGE: &str = "2.5.29.37";
pub const OID_PRECERTIFICATE_POISON: &str = "1.3.6.1.4.1.11129.2.4.3";

/// Decodes the `Extensions` SEQUENCE. A value that fails to decode is kept undecoded
/// (`{oid, critical, der}`) with a `MALFORMED_EXTENSION` error in `problems`; the encoding
/// findings inside values are reported too; a malformed extension structure is an error.
pub fn decode_extensions(
    extensions: &Tlv<'_>,
    problems: &mut Vec<Problem>,
) -> Result<Vec<Extension>> {
    let whole = SharedBytes::copy_of(extensions.raw);
    let extensions = Tlv::read_exact(&whole)?;
    decode_extensions_in(&whole, &extensions, problems)
}

/// [`decode_extensions`], with byte offsets in messages counted from the start of `whole`
/// (the certificate `extensions` is part of), and each extension's `der` a view of `whole`.
pub fn decode_extensions_in(
    whole: &SharedBytes,
    extensions: &Tlv<'_>,
    problems: &mut Vec<Problem>,
) -> Result<Vec<Extension>> {
    let mut out: Vec<Extension> = Vec::with_capacity(12);
    let mut scanner = Scanner::default();
    for (index, ext) in extensions.children().enumerate() {
        let field = || format!("extensions[{index}]");
        let ext = ext?.with_tag(TAG_SEQUENCE, "an Extension SEQUENCE")?;
        let mut fields = ext.children();
        let oid_tlv = fields
            .required("extnID")?
            .with_tag(TAG_OID, "an extension OID")?;
        let critical = match fields.optional(TAG_BOOLEAN)? {
            Some(flag) => der::boolean(flag.content).ok_or_else(|| invalid("bad critical flag"))?,
            None => false,
        };
        let value = fields
            .required("extnValue")?
            .with_tag(TAG_OCTET_STRING, "an OCTET STRING")?;
        if !fields.is_empty() {
            return Err(invalid("data after extnValue"));
        }
        let (oid, known) =
            oid::read(oid_tlv.content).ok_or_else(|| invalid("bad extension OID"))?;
        if out.iter().any(|e| e.oid == oid) {
            problems.push(Problem::warning(
                ErrorKind::DuplicateExtension {
                    oid: oid.to_string(),
                },
                field(),
            ));
        }
        let base = (value.content.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
        let decoded = encoding_findings(&mut scanner, value.content, base, &field, problems)
            .and_then(|()| decode_value(&oid, value.content));
        let decoded = match decoded {
            Ok(None) if critical => {
                problems.push(Problem::info(
                    ErrorKind::UnknownCriticalExtension {
                        oid: oid.to_string(),
                    },
                    field(),
                ));
                None
            }
            Ok(decoded) => decoded,
            Err(error) => {
                let kind = ErrorKind::MalformedExtension {
                    oid: oid.to_string(),
                    reason: error.kind.to_string(),
                };
                problems.push(Problem::error(kind, field()));
                None
            }
        };
        out.push(Extension {
            name: known.map(|known| known.long),
            oid,
            critical,
            value: decoded,
            der: whole.view(value.content),
        });
    }
    Ok(out)
}

/// Reports what DER forbids inside an extension value; an error for what X.690 makes
/// impossible, which makes the value undecodable.
fn encoding_findings(
    scanner: &mut Scanner,
    value: &[u8],
    base: usize,
    field: &dyn Fn() -> String,
    problems: &mut Vec<Problem>,
) -> Result<()> {
    for finding in scanner.scan(value) {
        let offset = base.wrapping_add(finding.offset);
        let kind = match finding.kind {
            FindingKind::EmptyInteger => {
                return Err(invalid(&format!(
                    "an INTEGER with no content octets at byte {offset}"
                )));
            }
            FindingKind::NonMinimalLength => ErrorKind::NonDerLength { offset },
            FindingKind::NonDerBoolean => ErrorKind::NonDerBoolean { offset },
        };
        problems.push(Problem::warning(kind, field()));
    }
    Ok(())
}

/// Decodes a known extension's value; `Ok(None)` for extensions certkit does not know.
pub fn decode_value(oid: &str, der: &[u8]) -> Result<Option<ExtensionValue>> {
    // RFC 6962 says NULL; OpenSSL 3.0's `req -precert` writes an empty value. Both mean poison.
    if oid == OID_PRECERTIFICATE_POISON && (der.is_empty() || der == [0x05, 0x00]) {
        return Ok(Some(ExtensionValue::PrecertificatePoison));
    }
    let value = Tlv::read_exact(der)?;
    let decoded = match oid {
        OID_BASIC_CONSTRAINTS => constraints::basic_constraints(&value)?.into(),
        OID_KEY_USAGE => ExtensionValue::KeyUsage {
            usages: usage::key_usage(&value)?,
        },
        OID_EXTENDED_KEY_USAGE => ExtensionValue::ExtendedKeyUsage {
            purposes: usage::purposes(&value)?,
        },
        OID_SUBJECT_KEY_IDENTIFIER => {
            let octets = value.with_tag(TAG_OCTET_STRING, "an OCTET STRING")?;
            ExtensionValue::SubjectKeyIdentifier {
                key_identifier: KeyId(octets.content.to_vec()),
            }
        }
        OID_AUTHORITY_KEY_IDENTIFIER => authority_key_identifier(&value)?,
        OID_SUBJECT_ALT_NAME => ExtensionValue::SubjectAltName {
            names: alt_names(&value)?,
        },
        "2.5.29.18" => ExtensionValue::IssuerAltName {
            names: alt_names(&value)?,
        },
        "2.5.29.32" => ExtensionValue::CertificatePolicies {
            policies: policies::certificate_policies(&value)?,
        },
        "2.5.29.33" => ExtensionValue::PolicyMappings {
            mappings: policies::policy_mappings(&value)?,
        },
        "2.5.29.36" => constraints::policy_constraints(&value)?,
        "2.5.29.54" => ExtensionValue::InhibitAnyPolicy {
            skip_certs: small_u32(&value)?,
        },
        "2.5.29.30" => constraints::name_constraints(&value)?,
        "2.5.29.31" => ExtensionValue::CrlDistributionPoints {
            points: access::distribution_points(&value)?,
        },
        "2.5.29.46" => ExtensionValue::FreshestCrl {
            points: access::distribution_points(&value)?,
        },
        "1.3.6.1.5.5.7.1.1" => ExtensionValue::AuthorityInfoAccess {
            descriptions: access::descriptions(&value)?,
        },
        "1.3.6.1.5.5.7.1.11" => ExtensionValue::SubjectInfoAccess {
            descriptions: access::descriptions(&value)?,
        },
        "1.3.6.1.4.1.11129.2.4.2" => ExtensionValue::SignedCertificateTimestamps {
            timestamps: sct::sct_list(&value)?,
        },
        "1.3.6.1.5.5.7.1.24" => ExtensionValue::TlsFeature {
            features: usage::tls_features(&value)?,
        },
        "2.16.840.1.113730.1.1" => ExtensionValue::NetscapeCertType {
            types: usage::netscape_cert_type(&value)?,
        },
        "2.16.840.1.113730.1.13" => ExtensionValue::NetscapeComment {
            comment: crate::encoding::text_lossy(value.content),
        },
        _ => return crl::decode(oid, &value),
    };
    Ok(Some(decoded))
}

fn alt_names(value: &Tlv<'_>) -> Result<Vec<GeneralName>> {
    general_names(
        &value.with_tag(TAG_SEQUENCE, "GeneralNames")?,
        IpForm::Address,
    )
}

fn authority_key_identifier(value: &Tlv<'_>) -> Result<ExtensionValue> {
    let seq = value.with_tag(TAG_SEQUENCE, "an AuthorityKeyIdentifier")?;
    let mut fields = seq.children();
    let key_identifier = fields.optional(0x80)?.map(|t| KeyId(t.content.to_vec()));
    let issuer = fields
        .optional(0xa1)?
        .map(|t| general_names(&t, IpForm::Address))
        .transpose()?;
    let serial = fields.optional(0x82)?.map(|t| super::serial_hex(t.content));
    if !fields.is_empty() {
        return Err(invalid("unexpected field in AuthorityKeyIdentifier"));
    }
    Ok(ExtensionValue::AuthorityKeyIdentifier {
        key_identifier,
        authority_cert_issuer: issuer,
        authority_cert_serial_number: serial,
    })
}

/// A small non-negative INTEGER element as `u32`.
pub(crate) fn small_u32(value: &Tlv<'_>) -> Result<u32> {
    integer_u32(value.content)
}

pub(crate) fn integer_u32(content: &[u8]) -> Result<u32> {
    der::small_uint(content)
        .and_then(|v| u32::try_from(v).ok())
        .ok_or_else(|| invalid("an INTEGER out of range"))
}

#[cold]
pub(crate) fn invalid(reason: &str) -> crate::Error {
    ErrorKind::InvalidDer {
        reason: reason.to_owned(),
    }
    .into()
}
