//! [`UnixTime`]: the one type of a moment in the core, read from RFC 3339 once at the serde edge.

use std::fmt;
use std::ops::{Add, Sub};

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};

use super::{parse_rfc3339, with_rfc3339};
use crate::error::{ErrorKind, Result};

/// A moment, in whole seconds since 1970-01-01T00:00:00Z (leap seconds not counted, as in POSIX
/// and X.509). Every output shows it as RFC 3339 UTC text (`2026-01-31T12:00:00Z`): it
/// serializes as that string, so a model field of this type reads as before in JSON.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnixTime(i64);

impl UnixTime {
    pub const fn from_seconds(seconds: i64) -> Self {
        Self(seconds)
    }

    pub const fn seconds(self) -> i64 {
        self.0
    }

    /// The name its `Deserialize` gives serde, so that the options reader can answer a bad time
    /// with `INVALID_TIME` at its field, as every other reader of a time does.
    pub const SERDE_NAME: &'static str = "UnixTime";
}

/// `now` from an options object: the TypeScript layer always fills it in, so a caller that
/// leaves it out is told so; the core never guesses a time (no clock, no fallback).
pub fn required_now(now: Option<UnixTime>) -> Result<UnixTime> {
    now.ok_or_else(|| {
        crate::Error::new(ErrorKind::InvalidOptions {
            reason: "`now` is required".into(),
        })
        .at("now")
    })
}

/// Later by a number of seconds (saturating: no input can make it overflow).
impl Add<i64> for UnixTime {
    type Output = Self;
    fn add(self, seconds: i64) -> Self {
        Self(self.0.saturating_add(seconds))
    }
}

/// Earlier by a number of seconds (saturating).
impl Sub<i64> for UnixTime {
    type Output = Self;
    fn sub(self, seconds: i64) -> Self {
        Self(self.0.saturating_sub(seconds))
    }
}

/// The seconds from `earlier` to `self` (negative when `earlier` is later; saturating).
impl Sub for UnixTime {
    type Output = i64;
    fn sub(self, earlier: Self) -> i64 {
        self.0.saturating_sub(earlier.0)
    }
}

impl fmt::Display for UnixTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        with_rfc3339(*self, |text| f.write_str(text))
    }
}

impl Serialize for UnixTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        with_rfc3339(*self, |text| serializer.serialize_str(text))
    }
}

/// Read from RFC 3339 text (`now` in options): the one place a caller's time becomes a
/// [`UnixTime`]; text that is not a time is refused, never replaced by another time.
impl<'de> Deserialize<'de> for UnixTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct Rfc3339;
        impl<'de> Visitor<'de> for Rfc3339 {
            type Value = UnixTime;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 time such as 2026-01-31T12:00:00Z")
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> std::result::Result<UnixTime, D::Error> {
                deserializer.deserialize_str(self)
            }
            fn visit_str<E: de::Error>(self, text: &str) -> std::result::Result<UnixTime, E> {
                parse_rfc3339(text).map_err(E::custom)
            }
        }
        deserializer.deserialize_newtype_struct(UnixTime::SERDE_NAME, Rfc3339)
    }
}
