//! certkit's own checks on a candidate path, on top of the engine: the RFC 5280 rules that
//! rustls-webpki leaves to the CA (it accepts what conforming CAs must not issue), the checks it
//! skips for trust anchors, `maxDepth`, and for `serverAuth` the CA/Browser Forum web PKI profile.
//! Each rule is a plain function of one certificate and its place in the path.

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

const OID_NAME_CONSTRAINTS: &str = "2.5.29.30";
const OID_CRL_DISTRIBUTION_POINTS: &str = "2.5.29.31";
const OID_POLICY_CONSTRAINTS: &str = "2.5.29.36";
const OID_AUTHORITY_INFO_ACCESS: &str = "1.3.6.1.5.5.7.1.1";
const OID_ANY_EXTENDED_KEY_USAGE: &str = "2.5.29.37.0";

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
    let is_ca = cert.basic_constraints.is_some_and(|bc| bc.ca);

    let mut seen = HashSet::new();
    for extension in &cert.extensions {
        if !seen.insert(extension.oid.as_str()) {
            add(ErrorKind::DuplicateExtension {
                oid: extension.oid.clone(),
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
                oid: extension.oid.clone(),
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
            oid: extension.oid.clone(),
        });
    }
    if cert.issuer.attributes.is_empty() {
        add(ErrorKind::EmptyName { which: "issuer" });
    }
    if is_ca && cert.subject.attributes.is_empty() {
        add(ErrorKind::EmptyName { which: "subject" });
    }
    let usages = cert.key_usage.as_deref().unwrap_or_default();
    if usages.contains(&KeyUsage::KeyCertSign) && !is_ca {
        add(ErrorKind::KeyCertSignWithoutCa);
    }
    // authorityKeyIdentifier (with a keyIdentifier) on all but self-signed certificates.
    if cert.authority_key_identifier.is_none() && !member.self_signed() {
        add(ErrorKind::AuthorityKeyIdentifierMissing);
    }
    if is_ca && cert.subject_key_identifier.is_none() {
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
        Some(bc) if cert.basic_constraints.is_some_and(|b| b.ca) => {
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
    if let Some(usages) = &cert.key_usage
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
        && cert.subject.attributes.is_empty()
        && !san.critical
    {
        add(ErrorKind::ExtensionCriticality {
            extension: "subjectAltName",
            expected: "must be marked critical when the subject is empty",
        });
    }
    for name in &cert.subject_alt_names {
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
        if matches!(role, Role::Leaf) && !cert.basic_constraints.is_some_and(|b| b.ca) {
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

/// CA/Browser Forum Baseline Requirements rules, for `purpose: 'serverAuth'`.
fn web_pki_rules(member: &Member<'_>, role: Role, add: &mut impl FnMut(ErrorKind)) {
    let cert = member.cert;
    let mut rule = |text: &str| {
        add(ErrorKind::WebPkiRule {
            rule: text.to_owned(),
        })
    };
    if cert.version < 3 {
        rule("a certificate must be version 3");
    }
    let eku = cert
        .extensions
        .iter()
        .find(|e| e.oid == OID_EXTENDED_KEY_USAGE);
    match role {
        Role::Leaf | Role::LeafAnchor => {
            match eku {
                None => rule("the leaf must have an extendedKeyUsage extension"),
                Some(eku) if eku.critical => {
                    rule("the leaf's extendedKeyUsage must not be critical")
                }
                Some(_) => {}
            }
            let any = cert
                .extended_key_usage
                .iter()
                .flatten()
                .any(|p| p.oid == OID_ANY_EXTENDED_KEY_USAGE);
            if any {
                rule("the leaf must not allow anyExtendedKeyUsage");
            }
            let san = cert
                .extensions
                .iter()
                .find(|e| e.oid == OID_SUBJECT_ALT_NAME);
            if san.is_some_and(|s| s.critical) && !cert.subject.attributes.is_empty() {
                rule("subjectAltName must not be critical when the subject is not empty");
            }
            common_names_in_san(cert, &mut rule);
        }
        // A root: an anchor that names itself as its issuer.
        Role::Anchor if member.raw.issuer == member.raw.subject => {
            if eku.is_some() {
                rule("a root CA must not have an extendedKeyUsage extension");
            }
            root_key_identifier_rules(cert, &mut rule);
        }
        Role::Anchor => {}
        Role::Intermediate => {}
    }
    if let Some(reason) = web_pki_key_problem(cert) {
        add(ErrorKind::KeyNotAllowed { reason });
    }
}

/// Each commonName must repeat, exactly, a DNS name or an IP address (in its canonical text)
/// of the subject alternative names (Baseline Requirements §7.1.4.3).
fn common_names_in_san(cert: &Certificate, rule: &mut impl FnMut(&str)) {
    const OID_COMMON_NAME: &str = "2.5.4.3";
    for cn in cert
        .subject
        .attributes
        .iter()
        .filter(|a| a.oid == OID_COMMON_NAME)
    {
        let listed = cert.subject_alt_names.iter().any(|name| {
            matches!(name.kind, GeneralNameKind::Dns | GeneralNameKind::Ip)
                && name.value == cn.value
        });
        if !listed {
            rule("the commonName must repeat one of the subject alternative names exactly");
        }
    }
}

/// A root's authorityKeyIdentifier, when present, must be its own keyIdentifier alone.
fn root_key_identifier_rules(cert: &Certificate, rule: &mut impl FnMut(&str)) {
    let aki = cert.extensions.iter().find_map(|e| match &e.value {
        Some(ExtensionValue::AuthorityKeyIdentifier {
            key_identifier,
            authority_cert_issuer,
            authority_cert_serial_number,
        }) => Some((
            key_identifier,
            authority_cert_issuer,
            authority_cert_serial_number,
        )),
        _ => None,
    });
    let Some((key_identifier, issuer, serial)) = aki else {
        return;
    };
    if key_identifier.is_none() {
        rule("a root's authorityKeyIdentifier must hold a keyIdentifier");
    } else if *key_identifier != cert.subject_key_identifier {
        rule("a root's authorityKeyIdentifier must equal its subjectKeyIdentifier");
    }
    if issuer.is_some() || serial.is_some() {
        rule("a root's authorityKeyIdentifier must not name an issuer or serial number");
    }
}

/// The keys the Baseline Requirements allow: RSA of 2048 bits or more in whole bytes, or ECDSA
/// on P-256, P-384 or P-521.
fn web_pki_key_problem(cert: &Certificate) -> Option<String> {
    let key = &cert.public_key;
    match key.algorithm.as_str() {
        "rsa" => match key.bits {
            Some(bits) if bits >= 2048 && bits % 8 == 0 => None,
            Some(bits) => Some(format!(
                "an RSA key of {bits} bits; the web PKI requires 2048 bits or more, in whole bytes"
            )),
            None => Some("an RSA key of unknown size".into()),
        },
        "ec" => match key.curve.as_deref() {
            Some("P-256" | "P-384" | "P-521") => None,
            Some(curve) => Some(format!(
                "an EC key on {curve}; the web PKI allows P-256, P-384 and P-521 only"
            )),
            None => Some("an EC key without a named curve".into()),
        },
        other => Some(format!(
            "a {other} key; the web PKI allows RSA and ECDSA keys only"
        )),
    }
}

pub(super) fn known_critical(oid: &str) -> bool {
    UNDERSTOOD_CRITICAL.contains(&oid)
}
