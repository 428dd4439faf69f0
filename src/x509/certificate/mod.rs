//! The certificate model: every field a user inspects, decoded from DER. The certificate's
//! parts as byte slices (`RawCertificate`) are in `raw.rs`.

mod output;
mod raw;

use std::borrow::Cow;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::encoding_policy::encoding_problems;
use super::extensions::{
    BasicConstraints, Extension, KeyUsage, KnownRefs, Purpose, decode_extensions_in,
};
use super::general_name::GeneralName;
use super::key_identifier::KeyId;
use super::name::{Name, parse_name};
use super::oid;
use super::public_key::{PublicKeyInfo, describe_spki_in};
use super::signature::SignatureStatus;
use crate::der::{self, Tlv};
use crate::encoding::{hex_lower, pem_encode};
use crate::error::{ErrorKind, Problem, Result};
use crate::output_digest::OutputDigest;
use crate::shared_bytes::SharedBytes;
use crate::time::UnixTime;

pub use raw::{RawCertificate, algorithm_identifier};

/// An X.509 certificate, decoded. Text that is only output (`pem`, the fingerprints) is made
/// when the certificate is serialized (`output.rs`), not when it is parsed: a parse that only
/// reads fields, as chain validation does, never pays for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// 1, 2 or 3.
    pub version: u32,
    /// Lowercase hex of the magnitude without leading zeros; `0` for zero, `-` when negative.
    pub serial_number: String,
    pub signature_algorithm: AlgorithmName,
    pub issuer: Name,
    pub subject: Name,
    /// RFC 3339 UTC.
    pub not_before: UnixTime,
    /// RFC 3339 UTC.
    pub not_after: UnixTime,
    pub public_key: PublicKeyInfo,
    /// Every extension, in order, decoded where known; the well-known ones are also answered
    /// by the methods of the same name (`subject_alt_names()`, `key_usage()`, ...).
    pub extensions: Vec<Extension>,
    /// Issuer equals subject, and the certificate's own key verifies its signature (or, for
    /// algorithms certkit cannot verify, the key identifiers agree).
    pub self_signed: bool,
    /// The signature value.
    pub signature: SharedBytes,
    /// The certificate, DER.
    pub der: SharedBytes,
    /// What is unusual or wrong in a certificate that still parses, each with its code and
    /// field: the parsing policy's findings (ARCHITECTURE.md), lint warnings and notes.
    pub problems: Vec<Problem>,
}

/// An algorithm identifier and OpenSSL's name for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct AlgorithmName {
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub oid: Cow<'static, str>,
    /// OpenSSL's long name (`sha256WithRSAEncryption`), or the OID when unknown.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub name: Cow<'static, str>,
}

/// Hex digests of the DER certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Fingerprints {
    pub sha1: String,
    pub sha256: String,
}

impl Fingerprints {
    /// The fingerprints of a certificate's DER.
    pub fn of(der: &[u8]) -> Self {
        Self {
            sha1: OutputDigest::Sha1Hex.text(der),
            sha256: OutputDigest::Sha256Hex.text(der),
        }
    }
}

impl Certificate {
    /// The well-known extensions (the first of each), borrowed from `extensions`.
    pub fn known(&self) -> KnownRefs<'_> {
        KnownRefs::from(self.extensions.as_slice())
    }

    /// The subjectKeyIdentifier extension's key identifier.
    pub fn subject_key_identifier(&self) -> Option<&KeyId> {
        self.known().subject_key_identifier
    }

    /// The keyIdentifier of the authorityKeyIdentifier extension.
    pub fn authority_key_identifier(&self) -> Option<&KeyId> {
        self.known().authority_key_identifier
    }

    /// The subjectAltName extension's names; empty when it is absent.
    pub fn subject_alt_names(&self) -> &[GeneralName] {
        self.known().subject_alt_names
    }

    pub fn basic_constraints(&self) -> Option<BasicConstraints> {
        self.known().basic_constraints
    }

    /// The keyUsage bits set.
    pub fn key_usage(&self) -> Option<&[KeyUsage]> {
        self.known().key_usage
    }

    pub fn extended_key_usage(&self) -> Option<&[Purpose]> {
        self.known().extended_key_usage
    }

    /// SHA-1 and SHA-256 of the DER, hex (computed on each call).
    pub fn fingerprints(&self) -> Fingerprints {
        Fingerprints::of(&self.der)
    }

    /// The certificate, PEM with LF line ends (written on each call).
    pub fn pem(&self) -> String {
        pem_encode("CERTIFICATE", &self.der)
    }
}

/// Decodes one DER certificate; `der` must hold exactly the certificate.
pub fn decode_certificate(der: &[u8]) -> Result<Certificate> {
    decode_certificate_with(der, SelfSignature::Check)
}

/// Whether decoding checks the signature of a certificate that names itself as its issuer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelfSignature {
    /// `selfSigned` is set (a signature check for each self-issued certificate).
    Check,
    /// `selfSigned` is left false: the caller checks when it needs to (chain validation asks
    /// only about the certificates it uses).
    Defer,
}

/// `decode_certificate`, choosing whether the self-signature is checked now.
pub fn decode_certificate_with(der: &[u8], self_signature: SelfSignature) -> Result<Certificate> {
    // One copy of the DER, which the byte fields are views of.
    let shared = SharedBytes::copy_of(der);
    let der = &*shared;
    let raw = RawCertificate::parse(der)?;
    let mut problems = encoding_problems(&raw).map_err(|e| ErrorKind::InvalidCertificate {
        reason: e.kind.to_string(),
    })?;
    let extensions = match &raw.extensions {
        Some(list) => decode_extensions_in(&shared, list, &mut problems).map_err(|e| {
            ErrorKind::InvalidCertificate {
                reason: format!("extensions: {}", e.kind),
            }
        })?,
        None => Vec::new(),
    };
    lint(&raw, &extensions, &mut problems);
    let mut cert = Certificate {
        version: raw.version,
        serial_number: serial_hex(raw.serial),
        signature_algorithm: algorithm_name(&raw.signature_algorithm),
        issuer: parse_name(raw.issuer).map_err(|e| in_field(e, "issuer"))?,
        subject: parse_name(raw.subject).map_err(|e| in_field(e, "subject"))?,
        not_before: raw.not_before,
        not_after: raw.not_after,
        public_key: describe_spki_in(&shared, raw.spki)
            .map_err(|e| in_field(e, "subjectPublicKeyInfo"))?,
        extensions,
        self_signed: false,
        signature: shared.view(raw.signature),
        der: shared.clone(),
        problems,
    };
    if self_signature == SelfSignature::Check {
        cert.self_signed = is_self_signed_remembered(&raw, &cert);
    }
    Ok(cert)
}

/// `is_self_signed`, with the signature check's answer remembered by the certificate's SHA-256
/// (`signature::memo`): the same bytes always get the same answer.
fn is_self_signed_remembered(raw: &RawCertificate<'_>, cert: &Certificate) -> bool {
    if !may_be_self_signed(raw, cert) {
        return false;
    }
    let sha256: [u8; 32] = Sha256::digest(raw.der).into();
    crate::x509::signature::memo::self_signature(sha256, || {
        raw.verify_signed_by(raw.spki) == SignatureStatus::Valid
    })
}

/// Signed by its own key: the names match and the signature verifies. A signature certkit
/// cannot check does not count (fail closed).
pub fn is_self_signed(raw: &RawCertificate<'_>, cert: &Certificate) -> bool {
    may_be_self_signed(raw, cert) && raw.verify_signed_by(raw.spki) == SignatureStatus::Valid
}

/// The names say self-issued, and no authorityKeyIdentifier names another key.
fn may_be_self_signed(raw: &RawCertificate<'_>, cert: &Certificate) -> bool {
    if raw.issuer != raw.subject && cert.issuer.rfc4514 != cert.subject.rfc4514 {
        return false;
    }
    // A certificate that names another key as its signer (authorityKeyIdentifier differs from
    // its own subjectKeyIdentifier) is self-issued at most: no signature check needed to say so.
    let known = cert.known();
    if let (Some(aki), Some(ski)) = (known.authority_key_identifier, known.subject_key_identifier)
        && aki != ski
    {
        return false;
    }
    true
}

/// Findings about a certificate that parses but breaks a rule.
fn lint(raw: &RawCertificate<'_>, extensions: &[Extension], problems: &mut Vec<Problem>) {
    if raw.signature_algorithm.raw != raw.tbs_signature_algorithm.raw {
        problems.push(Problem::warning(
            ErrorKind::SignatureAlgorithmMismatch,
            "signatureAlgorithm",
        ));
    }
    let (negative, magnitude) = der::integer_magnitude(raw.serial);
    if negative || magnitude.is_empty() {
        problems.push(Problem::warning(
            ErrorKind::SerialNumberNotPositive,
            "serialNumber",
        ));
    }
    if raw.serial.len() > 20 {
        problems.push(Problem::warning(
            ErrorKind::SerialNumberTooLong {
                octets: raw.serial.len(),
            },
            "serialNumber",
        ));
    }
    if (raw.version < 3 && !extensions.is_empty()) || (raw.version < 2 && raw.has_unique_ids) {
        problems.push(Problem::warning(
            ErrorKind::VersionMismatch {
                version: raw.version,
            },
            "version",
        ));
    }
}

/// Serial number as OpenSSL prints it, normalised: lowercase, no leading zeros.
pub fn serial_hex(content: &[u8]) -> String {
    let (negative, magnitude) = der::integer_magnitude(content);
    if magnitude.is_empty() {
        return "0".into();
    }
    let hex = hex_lower(&magnitude);
    let digits = hex.trim_start_matches('0');
    if negative {
        format!("-{digits}")
    } else {
        digits.to_owned()
    }
}

/// The OID and OpenSSL's name of an AlgorithmIdentifier.
pub fn algorithm_name(algorithm: &Tlv<'_>) -> AlgorithmName {
    let read = algorithm
        .children()
        .next()
        .and_then(|oid| oid.ok())
        .and_then(|oid| oid::read(oid.content));
    match read {
        Some((dotted, Some(known))) => AlgorithmName {
            oid: dotted,
            name: Cow::Borrowed(known.long),
        },
        Some((dotted, None)) => AlgorithmName {
            name: dotted.clone(),
            oid: dotted,
        },
        None => AlgorithmName {
            oid: Cow::Borrowed(""),
            name: Cow::Borrowed(""),
        },
    }
}

#[cold]
fn in_field(error: crate::Error, field: &str) -> crate::Error {
    ErrorKind::InvalidCertificate {
        reason: format!("{field}: {}", error.kind),
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_print_like_openssl_normalised() {
        assert_eq!(serial_hex(&[0x00]), "0");
        assert_eq!(serial_hex(&[0x00, 0x8f, 0x01]), "8f01");
        assert_eq!(serial_hex(&[0x01, 0x02]), "102");
        assert_eq!(serial_hex(&[0xff]), "-1");
    }

    #[test]
    fn garbage_is_an_invalid_certificate() {
        for der in [
            &[0x30, 0x00][..],
            &[0x30, 0x03, 0x30, 0x01, 0x00],
            &[0x02, 0x01, 0x00],
        ] {
            assert_eq!(
                decode_certificate(der).unwrap_err().code(),
                "INVALID_CERTIFICATE"
            );
        }
    }
}
