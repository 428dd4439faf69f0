//! The revocation rules of RevokeCertificate and ReleaseCertificateHold, exactly as the seed's
//! table gives them: REVOKED is terminal, a hold can only be released from HOLD.

use serde::Serialize;

use crate::error::{ErrorKind, Problem};

/// Certificate.RevocationState.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum RevocationState {
    #[serde(rename = "REVOCATION_STATE_UNSPECIFIED")]
    Unspecified,
    #[serde(rename = "HOLD")]
    Hold,
    #[serde(rename = "REVOKED")]
    Revoked,
}

impl RevocationState {
    const ALL: [Self; 3] = [Self::Unspecified, Self::Hold, Self::Revoked];

    /// The proto enum name, as proto3 JSON writes it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Unspecified => "REVOCATION_STATE_UNSPECIFIED",
            Self::Hold => "HOLD",
            Self::Revoked => "REVOKED",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The proto enum number (proto3 JSON parsers accept it too).
    pub fn from_number(number: u64) -> Option<Self> {
        usize::try_from(number)
            .ok()
            .and_then(|i| Self::ALL.get(i).copied())
    }
}

/// A state given as text: known, or the problem of an unknown one at `field`.
fn known(text: &str, field: &str) -> Result<RevocationState, Problem> {
    RevocationState::from_name(text).ok_or_else(|| {
        Problem::error(
            ErrorKind::UnknownRevocationState {
                value: shorten(text),
            },
            field,
        )
    })
}

/// Problems of moving a certificate from `current` (absent: no revocation) to `requested`.
pub fn check_revocation_transition(current: Option<&str>, requested: Option<&str>) -> Vec<Problem> {
    use RevocationState::{Hold, Revoked, Unspecified};
    let current = match current.map(|c| known(c, "currentState")).transpose() {
        Ok(current) => current.unwrap_or(Unspecified),
        Err(problem) => return vec![problem],
    };
    let requested = match requested.map(|r| known(r, "revocationState")).transpose() {
        Ok(Some(state @ (Hold | Revoked))) => state,
        Ok(Some(Unspecified) | None) => {
            return vec![Problem::error(
                ErrorKind::RevocationStateRequired,
                "revocationState",
            )];
        }
        Err(problem) => return vec![problem],
    };
    let mut problems = Vec::new();
    match (current, requested) {
        (Revoked, _) => {
            let kind = ErrorKind::AlreadyRevoked {
                requested: requested.name().to_owned(),
            };
            problems.push(Problem::error(kind, "currentState"));
            if requested == Revoked {
                problems.push(Problem::info(
                    ErrorKind::ReferenceServerLenient,
                    "revocationState",
                ));
            }
        }
        (Hold, Hold) => problems.push(Problem::info(ErrorKind::AlreadyOnHold, "revocationState")),
        (_, Hold) => problems.push(Problem::warning(
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
    let current = match current.map(|c| known(c, "currentState")).transpose() {
        Ok(current) => current.unwrap_or(RevocationState::Unspecified),
        Err(problem) => return vec![problem],
    };
    match current {
        RevocationState::Hold => Vec::new(),
        state => vec![Problem::error(
            ErrorKind::NotOnHold {
                current: state.name().to_owned(),
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

    const UNSPECIFIED: &str = "REVOCATION_STATE_UNSPECIFIED";
    const HOLD: &str = "HOLD";
    const REVOKED: &str = "REVOKED";

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

    #[test]
    fn states_by_name_and_number() {
        for (i, state) in RevocationState::ALL.into_iter().enumerate() {
            assert_eq!(RevocationState::from_name(state.name()), Some(state));
            assert_eq!(RevocationState::from_number(i as u64), Some(state));
            assert_eq!(
                serde_json::to_value(state).ok(),
                Some(serde_json::Value::from(state.name()))
            );
        }
        assert_eq!(RevocationState::from_number(3), None);
        assert_eq!(RevocationState::from_name("hold"), None);
    }
}
