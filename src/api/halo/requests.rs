//! Requests of the Halo `Certificates` service: each method's rules, its proto3 JSON body, and
//! a ready `grpcurl` command line.

use serde::Serialize;
use serde_json::Value;

use super::grpcurl::{GrpcurlOptions, grpcurl};
use super::names::parse_name;
use super::revocation::{check_release_hold, check_revocation_transition};
use crate::api::fields::Fields;
use crate::encoding::{base64_encode, decode_base64, decode_blocks};
use crate::error::{Error, ErrorKind, Problem, Result};
use crate::time::{UnixTime, required_now};
use crate::x509::{End, decode_certificate};

pub const SERVICE: &str = "wfa.measurement.api.v2alpha.Certificates";
const DEFAULT_PAGE_SIZE: i64 = 50;
const MAX_PAGE_SIZE: i64 = 1000;

/// A gRPC call ready to make, and the same as a `grpcurl` command line.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct RpcRequest {
    pub service: String,
    /// `GetCertificate`, `CreateCertificate`, `ListCertificates`, `RevokeCertificate` or
    /// `ReleaseCertificateHold`.
    pub method: String,
    /// The proto3 JSON body as text.
    pub body: String,
    #[cfg_attr(feature = "ts", tsify(type = "Record<string, unknown>"))]
    pub body_json: Value,
    pub grpcurl: String,
}

/// The Halo methods certkit builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Create,
    List,
    Revoke,
    Release,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Self::Get => "GetCertificate",
            Self::Create => "CreateCertificate",
            Self::List => "ListCertificates",
            Self::Revoke => "RevokeCertificate",
            Self::Release => "ReleaseCertificateHold",
        }
    }
}

/// Every problem of a request input, none thrown.
pub fn check_request(method: Method, input: &Value, options: &GrpcurlOptions) -> Vec<Problem> {
    analyze(method, input, options).0
}

/// The request; throws one error carrying every problem when any is an error.
pub fn build_request(
    method: Method,
    input: &Value,
    options: &GrpcurlOptions,
) -> Result<RpcRequest> {
    let (problems, body) = analyze(method, input, options);
    if let Some(error) = Error::from_problems(problems) {
        return Err(error);
    }
    let body_text = serde_json::to_string(&body).map_err(|e| ErrorKind::Internal {
        reason: e.to_string(),
    })?;
    Ok(RpcRequest {
        service: SERVICE.into(),
        method: method.name().into(),
        grpcurl: grpcurl(method, &body_text, options),
        body: body_text,
        body_json: body,
    })
}

fn analyze(method: Method, input: &Value, options: &GrpcurlOptions) -> (Vec<Problem>, Value) {
    let mut fields = Fields::new(input, "");
    let mut problems = Vec::new();
    let mut body = serde_json::Map::new();
    match method {
        Method::Get => {
            certificate_name(&mut fields, &mut body, &mut problems);
        }
        Method::Create => {
            parent(&mut fields, &mut body, &mut problems);
            let now = match required_now(options.now) {
                Ok(now) => Some(now),
                Err(error) => {
                    problems.push(error.to_problem());
                    None
                }
            };
            if let Some(certificate) =
                now.and_then(|now| certificate_field(&mut fields, &mut problems, now))
            {
                body.insert(
                    "certificate".into(),
                    serde_json::json!({ "x509Der": certificate }),
                );
            }
        }
        Method::List => list(&mut fields, &mut body, &mut problems),
        Method::Revoke => {
            certificate_name(&mut fields, &mut body, &mut problems);
            let requested = fields.string("revocationState");
            let current = fields.string("currentState");
            problems.extend(check_revocation_transition(current, requested));
            if let Some(state) = requested {
                body.insert("revocationState".into(), Value::String(state.to_owned()));
            }
        }
        Method::Release => {
            certificate_name(&mut fields, &mut body, &mut problems);
            match fields.string("currentState") {
                Some(current) => problems.extend(check_release_hold(Some(current))),
                None => problems.push(Problem::info(
                    ErrorKind::CurrentStateUnknown,
                    "currentState",
                )),
            }
        }
    }
    let mut all = fields.finish(true);
    all.extend(problems);
    (all, Value::Object(body))
}

fn parent(
    fields: &mut Fields<'_>,
    body: &mut serde_json::Map<String, Value>,
    problems: &mut Vec<Problem>,
) {
    let Some(parent) = fields.required_string("parent") else {
        return;
    };
    match parse_name(parent, "parent") {
        Ok(name) if name.certificate_id.is_none() => problems.extend(name.problems),
        Ok(_) => problems.push(Problem::error(
            ErrorKind::InvalidHaloName {
                value: parent.chars().take(120).collect(),
            },
            "parent",
        )),
        Err(error) => problems.push(error.to_problem()),
    }
    body.insert("parent".into(), Value::String(parent.to_owned()));
}

fn certificate_name(
    fields: &mut Fields<'_>,
    body: &mut serde_json::Map<String, Value>,
    problems: &mut Vec<Problem>,
) {
    let Some(name) = fields.required_string("name") else {
        return;
    };
    match parse_name(name, "name") {
        Ok(parsed) if parsed.certificate_id.is_some() => problems.extend(parsed.problems),
        Ok(_) => problems.push(Problem::error(
            ErrorKind::InvalidHaloName {
                value: name.chars().take(120).collect(),
            },
            "name",
        )),
        Err(error) => problems.push(error.to_problem()),
    }
    body.insert("name".into(), Value::String(name.to_owned()));
}

/// `certificate`: PEM, base64 DER or bytes, or a Certificate message `{x509Der, ...}` whose
/// output-only fields the server ignores. Returns x509Der as base64.
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
                Some(der) => (der, "certificate.x509Der"),
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
        other => (other, "certificate"),
    };
    let der = match der_bytes(der_value, field) {
        Ok(der) => der,
        Err(error) => {
            problems.push(error.to_problem());
            return None;
        }
    };
    match decode_certificate(&der) {
        Ok(cert) => {
            problems.extend(certificate_findings(&cert, now, field));
            Some(base64_encode(&der))
        }
        Err(error) => {
            problems.push(error.at(field).to_problem());
            None
        }
    }
}

/// The DER of a certificate given as PEM, base64 or bytes (an `x509Der` must not be PEM).
fn der_bytes(value: &Value, field: &str) -> Result<Vec<u8>> {
    match value {
        Value::String(text) if text.contains("-----BEGIN") && field.ends_with("x509Der") => {
            Err(Error::new(ErrorKind::X509DerIsPem).at(field))
        }
        // proto3 JSON bytes: base64 of the DER, nothing else.
        Value::String(text) if field.ends_with("x509Der") => decode_base64(text.as_bytes())
            .map(|b| b.to_vec())
            .map_err(|e| e.at(field)),
        Value::String(text) => {
            let (_, blocks) = decode_blocks(text.as_bytes()).map_err(|e| e.at(field))?;
            match blocks.as_slice() {
                [block] => Ok(block.der.to_vec()),
                many => {
                    Err(Error::new(ErrorKind::MultipleCertificates { count: many.len() }).at(field))
                }
            }
        }
        Value::Array(items) => items
            .iter()
            .map(|b| b.as_u64().and_then(|b| u8::try_from(b).ok()))
            .collect::<Option<Vec<u8>>>()
            .ok_or_else(|| Error::new(ErrorKind::InvalidFieldType { expected: "bytes" }).at(field)),
        _ => Err(Error::new(ErrorKind::InvalidFieldType {
            expected: "PEM text, base64 DER or bytes",
        })
        .at(field)),
    }
}

/// What the server accepts but a user should hear about.
fn certificate_findings(
    cert: &crate::x509::Certificate,
    now: UnixTime,
    field: &str,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    if cert.subject_key_identifier.is_none() {
        problems.push(Problem::error(
            ErrorKind::MissingSubjectKeyIdentifier,
            field,
        ));
    }
    // The server accepts it either way: a warning.
    if let Some(kind) = cert.validity().problem_at(now, End::Exclusive) {
        problems.push(Problem::warning(kind, field));
    }
    if cert.basic_constraints.is_some_and(|bc| bc.ca) {
        problems.push(Problem::warning(ErrorKind::CreatingCaCertificate, field));
    }
    problems
}

fn list(
    fields: &mut Fields<'_>,
    body: &mut serde_json::Map<String, Value>,
    problems: &mut Vec<Problem>,
) {
    parent(fields, body, problems);
    match fields.value("pageSize") {
        None => problems.push(Problem::info(
            ErrorKind::DefaultPageSize {
                size: DEFAULT_PAGE_SIZE,
            },
            "pageSize",
        )),
        Some(value) => match value.as_i64() {
            Some(size) if size < 0 => {
                problems.push(Problem::error(ErrorKind::NegativePageSize, "pageSize"))
            }
            Some(0) => problems.push(Problem::info(
                ErrorKind::DefaultPageSize {
                    size: DEFAULT_PAGE_SIZE,
                },
                "pageSize",
            )),
            Some(size) if size > MAX_PAGE_SIZE => {
                problems.push(Problem::warning(
                    ErrorKind::PageSizeCoerced {
                        size,
                        max: MAX_PAGE_SIZE,
                    },
                    "pageSize",
                ));
                body.insert("pageSize".into(), Value::from(MAX_PAGE_SIZE));
            }
            Some(size) => {
                body.insert("pageSize".into(), Value::from(size));
            }
            None => fields.wrong_type("pageSize", "a whole number"),
        },
    }
    let filter = filter_value(fields.value("filter"), "filter", problems);
    if let Some(filter) = &filter {
        body.insert("filter".into(), filter.clone());
    }
    let token = fields.string("pageToken");
    if let Some(token) = token {
        if token.is_empty()
            || !token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            problems.push(Problem::error(ErrorKind::InvalidPageToken, "pageToken"));
        }
        body.insert("pageToken".into(), Value::String(token.to_owned()));
    }
    match (token, fields.value("previous")) {
        (Some(_), Some(previous)) => {
            let same_parent = previous.get("parent") == body.get("parent");
            let previous_filter =
                filter_value(previous.get("filter"), "previous.filter", &mut Vec::new());
            if !same_parent || previous_filter != filter {
                problems.push(Problem::error(ErrorKind::PageTokenMismatch, "pageToken"));
            }
        }
        (Some(_), None) => problems.push(Problem::info(ErrorKind::PageTokenUnchecked, "pageToken")),
        _ => {}
    }
}

/// The filter in proto3 JSON (SKIs as standard base64), or `None` when it filters nothing.
fn filter_value(value: Option<&Value>, field: &str, problems: &mut Vec<Problem>) -> Option<Value> {
    let value = value.filter(|v| !v.is_null())?;
    let mut filter = Fields::new(value, field);
    let items = filter.value("subjectKeyIdentifiers");
    problems.extend(filter.finish(true));
    let items = match items {
        Some(Value::Array(items)) => items,
        Some(_) => {
            problems.push(Problem::error(
                ErrorKind::InvalidFieldType {
                    expected: "an array",
                },
                format!("{field}.subjectKeyIdentifiers"),
            ));
            return None;
        }
        None => return None,
    };
    let mut encoded = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match key_identifier_bytes(item) {
            Some(bytes) => encoded.push(Value::String(base64_encode(&bytes))),
            None => problems.push(Problem::error(
                ErrorKind::InvalidKeyIdentifier,
                format!("{field}.subjectKeyIdentifiers[{i}]"),
            )),
        }
    }
    (!encoded.is_empty()).then(|| serde_json::json!({ "subjectKeyIdentifiers": encoded }))
}

/// An SKI as hex (with or without colons), base64, or bytes.
pub fn key_identifier_bytes(value: &Value) -> Option<Vec<u8>> {
    match value {
        Value::String(text) => {
            let compact = text.replace(':', "");
            if compact.len() % 2 == 0
                && !compact.is_empty()
                && compact.bytes().all(|b| b.is_ascii_hexdigit())
            {
                return hex::decode(compact).ok();
            }
            decode_base64(text.as_bytes())
                .ok()
                .map(|b| b.to_vec())
                .filter(|b| !b.is_empty())
        }
        Value::Array(items) => items
            .iter()
            .map(|b| b.as_u64().and_then(|b| u8::try_from(b).ok()))
            .collect::<Option<Vec<u8>>>()
            .filter(|b| !b.is_empty()),
        _ => None,
    }
}
