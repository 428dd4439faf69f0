//! Times as the core sees them: [`UnixTime`], given by the caller; RFC 3339 UTC for output;
//! ASN.1 UTCTime / GeneralizedTime for certificates. The core never reads the clock.

mod unix_time;

pub use unix_time::{UnixTime, required_now};

use crate::error::{ErrorKind, Result};

pub const SECONDS_PER_DAY: i64 = 86_400;

/// RFC 3339 in UTC with a `Z` suffix, such as `2026-01-31T12:00:00Z`.
pub fn format_rfc3339(t: UnixTime) -> String {
    with_rfc3339(t, str::to_owned)
}

/// Calls `use_text` with `format_rfc3339`'s text, written on the stack for years 0 to 9999
/// (serializing a time then allocates nothing).
pub(crate) fn with_rfc3339<R>(t: UnixTime, use_text: impl FnOnce(&str) -> R) -> R {
    match rfc3339_text(t) {
        // Digits and separators: ASCII, so the check cannot fail.
        Some(text) => use_text(std::str::from_utf8(&text).unwrap_or_default()),
        None => use_text(&format_rfc3339_wide(t)),
    }
}

/// The text for years 0 to 9999, written digit by digit (every certificate has two dates, and
/// `format!` was a tenth of their share of a parse).
fn rfc3339_text(t: UnixTime) -> Option<[u8; 20]> {
    let days = t.seconds().div_euclid(SECONDS_PER_DAY);
    let secs = t.seconds().rem_euclid(SECONDS_PER_DAY);
    let (y, m, d) = civil_from_days(days);
    if !(0..=9999).contains(&y) {
        return None;
    }
    let mut out = *b"0000-00-00T00:00:00Z";
    let pairs = [
        (0, y / 100),
        (2, y % 100),
        (5, m),
        (8, d),
        (11, secs / 3600),
        (14, secs / 60 % 60),
        (17, secs % 60),
    ];
    for (at, value) in pairs {
        // Each value is in 0..100: half a year of 0..=9999, a month, day, hour, minute, second.
        let value = value.unsigned_abs() % 100;
        out[at] = b'0' + (value / 10) as u8;
        out[at + 1] = b'0' + (value % 10) as u8;
    }
    Some(out)
}

/// Years before 0 or after 9999, which only hostile input reaches.
fn format_rfc3339_wide(t: UnixTime) -> String {
    let days = t.seconds().div_euclid(SECONDS_PER_DAY);
    let secs = t.seconds().rem_euclid(SECONDS_PER_DAY);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Parses an RFC 3339 date-time (any offset, optional fraction, which is truncated).
pub fn parse_rfc3339(text: &str) -> Result<UnixTime> {
    parse_rfc3339_inner(text.trim().as_bytes()).ok_or_else(|| {
        ErrorKind::InvalidTime {
            value: text.chars().take(64).collect(),
        }
        .into()
    })
}

/// Parses DER UTCTime (`YYMMDDHHMMSSZ`, years 1950–2049) content.
pub fn parse_utc_time(content: &[u8]) -> Option<UnixTime> {
    if content.len() != 13 || content.last() != Some(&b'Z') {
        return None;
    }
    let yy = digits(content, 0, 2)?;
    let year = if yy >= 50 { 1900 + yy } else { 2000 + yy };
    from_fields(year, &content[2..12])
}

/// Parses DER GeneralizedTime (`YYYYMMDDHHMMSS[.fff]Z`) content; fractions are truncated.
pub fn parse_generalized_time(content: &[u8]) -> Option<UnixTime> {
    if content.len() < 15 || content.last() != Some(&b'Z') {
        return None;
    }
    let year = digits(content, 0, 4)?;
    let t = from_fields(year, &content[4..14])?;
    match &content[14..content.len() - 1] {
        [] => Some(t),
        [b'.', fraction @ ..]
            if !fraction.is_empty() && fraction.iter().all(u8::is_ascii_digit) =>
        {
            Some(t)
        }
        _ => None,
    }
}

/// A certificate time (tag 0x17 UTCTime or 0x18 GeneralizedTime) in any form X.690 allows:
/// without seconds, with a `+hhmm`/`-hhmm` offset, with a fraction of a second. Returns the
/// time in UTC and whether it was in the one form DER and RFC 5280 require
/// (`YYMMDDHHMMSSZ`, `YYYYMMDDHHMMSSZ`). A local time without a zone is not read.
pub fn parse_asn1_time(tag: u8, content: &[u8]) -> Option<(UnixTime, bool)> {
    let strict = match tag {
        0x17 => parse_utc_time(content),
        0x18 if content.len() == 15 => parse_generalized_time(content),
        0x18 => None,
        _ => return None,
    };
    if let Some(t) = strict {
        return Some((t, true));
    }
    let (body, offset) = split_zone(content)?;
    let (year, rest) = match tag {
        0x17 => {
            let yy = digits(body, 0, 2)?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, body.get(2..)?)
        }
        _ => (digits(body, 0, 4)?, body.get(4..)?),
    };
    let (minutes, tail) = (rest.get(..8)?, rest.get(8..)?);
    let seconds = match tail {
        [] => 0,
        [a, b] => digits(&[*a, *b], 0, 2)?,
        [a, b, b'.' | b',', fraction @ ..]
            if tag == 0x18 && !fraction.is_empty() && fraction.iter().all(u8::is_ascii_digit) =>
        {
            digits(&[*a, *b], 0, 2)?
        }
        _ => return None,
    };
    let mut fields = minutes.to_vec();
    fields.extend_from_slice(format!("{seconds:02}").as_bytes());
    Some((from_fields(year, &fields)? - offset, false))
}

/// The time without its zone, and the zone's offset east of UTC in seconds.
fn split_zone(content: &[u8]) -> Option<(&[u8], i64)> {
    if let Some(body) = content.strip_suffix(b"Z") {
        return Some((body, 0));
    }
    let at = content.len().checked_sub(5)?;
    let (body, zone) = content.split_at(at);
    let sign = match zone.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (hours, minutes) = (digits(zone, 1, 2)?, digits(zone, 3, 2)?);
    (hours < 24 && minutes < 60).then_some((body, sign * (hours * 3600 + minutes * 60)))
}

/// Days since the epoch for a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// `MMDDHHMMSS` after the year.
fn from_fields(year: i64, rest: &[u8]) -> Option<UnixTime> {
    let month = digits(rest, 0, 2)?;
    let day = digits(rest, 2, 2)?;
    let hour = digits(rest, 4, 2)?;
    let minute = digits(rest, 6, 2)?;
    let second = digits(rest, 8, 2)?;
    checked_time(year, month, day, hour, minute, second).map(UnixTime::from_seconds)
}

fn checked_time(
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
) -> Option<i64> {
    let valid = (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second < 61;
    valid.then(|| {
        days_from_civil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second
    })
}

fn digits(text: &[u8], start: usize, len: usize) -> Option<i64> {
    let slice = text.get(start..start + len)?;
    slice.iter().try_fold(0i64, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + i64::from(b - b'0'))
    })
}

fn parse_rfc3339_inner(s: &[u8]) -> Option<UnixTime> {
    if s.len() < 20 || s.get(4) != Some(&b'-') || s.get(7) != Some(&b'-') {
        return None;
    }
    if !matches!(s.get(10), Some(b'T' | b't' | b' '))
        || s.get(13) != Some(&b':')
        || s.get(16) != Some(&b':')
    {
        return None;
    }
    let t = checked_time(
        digits(s, 0, 4)?,
        digits(s, 5, 2)?,
        digits(s, 8, 2)?,
        digits(s, 11, 2)?,
        digits(s, 14, 2)?,
        digits(s, 17, 2)?,
    )?;
    let mut rest = &s[19..];
    if let [b'.', tail @ ..] = rest {
        let n = tail.iter().take_while(|b| b.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        rest = &tail[n..];
    }
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let hours = digits(&[*h1, *h2], 0, 2)?;
            let minutes = digits(&[*m1, *m2], 0, 2)?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = hours * 3600 + minutes * 60;
            if *sign == b'+' { offset } else { -offset }
        }
        _ => return None,
    };
    Some(UnixTime::from_seconds(t - offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stack_text_is_what_format_writes() {
        // Every day boundary from year 0 to 9999 would be 3.6M cases; a stride that is prime
        // to the day length lands on every hour, minute and second across the whole range.
        let first = -62_167_219_200; // 0000-01-01T00:00:00Z
        let last = 253_402_300_799; // 9999-12-31T23:59:59Z
        let mut seconds = first;
        while seconds <= last {
            let t = UnixTime::from_seconds(seconds);
            assert_eq!(format_rfc3339(t), format_rfc3339_wide(t), "{seconds}");
            seconds += 9_999_991;
        }
        for seconds in [first, last, 0, -1, 951_782_400, 4_107_542_399] {
            let t = UnixTime::from_seconds(seconds);
            assert_eq!(format_rfc3339(t), format_rfc3339_wide(t), "{seconds}");
        }
        assert_eq!(rfc3339_text(UnixTime::from_seconds(first - 1)), None);
        assert_eq!(rfc3339_text(UnixTime::from_seconds(last + 1)), None);
    }

    #[test]
    fn asn1_times_in_every_form_x690_allows() {
        let der = parse_asn1_time(0x17, b"250101000000Z").unwrap();
        assert_eq!(der, (UnixTime::from_seconds(1_735_689_600), true));
        assert_eq!(parse_asn1_time(0x17, b"2501010000Z"), Some((der.0, false)));
        assert_eq!(
            parse_asn1_time(0x17, b"250101000000+0100"),
            Some((der.0 - 3600, false))
        );
        assert_eq!(
            parse_asn1_time(0x18, b"20250101000000.10Z"),
            Some((der.0, false))
        );
        assert_eq!(
            parse_asn1_time(0x18, b"20250101000000Z"),
            Some((der.0, true))
        );
        assert_eq!(parse_asn1_time(0x18, b"20250101000000"), None);
        assert_eq!(parse_asn1_time(0x17, b"2501010000.5Z"), None);
        assert_eq!(parse_asn1_time(0x17, b"251301000000Z"), None);
        assert_eq!(parse_asn1_time(0x04, b"250101000000Z"), None);
    }

    #[test]
    fn rfc3339_round_trips() {
        assert_eq!(
            format_rfc3339(UnixTime::from_seconds(0)),
            "1970-01-01T00:00:00Z"
        );
        assert_eq!(
            parse_rfc3339("2026-01-31T12:00:00Z").unwrap(),
            UnixTime::from_seconds(1_769_860_800)
        );
        assert_eq!(
            parse_rfc3339("2026-01-31T13:00:00+01:00").unwrap(),
            UnixTime::from_seconds(1_769_860_800)
        );
        assert_eq!(
            parse_rfc3339("2026-01-31T12:00:00.999Z").unwrap(),
            UnixTime::from_seconds(1_769_860_800)
        );
        assert_eq!(
            format_rfc3339(UnixTime::from_seconds(1_769_860_800)),
            "2026-01-31T12:00:00Z"
        );
        assert_eq!(
            format_rfc3339(UnixTime::from_seconds(-1)),
            "1969-12-31T23:59:59Z"
        );
        assert_eq!(
            format_rfc3339(UnixTime::from_seconds(253_402_300_799)),
            "9999-12-31T23:59:59Z"
        );
        for bad in [
            "yesterday",
            "2026-02-30T00:00:00Z",
            "2026-01-31T12:00:00",
            "2026-01-31T24:00:00Z",
        ] {
            assert_eq!(
                parse_rfc3339(bad).unwrap_err().code(),
                "INVALID_TIME",
                "{bad}"
            );
        }
    }

    #[test]
    fn asn1_times() {
        assert_eq!(
            parse_utc_time(b"700101000000Z"),
            Some(UnixTime::from_seconds(0))
        );
        assert_eq!(
            parse_utc_time(b"491231235959Z"),
            Some(UnixTime::from_seconds(2_524_607_999))
        );
        assert_eq!(parse_utc_time(b"5001010000Z"), None);
        assert_eq!(
            parse_generalized_time(b"99991231235959Z"),
            Some(UnixTime::from_seconds(253_402_300_799))
        );
        assert_eq!(
            parse_generalized_time(b"20240229120000.5Z"),
            Some(UnixTime::from_seconds(1_709_208_000))
        );
        assert_eq!(parse_generalized_time(b"20230229120000Z"), None);
        assert_eq!(parse_generalized_time(b"20230101120000+0100"), None);
    }

    #[test]
    fn civil_days_agree_both_ways() {
        for days in [-719_468, -1, 0, 1, 19_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
