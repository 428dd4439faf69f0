//! CreateCertificate: `{ parent, certificate: { x509Der } }`. The certificate may be given as
//! PEM, base64 DER or bytes, or as a Certificate message whose output-only fields the server
//! ignores; what the server accepts but a user should hear about is warned.

use serde::Serialize;
use serde_json::Value;

use super::resource::parent;
use crate::api::fields::Fields;
use crate::encoding::{base64_encode, decode_base64, decode_blocks};
use crate::error::{Error, ErrorKind, Problem, Result};
use crate::time::{UnixTime, required_now};
use crate::x509::{Certificate, End, decode_certificate};

/// CreateCertificateRequest in proto3 JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreateCertificateRequest {
    pub parent: String,
    pub certificate: CertificateMessage,
}

/// The Certificate message as a client sends it: only `x509Der` (base64 DER).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateMessage {
    pub x509_der: String,
}

pub fn read(
    fields: &mut Fields<'_>,
    now: Option<UnixTime>,
    problems: &mut Vec<Problem>,
) -> Option<CreateCertificateRequest> {
    let parent = parent(fields, problems);
    let now = match required_now(now) {
        Ok(now) => now,
        Err(error) => {
            problems.push(error.into_problem());
            return None;
        }
    };
    let x509_der = certificate_field(fields, problems, now)?;
    Some(CreateCertificateRequest {
        parent: parent?,
        certificate: CertificateMessage { x509_der },
    })
}

/// Where the DER was given: which decides how its text is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DerField {
    /// `certificate`: PEM, base64 DER or bytes.
    Certificate,
    /// `certificate.x509Der`: proto3 JSON bytes (base64 of the DER, never PEM) or bytes.
    X509Der,
}

impl DerField {
    fn path(self) -> &'static str {
        match self {
            Self::Certificate => "certificate",
            Self::X509Der => "certificate.x509Der",
        }
    }
}

/// `certificate`, read; returns x509Der as base64.
fn certificate_field(
    fields: &mut Fields<'_>,
    problems: &mut Vec<Problem>,
    now: UnixTime,
) -> Option<String> {
    let Some(value) = fields.value("certificate") else {
        problems.push(Problem::error(
            ErrorKind::MissingField {
                name: "certificate.x509Der".into(),
            },
            "certificate.x509Der",
        ));
        return None;
    };
    let (der_value, field) = match value {
        Value::Object(_) => {
            let mut message = Fields::new(value, "certificate");
            let der = message.value("x509Der");
            for output_only in ["name", "revocationState", "subjectKeyIdentifier"] {
                if message.value(output_only).is_some() {
                    let kind = ErrorKind::OutputOnlyFieldIgnored {
                        field: output_only.into(),
                    };
                    problems.push(Problem::warning(kind, format!("certificate.{output_only}")));
                }
            }
            problems.extend(message.finish(true));
            match der {
                Some(der) => (der, DerField::X509Der),
                None => {
                    problems.push(Problem::error(
                        ErrorKind::MissingField {
                            name: "x509Der".into(),
                        },
                        "certificate.x509Der",
                    ));
                    return None;
                }
            }
        }
        other => (other, DerField::Certificate),
    };
    let der = match der_bytes(der_value, field) {
        Ok(der) => der,
        Err(error) => {
            problems.push(error.into_problem());
            return None;
        }
    };
    match decode_certificate(&der) {
        Ok(cert) => {
            problems.extend(certificate_findings(&cert, now, field.path()));
            Some(base64_encode(&der))
        }
        Err(error) => {
            problems.push(error.at(field.path()).into_problem());
            None
        }
    }
}

/// The DER of a certificate given as PEM, base64 or bytes (an `x509Der` must not be PEM).
fn der_bytes(value: &Value, field: DerField) -> Result<Vec<u8>> {
    let path = field.path();
    match value {
        Value::String(text) if field == DerField::X509Der && text.contains("-----BEGIN") => {
            Err(Error::new(ErrorKind::X509DerIsPem).at(path))
        }
        // proto3 JSON bytes: base64 of the DER, nothing else.
        Value::String(text) if field == DerField::X509Der => decode_base64(text.as_bytes())
            .map(|b| b.to_vec())
            .map_err(|e| e.at(path)),
        Value::String(text) => {
            let (_, blocks) = decode_blocks(text.as_bytes()).map_err(|e| e.at(path))?;
            match blocks.as_slice() {
                [block] => Ok(block.der.to_vec()),
                many => {
                    Err(Error::new(ErrorKind::MultipleCertificates { count: many.len() }).at(path))
                }
            }
        }
        Value::Array(items) => items
            .iter()
            .map(|b| b.as_u64().and_then(|b| u8::try_from(b).ok()))
            .collect::<Option<Vec<u8>>>()
            .ok_or_else(|| Error::new(ErrorKind::InvalidFieldType { expected: "bytes" }).at(path)),
        _ => Err(Error::new(ErrorKind::InvalidFieldType {
            expected: "PEM text, base64 DER or bytes",
        })
        .at(path)),
    }
}

/// What the server accepts but a user should hear about.
fn certificate_findings(cert: &Certificate, now: UnixTime, field: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    if cert.subject_key_identifier().is_none() {
        problems.push(Problem::error(
            ErrorKind::MissingSubjectKeyIdentifier,
            field,
        ));
    }
    // The server accepts it either way: a warning.
    if let Some(kind) = cert.validity().problem_at(now, End::Exclusive) {
        problems.push(Problem::warning(kind, field));
    }
    if cert.basic_constraints().is_some_and(|bc| bc.ca) {
        problems.push(Problem::warning(ErrorKind::CreatingCaCertificate, field));
    }
    problems
}
