//! The tbsCertificate (RFC 5280 4.1), written field by field from exact parts.

use crate::der::{self, TAG_INTEGER, TAG_SEQUENCE};
use crate::error::{Error, ErrorKind, Result};
use crate::time::{UnixTime, format_rfc3339};

use super::extension::{Extension, encode_all};

/// Everything a version 3 tbsCertificate holds, as DER.
pub struct TbsParts<'a> {
    /// The serial's INTEGER content.
    pub serial: &'a [u8],
    /// The signature AlgorithmIdentifier (the same one goes outside).
    pub algorithm: &'a [u8],
    pub issuer: &'a [u8],
    pub not_before: UnixTime,
    pub not_after: UnixTime,
    pub subject: &'a [u8],
    pub spki: &'a [u8],
    pub extensions: &'a [Extension],
}

impl TbsParts<'_> {
    pub fn encode(&self) -> Result<Vec<u8>> {
        let mut content = der::encode(0xa0, &der::encode(TAG_INTEGER, &[2])); // v3
        content.extend(der::encode(TAG_INTEGER, self.serial));
        content.extend_from_slice(self.algorithm);
        content.extend_from_slice(self.issuer);
        let mut validity = time(self.not_before, "notBefore")?;
        validity.extend(time(self.not_after, "notAfter")?);
        content.extend(der::encode(TAG_SEQUENCE, &validity));
        content.extend_from_slice(self.subject);
        content.extend_from_slice(self.spki);
        if let Some(extensions) = encode_all(self.extensions) {
            content.extend(der::encode(0xa3, &extensions));
        }
        Ok(der::encode(TAG_SEQUENCE, &content))
    }
}

/// RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 (and before 1950), in
/// whole seconds with `Z`.
fn time(t: UnixTime, field: &str) -> Result<Vec<u8>> {
    // 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z: four-digit years.
    if !(-62_167_219_200..=253_402_300_799).contains(&t.seconds()) {
        let value = t.seconds().to_string();
        return Err(Error::new(ErrorKind::InvalidTime { value }).at(field));
    }
    // format_rfc3339 writes `YYYY-MM-DDTHH:MM:SSZ`; ASN.1 wants the digits alone.
    let digits: String = format_rfc3339(t)
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let year: u32 = digits.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
    let text = format!("{digits}Z");
    Ok(if (1950..2050).contains(&year) {
        der::encode(0x17, text.get(2..).unwrap_or_default().as_bytes())
    } else {
        der::encode(0x18, text.as_bytes())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_rfc3339;

    fn at(text: &str) -> String {
        let tlv = time(parse_rfc3339(text).unwrap(), "t").unwrap();
        format!("{:02x} {}", tlv[0], String::from_utf8_lossy(&tlv[2..]))
    }

    #[test]
    fn utc_time_until_2049_then_generalized_time() {
        assert_eq!(at("2026-01-31T12:00:00Z"), "17 260131120000Z");
        assert_eq!(at("2049-12-31T23:59:59Z"), "17 491231235959Z");
        assert_eq!(at("2050-01-01T00:00:00Z"), "18 20500101000000Z");
        assert_eq!(at("1950-01-01T00:00:00Z"), "17 500101000000Z");
        assert_eq!(at("1949-12-31T23:59:59Z"), "18 19491231235959Z");
        assert_eq!(
            time(UnixTime::from_seconds(300_000_000_000), "notAfter")
                .unwrap_err()
                .code(),
            "INVALID_TIME"
        );
    }
}
