//! Per-link diagnostics: for each certificate of the shown path, where its issuer is, whether
//! the names and key identifiers agree, whether the signature verifies and is trusted, whether it
//! is valid now and whether its issuer may issue it. They explain a verdict; the engine makes it.

use super::algorithms::distrust_reason;
use super::order::{key_ids_match, names_match};
use super::purpose::ChainPurpose;
use super::{ChainLink, ChainOptions, IssuedBy, LinkSignature};
use crate::error::{ErrorKind, Problem};
use crate::time::UnixTime;
use crate::x509::extensions::KeyUsage;
use crate::x509::signature::{signature_scheme, signer_key};
use crate::x509::{Certificate, RawCertificate, validity};

/// What issued the last certificate of the shown path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// A given trust anchor (its index in `trustAnchors`).
    Anchor(usize),
    /// The certificate is a given trust anchor itself.
    IsAnchor(usize),
    /// The certificate signed itself.
    SelfSigned,
    Missing,
}

/// The links of `order` (indices into the input, leaf first).
pub fn check_links(
    certs: &[Certificate],
    raws: &[RawCertificate<'_>],
    anchor_raws: &[RawCertificate<'_>],
    order: &[usize],
    end: End,
    options: &ChainOptions,
) -> Vec<ChainLink> {
    let mut links = Vec::with_capacity(order.len());
    for (position, &index) in order.iter().enumerate() {
        let (cert, raw) = (&certs[index], &raws[index]);
        let field = format!("chain[{index}]");
        let mut problems = Vec::new();
        let valid_now = check_validity(raw, options.now, &field, &mut problems);
        let issued_by = match (order.get(position + 1), end) {
            (Some(&next), _) => Issuer::Chain(next),
            (None, End::Anchor(a)) => Issuer::Anchor(a),
            (None, End::IsAnchor(a)) => Issuer::IsAnchor(a),
            (None, End::SelfSigned) => Issuer::Chain(index),
            (None, End::Missing) => Issuer::Missing,
        };
        let mut link = ChainLink {
            index,
            subject: cert.subject.rfc4514.clone(),
            issuer: cert.issuer.rfc4514.clone(),
            serial_number: cert.serial_number.clone(),
            not_before: cert.not_before,
            not_after: cert.not_after,
            issued_by: IssuedBy::Missing,
            issuer_index: None,
            anchor_index: None,
            name_match: false,
            key_identifier_match: None,
            signature: LinkSignature::Missing,
            valid_now,
            ca_constraints_ok: true,
            problems: Vec::new(),
        };
        check_purpose(cert, &options.purpose, &field, &mut problems);
        if !matches!(issued_by, Issuer::IsAnchor(_)) {
            check_critical_extensions(cert, &field, &mut problems);
        }
        let issuer = match issued_by {
            Issuer::Chain(i) if i == index => {
                link.issued_by = IssuedBy::SelfSigned;
                link.issuer_index = Some(i);
                Some((cert, raw, None))
            }
            Issuer::Chain(i) => {
                link.issued_by = IssuedBy::Chain;
                link.issuer_index = Some(i);
                Some((&certs[i], &raws[i], Some(format!("chain[{i}]"))))
            }
            Issuer::Anchor(a) => {
                link.issued_by = IssuedBy::Anchor;
                link.anchor_index = Some(a);
                options
                    .anchors
                    .get(a)
                    .zip(anchor_raws.get(a))
                    .map(|(c, r)| (c, r, Some(format!("trustAnchors[{a}]"))))
            }
            Issuer::IsAnchor(a) => {
                link.issued_by = IssuedBy::Anchor;
                link.anchor_index = Some(a);
                link.name_match = true;
                link.problems = problems;
                links.push(link);
                continue;
            }
            Issuer::Missing => None,
        };
        let Some((issuer_cert, issuer_raw, issuer_field)) = issuer else {
            if !options.anchors.is_empty() || certs.len() > position + 1 {
                let kind = ErrorKind::IssuerNotFound {
                    issuer: cert.issuer.rfc4514.clone(),
                };
                problems.push(Problem::error(kind, &field));
            }
            link.problems = problems;
            links.push(link);
            continue;
        };
        link.name_match = names_match(cert, raw, issuer_cert, issuer_raw);
        if !link.name_match {
            problems.push(Problem::error(ErrorKind::IssuerNameMismatch, &field));
        }
        link.key_identifier_match = key_ids_match(cert, issuer_cert);
        if link.key_identifier_match == Some(false) {
            problems.push(Problem::warning(ErrorKind::KeyIdentifierMismatch, &field));
        }
        link.signature = check_signature(
            cert,
            raw,
            issuer_raw,
            issuer_field.is_some(),
            &field,
            &mut problems,
        );
        if let Some(issuer_field) = issuer_field {
            link.ca_constraints_ok = check_ca(
                issuer_cert,
                raws,
                &order[1..=position],
                &issuer_field,
                &mut problems,
            );
        }
        link.problems = problems;
        links.push(link);
    }
    links
}

#[derive(Clone, Copy)]
enum Issuer {
    Chain(usize),
    Anchor(usize),
    IsAnchor(usize),
    Missing,
}

/// Valid at `now` by the one validity rule; an error on the link when not.
fn check_validity(
    raw: &RawCertificate<'_>,
    now: UnixTime,
    field: &str,
    problems: &mut Vec<Problem>,
) -> bool {
    match raw.validity().problem_at(now, validity::End::Inclusive) {
        Some(kind) => {
            problems.push(Problem::error(kind, field));
            false
        }
        None => true,
    }
}

fn check_signature(
    cert: &Certificate,
    raw: &RawCertificate<'_>,
    issuer_raw: &RawCertificate<'_>,
    issued_by_other: bool,
    field: &str,
    problems: &mut Vec<Problem>,
) -> LinkSignature {
    let status: LinkSignature = raw.verify_signed_by(issuer_raw.spki).into();
    match status {
        LinkSignature::Invalid => problems.push(Problem::error(ErrorKind::SignatureInvalid, field)),
        LinkSignature::Unsupported => {
            let algorithm = cert.signature_algorithm.name.to_string();
            problems.push(Problem::error(
                ErrorKind::SignatureUnsupported { algorithm },
                field,
            ));
        }
        // A root's signature on itself vouches for nothing, so its strength does not matter.
        LinkSignature::Valid if issued_by_other => {
            let reason = signature_scheme(&raw.signature_algorithm)
                .zip(signer_key(issuer_raw.spki).ok())
                .and_then(|(scheme, key)| distrust_reason(scheme, &key));
            if let Some(reason) = reason {
                problems.push(Problem::error(
                    ErrorKind::SignatureNotTrusted { reason },
                    field,
                ));
            }
        }
        _ => {}
    }
    status
}

/// The issuer may issue: basicConstraints cA, its path length (self-issued certificates below
/// it not counted) and keyCertSign. `below` are the certificates between it and the leaf.
fn check_ca(
    issuer: &Certificate,
    raws: &[RawCertificate<'_>],
    below: &[usize],
    field: &str,
    problems: &mut Vec<Problem>,
) -> bool {
    let mut ok = true;
    match issuer.basic_constraints() {
        Some(bc) if bc.ca => {
            let counted = below
                .iter()
                .filter(|&&i| raws.get(i).is_some_and(|r| r.issuer != r.subject))
                .count();
            if let Some(limit) = bc.path_length
                && counted > limit as usize
            {
                let kind = ErrorKind::PathLengthExceeded {
                    limit,
                    actual: counted,
                };
                problems.push(Problem::error(kind, field));
                ok = false;
            }
        }
        _ => {
            let kind = ErrorKind::IssuerNotCa {
                subject: issuer.subject.rfc4514.clone(),
            };
            problems.push(Problem::error(kind, field));
            ok = false;
        }
    }
    if let Some(usages) = &issuer.key_usage()
        && !usages.contains(&KeyUsage::KeyCertSign)
    {
        problems.push(Problem::error(ErrorKind::IssuerKeyUsage, field));
        ok = false;
    }
    ok
}

fn check_purpose(
    cert: &Certificate,
    purpose: &ChainPurpose,
    field: &str,
    problems: &mut Vec<Problem>,
) {
    let usages: Option<Vec<&str>> = cert
        .extended_key_usage()
        .as_ref()
        .map(|list| list.iter().map(|p| &*p.oid).collect());
    if !purpose.allows(usages.as_deref()) {
        let purpose = purpose.to_string();
        problems.push(Problem::error(
            ErrorKind::PurposeNotAllowed { purpose },
            field,
        ));
    }
}

/// A critical extension the engine does not process makes it refuse the certificate.
fn check_critical_extensions(cert: &Certificate, field: &str, problems: &mut Vec<Problem>) {
    for extension in cert.extensions.iter().filter(|e| e.critical) {
        if !super::profile::known_critical(&extension.oid) {
            let kind = ErrorKind::UnknownCriticalExtension {
                oid: extension.oid.to_string(),
            };
            problems.push(Problem::error(kind, field));
        }
    }
}
