//! proto3 JSON values: Duration (`"3.5s"`), and the base64 that `bytes` fields use.

use crate::error::{ErrorKind, Result};

/// The largest Duration proto3 allows, in seconds (10,000 years).
pub const MAX_DURATION_SECONDS: i64 = 315_576_000_000;

/// A google.protobuf.Duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Duration {
    pub seconds: i64,
    /// Same sign as `seconds` (or either when seconds is 0), magnitude below one second.
    pub nanos: i32,
}

impl Duration {
    pub fn is_positive(&self) -> bool {
        self.seconds > 0 || (self.seconds == 0 && self.nanos > 0)
    }

    /// Whole seconds, rounded toward zero.
    pub fn whole_seconds(&self) -> i64 {
        self.seconds
    }
}

/// Parses the proto3 JSON form: decimal seconds with up to nine fractional digits and an `s`.
pub fn parse_duration(text: &str) -> Result<Duration> {
    let invalid = || ErrorKind::InvalidDuration {
        value: text.chars().take(40).collect(),
    };
    let body = text.strip_suffix('s').ok_or_else(invalid)?;
    let (negative, digits) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || !all_digits(whole)
        || !all_digits(fraction)
        || fraction.len() > 9
        || (digits.contains('.') && fraction.is_empty())
    {
        return Err(invalid().into());
    }
    let seconds: i64 = whole.parse().map_err(|_| ErrorKind::DurationOutOfRange {
        value: text.chars().take(40).collect(),
    })?;
    let nanos: i32 = format!("{fraction:0<9}").parse().unwrap_or_default();
    if seconds > MAX_DURATION_SECONDS {
        return Err(ErrorKind::DurationOutOfRange {
            value: text.chars().take(40).collect(),
        }
        .into());
    }
    Ok(if negative {
        Duration {
            seconds: -seconds,
            nanos: -nanos,
        }
    } else {
        Duration { seconds, nanos }
    })
}

/// A Duration from a number of seconds (as JavaScript gives it), to nanosecond precision.
pub fn duration_from_seconds(value: f64) -> Result<Duration> {
    if !value.is_finite() || value.abs() > MAX_DURATION_SECONDS as f64 {
        return Err(ErrorKind::DurationOutOfRange {
            value: seconds_text(value),
        }
        .into());
    }
    let total_nanos = (value * 1e9).round();
    let seconds = (total_nanos / 1e9).trunc();
    let nanos = (total_nanos - seconds * 1e9) as i32;
    Ok(Duration {
        seconds: seconds as i64,
        nanos,
    })
}

/// A number of seconds out of range, as a caller would write it, without `f64`'s `Display`
/// (core's float formatting is ~15 kB of wasm, used nowhere else).
fn seconds_text(value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_owned();
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let magnitude = value.abs();
    if magnitude.is_infinite() {
        return format!("{sign}Infinity");
    }
    if magnitude < 9.0e18 {
        // Whole seconds and nanoseconds are exact enough here: the number is only shown.
        let seconds = magnitude.trunc() as u64;
        let nanos = ((magnitude - magnitude.trunc()) * 1e9).round() as u32;
        return match nanos {
            0 => format!("{sign}{seconds}"),
            _ => format!(
                "{sign}{seconds}.{}",
                format!("{nanos:09}").trim_end_matches('0')
            ),
        };
    }
    let mut exponent = 0;
    let mut scaled = magnitude;
    while scaled >= 10.0 {
        scaled /= 10.0;
        exponent += 1;
    }
    format!("{sign}{}e{exponent}", scaled as u8)
}

/// The canonical proto3 JSON form: 0, 3, 6 or 9 fractional digits.
pub fn format_duration(d: Duration) -> String {
    let sign = if d.seconds < 0 || d.nanos < 0 {
        "-"
    } else {
        ""
    };
    let seconds = d.seconds.unsigned_abs();
    let nanos = d.nanos.unsigned_abs();
    if nanos == 0 {
        format!("{sign}{seconds}s")
    } else if nanos.is_multiple_of(1_000_000) {
        format!("{sign}{seconds}.{:03}s", nanos / 1_000_000)
    } else if nanos.is_multiple_of(1_000) {
        format!("{sign}{seconds}.{:06}s", nanos / 1_000)
    } else {
        format!("{sign}{seconds}.{nanos:09}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_and_print_canonically() {
        for (text, canonical) in [
            ("3600s", "3600s"),
            ("3.5s", "3.500s"),
            ("0.000001s", "0.000001s"),
            ("1.123456789s", "1.123456789s"),
            ("-2.5s", "-2.500s"),
            ("0s", "0s"),
        ] {
            assert_eq!(
                format_duration(parse_duration(text).unwrap()),
                canonical,
                "{text}"
            );
        }
        assert_eq!(
            format_duration(duration_from_seconds(3600.0).unwrap()),
            "3600s"
        );
        assert_eq!(
            format_duration(duration_from_seconds(1.25).unwrap()),
            "1.250s"
        );
    }

    #[test]
    fn bad_durations() {
        for bad in [
            "3600",
            "1h",
            "s",
            ".5s",
            "5.s",
            "1.1234567890s",
            "+5s",
            " 5s",
            "1e3s",
        ] {
            assert_eq!(
                parse_duration(bad).unwrap_err().code(),
                "INVALID_DURATION",
                "{bad}"
            );
        }
        assert_eq!(
            parse_duration("315576000001s").unwrap_err().code(),
            "DURATION_OUT_OF_RANGE"
        );
        assert_eq!(
            parse_duration("99999999999999999999s").unwrap_err().code(),
            "DURATION_OUT_OF_RANGE"
        );
        for (seconds, shown) in [
            (f64::NAN, "`NaN`"),
            (f64::NEG_INFINITY, "`-Infinity`"),
            (315_576_000_000.5, "`315576000000.5`"),
            (-4e11, "`-400000000000`"),
            (1e300, "`1e300`"),
        ] {
            let error = duration_from_seconds(seconds).unwrap_err();
            assert_eq!(error.code(), "DURATION_OUT_OF_RANGE", "{seconds}");
            assert!(error.kind.to_string().starts_with(shown), "{}", error.kind);
        }
        assert!(!parse_duration("0s").unwrap().is_positive());
        assert!(parse_duration("0.1s").unwrap().is_positive());
    }
}
