//! The one validity rule: a certificate is valid from notBefore to notAfter, both ends included
//! (RFC 5280 §4.1.2.5). Chain links and the profile's trust anchors, the AlloyDB response's
//! leaf, the Halo list's statuses and preferred pick, and the Halo request findings all ask here.

use crate::error::ErrorKind;
use crate::time::UnixTime;

/// A certificate's validity period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Validity {
    pub not_before: UnixTime,
    pub not_after: UnixTime,
}

/// Where a moment falls against a validity period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValidityState {
    NotYetValid,
    Valid,
    Expired,
}

impl Validity {
    /// notBefore <= now <= notAfter.
    pub fn at(self, now: UnixTime) -> ValidityState {
        if now < self.not_before {
            ValidityState::NotYetValid
        } else if now > self.not_after {
            ValidityState::Expired
        } else {
            ValidityState::Valid
        }
    }

    pub fn contains(self, now: UnixTime) -> bool {
        self.at(now) == ValidityState::Valid
    }

    /// Why the certificate cannot be used at `now` (`CERTIFICATE_NOT_YET_VALID` or
    /// `CERTIFICATE_EXPIRED`, with the date); `None` while it is valid. The caller says how
    /// severe that is and where.
    pub fn problem_at(self, now: UnixTime) -> Option<ErrorKind> {
        match self.at(now) {
            ValidityState::NotYetValid => Some(ErrorKind::CertificateNotYetValid {
                not_before: self.not_before.to_string(),
            }),
            ValidityState::Expired => Some(ErrorKind::CertificateExpired {
                not_after: self.not_after.to_string(),
            }),
            ValidityState::Valid => None,
        }
    }

    /// Seconds from notBefore to notAfter.
    pub fn lifetime(self) -> i64 {
        self.not_after - self.not_before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ends_are_inclusive() {
        let t = UnixTime::from_seconds;
        let validity = Validity {
            not_before: t(100),
            not_after: t(200),
        };
        assert_eq!(validity.at(t(99)), ValidityState::NotYetValid);
        assert_eq!(validity.at(t(100)), ValidityState::Valid);
        assert_eq!(validity.at(t(200)), ValidityState::Valid);
        assert_eq!(validity.at(t(201)), ValidityState::Expired);
        assert_eq!(
            validity.problem_at(t(201)).map(|k| k.code()),
            Some("CERTIFICATE_EXPIRED")
        );
        assert_eq!(
            validity.problem_at(t(0)).map(|k| k.to_string()),
            Some("the certificate is not valid before 1970-01-01T00:01:40Z: check the clock, or wait".into())
        );
        assert_eq!(validity.problem_at(t(150)), None);
        assert_eq!(validity.lifetime(), 100);
    }
}
