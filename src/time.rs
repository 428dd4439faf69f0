//! Times as the core sees them: seconds since the Unix epoch, given by the caller, and their
//! RFC 3339 UTC form for output.

use ::time::OffsetDateTime;
use ::time::format_description::well_known::Rfc3339;

use crate::error::{ErrorKind, Result};

/// Seconds since 1970-01-01T00:00:00Z. The core never reads the clock: callers pass `now`.
pub type UnixTime = i64;

/// RFC 3339 in UTC with a `Z` suffix, such as `2026-01-31T12:00:00Z`.
pub fn format_rfc3339(t: UnixTime) -> String {
    OffsetDateTime::from_unix_timestamp(t)
        .ok()
        .and_then(|dt| dt.format(&Rfc3339).ok())
        .unwrap_or_else(|| t.to_string())
}

/// Parses an RFC 3339 time (any offset) to Unix seconds; fractions are truncated.
pub fn parse_rfc3339(text: &str) -> Result<UnixTime> {
    OffsetDateTime::parse(text.trim(), &Rfc3339)
        .map(OffsetDateTime::unix_timestamp)
        .map_err(|_| {
            ErrorKind::InvalidTime {
                value: text.chars().take(64).collect(),
            }
            .into()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        assert_eq!(format_rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(
            parse_rfc3339("2026-01-31T12:00:00Z").unwrap(),
            1_769_860_800
        );
        assert_eq!(
            parse_rfc3339("2026-01-31T13:00:00+01:00").unwrap(),
            1_769_860_800
        );
        assert_eq!(format_rfc3339(1_769_860_800), "2026-01-31T12:00:00Z");
        assert_eq!(
            parse_rfc3339("yesterday").unwrap_err().code(),
            "INVALID_TIME"
        );
    }
}
