//! CRL and CRL entry extensions (RFC 5280 5.2 and 5.3): CRL number, delta CRL indicator,
//! issuing distribution point, reason code, invalidity date, certificate issuer.

use serde::Serialize;

use super::access::{distribution_point_name, reason_flags};
use super::{ExtensionValue, invalid};
use crate::der::{self, TAG_INTEGER, TAG_SEQUENCE, Tlv};
use crate::error::Result;
use crate::time::{format_rfc3339, parse_generalized_time};
use crate::x509::general_name::{GeneralName, IpForm, general_names};
use crate::x509::serial_hex;

pub const OID_CRL_NUMBER: &str = "2.5.29.20";
pub const OID_CRL_REASON: &str = "2.5.29.21";
pub const OID_INVALIDITY_DATE: &str = "2.5.29.24";
pub const OID_DELTA_CRL_INDICATOR: &str = "2.5.29.27";
pub const OID_ISSUING_DISTRIBUTION_POINT: &str = "2.5.29.28";
pub const OID_CERTIFICATE_ISSUER: &str = "2.5.29.29";

/// CRLReason values by number (RFC 5280 5.3.1; 7 is unused).
const CRL_REASONS: [&str; 11] = [
    "unspecified",
    "keyCompromise",
    "cACompromise",
    "affiliationChanged",
    "superseded",
    "cessationOfOperation",
    "certificateHold",
    "7",
    "removeFromCRL",
    "privilegeWithdrawn",
    "aACompromise",
];

/// The issuingDistributionPoint extension: which certificates and reasons a CRL covers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct IssuingDistributionPoint {
    /// Where this CRL is published (usually one `uri`).
    #[cfg_attr(feature = "ts", tsify(optional))]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub full_name: Vec<GeneralName>,
    /// A name relative to the CRL issuer, as RFC 4514.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relative_name: Option<String>,
    pub only_contains_user_certs: bool,
    pub only_contains_ca_certs: bool,
    /// The revocation reasons this CRL covers (RFC 5280 names); absent means all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub only_some_reasons: Option<Vec<String>>,
    /// Entries may be for certificates of other issuers.
    pub indirect_crl: bool,
    pub only_contains_attribute_certs: bool,
}

/// Decodes a CRL or CRL entry extension; `Ok(None)` when `oid` is not one of them.
pub fn decode(oid: &str, value: &Tlv<'_>) -> Result<Option<ExtensionValue>> {
    Ok(Some(match oid {
        OID_CRL_NUMBER => ExtensionValue::CrlNumber {
            number: crl_number(value)?,
        },
        OID_DELTA_CRL_INDICATOR => ExtensionValue::DeltaCrlIndicator {
            base_crl_number: crl_number(value)?,
        },
        OID_ISSUING_DISTRIBUTION_POINT => {
            ExtensionValue::IssuingDistributionPoint(issuing_distribution_point(value)?)
        }
        OID_CRL_REASON => ExtensionValue::CrlReason {
            reason: crl_reason(value)?.to_owned(),
        },
        OID_INVALIDITY_DATE => {
            let time = value.with_tag(0x18, "a GeneralizedTime")?;
            let time = parse_generalized_time(time.content)
                .ok_or_else(|| invalid("bad invalidity date"))?;
            ExtensionValue::InvalidityDate {
                date: format_rfc3339(time),
            }
        }
        OID_CERTIFICATE_ISSUER => ExtensionValue::CertificateIssuer {
            names: general_names(
                &value.with_tag(TAG_SEQUENCE, "GeneralNames")?,
                IpForm::Address,
            )?,
        },
        _ => return Ok(None),
    }))
}

/// A CRLNumber (0 to 2^159) as hex, like serial numbers.
fn crl_number(value: &Tlv<'_>) -> Result<String> {
    let number = value.with_tag(TAG_INTEGER, "an INTEGER")?;
    if number.content.is_empty() || number.content.len() > 21 {
        return Err(invalid("a CRL number is 1 to 20 octets"));
    }
    Ok(serial_hex(number.content))
}

/// The RFC 5280 name of a CRLReason ENUMERATED.
pub fn crl_reason(value: &Tlv<'_>) -> Result<&'static str> {
    let reason = value.with_tag(0x0a, "an ENUMERATED reason code")?;
    der::small_uint(reason.content)
        .and_then(|n| usize::try_from(n).ok())
        .filter(|&n| n != 7)
        .and_then(|n| CRL_REASONS.get(n).copied())
        .ok_or_else(|| invalid("unknown CRL reason code"))
}

fn issuing_distribution_point(value: &Tlv<'_>) -> Result<IssuingDistributionPoint> {
    let seq = value.with_tag(TAG_SEQUENCE, "an IssuingDistributionPoint")?;
    let mut point = IssuingDistributionPoint::default();
    let mut fields = seq.children();
    if let Some(name) = fields.optional(0xa0)? {
        (point.full_name, point.relative_name) = distribution_point_name(&name)?;
    }
    let flag = |tlv: Option<Tlv<'_>>| -> Result<bool> {
        match tlv {
            Some(t) => der::boolean(t.content).ok_or_else(|| invalid("bad BOOLEAN")),
            None => Ok(false),
        }
    };
    point.only_contains_user_certs = flag(fields.optional(0x81)?)?;
    point.only_contains_ca_certs = flag(fields.optional(0x82)?)?;
    if let Some(reasons) = fields.optional(0x83)? {
        point.only_some_reasons = Some(reason_flags(reasons.content)?);
    }
    point.indirect_crl = flag(fields.optional(0x84)?)?;
    point.only_contains_attribute_certs = flag(fields.optional(0x85)?)?;
    if !fields.is_empty() {
        return Err(invalid("unexpected field in IssuingDistributionPoint"));
    }
    Ok(point)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(oid: &str, der: &[u8]) -> Option<ExtensionValue> {
        decode(oid, &Tlv::read_exact(der).unwrap()).unwrap()
    }

    #[test]
    fn reason_codes_have_their_rfc_5280_names() {
        let reason = |n: u8| decoded(OID_CRL_REASON, &[0x0a, 0x01, n]);
        assert_eq!(
            reason(1),
            Some(ExtensionValue::CrlReason {
                reason: "keyCompromise".into()
            })
        );
        assert_eq!(
            reason(8),
            Some(ExtensionValue::CrlReason {
                reason: "removeFromCRL".into()
            })
        );
        let bad = |n: u8| decode(OID_CRL_REASON, &Tlv::read_exact(&[0x0a, 0x01, n]).unwrap());
        assert!(bad(7).is_err());
        assert!(bad(11).is_err());
    }

    #[test]
    fn issuing_distribution_points_decode_their_flags() {
        // [0] fullName [0] { uri "http://x" }, onlyContainsUserCerts TRUE, indirectCRL TRUE.
        let der = [
            0x30, 0x13, 0xa0, 0x0b, 0xa0, 0x09, 0x86, 0x07, b'h', b't', b't', b'p', b':', b'/',
            b'x', 0x81, 0x01, 0xff, 0x84, 0x01, 0xff,
        ];
        let Some(ExtensionValue::IssuingDistributionPoint(point)) =
            decoded(OID_ISSUING_DISTRIBUTION_POINT, &der)
        else {
            panic!("not decoded");
        };
        assert_eq!(point.full_name[0].value, "http:/x");
        assert!(point.only_contains_user_certs && point.indirect_crl);
        assert!(!point.only_contains_ca_certs);
    }
}
