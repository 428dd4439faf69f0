//! Subject alternative names as users write them, checked and encoded as GeneralNames.

use std::net::IpAddr;

use serde::Deserialize;

use super::extension::{Extension, SUBJECT_ALT_NAME};
use super::name_input::{NameInput, encode_name};
use super::reject;
use crate::der::{self, TAG_SEQUENCE};
use crate::error::{Error, ErrorKind, Result};

/// A subject alternative name: text, or an explicit `{type, value}` (with `oid` for `other`).
/// Text may start with OpenSSL's type prefix (`DNS:`, `IP:`, `email:`, `URI:`, `RID:`,
/// `dirName:`, `otherName:OID;UTF8:value`); without one the type is inferred: an IP address,
/// an email with `@`, a URI with `://` (or `urn:`, `spiffe:`), else a DNS name.
// Read by `name_forms.rs`; the `serde` attributes are for the TypeScript type.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), serde(untagged))]
pub enum SanInput {
    Text(String),
    Typed {
        #[cfg_attr(feature = "ts", serde(rename = "type"))]
        kind: SanKind,
        value: String,
        /// The type OID of an `other` name (`1.3.6.1.4.1.311.20.2.3` for a Microsoft UPN);
        /// its value is written as a UTF8String.
        #[cfg_attr(feature = "ts", tsify(optional))]
        oid: Option<String>,
    },
}

/// The `{type, value, oid}` form of a [`SanInput`], as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TypedSan {
    #[serde(rename = "type")]
    pub kind: SanKind,
    pub value: String,
    #[serde(default)]
    pub oid: Option<String>,
}

/// The GeneralName types, named as certkit's parser names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum SanKind {
    Dns,
    Ip,
    Email,
    Uri,
    /// An RFC 4514 name.
    DirName,
    /// An otherName: `oid` and a UTF8String value.
    Other,
    /// A dotted OID.
    RegisteredId,
}

/// The subjectAltName extension; `None` for no names. Critical exactly when the subject is
/// empty (RFC 5280 4.2.1.6). Every bad entry is reported with its index.
pub fn subject_alt_name(
    inputs: &[SanInput],
    subject_empty: bool,
    field: &str,
) -> Result<Option<Extension>> {
    let mut problems = Vec::new();
    let mut content = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let at = format!("{field}[{i}]");
        match general_name(input, &at) {
            Ok(der) => content.extend(der),
            Err(error) => problems.push(error.at(at).into_problem()),
        }
    }
    reject(problems)?;
    Ok((!content.is_empty()).then(|| {
        Extension::new(
            SUBJECT_ALT_NAME,
            subject_empty,
            der::encode(TAG_SEQUENCE, &content),
        )
    }))
}

fn general_name(input: &SanInput, field: &str) -> Result<Vec<u8>> {
    let (kind, value, oid) = match input {
        SanInput::Typed { kind, value, oid } => (*kind, value.trim(), oid.as_deref()),
        SanInput::Text(text) => {
            let (kind, value) = split_text(text.trim());
            if kind == SanKind::Other {
                let (oid, value) = other_name_text(value)?;
                return other_name(oid, value);
            }
            (kind, value, None)
        }
    };
    if oid.is_some() && kind != SanKind::Other {
        return Err(bad_san(value, "only an `other` name takes an `oid`"));
    }
    let ia5 = |tag: u8, v: &str| {
        if v.is_ascii() {
            Ok(der::encode(tag, v.as_bytes()))
        } else {
            Err(bad_san(
                v,
                "it must be ASCII (IA5String); for an internationalized email use an `other` name with OID 1.3.6.1.5.5.7.8.9",
            ))
        }
    };
    match kind {
        SanKind::Ip => match value.parse::<IpAddr>() {
            Ok(IpAddr::V4(ip)) => Ok(der::encode(0x87, &ip.octets())),
            Ok(IpAddr::V6(ip)) => Ok(der::encode(0x87, &ip.octets())),
            Err(_) => Err(bad_san(value, "not an IPv4 or IPv6 address")),
        },
        SanKind::Email => {
            let valid = value
                .split_once('@')
                .is_some_and(|(local, domain)| !local.is_empty() && valid_dns(domain, false));
            if !valid {
                return Err(bad_san(value, "not an email address"));
            }
            ia5(0x81, value)
        }
        SanKind::Uri => {
            if !valid_uri(value) {
                return Err(bad_san(
                    value,
                    "a URI needs a scheme, such as https: or spiffe:",
                ));
            }
            ia5(0x86, value)
        }
        SanKind::Dns => {
            if !valid_dns(value, true) {
                return Err(bad_san(value, "not a DNS name"));
            }
            ia5(0x82, value)
        }
        SanKind::DirName => {
            let name = encode_name(&NameInput::Rfc4514(value.to_owned()), field)?;
            Ok(der::encode(0xa4, &name))
        }
        SanKind::RegisteredId => {
            let oid = der::oid_from_string(value)
                .ok_or_else(|| bad_san(value, "a registeredID is a dotted OID such as 1.2.3.4"))?;
            // [8] IMPLICIT OBJECT IDENTIFIER: the OID's content under the context tag.
            Ok(der::encode(0x88, der::Tlv::read_exact(&oid)?.content))
        }
        SanKind::Other => match oid {
            Some(oid) => other_name(oid, value),
            None => Err(bad_san(value, "an `other` name needs its type `oid`")),
        },
    }
}

/// `otherName ::= [0] IMPLICIT SEQUENCE { type-id OID, value [0] EXPLICIT UTF8String }`.
fn other_name(oid: &str, value: &str) -> Result<Vec<u8>> {
    let oid_der =
        der::oid_from_string(oid.trim()).ok_or_else(|| bad_san(oid, "the type is not an OID"))?;
    if value.is_empty() {
        return Err(bad_san(oid, "the value is empty"));
    }
    let mut content = oid_der;
    content.extend(der::encode(0xa0, &der::encode(0x0c, value.as_bytes())));
    Ok(der::encode(0xa0, &content))
}

/// OpenSSL's `OID;UTF8:value` (also `UTF8String:`).
fn other_name_text(text: &str) -> Result<(&str, &str)> {
    let (oid, typed) = text
        .split_once(';')
        .ok_or_else(|| bad_san(text, "write otherName:OID;UTF8:value"))?;
    let value = typed
        .strip_prefix("UTF8:")
        .or_else(|| typed.strip_prefix("UTF8String:"))
        .ok_or_else(|| bad_san(text, "only UTF8 otherName values can be written as text"))?;
    Ok((oid, value))
}

/// The type from an OpenSSL prefix, or inferred.
fn split_text(text: &str) -> (SanKind, &str) {
    const PREFIXES: [(&str, SanKind); 7] = [
        ("DNS:", SanKind::Dns),
        ("IP:", SanKind::Ip),
        ("email:", SanKind::Email),
        ("URI:", SanKind::Uri),
        ("RID:", SanKind::RegisteredId),
        ("dirName:", SanKind::DirName),
        ("otherName:", SanKind::Other),
    ];
    for (prefix, kind) in PREFIXES {
        if let Some(rest) = text.strip_prefix(prefix) {
            return (kind, rest.trim());
        }
    }
    (infer_kind(text), text)
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

fn valid_uri(value: &str) -> bool {
    value.split_once(':').is_some_and(|(scheme, rest)| {
        !rest.is_empty()
            && !value.contains(char::is_whitespace)
            && scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
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

#[cold]
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
    use crate::der::Tlv;
    use crate::x509::GeneralNameKind;
    use crate::x509::general_name::{IpForm, general_names};

    fn decoded(inputs: &[SanInput]) -> Vec<(GeneralNameKind, String, Option<String>)> {
        let ext = subject_alt_name(inputs, false, "subjectAltNames")
            .unwrap()
            .unwrap();
        let seq = Tlv::read_exact(&ext.value).unwrap();
        general_names(&seq, IpForm::Address)
            .unwrap()
            .into_iter()
            .map(|n| (n.kind, n.value, n.oid))
            .collect()
    }

    fn text(list: &[&str]) -> Vec<SanInput> {
        list.iter().map(|s| SanInput::Text((*s).into())).collect()
    }

    #[test]
    fn kinds_are_inferred_or_taken_from_openssl_prefixes() {
        let names = decoded(&text(&[
            "a.example.com",
            "192.0.2.1",
            "ops@example.com",
            "spiffe://td/x",
            "URI:mailto:pt@example.com",
            "URI:tel:+15555550100",
            "DNS:b.example.com",
            "RID:1.2.3.4",
            "dirName:CN=dir,O=Example",
            "otherName:1.3.6.1.4.1.311.20.2.3;UTF8:user@example.com",
        ]));
        let kinds: Vec<_> = names.iter().map(|n| n.0).collect();
        use GeneralNameKind::*;
        assert_eq!(
            kinds,
            [
                Dns,
                Ip,
                Email,
                Uri,
                Uri,
                Uri,
                Dns,
                RegisteredId,
                DirName,
                Other
            ]
        );
        assert_eq!(names[4].1, "mailto:pt@example.com");
        assert_eq!(names[8].1, "CN=dir,O=Example");
        assert_eq!(
            names[9],
            (
                Other,
                "user@example.com".into(),
                Some("1.3.6.1.4.1.311.20.2.3".into())
            )
        );
    }

    #[test]
    fn typed_other_names_carry_their_oid() {
        let names = decoded(&[SanInput::Typed {
            kind: SanKind::Other,
            value: "someone@example.com".into(),
            oid: Some("1.3.6.1.5.5.7.8.9".into()),
        }]);
        assert_eq!(names[0].2.as_deref(), Some("1.3.6.1.5.5.7.8.9"));
    }

    #[test]
    fn a_long_registered_id_keeps_all_its_arcs() {
        let long = format!("1.2{}", ".123456789".repeat(40)); // > 127 content bytes
        let names = decoded(&text(&[&format!("RID:{long}")]));
        assert_eq!(names[0].1, long);
    }

    #[test]
    fn a_misspelled_field_is_an_error() {
        let typo =
            serde_json::from_str::<SanInput>(r#"{"type":"dns","value":"a.example","oids":"1.2"}"#);
        assert!(typo.is_err());
    }

    #[test]
    fn critical_only_for_an_empty_subject() {
        let sans = text(&["a.example.com"]);
        assert!(
            !subject_alt_name(&sans, false, "s")
                .unwrap()
                .unwrap()
                .critical
        );
        assert!(
            subject_alt_name(&sans, true, "s")
                .unwrap()
                .unwrap()
                .critical
        );
        assert_eq!(subject_alt_name(&[], true, "s").unwrap(), None);
    }

    #[test]
    fn every_bad_entry_is_reported_with_its_index() {
        let inputs = vec![
            SanInput::Text("ok.example.com".into()),
            SanInput::Text("bad name".into()),
            SanInput::Typed {
                kind: SanKind::Ip,
                value: "999.1.1.1".into(),
                oid: None,
            },
            SanInput::Typed {
                kind: SanKind::Other,
                value: "x".into(),
                oid: None,
            },
            SanInput::Text("email:münchen@example.com".into()),
        ];
        let error = subject_alt_name(&inputs, false, "subjectAltNames").unwrap_err();
        let fields: Vec<_> = error
            .problems
            .iter()
            .map(|p| p.field_text().unwrap_or_default())
            .collect();
        assert_eq!(
            fields,
            [
                "subjectAltNames[1]",
                "subjectAltNames[2]",
                "subjectAltNames[3]",
                "subjectAltNames[4]"
            ]
        );
        assert_eq!(error.code(), "INVALID_SUBJECT_ALT_NAME");
    }
}
