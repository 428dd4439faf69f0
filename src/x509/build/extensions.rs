//! Subject alternative names, key usage and extended key usage as users write them, checked and
//! turned into rcgen's parameters.

use std::net::IpAddr;

use rcgen::string::Ia5String;
use rcgen::{ExtendedKeyUsagePurpose, KeyUsagePurpose, SanType};
use serde::Deserialize;

use crate::der;
use crate::error::{Error, ErrorKind, Problem, Result};

/// A subject alternative name: text (the type is inferred: an IP address, an email with `@`, a
/// URI with `scheme:`, else a DNS name) or an explicit `{type, value}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum SanInput {
    Text(String),
    Typed {
        #[serde(rename = "type")]
        kind: SanKind,
        value: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum SanKind {
    Dns,
    Ip,
    Email,
    Uri,
}

/// Checks and converts every SAN, reporting each bad one with its index.
pub fn subject_alt_names(inputs: &[SanInput], field: &str) -> Result<Vec<SanType>> {
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        match san(input) {
            Ok(san) => out.push(san),
            Err(error) => problems.push(error.at(format!("{field}[{i}]")).to_problem()),
        }
    }
    reject(problems)?;
    Ok(out)
}

fn san(input: &SanInput) -> Result<SanType> {
    let (kind, value) = match input {
        SanInput::Typed { kind, value } => (*kind, value.trim()),
        SanInput::Text(text) => (infer_kind(text.trim()), text.trim()),
    };
    let ia5 = |v: &str| Ia5String::try_from(v).map_err(|_| bad_san(v, "it must be ASCII"));
    match kind {
        SanKind::Ip => value
            .parse::<IpAddr>()
            .map(SanType::IpAddress)
            .map_err(|_| bad_san(value, "not an IPv4 or IPv6 address")),
        SanKind::Email => {
            let valid = value
                .split_once('@')
                .is_some_and(|(local, domain)| !local.is_empty() && valid_dns(domain, false));
            if valid {
                Ok(SanType::Rfc822Name(ia5(value)?))
            } else {
                Err(bad_san(value, "not an email address"))
            }
        }
        SanKind::Uri => {
            let valid = value.split_once(':').is_some_and(|(scheme, rest)| {
                !rest.is_empty()
                    && scheme
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphabetic())
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            });
            if valid {
                Ok(SanType::URI(ia5(value)?))
            } else {
                Err(bad_san(
                    value,
                    "a URI needs a scheme, such as https: or spiffe:",
                ))
            }
        }
        SanKind::Dns => {
            if valid_dns(value, true) {
                Ok(SanType::DnsName(ia5(value)?))
            } else {
                Err(bad_san(value, "not a DNS name"))
            }
        }
    }
}

fn infer_kind(text: &str) -> SanKind {
    let looks_numeric = !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || c == '.');
    if text.parse::<IpAddr>().is_ok() || looks_numeric {
        SanKind::Ip
    } else if text.contains("://") || text.starts_with("urn:") || text.starts_with("spiffe:") {
        SanKind::Uri
    } else if text.contains('@') {
        SanKind::Email
    } else {
        SanKind::Dns
    }
}

/// LDH labels of 1–63 characters, 253 in all; a leading `*.` when wildcards are allowed.
fn valid_dns(name: &str, allow_wildcard: bool) -> bool {
    let name = if allow_wildcard {
        name.strip_prefix("*.").unwrap_or(name)
    } else {
        name
    };
    let name = name.strip_suffix('.').unwrap_or(name);
    // An all-numeric last label makes it an IP address, not a host name (RFC 3696 2).
    let numeric_tld = name
        .rsplit('.')
        .next()
        .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit()));
    !name.is_empty()
        && !numeric_tld
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

/// RFC 5280 key usage names to rcgen's purposes.
pub fn key_usages(names: &[String], field: &str) -> Result<Vec<KeyUsagePurpose>> {
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let purpose = match name.as_str() {
            "digitalSignature" => KeyUsagePurpose::DigitalSignature,
            "nonRepudiation" | "contentCommitment" => KeyUsagePurpose::ContentCommitment,
            "keyEncipherment" => KeyUsagePurpose::KeyEncipherment,
            "dataEncipherment" => KeyUsagePurpose::DataEncipherment,
            "keyAgreement" => KeyUsagePurpose::KeyAgreement,
            "keyCertSign" => KeyUsagePurpose::KeyCertSign,
            "cRLSign" => KeyUsagePurpose::CrlSign,
            "encipherOnly" => KeyUsagePurpose::EncipherOnly,
            "decipherOnly" => KeyUsagePurpose::DecipherOnly,
            other => {
                let kind = ErrorKind::UnknownKeyUsage {
                    name: other.to_owned(),
                };
                problems.push(Problem::error(kind, format!("{field}[{i}]")));
                continue;
            }
        };
        out.push(purpose);
    }
    reject(problems)?;
    Ok(out)
}

/// Extended key usage names (`serverAuth`, `clientAuth`, ...) or dotted OIDs.
pub fn extended_key_usages(names: &[String], field: &str) -> Result<Vec<ExtendedKeyUsagePurpose>> {
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let purpose = match name.as_str() {
            "serverAuth" => ExtendedKeyUsagePurpose::ServerAuth,
            "clientAuth" => ExtendedKeyUsagePurpose::ClientAuth,
            "codeSigning" => ExtendedKeyUsagePurpose::CodeSigning,
            "emailProtection" => ExtendedKeyUsagePurpose::EmailProtection,
            "timeStamping" => ExtendedKeyUsagePurpose::TimeStamping,
            "OCSPSigning" | "ocspSigning" => ExtendedKeyUsagePurpose::OcspSigning,
            "anyExtendedKeyUsage" => ExtendedKeyUsagePurpose::Any,
            dotted if der::oid_from_string(dotted).is_some() => ExtendedKeyUsagePurpose::Other(
                dotted.split('.').filter_map(|a| a.parse().ok()).collect(),
            ),
            other => {
                let kind = ErrorKind::UnknownExtendedKeyUsage {
                    name: other.to_owned(),
                };
                problems.push(Problem::error(kind, format!("{field}[{i}]")));
                continue;
            }
        };
        out.push(purpose);
    }
    reject(problems)?;
    Ok(out)
}

fn reject(problems: Vec<Problem>) -> Result<()> {
    match Error::from_problems(problems) {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

fn bad_san(value: &str, reason: &str) -> Error {
    ErrorKind::InvalidSubjectAltName {
        value: value.chars().take(80).collect(),
        reason: reason.to_owned(),
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_inferred_and_checked() {
        let inputs: Vec<SanInput> = [
            "a.example.com",
            "*.example.com",
            "192.0.2.1",
            "2001:db8::1",
            "ops@example.com",
            "spiffe://td/x",
            "https://e.com/",
        ]
        .iter()
        .map(|s| SanInput::Text((*s).into()))
        .collect();
        let sans = subject_alt_names(&inputs, "subjectAltNames").unwrap();
        assert!(matches!(sans[2], SanType::IpAddress(_)));
        assert!(matches!(sans[4], SanType::Rfc822Name(_)));
        assert!(matches!(sans[5], SanType::URI(_)));
    }

    #[test]
    fn every_bad_entry_is_reported_with_its_index() {
        let inputs = vec![
            SanInput::Text("ok.example.com".into()),
            SanInput::Text("bad name".into()),
            SanInput::Typed {
                kind: SanKind::Ip,
                value: "999.1.1.1".into(),
            },
        ];
        let error = subject_alt_names(&inputs, "subjectAltNames").unwrap_err();
        let fields: Vec<_> = error
            .problems
            .iter()
            .map(|p| p.field.clone().unwrap())
            .collect();
        assert_eq!(fields, ["subjectAltNames[1]", "subjectAltNames[2]"]);
        assert_eq!(error.code(), "INVALID_SUBJECT_ALT_NAME");
    }

    #[test]
    fn usages() {
        assert_eq!(
            key_usages(&["keyCertSign".into()], "keyUsage").unwrap(),
            vec![KeyUsagePurpose::KeyCertSign]
        );
        assert_eq!(
            key_usages(&["sign".into()], "keyUsage")
                .unwrap_err()
                .field
                .as_deref(),
            Some("keyUsage[0]")
        );
        assert_eq!(
            extended_key_usages(&["1.2.3.4".into()], "eku").unwrap(),
            vec![ExtendedKeyUsagePurpose::Other(vec![1, 2, 3, 4])]
        );
        assert!(extended_key_usages(&["webAuth".into()], "eku").is_err());
    }
}
