//! PKCS#10 certificate requests.

use serde::Serialize;

use super::certificate::{AlgorithmName, algorithm_identifier, algorithm_name};
use super::extensions::{
    BasicConstraints, Extension, KeyUsage, KnownExtensions, Purpose, decode_extensions,
};
use super::general_name::GeneralName;
use super::key_identifier::KeyId;
use super::name::{Name, decode_value, parse_name};
use super::oid;
use super::public_key::{PublicKeyInfo, describe_spki};
use super::signature::{SignatureStatus, verify_signature};
use crate::der::{self, TAG_BIT_STRING, TAG_INTEGER, TAG_OID, TAG_SEQUENCE, TAG_SET, Tlv};
use crate::der_scan::FindingKind;
use crate::encoding::pem_encode;
use crate::error::{ErrorKind, Problem, Result};

/// A PKCS#10 certificate request, decoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct CertificateRequest {
    /// 1 (the only version).
    pub version: u32,
    pub subject: Name,
    pub public_key: PublicKeyInfo,
    pub signature_algorithm: AlgorithmName,
    /// The request is signed by the key it carries (proof of possession).
    pub signature_valid: bool,
    /// `valid`, `invalid`, or `unsupported` when certkit cannot check the algorithm.
    pub signature: SignatureStatus,
    /// The same as `signature` (kept for earlier callers).
    pub signature_status: SignatureStatus,
    /// The subjectKeyIdentifier in the requested extensions, hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub subject_key_identifier: Option<KeyId>,
    pub subject_alt_names: Vec<GeneralName>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basic_constraints: Option<BasicConstraints>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "string[]"))]
    pub key_usage: Option<Vec<KeyUsage>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extended_key_usage: Option<Vec<Purpose>>,
    /// The requested extensions (the extensionRequest attribute), decoded where known.
    pub extensions: Vec<Extension>,
    /// Every attribute other than extensionRequest, such as challengePassword.
    pub attributes: Vec<RequestAttribute>,
    #[serde(with = "serde_bytes")]
    #[cfg_attr(feature = "ts", tsify(type = "Uint8Array"))]
    pub der: Vec<u8>,
    pub pem: String,
    pub problems: Vec<Problem>,
}

/// A CSR attribute and its values as text (non-strings as `#` + DER hex).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct RequestAttribute {
    pub oid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub values: Vec<String>,
}

const OID_EXTENSION_REQUEST: &str = "1.2.840.113549.1.9.14";
const OID_MS_EXTENSION_REQUEST: &str = "1.3.6.1.4.1.311.2.1.14";

/// Decodes one DER CSR.
pub fn decode_csr(der: &[u8]) -> Result<CertificateRequest> {
    decode(der).map_err(|e| match &e.kind {
        ErrorKind::InvalidDer { reason } => ErrorKind::InvalidCsr {
            reason: reason.clone(),
        }
        .into(),
        _ => e,
    })
}

fn decode(der: &[u8]) -> Result<CertificateRequest> {
    let outer = Tlv::read_exact(der)?.with_tag(TAG_SEQUENCE, "a CertificationRequest SEQUENCE")?;
    let mut parts = outer.children();
    let info = parts
        .required("certificationRequestInfo")?
        .with_tag(TAG_SEQUENCE, "a CertificationRequestInfo")?;
    let algorithm = algorithm_identifier(parts.required("signatureAlgorithm")?)?;
    let signature = parts
        .required("signature")?
        .with_tag(TAG_BIT_STRING, "a signature BIT STRING")?;
    // As for certificates (ARCHITECTURE.md, "Parsing policy"): unused bits are read and the
    // signature is then invalid; more than 7 is impossible.
    let (unused_bits, signature) = match signature.content.split_first() {
        Some((&unused, bits)) if unused <= 7 && (unused == 0 || !bits.is_empty()) => (unused, bits),
        _ => {
            return Err(invalid(
                "the signature BIT STRING's unused-bits octet is impossible",
            ));
        }
    };

    let mut fields = info.children();
    let version = fields
        .required("version")?
        .with_tag(TAG_INTEGER, "a version INTEGER")?;
    let subject = fields
        .required("subject")?
        .with_tag(TAG_SEQUENCE, "a subject Name")?;
    let spki = fields
        .required("subjectPKInfo")?
        .with_tag(TAG_SEQUENCE, "a SubjectPublicKeyInfo")?;
    let attributes_tlv = fields.optional(0xa0)?;
    let mut problems = encoding_problems(der)?;
    if unused_bits != 0 {
        problems.push(Problem::error(
            ErrorKind::SignatureUnusedBits { bits: unused_bits },
            "signature",
        ));
    }
    if der::small_uint(version.content) != Some(0) {
        problems.push(Problem::warning(
            ErrorKind::VersionMismatch { version: 0 },
            "version",
        ));
    }
    let (extensions, attributes) = match attributes_tlv {
        Some(list) => attributes(&list, &mut problems)?,
        None => (Vec::new(), Vec::new()),
    };
    let status = match unused_bits {
        0 => verify_signature(spki.raw, &algorithm, info.raw, signature),
        _ => SignatureStatus::Invalid,
    };
    let known = KnownExtensions::from(extensions.as_slice());
    Ok(CertificateRequest {
        version: 1,
        subject: parse_name(subject.raw)?,
        public_key: describe_spki(spki.raw)?,
        signature_algorithm: algorithm_name(&algorithm),
        signature_valid: status == SignatureStatus::Valid,
        signature: status,
        signature_status: status,
        subject_key_identifier: known.subject_key_identifier,
        subject_alt_names: known.subject_alt_names,
        basic_constraints: known.basic_constraints,
        key_usage: known.key_usage,
        extended_key_usage: known.extended_key_usage,
        extensions,
        attributes,
        der: der.to_vec(),
        pem: pem_encode("CERTIFICATE REQUEST", der),
        problems,
    })
}

/// The parsing policy's findings over the whole request (extension values are scanned by
/// `decode_extensions`): what DER forbids is a warning at `der`, an empty INTEGER is refused.
fn encoding_problems(der: &[u8]) -> Result<Vec<Problem>> {
    let mut problems = Vec::new();
    for finding in crate::der_scan::scan(der) {
        let offset = finding.offset;
        let kind = match finding.kind {
            FindingKind::EmptyInteger => {
                return Err(invalid(&format!(
                    "an INTEGER with no content octets at byte {offset}"
                )));
            }
            FindingKind::NonMinimalLength => ErrorKind::NonDerLength { offset },
            FindingKind::NonDerBoolean => ErrorKind::NonDerBoolean { offset },
        };
        problems.push(Problem::warning(kind, "der"));
    }
    Ok(problems)
}

fn attributes(
    list: &Tlv<'_>,
    problems: &mut Vec<Problem>,
) -> Result<(Vec<Extension>, Vec<RequestAttribute>)> {
    let mut extensions = Vec::new();
    let mut others = Vec::new();
    for attribute in list.children() {
        let attribute = attribute?.with_tag(TAG_SEQUENCE, "an Attribute SEQUENCE")?;
        let mut parts = attribute.children();
        let oid_tlv = parts
            .required("attribute type")?
            .with_tag(TAG_OID, "an attribute OID")?;
        let values = parts
            .required("attribute values")?
            .with_tag(TAG_SET, "an attribute SET")?;
        let (oid, known) =
            oid::read(oid_tlv.content).ok_or_else(|| invalid("bad attribute OID"))?;
        if oid == OID_EXTENSION_REQUEST || oid == OID_MS_EXTENSION_REQUEST {
            for value in values.children() {
                let list = value?.with_tag(TAG_SEQUENCE, "an Extensions SEQUENCE")?;
                extensions.extend(decode_extensions(&list, problems)?);
            }
            continue;
        }
        let values = values
            .children()
            .map(|v| v.map(|v| decode_value(&v)))
            .collect::<Result<_>>()?;
        others.push(RequestAttribute {
            name: known.map(|known| known.long.to_owned()),
            oid: oid.into_owned(),
            values,
        });
    }
    Ok((extensions, others))
}

#[cold]
fn invalid(reason: &str) -> crate::Error {
    ErrorKind::InvalidDer {
        reason: reason.to_owned(),
    }
    .into()
}
