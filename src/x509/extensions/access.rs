//! CRL distribution points (and freshest CRL), authority and subject information access.

use serde::Serialize;

use super::invalid;
use crate::der::{self, TAG_OID, TAG_SEQUENCE, Tlv};
use crate::error::Result;
use crate::x509::general_name::{GeneralName, IpForm, general_name, general_names};
use crate::x509::name::{Name, parse_name};
use crate::x509::oid;

/// One CRL distribution point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct DistributionPoint {
    /// Where the CRL is (usually one `uri`).
    #[cfg_attr(feature = "ts", tsify(optional))]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub full_name: Vec<GeneralName>,
    /// A name relative to the CRL issuer, as RFC 4514.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relative_name: Option<String>,
    /// Revocation reasons this point covers (RFC 5280 names); absent means all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasons: Option<Vec<String>>,
    #[cfg_attr(feature = "ts", tsify(optional))]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub crl_issuer: Vec<GeneralName>,
}

/// One access description of AIA or SIA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct AccessDescription {
    /// `ocsp`, `caIssuers`, `caRepository`, `timeStamping`, or the OID.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub method: std::borrow::Cow<'static, str>,
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub oid: std::borrow::Cow<'static, str>,
    pub location: GeneralName,
}

const REASONS: [&str; 9] = [
    "unused",
    "keyCompromise",
    "cACompromise",
    "affiliationChanged",
    "superseded",
    "cessationOfOperation",
    "certificateHold",
    "privilegeWithdrawn",
    "aACompromise",
];

pub fn distribution_points(value: &Tlv<'_>) -> Result<Vec<DistributionPoint>> {
    let seq = value.with_tag(TAG_SEQUENCE, "a CRLDistributionPoints SEQUENCE")?;
    seq.children()
        .map(|point| distribution_point(&point?))
        .collect()
}

fn distribution_point(tlv: &Tlv<'_>) -> Result<DistributionPoint> {
    let seq = tlv.with_tag(TAG_SEQUENCE, "a DistributionPoint")?;
    let mut point = DistributionPoint {
        full_name: Vec::new(),
        relative_name: None,
        reasons: None,
        crl_issuer: Vec::new(),
    };
    let mut fields = seq.children();
    if let Some(name) = fields.optional(0xa0)? {
        (point.full_name, point.relative_name) = distribution_point_name(&name)?;
    }
    if let Some(reasons) = fields.optional(0x81)? {
        point.reasons = Some(reason_flags(reasons.content)?);
    }
    if let Some(issuer) = fields.optional(0xa2)? {
        point.crl_issuer = general_names(&issuer, IpForm::Address)?;
    }
    if !fields.is_empty() {
        return Err(invalid("unexpected field in DistributionPoint"));
    }
    Ok(point)
}

/// The `[0] DistributionPointName` of a distribution point or an issuing distribution point:
/// a full name, or a name relative to the CRL issuer (RFC 4514).
pub(super) fn distribution_point_name(
    name: &Tlv<'_>,
) -> Result<(Vec<GeneralName>, Option<String>)> {
    let choice = Tlv::read_exact(name.content)?;
    match choice.tag {
        0xa0 => Ok((general_names(&choice, IpForm::Address)?, None)),
        0xa1 => Ok((Vec::new(), Some(relative_name(&choice)?.rfc4514))),
        _ => Err(invalid("bad DistributionPointName")),
    }
}

/// ReasonFlags (a BIT STRING's content) as RFC 5280 names.
pub(super) fn reason_flags(content: &[u8]) -> Result<Vec<String>> {
    let bits = der::set_bits(content).ok_or_else(|| invalid("bad ReasonFlags"))?;
    Ok(bits
        .iter()
        .filter_map(|&i| REASONS.get(i))
        .map(|r| (*r).to_owned())
        .collect())
}

/// `[1] RelativeDistinguishedName`: the SET's contents under an implicit tag.
fn relative_name(choice: &Tlv<'_>) -> Result<Name> {
    let set = der::encode(crate::der::TAG_SET, choice.content);
    parse_name(&der::encode(TAG_SEQUENCE, &set))
}

pub fn descriptions(value: &Tlv<'_>) -> Result<Vec<AccessDescription>> {
    let seq = value.with_tag(TAG_SEQUENCE, "an AuthorityInfoAccess SEQUENCE")?;
    seq.children()
        .map(|item| {
            let item = item?.with_tag(TAG_SEQUENCE, "an AccessDescription")?;
            let mut fields = item.children();
            let method = fields
                .required("accessMethod")?
                .with_tag(TAG_OID, "an access method OID")?;
            let (oid, _) = oid::read(method.content).ok_or_else(|| invalid("bad access method"))?;
            let location = general_name(&fields.required("accessLocation")?, IpForm::Address)?;
            let method = match &*oid {
                "1.3.6.1.5.5.7.48.1" => "ocsp".into(),
                "1.3.6.1.5.5.7.48.2" => "caIssuers".into(),
                "1.3.6.1.5.5.7.48.3" => "timeStamping".into(),
                "1.3.6.1.5.5.7.48.5" => "caRepository".into(),
                _ => oid.clone(),
            };
            Ok(AccessDescription {
                method,
                oid,
                location,
            })
        })
        .collect()
}
