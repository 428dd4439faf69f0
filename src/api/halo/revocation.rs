//! The revocation rules of RevokeCertificate and ReleaseCertificateHold, exactly as the seed's
//! table gives them: REVOKED is terminal, a hold can only be released from HOLD.

use crate::error::{ErrorKind, Problem};

pub const UNSPECIFIED: &str = "REVOCATION_STATE_UNSPECIFIED";
pub const HOLD: &str = "HOLD";
pub const REVOKED: &str = "REVOKED";

/// Problems of moving a certificate from `current` (absent: no revocation) to `requested`.
pub fn check_revocation_transition(current: Option<&str>, requested: Option<&str>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let current = match current.unwrap_or(UNSPECIFIED) {
        state @ (UNSPECIFIED | HOLD | REVOKED) => state,
        other => {
            problems.push(Problem::error(
                ErrorKind::UnknownRevocationState {
                    value: shorten(other),
                },
                "currentState",
            ));
            return problems;
        }
    };
    let requested = match requested {
        Some(state @ (HOLD | REVOKED)) => state,
        Some(UNSPECIFIED) | None => {
            problems.push(Problem::error(
                ErrorKind::RevocationStateRequired,
                "revocationState",
            ));
            return problems;
        }
        Some(other) => {
            problems.push(Problem::error(
                ErrorKind::UnknownRevocationState {
                    value: shorten(other),
                },
                "revocationState",
            ));
            return problems;
        }
    };
    match (current, requested) {
        (REVOKED, _) => {
            let kind = ErrorKind::AlreadyRevoked {
                requested: requested.to_owned(),
            };
            problems.push(Problem::error(kind, "currentState"));
            if requested == REVOKED {
                problems.push(Problem::info(
                    ErrorKind::ReferenceServerLenient,
                    "revocationState",
                ));
            }
        }
        (HOLD, HOLD) => problems.push(Problem::info(ErrorKind::AlreadyOnHold, "revocationState")),
        (_, HOLD) => problems.push(Problem::warning(
            ErrorKind::HoldFailsPendingWork,
            "revocationState",
        )),
        (_, _) => problems.push(Problem::info(
            ErrorKind::RevocationIsTerminal,
            "revocationState",
        )),
    }
    problems
}

/// Problems of releasing a hold on a certificate in state `current`.
pub fn check_release_hold(current: Option<&str>) -> Vec<Problem> {
    match current.unwrap_or(UNSPECIFIED) {
        HOLD => Vec::new(),
        state @ (UNSPECIFIED | REVOKED) => {
            vec![Problem::error(
                ErrorKind::NotOnHold {
                    current: state.to_owned(),
                },
                "currentState",
            )]
        }
        other => vec![Problem::error(
            ErrorKind::UnknownRevocationState {
                value: shorten(other),
            },
            "currentState",
        )],
    }
}

fn shorten(text: &str) -> String {
    text.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{GrpcStatus, Severity};

    fn outcome(problems: &[Problem]) -> Vec<(&'static str, GrpcStatus, Severity)> {
        problems
            .iter()
            .map(|p| (p.code(), p.status(), p.severity))
            .collect()
    }

    #[test]
    fn the_whole_matrix() {
        use GrpcStatus::*;
        use Severity::*;
        let t = |c: Option<&str>, r: Option<&str>| outcome(&check_revocation_transition(c, r));
        assert_eq!(
            t(None, Some(HOLD)),
            [("HOLD_FAILS_PENDING_WORK", InvalidArgument, Warning)]
        );
        assert_eq!(
            t(None, Some(REVOKED)),
            [("REVOCATION_IS_TERMINAL", InvalidArgument, Info)]
        );
        assert_eq!(
            t(Some(UNSPECIFIED), Some(REVOKED)),
            [("REVOCATION_IS_TERMINAL", InvalidArgument, Info)]
        );
        assert_eq!(
            t(Some(HOLD), Some(HOLD)),
            [("ALREADY_ON_HOLD", InvalidArgument, Info)]
        );
        assert_eq!(
            t(Some(HOLD), Some(REVOKED)),
            [("REVOCATION_IS_TERMINAL", InvalidArgument, Info)]
        );
        assert_eq!(
            t(Some(REVOKED), Some(HOLD)),
            [("ALREADY_REVOKED", FailedPrecondition, Error)]
        );
        assert_eq!(
            t(Some(REVOKED), Some(REVOKED)),
            [
                ("ALREADY_REVOKED", FailedPrecondition, Error),
                ("REFERENCE_SERVER_LENIENT", Ok, Info)
            ]
        );
        assert_eq!(
            t(None, Some(UNSPECIFIED)),
            [("REVOCATION_STATE_REQUIRED", InvalidArgument, Error)]
        );
        assert_eq!(
            t(None, None),
            [("REVOCATION_STATE_REQUIRED", InvalidArgument, Error)]
        );
        assert_eq!(
            t(None, Some("DELETED")),
            [("UNKNOWN_REVOCATION_STATE", InvalidArgument, Error)]
        );
        let r = |c: Option<&str>| outcome(&check_release_hold(c));
        assert_eq!(r(Some(HOLD)), []);
        assert_eq!(r(None), [("NOT_ON_HOLD", FailedPrecondition, Error)]);
        assert_eq!(
            r(Some(REVOKED)),
            [("NOT_ON_HOLD", FailedPrecondition, Error)]
        );
    }
}
