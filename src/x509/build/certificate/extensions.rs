//! The certificate's extensions that a CSR may ask for: each is the option when given, else
//! the CSR's requested one (its DER copied byte for byte), else the default; and a warning for
//! each requested extension the certificate does not carry.

use super::CreateCertificateOptions;
use crate::der::Tlv;
use crate::error::{ErrorKind, Problem, Result};
use crate::x509::build::Problems;
use crate::x509::build::extension::{self as ext, Extension};
use crate::x509::build::san::subject_alt_name;
use crate::x509::build::usage::{KeyUsages, extended_key_usage};
use crate::x509::{CertificateRequest, KeyIdMethod, key_identifier};

/// The CSR's requested extension with this OID: its extnValue DER, exactly.
fn requested<'a>(csr: Option<&'a CertificateRequest>, oid: &str) -> Option<&'a [u8]> {
    csr?.extensions
        .iter()
        .find(|e| e.oid == oid)
        .map(|e| e.der.as_slice())
}

/// By `keyIdMethod`; else the CSR's requested one; else RFC 5280 method 1.
pub(super) fn subject_key_id(
    options: &CreateCertificateOptions,
    csr: Option<&CertificateRequest>,
    spki: &[u8],
) -> Result<Vec<u8>> {
    if options.key_id_method.is_none()
        && let Some(value) = requested(csr, "2.5.29.14")
    {
        let id = Tlv::read_exact(value).map_err(|e| e.at("csr"))?;
        return Ok(id.content.to_vec());
    }
    key_identifier(
        spki,
        options.key_id_method.unwrap_or(KeyIdMethod::Rfc5280Sha1),
    )
}

/// The given keyUsage, else the CSR's (its DER kept), else the CA default; checked either way.
pub(super) fn key_usage(
    options: &CreateCertificateOptions,
    csr: Option<&CertificateRequest>,
    spki: &[u8],
) -> Result<Option<Extension>> {
    let is_ca = Some(options.is_ca);
    if let Some(names) = given(&options.key_usage) {
        let usages = KeyUsages::from_names(names, "keyUsage")?;
        usages.check(spki, is_ca, "keyUsage")?;
        return Ok(Some(usages.extension()));
    }
    if let Some(value) = requested(csr, "2.5.29.15") {
        KeyUsages::from_der(value, "csr")?.check(spki, is_ca, "csr")?;
        return Ok(Some(Extension::new(ext::KEY_USAGE, true, value.to_vec())));
    }
    Ok(options.is_ca.then(|| KeyUsages::ca_default().extension()))
}

pub(super) fn eku(
    options: &CreateCertificateOptions,
    csr: Option<&CertificateRequest>,
) -> Result<Option<Extension>> {
    match (
        given(&options.extended_key_usage),
        requested(csr, "2.5.29.37"),
    ) {
        (Some(names), _) => extended_key_usage(names, "extendedKeyUsage").map(Some),
        (None, Some(value)) => Ok(Some(Extension::new(
            ext::EXTENDED_KEY_USAGE,
            false,
            value.to_vec(),
        ))),
        (None, None) => Ok(None),
    }
}

pub(super) fn san(
    options: &CreateCertificateOptions,
    csr: Option<&CertificateRequest>,
    subject_empty: bool,
) -> Result<Option<Extension>> {
    match (
        given(&options.subject_alt_names),
        requested(csr, "2.5.29.17"),
    ) {
        (Some(names), _) => subject_alt_name(names, subject_empty, "subjectAltNames"),
        (None, Some(value)) => Ok(Some(Extension::new(
            ext::SUBJECT_ALT_NAME,
            subject_empty,
            value.to_vec(),
        ))),
        (None, None) => Ok(None),
    }
}

/// A warning for each requested extension the certificate does not carry.
pub(super) fn not_copied(
    csr: &CertificateRequest,
    options: &CreateCertificateOptions,
    problems: &mut Problems,
) {
    const COPIED: [&str; 4] = ["2.5.29.14", "2.5.29.15", "2.5.29.17", "2.5.29.37"];
    for extension in &csr.extensions {
        if COPIED.contains(&extension.oid.as_ref()) {
            continue;
        }
        // A requested `cA` FALSE is what a leaf gets anyway.
        let leaf_constraints = extension.oid == "2.5.29.19" && extension.der == [0x30, 0x00];
        if leaf_constraints && !options.is_ca {
            continue;
        }
        let kind = ErrorKind::CsrExtensionNotCopied {
            oid: extension.oid.to_string(),
        };
        problems.push(Problem::warning(kind, "csr"));
    }
}

/// A list option that holds something: an empty list means "not given" (a form with nothing
/// ticked), so the CSR's request or the default applies.
fn given<T>(list: &Option<Vec<T>>) -> Option<&Vec<T>> {
    list.as_ref().filter(|l| !l.is_empty())
}
