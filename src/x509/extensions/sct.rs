//! RFC 6962 signed certificate timestamps embedded in a certificate.

use serde::Serialize;

use super::invalid;
use crate::der::TAG_OCTET_STRING;
use crate::der::Tlv;
use crate::error::Result;
use crate::time::{UnixTime, format_rfc3339};

/// The largest integer a JSON number holds exactly everywhere (I-JSON, RFC 7493).
const MAX_EXACT_JSON_INTEGER: u64 = (1 << 53) - 1;

/// One SCT: which log saw the certificate, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct SignedCertificateTimestamp {
    /// 0 for v1.
    pub version: u8,
    /// The log's ID (SHA-256 of its key), base64 as CT log lists spell it.
    pub log_id: String,
    /// RFC 3339 UTC, millisecond precision dropped.
    pub timestamp: String,
    /// Milliseconds since the epoch, as in the SCT.
    pub timestamp_ms: u64,
    /// `sha256`, ... and `ecdsa`, `rsa`, as in TLS 1.2.
    pub hash_algorithm: String,
    pub signature_algorithm: String,
}

pub fn sct_list(value: &Tlv<'_>) -> Result<Vec<SignedCertificateTimestamp>> {
    let octets = value.with_tag(TAG_OCTET_STRING, "an OCTET STRING")?;
    let mut reader = Reader(octets.content);
    let mut list = Reader(reader.vector16()?);
    if !reader.0.is_empty() {
        return Err(invalid("data after the SCT list"));
    }
    let mut out = Vec::new();
    while !list.0.is_empty() {
        out.push(sct(&mut Reader(list.vector16()?))?);
    }
    Ok(out)
}

fn sct(r: &mut Reader<'_>) -> Result<SignedCertificateTimestamp> {
    let version = r.u8()?;
    let log_id = crate::encoding::base64_encode(r.take(32)?);
    let timestamp_ms = u64::from_be_bytes(r.take(8)?.try_into().map_err(|_| invalid("bad SCT"))?);
    // JSON numbers stay within I-JSON's exact range (RFC 7493): 2^53 - 1 ms is the year 287396,
    // past any log's clock.
    if timestamp_ms > MAX_EXACT_JSON_INTEGER {
        return Err(invalid("SCT timestamp past the year 287396"));
    }
    r.vector16()?; // extensions
    let hash = r.u8()?;
    let signature = r.u8()?;
    r.vector16()?;
    let hash_algorithm = [
        "none", "md5", "sha1", "sha224", "sha256", "sha384", "sha512",
    ]
    .get(usize::from(hash))
    .map_or_else(|| hash.to_string(), |s| (*s).to_owned());
    let signature_algorithm = ["anonymous", "rsa", "dsa", "ecdsa"]
        .get(usize::from(signature))
        .map_or_else(|| signature.to_string(), |s| (*s).to_owned());
    let seconds = i64::try_from(timestamp_ms / 1000).unwrap_or(i64::MAX);
    Ok(SignedCertificateTimestamp {
        version,
        log_id,
        timestamp: format_rfc3339(UnixTime::from_seconds(seconds)),
        timestamp_ms,
        hash_algorithm,
        signature_algorithm,
    })
}

/// A reader of TLS presentation-language structures.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.0.len() < n {
            return Err(invalid("truncated SCT"));
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Ok(head)
    }

    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    fn vector16(&mut self) -> Result<&'a [u8]> {
        let len = self.take(2)?;
        let n = usize::from(u16::from_be_bytes([len[0], len[1]]));
        self.take(n)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// An SCT extension value (OCTET STRING of the TLS list) holding one SCT with `timestamp`.
    fn extension(timestamp: u64) -> Vec<u8> {
        let mut sct = vec![0u8];
        sct.extend([7u8; 32]);
        sct.extend(timestamp.to_be_bytes());
        sct.extend([0, 0, 4, 3, 0, 0]); // no extensions, sha256 + ecdsa, empty signature
        let mut list = (sct.len() as u16).to_be_bytes().to_vec();
        list.extend(sct);
        let mut octets = (list.len() as u16).to_be_bytes().to_vec();
        octets.extend(list);
        let mut der = vec![TAG_OCTET_STRING, octets.len() as u8];
        der.extend(octets);
        der
    }

    fn timestamps(der: &[u8]) -> Result<Vec<u64>> {
        let list = sct_list(&Tlv::read_exact(der)?)?;
        Ok(list.iter().map(|sct| sct.timestamp_ms).collect())
    }

    #[test]
    fn timestamps_are_kept_exact_or_refused() {
        let one = extension(1_700_000_000_123);
        assert_eq!(timestamps(&one).unwrap(), [1_700_000_000_123]);
        let last = extension(MAX_EXACT_JSON_INTEGER);
        assert_eq!(timestamps(&last).unwrap(), [MAX_EXACT_JSON_INTEGER]);
        for beyond in [MAX_EXACT_JSON_INTEGER + 1, u64::MAX] {
            let error = timestamps(&extension(beyond)).unwrap_err();
            assert_eq!(error.code(), "INVALID_DER");
        }
    }
}
