//! The one validity rule: a certificate is valid from notBefore to notAfter (RFC 5280 §4.1.2.5).
//! Chain links and the profile's trust anchors, the AlloyDB response's leaf, the Halo list's
//! statuses and preferred pick, and the Halo request findings all ask here. Only the last
//! second differs, and it is named by the caller ([`End`]): RFC 5280 includes notAfter; the
//! Halo rules (REMOTE-APIS.md, `halo.test.mjs`'s "expires at now") use a certificate no more
//! once notAfter has come.

use super::{Certificate, RawCertificate};
use crate::error::ErrorKind;
use crate::time::UnixTime;

/// A certificate's validity period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Validity {
    pub not_before: UnixTime,
    pub not_after: UnixTime,
}

/// Whether the notAfter second itself is still valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// RFC 5280: notBefore <= now <= notAfter.
    Inclusive,
    /// notBefore <= now < notAfter: a certificate ending now is not used.
    Exclusive,
}

/// Where a moment falls against a validity period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValidityState {
    NotYetValid,
    Valid,
    Expired,
}

impl Validity {
    /// The rule: notBefore <= now, and now before or at notAfter as `end` says.
    pub fn state(self, now: UnixTime, end: End) -> ValidityState {
        let ended = match end {
            End::Inclusive => now > self.not_after,
            End::Exclusive => now >= self.not_after,
        };
        if now < self.not_before {
            ValidityState::NotYetValid
        } else if ended {
            ValidityState::Expired
        } else {
            ValidityState::Valid
        }
    }

    /// By RFC 5280 (notAfter included).
    pub fn at(self, now: UnixTime) -> ValidityState {
        self.state(now, End::Inclusive)
    }

    /// Why the certificate cannot be used at `now` (`CERTIFICATE_NOT_YET_VALID` or
    /// `CERTIFICATE_EXPIRED`, with the date); `None` while it is valid. The caller says how
    /// severe that is and where.
    pub fn problem_at(self, now: UnixTime, end: End) -> Option<ErrorKind> {
        match self.state(now, end) {
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

impl Certificate {
    pub fn validity(&self) -> Validity {
        Validity {
            not_before: self.not_before,
            not_after: self.not_after,
        }
    }
}

impl RawCertificate<'_> {
    pub fn validity(&self) -> Validity {
        Validity {
            not_before: self.not_before,
            not_after: self.not_after,
        }
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
        assert_eq!(validity.state(t(199), End::Exclusive), ValidityState::Valid);
        assert_eq!(
            validity.state(t(200), End::Exclusive),
            ValidityState::Expired
        );
        assert_eq!(
            validity.state(t(99), End::Exclusive),
            ValidityState::NotYetValid
        );
        assert_eq!(
            validity
                .problem_at(t(201), End::Inclusive)
                .map(|k| k.code()),
            Some("CERTIFICATE_EXPIRED")
        );
        assert_eq!(
            validity.problem_at(t(0), End::Inclusive).map(|k| k.to_string()),
            Some("the certificate is not valid before 1970-01-01T00:01:40Z: check the clock, or wait".into())
        );
        assert_eq!(validity.problem_at(t(150), End::Exclusive), None);
        assert_eq!(validity.lifetime(), 100);
    }
}
