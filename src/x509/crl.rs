//! Certificate revocation lists (RFC 5280 section 5), v1 and v2: the model users inspect, the
//! raw parts that revocation checks use, and the signature check against an issuer.

use serde::{Deserialize, Serialize};

use super::certificate::{AlgorithmName, algorithm_identifier, algorithm_name, serial_hex};
use super::extensions::{
    Extension, ExtensionValue, IssuingDistributionPoint, KnownExtensions, decode_extensions,
};
use super::key_identifier::KeyId;
use super::name::{Name, parse_name};
use super::signature::{SignatureStatus, verify_signature};
use crate::der::{self, TAG_BIT_STRING, TAG_INTEGER, TAG_SEQUENCE, Tlv};
use crate::encoding::{InputData, decode_blocks, pem_encode};
use crate::error::{Error, ErrorKind, Problem, Result};
use crate::object::{ObjectKind, classify};
use crate::time::{UnixTime, format_rfc3339, parse_generalized_time, parse_utc_time};

/// A certificate revocation list, decoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Crl {
    /// 1 or 2.
    pub version: u32,
    pub issuer: Name,
    /// RFC 3339 UTC.
    pub this_update: String,
    /// RFC 3339 UTC; when a newer CRL is due.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_update: Option<String>,
    /// The cRLNumber extension, hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crl_number: Option<String>,
    /// The base CRL number (hex) of a delta CRL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delta_crl_indicator: Option<String>,
    /// The keyIdentifier of the authorityKeyIdentifier extension, hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub authority_key_identifier: Option<KeyId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuing_distribution_point: Option<IssuingDistributionPoint>,
    pub signature_algorithm: AlgorithmName,
    /// The revoked certificates, in the CRL's order.
    pub revoked: Vec<RevokedCertificate>,
    /// Every CRL extension, in order, decoded where known.
    pub extensions: Vec<Extension>,
    /// Whether the given issuer's key verifies the CRL's signature; absent without an issuer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature: Option<SignatureStatus>,
    #[serde(with = "serde_bytes")]
    #[cfg_attr(feature = "ts", tsify(type = "Uint8Array"))]
    pub der: Vec<u8>,
    /// PEM (`X509 CRL`) with LF line ends.
    pub pem: String,
    /// What is unusual in a CRL that still parses.
    pub problems: Vec<Problem>,
}

/// One entry of a CRL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct RevokedCertificate {
    /// Hex, as `Certificate.serialNumber`.
    pub serial_number: String,
    /// RFC 3339 UTC.
    pub revocation_date: String,
    /// The reasonCode entry extension (RFC 5280 name, such as `keyCompromise`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The invalidityDate entry extension, RFC 3339 UTC.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invalidity_date: Option<String>,
    /// Every entry extension, decoded where known.
    #[cfg_attr(feature = "ts", tsify(optional))]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<Extension>,
}

/// `parseCrl`'s options.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ParseCrlOptions {
    /// The issuer's certificate: the CRL's signature is checked with its key.
    #[serde(default)]
    pub issuer: Option<InputData>,
}

/// A CRL's parts as byte slices, for signature and revocation checks.
#[derive(Debug, Clone, Copy)]
pub struct RawCrl<'a> {
    pub der: &'a [u8],
    /// The whole tbsCertList element: what the signature covers.
    pub tbs: &'a [u8],
    pub version: u32,
    pub signature_algorithm: Tlv<'a>,
    pub tbs_signature_algorithm: Tlv<'a>,
    pub issuer: &'a [u8],
    pub this_update: UnixTime,
    pub next_update: Option<UnixTime>,
    /// The revokedCertificates SEQUENCE, when present.
    pub revoked: Option<Tlv<'a>>,
    pub extensions: Option<Tlv<'a>>,
    pub signature: &'a [u8],
}

/// One revokedCertificates entry as byte slices.
#[derive(Debug, Clone, Copy)]
pub struct RawEntry<'a> {
    /// The userCertificate INTEGER's content.
    pub serial: &'a [u8],
    pub revocation_date: UnixTime,
    pub extensions: Option<Tlv<'a>>,
}

impl<'a> RawCrl<'a> {
    /// Splits a DER CRL into its parts; `der` must hold exactly one CRL.
    pub fn parse(der: &'a [u8]) -> Result<Self> {
        Self::parse_parts(der).map_err(|e| invalid_crl(&e.kind.to_string()))
    }

    fn parse_parts(der: &'a [u8]) -> Result<Self> {
        let outer = Tlv::read_exact(der)?.with_tag(TAG_SEQUENCE, "a CertificateList SEQUENCE")?;
        let mut parts = outer.children();
        let tbs = parts
            .required("tbsCertList")?
            .with_tag(TAG_SEQUENCE, "a tbsCertList SEQUENCE")?;
        let signature_algorithm = algorithm_identifier(parts.required("signatureAlgorithm")?)?;
        let signature = parts
            .required("signatureValue")?
            .with_tag(TAG_BIT_STRING, "a signature BIT STRING")?;
        if !parts.is_empty() {
            return Err(invalid_der("data after the signature"));
        }
        let signature = match signature.content.split_first() {
            Some((0, bits)) => bits,
            _ => return Err(invalid_der("the signature BIT STRING has unused bits")),
        };
        let mut fields = tbs.children();
        let version = match fields.optional(TAG_INTEGER)? {
            Some(v) if der::small_uint(v.content) == Some(1) => 2,
            Some(_) => {
                return Err(invalid_der(
                    "the version is not 2 (v2 is the only one written)",
                ));
            }
            None => 1,
        };
        let tbs_signature_algorithm = algorithm_identifier(fields.required("signature")?)?;
        let issuer = fields
            .required("issuer")?
            .with_tag(TAG_SEQUENCE, "an issuer Name")?;
        let this_update = time(&fields.required("thisUpdate")?, "thisUpdate")?;
        let next_update = match fields.optional_any(&[0x17, 0x18])? {
            Some(t) => Some(time(&t, "nextUpdate")?),
            None => None,
        };
        let revoked = fields.optional(TAG_SEQUENCE)?;
        let extensions = match fields.optional(0xa0)? {
            Some(explicit) => {
                Some(Tlv::read_exact(explicit.content)?.with_tag(TAG_SEQUENCE, "Extensions")?)
            }
            None => None,
        };
        if !fields.is_empty() {
            return Err(invalid_der("unexpected data at the end of tbsCertList"));
        }
        Ok(Self {
            der,
            tbs: tbs.raw,
            version,
            signature_algorithm,
            tbs_signature_algorithm,
            issuer: issuer.raw,
            this_update,
            next_update,
            revoked,
            extensions,
            signature,
        })
    }

    /// The revoked entries, in order; an error for the first malformed one.
    pub fn entries(&self) -> impl Iterator<Item = Result<RawEntry<'a>>> + 'a {
        self.revoked
            .map(|list| list.children())
            .into_iter()
            .flatten()
            .map(|entry| entry.and_then(|e| raw_entry(&e)))
    }

    /// Verifies the CRL's signature with the issuer's SubjectPublicKeyInfo.
    pub fn verify_signed_by(&self, issuer_spki: &[u8]) -> SignatureStatus {
        verify_signature(
            issuer_spki,
            &self.signature_algorithm,
            self.tbs,
            self.signature,
        )
    }
}

/// Parses input (PEM `X509 CRL`, DER or base64) that holds exactly one CRL; with an issuer
/// certificate in the options, also checks the CRL's signature with its key.
pub fn parse_crl(input: &[u8], options: &ParseCrlOptions) -> Result<Crl> {
    let (_, blocks) = decode_blocks(input)?;
    let [block] = blocks.as_slice() else {
        return Err(ErrorKind::MultipleObjects {
            count: blocks.len(),
        }
        .into());
    };
    let mut crl = match classify(block) {
        ObjectKind::Crl => decode_crl(&block.der)?,
        kind => {
            return Err(ErrorKind::NotACrl {
                found: kind.describe().to_owned(),
            }
            .into());
        }
    };
    if let Some(issuer) = &options.issuer {
        let issuer = super::parse_certificate(issuer.as_bytes()).map_err(|e| e.at("issuer"))?;
        let raw = RawCrl::parse(&crl.der)?;
        crl.signature = Some(raw.verify_signed_by(&issuer.public_key.spki));
    }
    Ok(crl)
}

/// Decodes one DER CRL; `der` must hold exactly the CRL.
pub fn decode_crl(der: &[u8]) -> Result<Crl> {
    let raw = RawCrl::parse(der)?;
    let mut problems = Vec::new();
    if raw.signature_algorithm.raw != raw.tbs_signature_algorithm.raw {
        problems.push(Problem::warning(
            ErrorKind::SignatureAlgorithmMismatch,
            "signatureAlgorithm",
        ));
    }
    let extensions = match &raw.extensions {
        Some(list) => decode_extensions(list, &mut problems)
            .map_err(|e| invalid_crl(&format!("extensions: {}", e.kind)))?,
        None => Vec::new(),
    };
    let mut revoked = Vec::new();
    for (index, entry) in raw.entries().enumerate() {
        let entry = entry.map_err(|e| invalid_crl(&format!("revoked[{index}]: {}", e.kind)))?;
        revoked.push(decode_entry(&entry, index, &mut problems)?);
    }
    let known = KnownExtensions::from(extensions.as_slice());
    let mut crl = Crl {
        version: raw.version,
        issuer: parse_name(raw.issuer).map_err(|e| invalid_crl(&format!("issuer: {}", e.kind)))?,
        this_update: format_rfc3339(raw.this_update),
        next_update: raw.next_update.map(format_rfc3339),
        crl_number: None,
        delta_crl_indicator: None,
        authority_key_identifier: known.authority_key_identifier,
        issuing_distribution_point: None,
        signature_algorithm: algorithm_name(&raw.signature_algorithm),
        revoked,
        extensions: Vec::new(),
        signature: None,
        der: der.to_vec(),
        pem: pem_encode("X509 CRL", der),
        problems,
    };
    for value in extensions.iter().filter_map(|e| e.value.as_ref()) {
        match value {
            ExtensionValue::CrlNumber { number } => crl.crl_number = Some(number.clone()),
            ExtensionValue::DeltaCrlIndicator { base_crl_number } => {
                crl.delta_crl_indicator = Some(base_crl_number.clone())
            }
            ExtensionValue::IssuingDistributionPoint(point) => {
                crl.issuing_distribution_point = Some(point.clone())
            }
            _ => {}
        }
    }
    crl.extensions = extensions;
    Ok(crl)
}

fn decode_entry(
    entry: &RawEntry<'_>,
    index: usize,
    problems: &mut Vec<Problem>,
) -> Result<RevokedCertificate> {
    let mut found = Vec::new();
    let extensions = match &entry.extensions {
        Some(list) => decode_extensions(list, &mut found)
            .map_err(|e| invalid_crl(&format!("revoked[{index}].extensions: {}", e.kind)))?,
        None => Vec::new(),
    };
    problems.extend(found.into_iter().map(|mut p| {
        let entry = crate::error::FieldPath::from("revoked").index(index);
        p.field = Some(p.field.map_or_else(|| entry.clone(), |f| f.within(&entry)));
        p
    }));
    let mut decoded = RevokedCertificate {
        serial_number: serial_hex(entry.serial),
        revocation_date: format_rfc3339(entry.revocation_date),
        reason: None,
        invalidity_date: None,
        extensions: Vec::new(),
    };
    for value in extensions.iter().filter_map(|e| e.value.as_ref()) {
        match value {
            ExtensionValue::CrlReason { reason } => decoded.reason = Some(reason.clone()),
            ExtensionValue::InvalidityDate { date } => decoded.invalidity_date = Some(date.clone()),
            _ => {}
        }
    }
    decoded.extensions = extensions;
    Ok(decoded)
}

fn raw_entry<'a>(entry: &Tlv<'a>) -> Result<RawEntry<'a>> {
    let entry = entry.with_tag(TAG_SEQUENCE, "a revoked certificate SEQUENCE")?;
    let mut fields = entry.children();
    let serial = fields
        .required("userCertificate")?
        .with_tag(TAG_INTEGER, "a serial number INTEGER")?;
    if serial.content.is_empty() {
        return Err(invalid_der("an empty serial number"));
    }
    let revocation_date = time(&fields.required("revocationDate")?, "revocationDate")?;
    let extensions = fields
        .optional(TAG_SEQUENCE)?
        .map(|list| list.with_tag(TAG_SEQUENCE, "Extensions"))
        .transpose()?;
    if !fields.is_empty() {
        return Err(invalid_der(
            "unexpected data in a revoked certificate entry",
        ));
    }
    Ok(RawEntry {
        serial: serial.content,
        revocation_date,
        extensions,
    })
}

fn time(tlv: &Tlv<'_>, what: &str) -> Result<UnixTime> {
    let parsed = match tlv.tag {
        0x17 => parse_utc_time(tlv.content),
        0x18 => parse_generalized_time(tlv.content),
        _ => None,
    };
    parsed.ok_or_else(|| invalid_der(&format!("{what} is not a valid UTCTime or GeneralizedTime")))
}

#[cold]
fn invalid_der(reason: &str) -> Error {
    ErrorKind::InvalidDer {
        reason: reason.to_owned(),
    }
    .into()
}

#[cold]
fn invalid_crl(reason: &str) -> Error {
    ErrorKind::InvalidCrl {
        reason: reason.to_owned(),
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_an_invalid_crl() {
        for der in [
            &[0x30, 0x00][..],
            &[0x30, 0x03, 0x30, 0x01, 0x00],
            &[0x02, 0x01, 0x00],
        ] {
            assert_eq!(decode_crl(der).unwrap_err().code(), "INVALID_CRL");
        }
    }
}
