//! Certificate serial numbers: a given one checked on the INTEGER it encodes to, or a random one.

use rand_core::CryptoRng;

use crate::der;
use crate::error::{Error, ErrorKind, Result};

/// RFC 5280 4.1.2.2: conforming CAs use at most 20 octets.
const MAX_OCTETS: usize = 20;

/// The INTEGER content of the serial: the given hex (colons and a `0x` prefix allowed), or 16
/// random bytes with the top bit clear and the next set (positive, always 16 octets).
/// A given serial must be positive and encode to 1–20 octets; the encoding, not the text,
/// decides: `00` + 20 bytes below `80` is 20 octets, 20 bytes of `ff` need 21.
pub fn serial_number(given: Option<&str>, rng: &mut (impl CryptoRng + ?Sized)) -> Result<Vec<u8>> {
    let Some(text) = given else {
        let mut bytes = vec![0u8; 16];
        rng.fill_bytes(&mut bytes);
        if let Some(first) = bytes.first_mut() {
            *first = (*first & 0x7f) | 0x40;
        }
        return Ok(bytes);
    };
    let at = |kind: ErrorKind| Error::new(kind).at("serialNumber");
    let text = text.trim();
    if text.starts_with('-') {
        return Err(at(ErrorKind::SerialNumberNotPositive));
    }
    let digits: String = text
        .strip_prefix("0x")
        .or_else(|| text.strip_prefix("0X"))
        .unwrap_or(text)
        .chars()
        .filter(|c| *c != ':')
        .collect();
    let padded = if digits.len() % 2 == 1 {
        format!("0{digits}")
    } else {
        digits
    };
    let magnitude = match hex::decode(&padded) {
        Ok(bytes) if !bytes.is_empty() => bytes,
        _ => return Err(at(ErrorKind::InvalidSerialNumber)),
    };
    if magnitude.iter().all(|&b| b == 0) {
        return Err(at(ErrorKind::SerialNumberNotPositive));
    }
    let content = der::unsigned_integer(&magnitude);
    if content.len() > MAX_OCTETS {
        return Err(at(ErrorKind::SerialNumberTooLong {
            octets: content.len(),
        }));
    }
    Ok(content)
}

#[cfg(test)]
mod tests {
    use getrandom::SysRng;
    use rand_core::UnwrapErr;

    use super::*;

    fn given(text: &str) -> Result<Vec<u8>> {
        serial_number(Some(text), &mut UnwrapErr(SysRng))
    }

    #[test]
    fn the_encoded_length_decides() {
        // 20 bytes of ff need a leading 00: 21 octets.
        let error = given(&"ff".repeat(20)).unwrap_err();
        assert_eq!(error.code(), "SERIAL_NUMBER_TOO_LONG");
        assert_eq!(error.field_text().as_deref(), Some("serialNumber"));
        // 00 + 20 bytes of 7f is the 20-octet value 7f..7f.
        assert_eq!(given(&format!("00{}", "7f".repeat(20))).unwrap().len(), 20);
        // 19 bytes of ff plus the sign octet: exactly 20.
        let content = given(&"ff".repeat(19)).unwrap();
        assert_eq!((content.len(), content[0]), (20, 0));
        assert_eq!(given("01:02:03").unwrap(), [1, 2, 3]);
        assert_eq!(given("0x1").unwrap(), [1]);
    }

    #[test]
    fn zero_negative_and_non_hex_are_refused() {
        assert_eq!(
            given("00").unwrap_err().code(),
            "SERIAL_NUMBER_NOT_POSITIVE"
        );
        assert_eq!(
            given("-05").unwrap_err().code(),
            "SERIAL_NUMBER_NOT_POSITIVE"
        );
        assert_eq!(given("xyz").unwrap_err().code(), "INVALID_SERIAL_NUMBER");
        assert_eq!(given("").unwrap_err().code(), "INVALID_SERIAL_NUMBER");
    }

    #[test]
    fn random_serials_are_positive_16_octets() {
        for _ in 0..50 {
            let content = serial_number(None, &mut UnwrapErr(SysRng)).unwrap();
            assert_eq!(content.len(), 16);
            assert_eq!(content[0] & 0xc0, 0x40);
        }
    }
}
