//! Which certificate is the leaf, and the path shown when the engine found no valid one: a
//! cheap walk by names and key identifiers, checking few signatures, so that a hostile pile of
//! certificates costs little.

use super::Source;
use super::engine::Pool;
use crate::x509::{Certificate, RawCertificate};

/// Signatures tried per step of the walk before falling back to names alone.
const SIGNATURES_PER_STEP: usize = 3;
/// Most certificates shown on a path the engine refused: it accepts at most 6 intermediates,
/// and each shown link costs a signature check.
const MOST_SHOWN: usize = 10;

/// The certificates that could be the leaf: those with the expected key, else those that issued
/// none of the others; end-entity certificates before CA certificates. Empty when the expected
/// key is in none of them.
pub fn leaf_candidates(
    certs: &[Certificate],
    raws: &[RawCertificate<'_>],
    leaf_spki: Option<&[u8]>,
) -> Vec<usize> {
    let mut candidates: Vec<usize> = match leaf_spki {
        Some(spki) => (0..raws.len()).filter(|&i| raws[i].spki == spki).collect(),
        None => {
            let issues_another = |i: usize| {
                (0..certs.len())
                    .any(|j| j != i && could_issue(&certs[i], &raws[i], &certs[j], &raws[j]))
            };
            let found: Vec<usize> = (0..certs.len()).filter(|&i| !issues_another(i)).collect();
            if found.is_empty() {
                (0..certs.len()).collect()
            } else {
                found
            }
        }
    };
    if candidates.iter().any(|&i| !is_ca(&certs[i])) {
        candidates.retain(|&i| !is_ca(&certs[i]));
    }
    candidates
}

/// The path shown for a chain the engine did not validate: from the leaf through whatever
/// issued each certificate, up to a self-signed certificate, a trust anchor, or a dead end.
pub fn display_path(pool: &Pool<'_>, anchors_given: bool, leaf: usize) -> Vec<Source> {
    let (certs, raws, anchors) = (pool.certs, pool.raws, pool.anchors);
    let mut path = vec![Source::Input(leaf)];
    let mut current = leaf;
    while path.len() < MOST_SHOWN {
        let (cert, raw) = (&certs[current], &raws[current]);
        if pool.inputs[current].self_signed() {
            break;
        }
        if anchors_given
            && let Some(anchor) =
                best_issuer(cert, raw, anchors.iter().map(|a| (a.source, a.cert, a.raw)))
        {
            path.push(anchor);
            break;
        }
        let unused = (0..certs.len())
            .filter(|&i| !path.contains(&Source::Input(i)))
            .map(|i| (Source::Input(i), &certs[i], &raws[i]));
        match best_issuer(cert, raw, unused) {
            Some(next @ Source::Input(i)) => {
                path.push(next);
                current = i;
            }
            _ => break,
        }
    }
    path
}

/// Whether `issuer` could have issued `child`: the names match and the key identifiers, where
/// both are present, do not differ.
pub fn could_issue(
    issuer: &Certificate,
    issuer_raw: &RawCertificate<'_>,
    child: &Certificate,
    child_raw: &RawCertificate<'_>,
) -> bool {
    names_match(child, child_raw, issuer, issuer_raw) && key_ids_match(child, issuer) != Some(false)
}

/// The child's issuer name equals the issuer's subject, byte for byte or as text.
pub fn names_match(
    child: &Certificate,
    child_raw: &RawCertificate<'_>,
    issuer: &Certificate,
    issuer_raw: &RawCertificate<'_>,
) -> bool {
    child_raw.issuer == issuer_raw.subject || child.issuer.rfc4514 == issuer.subject.rfc4514
}

/// authorityKeyIdentifier against the issuer's subjectKeyIdentifier; `None` when either is absent.
pub fn key_ids_match(child: &Certificate, issuer: &Certificate) -> Option<bool> {
    match (
        &child.authority_key_identifier(),
        &issuer.subject_key_identifier(),
    ) {
        (Some(aki), Some(ski)) => Some(aki == ski),
        _ => None,
    }
}

fn is_ca(cert: &Certificate) -> bool {
    cert.basic_constraints().is_some_and(|bc| bc.ca)
}

/// Of the candidates that could have issued `child`, one whose key identifier matches, else one
/// whose key verifies the signature (a few tried), else the first by name.
fn best_issuer<'c>(
    child: &Certificate,
    child_raw: &RawCertificate<'_>,
    candidates: impl Iterator<Item = (Source, &'c Certificate, &'c RawCertificate<'c>)>,
) -> Option<Source> {
    let plausible: Vec<(Source, &Certificate, &RawCertificate<'_>)> = candidates
        .filter(|(_, c, r)| could_issue(c, r, child, child_raw))
        .collect();
    plausible
        .iter()
        .find(|(_, c, _)| key_ids_match(child, c) == Some(true))
        .or_else(|| {
            plausible
                .iter()
                .take(SIGNATURES_PER_STEP)
                .find(|(_, _, r)| {
                    child_raw.verify_signed_by(r.spki) == crate::x509::SignatureStatus::Valid
                })
        })
        .or_else(|| plausible.first())
        .map(|(source, _, _)| *source)
}
