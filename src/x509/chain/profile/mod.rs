//! certkit's own checks on a candidate path, on top of the engine: the RFC 5280 rules that
//! rustls-webpki leaves to the CA (it accepts what conforming CAs must not issue), the checks it
//! skips for trust anchors, `maxDepth`, and for `serverAuth` the CA/Browser Forum web PKI profile.
//! Each rule is a plain function of one certificate and its place in the path.
//!
//! The CA/Browser Forum rules are in `web_pki.rs`.

mod web_pki;

use std::collections::HashSet;

use super::purpose::ChainPurpose;
use super::revocation;
use super::{ChainOptions, Member, Source};
use crate::der;
use crate::error::{ErrorKind, Problem};
use crate::x509::extensions::KeyUsage;
use crate::x509::extensions::{
    ExtensionValue, OID_AUTHORITY_KEY_IDENTIFIER, OID_BASIC_CONSTRAINTS, OID_EXTENDED_KEY_USAGE,
    OID_KEY_USAGE, OID_SUBJECT_ALT_NAME, OID_SUBJECT_KEY_IDENTIFIER, decode_value,
};
use crate::x509::{Certificate, End, GeneralNameKind};
use web_pki::web_pki_rules;

const OID_NAME_CONSTRAINTS: &str = "2.5.29.30";
const OID_CRL_DISTRIBUTION_POINTS: &str = "2.5.29.31";
const OID_POLICY_CONSTRAINTS: &str = "2.5.29.36";
const OID_AUTHORITY_INFO_ACCESS: &str = "1.3.6.1.5.5.7.1.1";

/// The critical extensions the engine processes; any other critical one fails a certificate.
const UNDERSTOOD_CRITICAL: [&str; 6] = [
    OID_KEY_USAGE,
    OID_SUBJECT_ALT_NAME,
    OID_BASIC_CONSTRAINTS,
    OID_NAME_CONSTRAINTS,
    OID_CRL_DISTRIBUTION_POINTS,
    OID_EXTENDED_KEY_USAGE,
];

/// Where a certificate sits in the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Leaf,
    Intermediate,
    Anchor,
    /// A path of one certificate: the leaf is the anchor.
    LeafAnchor,
}

/// Every problem of the path, leaf first; `path` ends at its anchor.
pub fn check(path: &[Member<'_>], options: &ChainOptions) -> Vec<(Source, Problem)> {
    let mut found = Vec::new();
    let last = path.len().saturating_sub(1);
    for (position, member) in path.iter().enumerate() {
        let role = match (position, position == last) {
            (0, true) => Role::LeafAnchor,
            (0, false) => Role::Leaf,
            (_, true) => Role::Anchor,
            _ => Role::Intermediate,
        };
        let field = member.source.field();
        let mut add = |kind: ErrorKind| found.push((member.source, Problem::error(kind, &field)));
        certificate_rules(member, role, &mut add);
        if matches!(role, Role::Anchor | Role::LeafAnchor) {
            anchor_rules(member, options, &mut add);
        }
        if options.purpose == ChainPurpose::ServerAuth {
            web_pki_rules(member, role, &mut add);
        }
    }
    revocation::check_path(path, options, &mut found);
    if let (Some(limit), Some(leaf)) = (options.max_depth, path.first()) {
        let counted = path
            .iter()
            .skip(1)
            .take(last.saturating_sub(1))
            .filter(|m| m.raw.issuer != m.raw.subject)
            .count();
        if counted > limit as usize {
            let kind = ErrorKind::MaxDepthExceeded {
                limit,
                actual: counted,
            };
            found.push((leaf.source, Problem::error(kind, leaf.source.field())));
        }
    }
    found
}

/// RFC 5280 rules every certificate of a path must meet.
fn certificate_rules(member: &Member<'_>, role: Role, add: &mut impl FnMut(ErrorKind)) {
    let cert = member.cert;
    let raw = member.raw;
    let is_ca = cert.basic_constraints().is_some_and(|bc| bc.ca);

    let mut seen = HashSet::new();
    for extension in &cert.extensions {
        if !seen.insert(extension.oid.as_ref()) {
            add(ErrorKind::DuplicateExtension {
                oid: extension.oid.to_string(),
            });
        }
    }
    if raw.signature_algorithm.raw != raw.tbs_signature_algorithm.raw {
        add(ErrorKind::SignatureAlgorithmMismatch);
    }
    // A trust anchor is trusted as configured: old roots with odd serials still anchor.
    let (negative, magnitude) = der::integer_magnitude(raw.serial);
    if role == Role::Anchor {
    } else if negative || magnitude.is_empty() {
        add(ErrorKind::SerialNumberNotPositive);
    } else if raw.serial.len() > 20 {
        add(ErrorKind::SerialNumberTooLong {
            octets: raw.serial.len(),
        });
    }
    for extension in cert.extensions.iter().filter(|e| e.value.is_none()) {
        if let Err(error) = decode_value(&extension.oid, &extension.der) {
            add(ErrorKind::MalformedExtension {
                oid: extension.oid.to_string(),
                reason: error.kind.to_string(),
            });
        }
    }
    for (oid, name, must_be_critical) in [
        (
            OID_AUTHORITY_KEY_IDENTIFIER,
            "authorityKeyIdentifier",
            false,
        ),
        (OID_SUBJECT_KEY_IDENTIFIER, "subjectKeyIdentifier", false),
        (OID_AUTHORITY_INFO_ACCESS, "authorityInfoAccess", false),
        (OID_POLICY_CONSTRAINTS, "policyConstraints", true),
        (OID_NAME_CONSTRAINTS, "nameConstraints", true),
    ] {
        if let Some(extension) = cert.extensions.iter().find(|e| e.oid == oid)
            && extension.critical != must_be_critical
        {
            let expected = if must_be_critical {
                "must be marked critical"
            } else {
                "must not be marked critical"
            };
            add(ErrorKind::ExtensionCriticality {
                extension: name,
                expected,
            });
        }
    }
    if !matches!(role, Role::Anchor | Role::LeafAnchor) {
        // The engine refuses these itself; for anchors certkit has to.
    } else if let Some(extension) = cert
        .extensions
        .iter()
        .find(|e| e.critical && !known_critical(&e.oid))
    {
        add(ErrorKind::UnknownCriticalExtension {
            oid: extension.oid.to_string(),
        });
    }
    if cert.issuer.is_empty() {
        add(ErrorKind::EmptyName { which: "issuer" });
    }
    if is_ca && cert.subject.is_empty() {
        add(ErrorKind::EmptyName { which: "subject" });
    }
    let usages = cert.key_usage().unwrap_or_default();
    if usages.contains(&KeyUsage::KeyCertSign) && !is_ca {
        add(ErrorKind::KeyCertSignWithoutCa);
    }
    // authorityKeyIdentifier (with a keyIdentifier) on all but self-signed certificates.
    if cert.authority_key_identifier().is_none() && !member.self_signed() {
        add(ErrorKind::AuthorityKeyIdentifierMissing);
    }
    if is_ca && cert.subject_key_identifier().is_none() {
        add(ErrorKind::SubjectKeyIdentifierMissing);
    }
    if matches!(role, Role::Intermediate | Role::Anchor) {
        issuer_rules(cert, add);
    }
    name_rules(cert, role, add);
}

/// What a certificate that issues others must be (RFC 5280 §4.2.1.3, §4.2.1.9, §6.1.4).
fn issuer_rules(cert: &Certificate, add: &mut impl FnMut(ErrorKind)) {
    match cert
        .extensions
        .iter()
        .find(|e| e.oid == OID_BASIC_CONSTRAINTS)
    {
        Some(bc) if cert.basic_constraints().is_some_and(|b| b.ca) => {
            if !bc.critical {
                add(ErrorKind::ExtensionCriticality {
                    extension: "basicConstraints",
                    expected: "must be marked critical in a CA certificate",
                });
            }
        }
        _ => add(ErrorKind::IssuerNotCa {
            subject: cert.subject.rfc4514.clone(),
        }),
    }
    if let Some(usages) = &cert.key_usage()
        && !usages.contains(&KeyUsage::KeyCertSign)
    {
        add(ErrorKind::IssuerKeyUsage);
    }
}

/// Names in the certificate: subject alternative names and name constraints.
fn name_rules(cert: &Certificate, role: Role, add: &mut impl FnMut(ErrorKind)) {
    let san = cert
        .extensions
        .iter()
        .find(|e| e.oid == OID_SUBJECT_ALT_NAME);
    if let Some(san) = san
        && cert.subject.is_empty()
        && !san.critical
    {
        add(ErrorKind::ExtensionCriticality {
            extension: "subjectAltName",
            expected: "must be marked critical when the subject is empty",
        });
    }
    for name in cert.subject_alt_names() {
        if name.kind != GeneralNameKind::Dns {
            continue;
        }
        let reason = if name.value.contains('_') {
            Some("a DNS name cannot hold an underscore")
        } else if name.value.parse::<std::net::IpAddr>().is_ok() {
            Some("an IP address belongs in an iPAddress entry, not a dNSName")
        } else {
            None
        };
        if let Some(reason) = reason {
            add(ErrorKind::InvalidSanEntry {
                value: name.value.clone(),
                reason,
            });
        }
    }
    let constraints = cert.extensions.iter().find_map(|e| match &e.value {
        Some(ExtensionValue::NameConstraints {
            permitted,
            excluded,
        }) => Some((permitted, excluded)),
        _ => None,
    });
    if let Some((permitted, excluded)) = constraints {
        if matches!(role, Role::Leaf) && !cert.basic_constraints().is_some_and(|b| b.ca) {
            add(ErrorKind::NameConstraintsOnLeaf);
        }
        if permitted.is_empty() && excluded.is_empty() {
            add(ErrorKind::InvalidNameConstraints {
                reason: "it holds neither permitted nor excluded subtrees".into(),
            });
        }
        let dns_bases = permitted.iter().chain(excluded.iter()).map(|s| &s.base);
        for base in dns_bases.filter(|b| b.kind == GeneralNameKind::Dns) {
            if base.value.starts_with('.') {
                add(ErrorKind::InvalidNameConstraints {
                    reason: format!(
                        "the DNS name `{}` starts with a period (RFC 5280 §4.2.1.10: a DNS constraint is a host name)",
                        base.value
                    ),
                });
            }
        }
    }
}

/// The engine trusts anchors as they are; certkit still wants them current.
fn anchor_rules(member: &Member<'_>, options: &ChainOptions, add: &mut impl FnMut(ErrorKind)) {
    if let Some(kind) = member
        .raw
        .validity()
        .problem_at(options.now, End::Inclusive)
    {
        add(kind);
    }
}

pub(super) fn known_critical(oid: &str) -> bool {
    UNDERSTOOD_CRITICAL.contains(&oid)
}
