//! The verdict: rustls-webpki builds and validates the path (backtracking, work budgets, name
//! constraints, extended key usage, critical extensions), with certkit's signature algorithms
//! and certkit's profile checks run on every candidate path it completes, so that a path that
//! fails them makes the engine look for another. An engine error that no finding of certkit's
//! explains becomes a problem of its own (`engine_problem`).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::time::Duration;

use rustls_pki_types::{CertificateDer, ServerName, TrustAnchor, UnixTime};
use webpki::{EndEntityCert, Error as EngineError, VerifiedPath, anchor_from_trusted_cert};

use super::algorithms::TRUSTED;
use super::profile;
use super::{ChainOptions, Member, Source};
use crate::error::{ErrorKind, Problem};
use crate::x509::{Certificate, RawCertificate};

/// A path the engine validated, leaf first, and the certificate it ends at.
#[derive(Debug, Clone)]
pub struct ValidPath {
    pub members: Vec<Source>,
}

/// A complete path certkit's profile refused, and its problems.
pub type Refused = (Vec<Source>, Vec<(Source, Problem)>);

/// What the engine concluded.
#[derive(Debug)]
pub enum Verdict {
    Valid(ValidPath),
    Invalid {
        error: EngineError,
        /// Complete paths the engine found that certkit's profile refused, with why.
        refused: Vec<Refused>,
    },
}

/// The certificates the engine works with.
pub struct Pool<'a> {
    pub certs: &'a [Certificate],
    pub raws: &'a [RawCertificate<'a>],
    /// The input certificates, by index.
    pub inputs: &'a [Member<'a>],
    /// Trust anchors: the given ones, or else the input's self-signed certificates.
    pub anchors: &'a [Member<'a>],
}

impl<'a> Pool<'a> {
    pub fn member(&self, source: Source) -> Option<Member<'a>> {
        match source {
            Source::Input(i) => self.inputs.get(i).copied(),
            Source::Anchor(_) => self.anchors.iter().find(|a| a.source == source).copied(),
            Source::Crl(_) => None,
        }
    }
}

/// Validates the path from `leaf` to one of the pool's anchors.
pub fn validate(pool: &Pool<'_>, leaf: usize, options: &ChainOptions) -> Verdict {
    let Some(leaf_cert) = pool.certs.get(leaf) else {
        return invalid(EngineError::UnknownIssuer);
    };
    let leaf_der = CertificateDer::from(leaf_cert.der.as_slice());
    let end_entity = match EndEntityCert::try_from(&leaf_der) {
        Ok(ee) => ee,
        Err(error) => return invalid(error),
    };

    // The leaf is itself a trust anchor: the path is that one certificate.
    if let Some(anchor) = pool.anchors.iter().find(|a| a.cert.der == leaf_cert.der) {
        let members = vec![anchor.source];
        let problems = profile::check(&[*anchor], options);
        if problems.iter().any(|(_, p)| p.is_error()) {
            return Verdict::Invalid {
                error: EngineError::UnknownIssuer,
                refused: vec![(members, problems)],
            };
        }
        return Verdict::Valid(ValidPath { members });
    }

    let anchor_ders: Vec<CertificateDer<'_>> = pool
        .anchors
        .iter()
        .map(|a| CertificateDer::from(a.cert.der.as_slice()))
        .collect();
    let mut anchors: Vec<TrustAnchor<'_>> = Vec::with_capacity(anchor_ders.len());
    let mut anchor_sources = Vec::with_capacity(anchor_ders.len());
    for (der, member) in anchor_ders.iter().zip(pool.anchors) {
        if let Ok(anchor) = anchor_from_trusted_cert(der) {
            anchors.push(anchor);
            anchor_sources.push(member.source);
        }
    }
    let intermediates: Vec<CertificateDer<'_>> = reachable_intermediates(pool, leaf)
        .into_iter()
        .filter_map(|i| pool.certs.get(i))
        .map(|c| CertificateDer::from(c.der.as_slice()))
        .collect();
    let by_der: HashMap<&[u8], usize> = pool
        .certs
        .iter()
        .enumerate()
        .map(|(i, c)| (c.der.as_slice(), i))
        .collect();
    let locate = |path: &VerifiedPath<'_>| -> Option<Vec<Source>> {
        let mut members = vec![Source::Input(leaf)];
        for cert in path.intermediate_certificates() {
            members.push(Source::Input(*by_der.get(cert.der().as_ref())?));
        }
        let anchor = anchors
            .iter()
            .position(|a| std::ptr::eq(a, path.anchor()))?;
        members.push(*anchor_sources.get(anchor)?);
        Some(members)
    };

    let refused = RefCell::new(Vec::new());
    let check_profile = |path: &VerifiedPath<'_>| -> Result<(), EngineError> {
        let Some(sources) = locate(path) else {
            return Err(EngineError::UnknownIssuer);
        };
        let members: Vec<Member<'_>> = sources.iter().filter_map(|&s| pool.member(s)).collect();
        let problems = profile::check(&members, options);
        if problems.iter().any(|(_, p)| p.is_error()) {
            refused.borrow_mut().push((sources, problems));
            return Err(EngineError::UnknownIssuer);
        }
        Ok(())
    };
    let time = UnixTime::since_unix_epoch(Duration::from_secs(
        u64::try_from(options.now.seconds()).unwrap_or_default(),
    ));
    let result = end_entity.verify_for_usage(
        TRUSTED,
        &anchors,
        &intermediates,
        time,
        options.purpose.validator(),
        None,
        Some(&check_profile),
    );
    match result {
        Ok(path) => match locate(&path) {
            Some(members) => Verdict::Valid(ValidPath { members }),
            None => invalid(EngineError::UnknownIssuer),
        },
        Err(error) => Verdict::Invalid {
            error,
            refused: refused.into_inner(),
        },
    }
}

/// Whether the leaf is valid for `name` (subject alternative names only, as RFC 6125 and the
/// web PKI require). `name` was checked when the options were read.
pub fn valid_for_name(leaf: &Certificate, name: &str) -> bool {
    let der = CertificateDer::from(leaf.der.as_slice());
    let (Ok(end_entity), Ok(server_name)) =
        (EndEntityCert::try_from(&der), ServerName::try_from(name))
    else {
        return false;
    };
    end_entity
        .verify_is_valid_for_subject_name(&server_name)
        .is_ok()
}

/// Whether `name` is a DNS name or an IP address the engine can check.
pub fn is_subject_name(name: &str) -> bool {
    ServerName::try_from(name).is_ok()
}

/// The input certificates that can lie on a path from the leaf to an anchor, judged by names
/// alone (the engine links a certificate to its issuer by exact name bytes too). Everything
/// else is left out, so that a pile of certificates that cannot lead anywhere costs nothing.
fn reachable_intermediates(pool: &Pool<'_>, leaf: usize) -> Vec<usize> {
    let candidates: Vec<usize> = (0..pool.raws.len()).filter(|&i| i != leaf).collect();
    // Backwards from the anchors: which subjects can reach one.
    let mut reaching: HashSet<&[u8]> = pool.anchors.iter().map(|a| a.raw.subject).collect();
    let mut good = vec![false; pool.raws.len()];
    loop {
        let mut grew = false;
        for &i in &candidates {
            let raw = &pool.raws[i];
            if !good[i] && reaching.contains(raw.issuer) {
                good[i] = true;
                grew |= reaching.insert(raw.subject);
            }
        }
        if !grew {
            break;
        }
    }
    // Forwards from the leaf: which of those its issuers can reach.
    let mut wanted: HashSet<&[u8]> = HashSet::from([pool.raws[leaf].issuer]);
    let mut keep = vec![false; pool.raws.len()];
    loop {
        let mut grew = false;
        for &i in &candidates {
            let raw = &pool.raws[i];
            if good[i] && !keep[i] && wanted.contains(raw.subject) {
                keep[i] = true;
                wanted.insert(raw.issuer);
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    candidates.into_iter().filter(|&i| keep[i]).collect()
}

fn invalid(error: EngineError) -> Verdict {
    Verdict::Invalid {
        error,
        refused: Vec::new(),
    }
}

/// A problem for an engine verdict that no finding of certkit's explains.
pub(super) fn engine_problem(error: &webpki::Error) -> ErrorKind {
    use webpki::Error as E;
    match error {
        E::CaUsedAsEndEntity => ErrorKind::CaAsLeaf,
        E::NameConstraintViolation => ErrorKind::NameConstraintViolation,
        E::MaximumSignatureChecksExceeded
        | E::MaximumPathBuildCallsExceeded
        | E::MaximumNameConstraintComparisonsExceeded => ErrorKind::ChainTooComplex,
        E::RequiredEkuNotFoundContext(_) => ErrorKind::PurposeNotAllowed {
            purpose: "the requested purpose".into(),
        },
        other => ErrorKind::ChainInvalid {
            reason: engine_reason(other).into(),
        },
    }
}

/// The engine's other verdicts in words. Its `Debug` text (its only text) names Rust types and
/// brought every context type's formatting into the wasm.
fn engine_reason(error: &webpki::Error) -> &'static str {
    use webpki::Error as E;
    match error {
        E::MaximumPathDepthExceeded => {
            "the path is longer than 6 intermediate CAs, more than certkit follows"
        }
        E::UnsupportedCriticalExtension => {
            "a certificate has a critical extension certkit does not process"
        }
        E::CertDistrusted => "a CA on the path is distrusted",
        E::UnknownIssuer => "no path to a trusted certificate was found",
        E::BadDer | E::TrailingData(_) => "a certificate on the path is not valid DER",
        E::BadDerTime | E::InvalidCertValidity => {
            "a certificate on the path has an unreadable or inverted validity period"
        }
        E::CertExpired { .. } => "a certificate on the path has expired",
        E::CertNotValidYet { .. } => "a certificate on the path is not valid yet",
        E::CertNotValidForName(_) | E::MalformedDnsIdentifier | E::UnsupportedNameType => {
            "the leaf is not valid for the requested name"
        }
        E::CertRevoked => "a certificate on the path is revoked",
        E::EmptyEkuExtension => "a certificate on the path has an empty extended key usage",
        E::EndEntityUsedAsCa => "a certificate that is not a CA issued another certificate",
        E::ExtensionValueInvalid | E::MalformedExtensions => {
            "a certificate on the path has a malformed extension"
        }
        E::InvalidNetworkMaskConstraint | E::MalformedNameConstraint => {
            "a CA on the path has a malformed name constraint"
        }
        E::InvalidSerialNumber => "a certificate on the path has an invalid serial number",
        E::InvalidSignatureForPublicKey => "a signature on the path does not verify",
        E::PathLenConstraintViolated => "a CA's path length constraint is exceeded",
        E::SignatureAlgorithmMismatch => "a certificate names two different signature algorithms",
        E::UnsupportedCertVersion => "a certificate on the path is not X.509 version 3",
        E::UnsupportedSignatureAlgorithmContext(_)
        | E::UnsupportedSignatureAlgorithmForPublicKeyContext(_) => {
            "a signature on the path uses an algorithm certkit does not trust"
        }
        _ => "the validation engine refused the path for a reason certkit cannot name",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use webpki::Error as E;

    #[test]
    fn engine_verdicts_read_as_words_not_rust_types() {
        let time = UnixTime::since_unix_epoch(Duration::from_secs(1_000));
        let cases = [
            (E::BadDer, "not valid DER"),
            (
                E::CertExpired {
                    time,
                    not_after: time,
                },
                "has expired",
            ),
            (
                E::CertNotValidYet {
                    time,
                    not_before: time,
                },
                "not valid yet",
            ),
            (E::InvalidSignatureForPublicKey, "does not verify"),
            (E::PathLenConstraintViolated, "path length constraint"),
            (E::UnsupportedNameType, "not valid for the requested name"),
            (E::UnknownIssuer, "no path to a trusted certificate"),
            (E::UnsupportedDeltaCrl, "reason certkit cannot name"),
        ];
        for (error, words) in cases {
            let text = engine_problem(&error).to_string();
            assert!(text.contains(words), "{text}");
            assert!(!text.contains(['{', '(', '_']), "{text}");
        }
        assert_eq!(engine_problem(&E::CaUsedAsEndEntity).code(), "CA_AS_LEAF");
    }
}
