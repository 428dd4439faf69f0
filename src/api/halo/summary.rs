//! Reading a ListCertificates response: which certificate is preferred, and the status of each.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::key_id_input::key_identifier_bytes;
use super::revocation::RevocationState;
use crate::encoding::{base64_encode, decode_base64};
use crate::error::{ErrorKind, Problem, Result};
use crate::time::{SECONDS_PER_DAY, UnixTime, required_now};
use crate::x509::{Certificate, End, Validity, ValidityState, decode_certificate};

/// `summarizeCertificates`' options.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct SummaryOptions {
    /// RFC 3339; the TypeScript layer fills in the current time.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(type = "string | undefined"))]
    pub now: Option<UnixTime>,
    /// A valid certificate ending within this many days is `expiring` (30 by default).
    #[serde(default)]
    pub expiring_within_days: Option<u32>,
}

/// The status of one certificate of a ListCertificates response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct CertificateStatus {
    pub name: String,
    /// `valid`, `expiring`, `expired`, `not-yet-valid`, `on-hold`, `revoked` or `invalid`.
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject_key_identifier: Option<KeyIdentifierForms>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub not_before: Option<UnixTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub not_after: Option<UnixTime>,
    /// Whole days until notAfter (negative once expired).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_left: Option<i64>,
    /// certkit's pick for the parent's preferred certificate by the service's best practice
    /// (valid now, not on HOLD or REVOKED, the latest notAfter); the server's own `preferred`
    /// alias may answer differently. At most one certificate of a list has it.
    pub preferred: bool,
    pub problems: Vec<Problem>,
}

/// A key identifier in both forms people meet it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct KeyIdentifierForms {
    pub hex: String,
    pub base64: String,
}

/// One certificate of the response, read.
struct Entry {
    name: String,
    revocation: Standing,
    cert: Option<Certificate>,
    reported_ski: Option<Vec<u8>>,
    problems: Vec<Problem>,
}

/// The index of certkit's pick for the parent's preferred certificate, by the service's best
/// practice (the server's own `preferred` alias may answer differently): only a certificate that
/// is readable, not on HOLD, not REVOKED (nor in a state certkit does not know) and valid now;
/// among those the later notAfter, then the later notBefore, then the first listed. `None` when
/// no certificate qualifies.
pub fn preferred_certificate(certificates: &[Value], now: UnixTime) -> Option<usize> {
    let entries: Vec<Entry> = certificates
        .iter()
        .enumerate()
        .map(|(i, c)| read_entry(c, &format!("certificates[{i}]")))
        .collect();
    preferred_index(&entries, now)
}

/// The status of every certificate of a ListCertificates response.
pub fn summarize_certificates(
    response: &Value,
    options: &SummaryOptions,
) -> Result<Vec<CertificateStatus>> {
    let now = required_now(options.now)?;
    let expiring = i64::from(options.expiring_within_days.unwrap_or(30)) * SECONDS_PER_DAY;
    // Text that is not JSON arrives as a string: no list to read is an error, never `[]`.
    if !response.is_object() {
        return Err(crate::Error::new(ErrorKind::InvalidFieldType {
            expected: "a ListCertificatesResponse: a JSON object (or its text) with `certificates`",
        })
        .at("$"));
    }
    let list = match response.get("certificates") {
        Some(Value::Array(list)) => list.as_slice(),
        None | Some(Value::Null) => &[],
        Some(_) => {
            return Err(crate::Error::new(ErrorKind::InvalidFieldType {
                expected: "an array",
            })
            .at("certificates"));
        }
    };
    let entries: Vec<Entry> = list
        .iter()
        .enumerate()
        .map(|(i, c)| read_entry(c, &format!("certificates[{i}]")))
        .collect();
    let preferred = preferred_index(&entries, now);
    Ok(entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| status(entry, now, expiring, preferred == Some(i)))
        .collect())
}

fn read_entry(value: &Value, field: &str) -> Entry {
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    let mut problems = Vec::new();
    let cert = match text("x509Der").map(|b64| decode_base64(b64.as_bytes())) {
        Some(Ok(der)) => match decode_certificate(&der) {
            Ok(cert) => Some(cert),
            Err(error) => {
                problems.push(error.at(format!("{field}.x509Der")).into_problem());
                None
            }
        },
        Some(Err(error)) => {
            problems.push(error.at(format!("{field}.x509Der")).into_problem());
            None
        }
        None => {
            problems.push(Problem::error(
                ErrorKind::MissingField {
                    name: "x509Der".into(),
                },
                format!("{field}.x509Der"),
            ));
            None
        }
    };
    Entry {
        name: text("name").unwrap_or_default(),
        revocation: revocation_state(value.get("revocationState"), field, &mut problems),
        cert,
        reported_ski: value
            .get("subjectKeyIdentifier")
            .and_then(key_identifier_bytes),
        problems,
    }
}

/// Where a certificate stands with revocation, as the list says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    /// No revocation state, or REVOCATION_STATE_UNSPECIFIED.
    Clear,
    Hold,
    Revoked,
    /// A state certkit does not know: never assumed harmless.
    Unknown,
}

/// The revocation state. proto3 JSON may carry an enum as its name or its number; a value
/// certkit does not know is reported (and the certificate is never picked).
fn revocation_state(value: Option<&Value>, field: &str, problems: &mut Vec<Problem>) -> Standing {
    let state = match value {
        None | Some(Value::Null) => return Standing::Clear,
        Some(Value::String(name)) => RevocationState::from_name(name).ok_or_else(|| name.clone()),
        Some(Value::Number(n)) => n
            .as_u64()
            .and_then(RevocationState::from_number)
            .ok_or_else(|| n.to_string()),
        Some(other) => Err(other.to_string()),
    };
    match state {
        Ok(RevocationState::Unspecified) => Standing::Clear,
        Ok(RevocationState::Hold) => Standing::Hold,
        Ok(RevocationState::Revoked) => Standing::Revoked,
        Err(text) => {
            let value: String = text.chars().take(40).collect();
            problems.push(Problem::warning(
                ErrorKind::UnknownRevocationState { value },
                format!("{field}.revocationState"),
            ));
            Standing::Unknown
        }
    }
}

fn preferred_index(entries: &[Entry], now: UnixTime) -> Option<usize> {
    entries
        .iter()
        .enumerate()
        .filter_map(|(i, entry)| usable_window(entry, now).map(|window| (i, window)))
        // The later notAfter, then the later notBefore; `min_by_key` keeps the first of equals.
        .min_by_key(|&(_, window)| {
            (
                std::cmp::Reverse(window.not_after),
                std::cmp::Reverse(window.not_before),
            )
        })
        .map(|(i, _)| i)
}

/// The validity of a certificate that may be used now, else `None`: it must be readable, in
/// no revocation state (HOLD makes it invalid for now, REVOKED for good, and a state certkit
/// does not know is not assumed harmless) and valid now by the one validity rule.
fn usable_window(entry: &Entry, now: UnixTime) -> Option<Validity> {
    if entry.revocation != Standing::Clear {
        return None;
    }
    let validity = entry.cert.as_ref()?.validity();
    (validity.state(now, End::Exclusive) == ValidityState::Valid).then_some(validity)
}

fn status(mut entry: Entry, now: UnixTime, expiring: i64, preferred: bool) -> CertificateStatus {
    let Some(cert) = entry.cert.take() else {
        return CertificateStatus {
            name: entry.name,
            status: "invalid".into(),
            subject_key_identifier: entry.reported_ski.as_deref().map(forms),
            not_before: None,
            not_after: None,
            days_left: None,
            preferred,
            problems: entry.problems,
        };
    };
    let validity = cert.validity();
    let state = match (entry.revocation, validity.state(now, End::Exclusive)) {
        (Standing::Revoked, _) => "revoked",
        (Standing::Hold, _) => "on-hold",
        (_, ValidityState::Expired) => "expired",
        (_, ValidityState::NotYetValid) => "not-yet-valid",
        _ if validity.not_after - now <= expiring => "expiring",
        _ => "valid",
    };
    let extension_ski = cert.subject_key_identifier().map(|id| id.0.as_slice());
    if let (Some(reported), Some(from_extension)) = (&entry.reported_ski, &extension_ski)
        && reported.as_slice() != *from_extension
    {
        entry.problems.push(Problem::warning(
            ErrorKind::ReportedKeyIdentifierDiffers,
            "subjectKeyIdentifier",
        ));
    }
    CertificateStatus {
        name: entry.name,
        status: state.into(),
        subject_key_identifier: extension_ski.or(entry.reported_ski.as_deref()).map(forms),
        not_before: Some(validity.not_before),
        not_after: Some(validity.not_after),
        days_left: Some((validity.not_after - now).div_euclid(SECONDS_PER_DAY)),
        preferred,
        problems: entry.problems,
    }
}

fn forms(bytes: &[u8]) -> KeyIdentifierForms {
    KeyIdentifierForms {
        hex: hex::encode(bytes),
        base64: base64_encode(bytes),
    }
}
