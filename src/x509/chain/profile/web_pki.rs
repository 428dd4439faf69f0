//! The CA/Browser Forum Baseline Requirements, checked for `purpose: 'serverAuth'`: version 3,
//! the leaf's extendedKeyUsage and names, a root's key identifiers, and the keys the web PKI
//! allows.

use super::Role;
use crate::error::ErrorKind;
use crate::x509::chain::Member;
use crate::x509::extensions::{ExtensionValue, OID_EXTENDED_KEY_USAGE, OID_SUBJECT_ALT_NAME};
use crate::x509::{Certificate, GeneralNameKind};

const OID_ANY_EXTENDED_KEY_USAGE: &str = "2.5.29.37.0";

/// CA/Browser Forum Baseline Requirements rules, for `purpose: 'serverAuth'`.
pub(super) fn web_pki_rules(member: &Member<'_>, role: Role, add: &mut impl FnMut(ErrorKind)) {
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
                .extended_key_usage()
                .unwrap_or_default()
                .iter()
                .any(|p| p.oid == OID_ANY_EXTENDED_KEY_USAGE);
            if any {
                rule("the leaf must not allow anyExtendedKeyUsage");
            }
            let san = cert
                .extensions
                .iter()
                .find(|e| e.oid == OID_SUBJECT_ALT_NAME);
            if san.is_some_and(|s| s.critical) && !cert.subject.is_empty() {
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
        .attributes()
        .filter(|a| a.oid == OID_COMMON_NAME)
    {
        let listed = cert.subject_alt_names().iter().any(|name| {
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
    } else if key_identifier.as_ref() != cert.subject_key_identifier() {
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
    match key.algorithm {
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
