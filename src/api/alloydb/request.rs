//! The `generateClientCertificate` request: every rule checked at once, then built into a ready
//! HTTP request and `curl` command.

use std::collections::BTreeMap;

use rand_core::CryptoRng;
use serde::Serialize;
use serde_json::Value;

use super::parent::{check_parent, parent_from_parts};
use crate::api::fields::Fields;
use crate::api::proto_json::{Duration, duration_from_seconds, format_duration, parse_duration};
use crate::api::shell::{Arg, command};
use crate::encoding::{Form, decode_blocks};
use crate::error::{Error, ErrorKind, Problem, Result};
use crate::object::{ObjectKind, classify};
use crate::x509::{decode_csr, describe_spki};

const ONE_HOUR: i64 = 3600;
const ONE_DAY: i64 = 86_400;

/// An HTTP request ready to send, and the same as a `curl` command line.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct HttpRequest {
    pub method: String,
    pub url: String,
    pub headers: BTreeMap<String, String>,
    /// The JSON body as text.
    pub body: String,
    pub body_json: GenerateClientCertificateBody,
    /// A POSIX shell command; the access token comes from `gcloud auth print-access-token`.
    pub curl: String,
}

/// The proto3 JSON body of `generateClientCertificate`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct GenerateClientCertificateBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cert_duration: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_metadata_exchange: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pem_csr: Option<String>,
}

/// What a valid input turns into.
struct Analysis {
    problems: Vec<Problem>,
    version: String,
    parent: String,
    body: GenerateClientCertificateBody,
    generate_request_id: bool,
}

/// Every problem of a builder input (`{parent, publicKey, certDuration, requestId,
/// useMetadataExchange, version, pemCsr}`), none thrown.
pub fn check_generate_client_certificate_request(input: &Value) -> Vec<Problem> {
    analyze(input).problems
}

/// Builds the request; throws one error carrying every problem when any is an error.
/// `requestId: "generate"` makes a random version 4 UUID.
pub fn build_generate_client_certificate_request(
    input: &Value,
    rng: &mut (impl CryptoRng + ?Sized),
) -> Result<HttpRequest> {
    let mut analysis = analyze(input);
    analysis.problems = Error::unless_errors(std::mem::take(&mut analysis.problems))?;
    if analysis.generate_request_id {
        analysis.body.request_id = Some(random_uuid(rng));
    }
    let url = format!(
        "https://alloydb.googleapis.com/{}/{}:generateClientCertificate",
        analysis.version, analysis.parent
    );
    let body = serde_json::to_string(&analysis.body).map_err(|e| ErrorKind::Internal {
        reason: e.to_string(),
    })?;
    let mut headers = BTreeMap::new();
    headers.insert("Authorization".to_owned(), "Bearer ACCESS_TOKEN".to_owned());
    headers.insert("Content-Type".to_owned(), "application/json".to_owned());
    let curl = command(
        "curl",
        &[
            Arg::Quoted("-X".into()),
            Arg::Quoted("POST".into()),
            Arg::Quoted(url.as_str().into()),
            Arg::Quoted("-H".into()),
            Arg::Raw("\"Authorization: Bearer $(gcloud auth print-access-token)\"".into()),
            Arg::Quoted("-H".into()),
            Arg::Quoted("Content-Type: application/json".into()),
            Arg::Quoted("--data-raw".into()),
            Arg::Quoted(body.as_str().into()),
        ],
    );
    Ok(HttpRequest {
        method: "POST".into(),
        url,
        headers,
        body,
        body_json: analysis.body,
        curl,
    })
}

fn analyze(input: &Value) -> Analysis {
    let mut fields = Fields::new(input, "");
    let mut problems = Vec::new();
    let version = fields.string("version").unwrap_or("v1").to_owned();
    if !["v1", "v1beta", "v1alpha"].contains(&version.as_str()) {
        problems.push(Problem::error(
            ErrorKind::InvalidApiVersion {
                value: version.chars().take(20).collect(),
            },
            "version",
        ));
    }
    let parent = match fields.value("parent") {
        Some(parts @ Value::Object(_)) => {
            let (parent, found) = parent_from_parts(parts, "parent");
            problems.extend(found);
            parent
        }
        _ => {
            let parent = fields
                .required_string("parent")
                .unwrap_or_default()
                .to_owned();
            if !parent.is_empty() {
                problems.extend(check_parent(&parent, "parent"));
            }
            parent
        }
    };
    let mut body = GenerateClientCertificateBody::default();
    let mut generate_request_id = false;
    if let Some(id) = fields.string("requestId") {
        if id == "generate" {
            generate_request_id = true;
        } else {
            problems.extend(check_request_id(id));
            body.request_id = Some(id.to_ascii_lowercase());
        }
    }
    if let Some(value) = fields.value("certDuration") {
        match duration_input(value) {
            Ok(duration) => {
                problems.extend(check_duration(duration));
                body.cert_duration = Some(format_duration(duration));
            }
            Err(error) => problems.push(error.at("certDuration").into_problem()),
        }
    }
    // An empty field is a missing one (as a form sends it).
    body.public_key = fields
        .string("publicKey")
        .filter(|k| !k.trim().is_empty())
        .map(str::to_owned);
    if let Some(key) = &body.public_key {
        problems.extend(check_public_key(key));
    }
    body.use_metadata_exchange = fields.boolean("useMetadataExchange");
    body.pem_csr = fields
        .string("pemCsr")
        .filter(|c| !c.trim().is_empty())
        .map(str::to_owned);
    if let Some(csr) = &body.pem_csr {
        if version == "v1" {
            problems.push(Problem::error(
                ErrorKind::FieldNotInVersion {
                    field: "pemCsr".into(),
                    version: version.clone(),
                },
                "pemCsr",
            ));
        }
        problems.extend(check_csr(csr));
        if body.public_key.is_some() {
            problems.push(Problem::warning(ErrorKind::PublicKeyAndCsr, "pemCsr"));
        }
    }
    if body.public_key.is_none() && body.pem_csr.is_none() {
        problems.push(Problem::error(ErrorKind::MissingPublicKey, "publicKey"));
    }
    let mut all = fields.finish(true);
    all.extend(problems);
    Analysis {
        problems: all,
        version,
        parent,
        body,
        generate_request_id,
    }
}

/// A Duration string, or a number of seconds.
pub fn duration_input(value: &Value) -> Result<Duration> {
    match value {
        Value::String(text) => parse_duration(text),
        Value::Number(n) => duration_from_seconds(n.as_f64().unwrap_or(f64::NAN)),
        _ => Err(ErrorKind::InvalidFieldType {
            expected: "a Duration string or a number of seconds",
        }
        .into()),
    }
}

fn check_duration(duration: Duration) -> Vec<Problem> {
    if !duration.is_positive() {
        return vec![Problem::error(
            ErrorKind::DurationNotPositive,
            "certDuration",
        )];
    }
    let seconds = duration.whole_seconds();
    let outside =
        !(ONE_HOUR..=ONE_DAY).contains(&seconds) || (seconds == ONE_DAY && duration.nanos > 0);
    if outside {
        let kind = ErrorKind::DurationOutsideHint {
            value: format_duration(duration),
        };
        return vec![Problem::warning(kind, "certDuration")];
    }
    Vec::new()
}

/// A UUID (8-4-4-4-12 hex digits), not the nil UUID.
pub fn check_request_id(id: &str) -> Vec<Problem> {
    let groups: Vec<&str> = id.split('-').collect();
    let shape = groups.iter().map(|g| g.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12];
    if !shape
        || !groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        return vec![Problem::error(
            ErrorKind::InvalidRequestId {
                value: id.chars().take(48).collect(),
            },
            "requestId",
        )];
    }
    if id.bytes().all(|b| b == b'0' || b == b'-') {
        return vec![Problem::error(ErrorKind::NilRequestId, "requestId")];
    }
    Vec::new()
}

/// `publicKey`: a PEM SPKI or PKCS#1 RSA key of an algorithm the server takes. A private key
/// here is reported without ever being quoted.
fn check_public_key(text: &str) -> Vec<Problem> {
    let field = "publicKey";
    let blocks = match decode_blocks(text.as_bytes()) {
        Ok((Form::Pem, blocks)) => blocks,
        Ok(_) => return vec![Problem::error(ErrorKind::PublicKeyNotPem, field)],
        Err(error) => return vec![error.at(field).into_problem()],
    };
    let [block] = blocks.as_slice() else {
        return vec![Problem::error(
            ErrorKind::MultipleObjects {
                count: blocks.len(),
            },
            field,
        )];
    };
    let kind = classify(block);
    let spki = match kind {
        ObjectKind::PublicKey => block.der.to_vec(),
        ObjectKind::RsaPublicKey => crate::keys::rsa_spki(&block.der),
        k if k.is_private_key() => {
            return vec![Problem::error(ErrorKind::PrivateKeySupplied, field)];
        }
        other => {
            return vec![Problem::error(
                ErrorKind::PublicKeyWrongType {
                    found: other.describe().into(),
                },
                field,
            )];
        }
    };
    let info = match describe_spki(&spki) {
        Ok(info) => info,
        Err(error) => {
            return vec![Problem::error(
                ErrorKind::InvalidKey {
                    reason: error.kind.to_string(),
                },
                field,
            )];
        }
    };
    match (info.algorithm, info.bits, info.curve.as_deref()) {
        ("rsa", Some(bits), _) if bits < 2048 => {
            vec![Problem::error(ErrorKind::RsaKeyTooSmall { bits }, field)]
        }
        ("rsa", _, _) => Vec::new(),
        ("ec", _, Some(curve @ ("P-256" | "P-384"))) => {
            vec![Problem::warning(
                ErrorKind::EcKeyUnconfirmed {
                    curve: curve.into(),
                },
                field,
            )]
        }
        (algorithm, _, curve) => {
            let algorithm = format!(
                "{algorithm}{}",
                curve.map(|c| format!(" {c}")).unwrap_or_default()
            );
            vec![Problem::error(
                ErrorKind::UnsupportedKeyAlgorithm { algorithm },
                field,
            )]
        }
    }
}

fn check_csr(text: &str) -> Vec<Problem> {
    let field = "pemCsr";
    match decode_blocks(text.as_bytes()) {
        Ok((Form::Pem, blocks))
            if blocks.len() == 1 && classify(&blocks[0]) == ObjectKind::CertificateRequest =>
        {
            match decode_csr(&blocks[0].der) {
                Ok(csr) if csr.signature_valid => Vec::new(),
                Ok(_) => vec![Problem::error(ErrorKind::CsrSignatureInvalid, field)],
                Err(error) => vec![error.at(field).into_problem()],
            }
        }
        Ok(_) => vec![Problem::error(
            ErrorKind::NotACsr {
                found: "something else (give one PEM CSR)".into(),
            },
            field,
        )],
        Err(error) => vec![error.at(field).into_problem()],
    }
}

/// A random version 4 UUID.
pub fn random_uuid(rng: &mut (impl CryptoRng + ?Sized)) -> String {
    let mut bytes = [0u8; 16];
    rng.fill_bytes(&mut bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = hex::encode(bytes);
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}
