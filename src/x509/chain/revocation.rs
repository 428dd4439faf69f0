//! `crls` applied to a candidate path: every certificate but the anchor is checked against each
//! CRL with its issuer (the next certificate of the path) by `x509::check_revocation`. A revoked
//! certificate fails its link; a CRL that claims to speak for an issuer on the path but cannot
//! be used fails closed (revocation unknown); a CRL that speaks for no issuer on the path is
//! noted and ignored.

use super::{ChainOptions, Member, Source};
use crate::error::{ErrorKind, Problem, Severity};
use crate::x509::{RevocationStatus, check_revocation};

/// Adds the revocation findings of `path` (leaf first, anchor last) to `found`.
pub fn check_path(path: &[Member<'_>], options: &ChainOptions, found: &mut Vec<(Source, Problem)>) {
    if options.crls.is_empty() {
        return;
    }
    let mut used = vec![false; options.crls.len()];
    for pair in path.windows(2) {
        let [member, issuer] = pair else { continue };
        let field = member.source.field();
        for (index, crl) in options.crls.iter().enumerate() {
            let check = check_revocation(crl, member.cert, issuer.cert, options.now);
            let crl_source = Source::Crl(index);
            match check.status {
                RevocationStatus::NotApplicable => continue,
                RevocationStatus::Good => {}
                RevocationStatus::Revoked => {
                    let (date, reason) = check.entry.as_ref().map_or_else(
                        || ("an unknown date".to_owned(), "no reason given".to_owned()),
                        |e| {
                            let reason =
                                e.reason.clone().unwrap_or_else(|| "no reason given".into());
                            (e.revocation_date.clone(), reason)
                        },
                    );
                    let kind = ErrorKind::CertificateRevoked { date, reason };
                    found.push((member.source, Problem::error(kind, &field)));
                }
                RevocationStatus::Unknown => {
                    let reason = check
                        .problems
                        .iter()
                        .find(|p| p.severity == Severity::Error)
                        .map_or_else(|| "it could not be checked".to_owned(), Problem::message);
                    let kind = ErrorKind::RevocationUnknown { reason };
                    found.push((member.source, Problem::error(kind, &field)));
                }
            }
            if let Some(slot) = used.get_mut(index) {
                *slot = true;
            }
            for mut problem in check
                .problems
                .into_iter()
                .filter(|p| p.severity != Severity::Error)
            {
                problem.field = Some(crl_source.field().into());
                found.push((crl_source, problem));
            }
        }
    }
    for (index, _) in used.iter().enumerate().filter(|(_, used)| !**used) {
        let source = Source::Crl(index);
        found.push((source, Problem::info(ErrorKind::CrlNotUsed, source.field())));
    }
}
