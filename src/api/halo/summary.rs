//! Reading a ListCertificates response: which certificate is preferred, and the status of each.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::requests::key_identifier_bytes;
use super::revocation::{HOLD, REVOKED};
use crate::encoding::{base64_encode, decode_base64};
use crate::error::{ErrorKind, Problem, Result};
use crate::time::{SECONDS_PER_DAY, UnixTime, parse_rfc3339};
use crate::x509::{Certificate, decode_certificate};

/// `summarizeCertificates`' options.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct SummaryOptions {
    /// RFC 3339; the TypeScript layer fills in the current time.
    #[serde(default)]
    pub now: Option<String>,
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
    pub not_before: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_after: Option<String>,
    /// Whole days until notAfter (negative once expired).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_left: Option<i64>,
    /// The certificate the `preferred` alias stands for.
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
    revocation: Option<String>,
    cert: Option<Certificate>,
    reported_ski: Option<Vec<u8>>,
    problems: Vec<Problem>,
}

/// The index of the preferred certificate: not revoked, then valid now (in its validity period
/// and not on HOLD), then the later notAfter, then the later notBefore. `None` for an empty list.
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
    let now = parse_rfc3339(options.now.as_deref().unwrap_or_default()).map_err(|e| e.at("now"))?;
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
                problems.push(error.at(format!("{field}.x509Der")).to_problem());
                None
            }
        },
        Some(Err(error)) => {
            problems.push(error.at(format!("{field}.x509Der")).to_problem());
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
        revocation: text("revocationState").filter(|s| s != "REVOCATION_STATE_UNSPECIFIED"),
        cert,
        reported_ski: value
            .get("subjectKeyIdentifier")
            .and_then(key_identifier_bytes),
        problems,
    }
}

fn preferred_index(entries: &[Entry], now: UnixTime) -> Option<usize> {
    let rank = |e: &Entry| {
        let times = e.cert.as_ref().map(|c| {
            (
                parse_rfc3339(&c.not_before).unwrap_or(i64::MAX),
                parse_rfc3339(&c.not_after).unwrap_or(i64::MIN),
            )
        });
        let (not_before, not_after) = times.unwrap_or((i64::MAX, i64::MIN));
        let revoked = e.revocation.as_deref() == Some(REVOKED) || e.cert.is_none();
        // A certificate on HOLD is invalid for now (seed), so it is not "valid now".
        let valid_now =
            not_before <= now && now < not_after && e.revocation.as_deref() != Some(HOLD);
        (
            revoked,
            !valid_now,
            std::cmp::Reverse(not_after),
            std::cmp::Reverse(not_before),
        )
    };
    (0..entries.len()).min_by_key(|&i| rank(&entries[i]))
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
    let not_before = parse_rfc3339(&cert.not_before).unwrap_or(now);
    let not_after = parse_rfc3339(&cert.not_after).unwrap_or(now);
    let state = match entry.revocation.as_deref() {
        Some(REVOKED) => "revoked",
        Some(HOLD) => "on-hold",
        _ if now >= not_after => "expired",
        _ if now < not_before => "not-yet-valid",
        _ if not_after - now <= expiring => "expiring",
        _ => "valid",
    };
    let extension_ski = cert
        .subject_key_identifier
        .as_ref()
        .and_then(|h| hex::decode(h).ok());
    if let (Some(reported), Some(from_extension)) = (&entry.reported_ski, &extension_ski)
        && reported != from_extension
    {
        entry.problems.push(Problem::warning(
            ErrorKind::ReportedKeyIdentifierDiffers,
            "subjectKeyIdentifier",
        ));
    }
    CertificateStatus {
        name: entry.name,
        status: state.into(),
        subject_key_identifier: extension_ski.or(entry.reported_ski).as_deref().map(forms),
        not_before: Some(cert.not_before.clone()),
        not_after: Some(cert.not_after.clone()),
        days_left: Some((not_after - now).div_euclid(SECONDS_PER_DAY)),
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
