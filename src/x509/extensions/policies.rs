//! certificatePolicies and policyMappings.

use serde::Serialize;

use super::invalid;
use crate::der::{self, TAG_OID, TAG_SEQUENCE, Tlv};
use crate::error::Result;
use crate::x509::oid;

/// One policy of certificatePolicies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Policy {
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub oid: std::borrow::Cow<'static, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub name: Option<&'static str>,
    pub qualifiers: Vec<PolicyQualifier>,
}

/// A policy qualifier: a CPS pointer, a user notice, or another kind kept as DER hex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum PolicyQualifier {
    Cps {
        uri: String,
    },
    UserNotice {
        #[serde(skip_serializing_if = "Option::is_none")]
        explicit_text: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        organization: Option<String>,
        #[cfg_attr(feature = "ts", tsify(optional))]
        #[serde(skip_serializing_if = "Vec::is_empty")]
        notice_numbers: Vec<u64>,
    },
    Other {
        oid: String,
        /// The qualifier's DER, hex.
        der: String,
    },
}

/// One mapping of policyMappings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct PolicyMapping {
    pub issuer_domain_policy: String,
    pub subject_domain_policy: String,
}

pub fn certificate_policies(value: &Tlv<'_>) -> Result<Vec<Policy>> {
    let seq = value.with_tag(TAG_SEQUENCE, "a CertificatePolicies SEQUENCE")?;
    seq.children()
        .map(|info| {
            let info = info?.with_tag(TAG_SEQUENCE, "a PolicyInformation")?;
            let mut fields = info.children();
            let id = fields
                .required("policyIdentifier")?
                .with_tag(TAG_OID, "an OID")?;
            let (oid, known) = oid::read(id.content).ok_or_else(|| invalid("bad OID"))?;
            let qualifiers = match fields.optional(TAG_SEQUENCE)? {
                Some(list) => list
                    .children()
                    .map(|q| qualifier(&q?))
                    .collect::<Result<_>>()?,
                None => Vec::new(),
            };
            Ok(Policy {
                name: known.map(|known| known.short),
                oid,
                qualifiers,
            })
        })
        .collect()
}

fn qualifier(tlv: &Tlv<'_>) -> Result<PolicyQualifier> {
    let seq = tlv.with_tag(TAG_SEQUENCE, "a PolicyQualifierInfo")?;
    let mut fields = seq.children();
    let oid = oid_string(&fields.required("policyQualifierId")?)?;
    let value = fields.required("qualifier")?;
    Ok(match oid.as_str() {
        "1.3.6.1.5.5.7.2.1" => PolicyQualifier::Cps {
            uri: crate::encoding::text_lossy(value.content),
        },
        "1.3.6.1.5.5.7.2.2" => user_notice(&value)?,
        _ => PolicyQualifier::Other {
            oid,
            der: hex::encode(value.raw),
        },
    })
}

fn user_notice(value: &Tlv<'_>) -> Result<PolicyQualifier> {
    let seq = value.with_tag(TAG_SEQUENCE, "a UserNotice")?;
    let mut organization = None;
    let mut notice_numbers = Vec::new();
    let mut explicit_text = None;
    for field in seq.children() {
        let field = field?;
        if field.tag == TAG_SEQUENCE {
            let mut reference = field.children();
            organization = Some(display_text(&reference.required("organization")?));
            let numbers = reference
                .required("noticeNumbers")?
                .with_tag(TAG_SEQUENCE, "noticeNumbers")?;
            for number in numbers.children() {
                notice_numbers.push(
                    der::small_uint(number?.content).ok_or_else(|| invalid("bad notice number"))?,
                );
            }
        } else {
            explicit_text = Some(display_text(&field));
        }
    }
    Ok(PolicyQualifier::UserNotice {
        explicit_text,
        organization,
        notice_numbers,
    })
}

/// DisplayText: IA5String, VisibleString, BMPString or UTF8String.
fn display_text(tlv: &Tlv<'_>) -> String {
    if tlv.tag == 0x1e {
        let units: Vec<u16> = tlv
            .content
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    crate::encoding::text_lossy(tlv.content)
}

pub fn policy_mappings(value: &Tlv<'_>) -> Result<Vec<PolicyMapping>> {
    let seq = value.with_tag(TAG_SEQUENCE, "a PolicyMappings SEQUENCE")?;
    seq.children()
        .map(|mapping| {
            let mapping = mapping?.with_tag(TAG_SEQUENCE, "a policy mapping")?;
            let mut fields = mapping.children();
            Ok(PolicyMapping {
                issuer_domain_policy: oid_string(&fields.required("issuerDomainPolicy")?)?,
                subject_domain_policy: oid_string(&fields.required("subjectDomainPolicy")?)?,
            })
        })
        .collect()
}

fn oid_string(tlv: &Tlv<'_>) -> Result<String> {
    let tlv = tlv.with_tag(TAG_OID, "an OID")?;
    der::oid_to_string(tlv.content).ok_or_else(|| invalid("bad OID"))
}
