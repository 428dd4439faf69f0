//! A certificate split into its parts as byte slices, checked for shape but not decoded: what
//! signature checks, chain building and the parsing policy work on. Also the shape check of an
//! AlgorithmIdentifier, shared with CRLs and CSRs.

use crate::der::{self, TAG_BIT_STRING, TAG_INTEGER, TAG_OID, TAG_SEQUENCE, Tlv};
use crate::error::{ErrorKind, Result};
use crate::time::{UnixTime, parse_asn1_time};
use crate::x509::signature::{SignatureStatus, verify_signature};

/// The certificate's parts as byte slices, for signature checks and chain building.
#[derive(Debug, Clone, Copy)]
pub struct RawCertificate<'a> {
    pub der: &'a [u8],
    /// The whole tbsCertificate element: what the signature covers.
    pub tbs: &'a [u8],
    pub version: u32,
    pub serial: &'a [u8],
    /// The outer AlgorithmIdentifier.
    pub signature_algorithm: Tlv<'a>,
    /// The AlgorithmIdentifier inside tbsCertificate.
    pub tbs_signature_algorithm: Tlv<'a>,
    pub issuer: &'a [u8],
    pub subject: &'a [u8],
    pub not_before: UnixTime,
    pub not_after: UnixTime,
    /// The validity's two time elements as written (for the non-DER forms the policy reports).
    pub validity_times: [Tlv<'a>; 2],
    pub spki: &'a [u8],
    pub has_unique_ids: bool,
    pub extensions: Option<Tlv<'a>>,
    pub signature: &'a [u8],
    /// The signature BIT STRING's unused-bits octet: not 0 means no signature can verify.
    pub signature_unused_bits: u8,
}

impl<'a> RawCertificate<'a> {
    /// Splits a DER certificate into its parts; `der` must hold exactly one certificate.
    pub fn parse(der: &'a [u8]) -> Result<Self> {
        Self::parse_parts(der).map_err(|e| {
            ErrorKind::InvalidCertificate {
                reason: e.kind.to_string(),
            }
            .into()
        })
    }

    fn parse_parts(der: &'a [u8]) -> Result<Self> {
        let outer = Tlv::read_exact(der)?.with_tag(TAG_SEQUENCE, "a Certificate SEQUENCE")?;
        let mut parts = outer.children();
        let tbs = parts
            .required("tbsCertificate")?
            .with_tag(TAG_SEQUENCE, "a tbsCertificate SEQUENCE")?;
        let signature_algorithm = algorithm_identifier(parts.required("signatureAlgorithm")?)?;
        let signature = parts
            .required("signatureValue")?
            .with_tag(TAG_BIT_STRING, "a signature BIT STRING")?;
        if !parts.is_empty() {
            return Err(invalid("data after the signature"));
        }
        // Unused bits are read (the signature is then reported invalid, as OpenSSL does);
        // more than 7, or unused bits of no octet, X.690 makes impossible.
        let (signature_unused_bits, signature) = match signature.content.split_first() {
            Some((&unused, bits)) if unused <= 7 && (unused == 0 || !bits.is_empty()) => {
                (unused, bits)
            }
            _ => {
                return Err(invalid(
                    "the signature BIT STRING's unused-bits octet is impossible",
                ));
            }
        };

        let mut fields = tbs.children();
        let version = match fields.optional(0xa0)? {
            Some(explicit) => {
                let v = Tlv::read_exact(explicit.content)?
                    .with_tag(TAG_INTEGER, "a version INTEGER")?;
                match der::small_uint(v.content) {
                    Some(n @ 0..=2) => n as u32 + 1,
                    _ => return Err(invalid("the version is not 1, 2 or 3")),
                }
            }
            None => 1,
        };
        let serial = fields
            .required("serialNumber")?
            .with_tag(TAG_INTEGER, "a serialNumber INTEGER")?;
        if serial.content.is_empty() {
            return Err(invalid("the serialNumber INTEGER has no content octets"));
        }
        let tbs_signature_algorithm = algorithm_identifier(fields.required("signature")?)?;
        let issuer = fields
            .required("issuer")?
            .with_tag(TAG_SEQUENCE, "an issuer Name")?;
        let validity = fields
            .required("validity")?
            .with_tag(TAG_SEQUENCE, "a Validity SEQUENCE")?;
        let subject = fields
            .required("subject")?
            .with_tag(TAG_SEQUENCE, "a subject Name")?;
        let spki = fields
            .required("subjectPublicKeyInfo")?
            .with_tag(TAG_SEQUENCE, "a SubjectPublicKeyInfo")?;
        // Unique IDs are [1] and [2] IMPLICIT BIT STRING; some encoders mark them constructed.
        let issuer_uid = fields.optional_any(&[0x81, 0xa1])?;
        let subject_uid = fields.optional_any(&[0x82, 0xa2])?;
        let extensions = match fields.optional(0xa3)? {
            Some(explicit) => {
                Some(Tlv::read_exact(explicit.content)?.with_tag(TAG_SEQUENCE, "Extensions")?)
            }
            None => None,
        };
        if !fields.is_empty() {
            return Err(invalid("unexpected data at the end of tbsCertificate"));
        }
        let mut times = validity.children();
        let validity_times = [times.required("notBefore")?, times.required("notAfter")?];
        let [not_before, not_after] = validity_times.map(|t| time(&t));
        let (not_before, not_after) = (not_before?, not_after?);
        Ok(Self {
            der,
            tbs: tbs.raw,
            version,
            serial: serial.content,
            signature_algorithm,
            tbs_signature_algorithm,
            issuer: issuer.raw,
            subject: subject.raw,
            not_before,
            not_after,
            validity_times,
            spki: spki.raw,
            has_unique_ids: issuer_uid.is_some() || subject_uid.is_some(),
            extensions,
            signature,
            signature_unused_bits,
        })
    }

    /// Verifies this certificate's signature with the issuer's SubjectPublicKeyInfo.
    pub fn verify_signed_by(&self, issuer_spki: &[u8]) -> SignatureStatus {
        if self.signature_unused_bits != 0 {
            return SignatureStatus::Invalid;
        }
        verify_signature(
            issuer_spki,
            &self.signature_algorithm,
            self.tbs,
            self.signature,
        )
    }
}

/// Checks the shape of an AlgorithmIdentifier (SEQUENCE { OID, parameters OPTIONAL }).
pub fn algorithm_identifier(tlv: Tlv<'_>) -> Result<Tlv<'_>> {
    let seq = tlv.with_tag(TAG_SEQUENCE, "an AlgorithmIdentifier")?;
    let mut parts = seq.children();
    parts
        .required("algorithm")?
        .with_tag(TAG_OID, "an algorithm OID")?;
    parts.next_tlv().transpose()?;
    if !parts.is_empty() {
        return Err(invalid("data after the algorithm parameters"));
    }
    Ok(seq)
}

fn time(tlv: &Tlv<'_>) -> Result<UnixTime> {
    parse_asn1_time(tlv.tag, tlv.content)
        .map(|(t, _)| t)
        .ok_or_else(|| invalid("a validity time is not a valid UTCTime or GeneralizedTime"))
}

#[cold]
fn invalid(reason: &str) -> crate::Error {
    ErrorKind::InvalidDer {
        reason: reason.to_owned(),
    }
    .into()
}
