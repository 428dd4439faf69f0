//! Names of object identifiers, spelled as OpenSSL spells them.

use core::cmp::Ordering;
use std::borrow::Cow;
use std::cell::RefCell;

use super::oid_table::{OID_RECORDS, OID_TEXT};
use crate::der;

/// An OID OpenSSL knows: its dotted form and names, all in the table's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownOid {
    pub dotted: &'static str,
    /// OpenSSL's short name (`CN`).
    pub short: &'static str,
    /// OpenSSL's long name (`commonName`); the short name when OpenSSL has no other.
    pub long: &'static str,
}

/// The dotted form of an OID's DER content bytes (borrowed from the table when OpenSSL knows
/// it) and OpenSSL's names for it; `None` when malformed. Remembered by the OID's bytes: a
/// certificate reads dozens of OIDs, nearly all of them the same few (name attributes,
/// extensions, algorithms, policies), and writing each in decimal and searching the table for
/// it was 17 % of a parse in wasm.
pub fn read(content: &[u8]) -> Option<(Cow<'static, str>, Option<KnownOid>)> {
    let set = set_of(content);
    if let Some(set) = set
        && let Some(remembered) = RECENT.with_borrow(|recent| {
            recent[set]
                .iter()
                .flatten()
                .find_map(|slot| slot.answer_for(content))
        })
    {
        return Some(remembered.as_read());
    }
    let dotted = der::oid_to_string(content)?;
    let known = lookup(&dotted).map(|(dotted, short, long)| KnownOid {
        dotted,
        short,
        long,
    });
    let answer = known
        .map(Answer::Known)
        .or_else(|| Answer::unknown(&dotted));
    if let (Some(set), Some(answer)) = (set, answer) {
        // The newer answer first; the older one stays in the second way.
        RECENT.with_borrow_mut(|recent| {
            let ways = &mut recent[set];
            ways[1] = ways[0];
            ways[0] = Some(Remembered::new(content, answer));
        });
    }
    Some(match known {
        Some(known) => (Cow::Borrowed(known.dotted), Some(known)),
        None => (Cow::Owned(dotted), None),
    })
}

const RECENT_SETS: usize = 128;
const REMEMBERED_LEN: usize = 24;
const UNKNOWN_TEXT_LEN: usize = 64;

/// What `read` found for an OID.
#[derive(Clone, Copy)]
enum Answer {
    Known(KnownOid),
    /// Not OpenSSL's: its dotted text.
    Unknown {
        len: u8,
        text: [u8; UNKNOWN_TEXT_LEN],
    },
}

impl Answer {
    /// `None` when the dotted text is too long to keep: such an OID is worked out every time.
    fn unknown(dotted: &str) -> Option<Self> {
        let mut text = [0; UNKNOWN_TEXT_LEN];
        text.get_mut(..dotted.len())?
            .copy_from_slice(dotted.as_bytes());
        Some(Self::Unknown {
            len: dotted.len() as u8,
            text,
        })
    }

    fn as_read(&self) -> (Cow<'static, str>, Option<KnownOid>) {
        match *self {
            Self::Known(known) => (Cow::Borrowed(known.dotted), Some(known)),
            Self::Unknown { len, ref text } => {
                // Written from a `&str` above, so always UTF-8.
                let dotted = crate::encoding::text_lossy(&text[..usize::from(len)]);
                (Cow::Owned(dotted), None)
            }
        }
    }
}

/// One remembered answer of `read`, for the OID with these content bytes.
#[derive(Clone, Copy)]
struct Remembered {
    len: u8,
    bytes: [u8; REMEMBERED_LEN],
    answer: Answer,
}

impl Remembered {
    fn new(content: &[u8], answer: Answer) -> Self {
        let mut bytes = [0; REMEMBERED_LEN];
        bytes[..content.len()].copy_from_slice(content);
        Self {
            len: content.len() as u8,
            bytes,
            answer,
        }
    }

    /// The remembered answer, if this slot holds `content`'s.
    fn answer_for(&self, content: &[u8]) -> Option<Answer> {
        (usize::from(self.len) == content.len() && self.bytes[..content.len()] == *content)
            .then_some(self.answer)
    }
}

thread_local! {
    /// Two-way sets: two OIDs whose bytes hash alike both stay.
    static RECENT: RefCell<[[Option<Remembered>; 2]; RECENT_SETS]> =
        const { RefCell::new([[None; 2]; RECENT_SETS]) };
}

/// The set for `content` (FNV-1a of its bytes); `None` for OIDs too long to remember, which
/// are worked out every time.
fn set_of(content: &[u8]) -> Option<usize> {
    if content.is_empty() || content.len() > REMEMBERED_LEN {
        return None;
    }
    let hash = content.iter().fold(0x811c_9dc5_u32, |hash, &byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    Some(hash as usize % RECENT_SETS)
}

/// OpenSSL's short name (`CN`, `RSA-SHA256`, `ED25519`), if OpenSSL knows the OID.
pub fn short_name(dotted: &str) -> Option<&'static str> {
    lookup(dotted).map(|(_, sn, _)| sn)
}

/// OpenSSL's long name (`commonName`, `sha256WithRSAEncryption`), if OpenSSL knows the OID.
pub fn long_name(dotted: &str) -> Option<&'static str> {
    lookup(dotted).map(|(_, _, ln)| ln)
}

/// The OID OpenSSL gives this short or long name (`serverAuth`, `emailProtection`), if any.
pub fn oid_of_name(name: &str) -> Option<&'static str> {
    records()
        .find(|(_, sn, ln)| *sn == name || *ln == name)
        .map(|(oid, _, _)| oid)
}

/// `(dotted OID, short name, long name)` of the record starting at `start`.
fn record(start: u16) -> Option<(&'static str, &'static str, &'static str)> {
    let rest = OID_TEXT.get(usize::from(start)..)?;
    let line = rest.split('\n').next()?;
    let mut fields = line.split('\t');
    let oid = fields.next()?;
    let short = fields.next()?;
    Some((oid, short, fields.next().unwrap_or(short)))
}

/// How the OID of the record starting at `start` sorts against `dotted`, without splitting
/// the text: the record is its OID then a tab, and a tab sorts before every digit and dot, so
/// comparing the first `dotted.len()` bytes and then the next one against a tab orders the OIDs
/// exactly as comparing them as strings would. This is the hot path of every name and
/// extension a parse reads.
fn compare_oid_at(start: u16, dotted: &[u8]) -> Ordering {
    let record = OID_TEXT
        .as_bytes()
        .get(usize::from(start)..)
        .unwrap_or_default();
    let head = record.get(..dotted.len()).unwrap_or(record);
    head.cmp(dotted).then_with(|| {
        let next = record.get(dotted.len()).copied().unwrap_or(b'\t');
        next.cmp(&b'\t')
    })
}

fn records() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    OID_RECORDS.iter().filter_map(|&start| record(start))
}

fn lookup(dotted: &str) -> Option<(&'static str, &'static str, &'static str)> {
    let index = OID_RECORDS
        .binary_search_by(|&start| compare_oid_at(start, dotted.as_bytes()))
        .ok()?;
    record(*OID_RECORDS.get(index)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_for_binary_search() {
        let oids: Vec<&str> = records().map(|(oid, _, _)| oid).collect();
        assert_eq!(oids.len(), OID_RECORDS.len());
        assert!(oids.windows(2).all(|w| w[0] < w[1]));
        // Every record is one line that starts where its offset says.
        let lines = OID_TEXT.lines().count();
        assert_eq!(lines, OID_RECORDS.len());
    }

    #[test]
    fn every_record_is_found_and_prefixes_are_not_confused() {
        for (oid, short, _) in records() {
            assert_eq!(short_name(oid), Some(short), "{oid}");
        }
        // 2.5.4.3 (CN) and 2.5.4.31 (member) share a prefix; 2.5.4.300 and 2.5 are unknown.
        assert_eq!(short_name("2.5.4.3"), Some("CN"));
        assert_eq!(short_name("2.5.4.31"), Some("member"));
        assert_eq!(short_name("2.5.4.300"), None);
        assert_eq!(short_name("2.5.4."), None);
        assert_eq!(short_name(""), None);
    }

    #[test]
    fn long_name_defaults_to_the_short_name() {
        assert_eq!(long_name("2.5.4.54"), Some("dmdName"));
        assert_eq!(short_name("2.5.8"), Some("X500algorithms"));
        assert_eq!(long_name("2.5.8"), Some("directory services - algorithms"));
        assert_eq!(oid_of_name("serverAuth"), Some("1.3.6.1.5.5.7.3.1"));
        assert_eq!(
            oid_of_name("TLS Web Server Authentication"),
            Some("1.3.6.1.5.5.7.3.1")
        );
    }

    fn known(content: &[u8]) -> Option<KnownOid> {
        read(content).and_then(|(_, known)| known)
    }

    #[test]
    fn known_oids_are_read_from_der_and_remembered() {
        let cn = [0x55, 0x04, 0x03];
        let expected = KnownOid {
            dotted: "2.5.4.3",
            short: "CN",
            long: "commonName",
        };
        assert_eq!(known(&cn), Some(expected));
        assert_eq!(known(&cn), Some(expected), "the remembered answer");
        // 1.2.3.4 is not OpenSSL's; remembered as unknown, still dotted correctly.
        let private = [0x2a, 0x03, 0x04];
        assert_eq!(known(&private), None);
        assert_eq!(read(&private), Some(("1.2.3.4".into(), None)));
        assert_eq!(read(&private), Some(("1.2.3.4".into(), None)), "remembered");
        assert_eq!(read(&cn), Some(("2.5.4.3".into(), Some(expected))));
        assert_eq!(read(&[0x80, 0x01]), None, "malformed");
        // Every record round-trips through its DER bytes, whatever slot it lands in.
        for (oid, short, long) in records() {
            let der = der::oid_from_string(oid).expect(oid);
            let read = known(der::Tlv::read_exact(&der).expect(oid).content).expect(oid);
            assert_eq!((read.dotted, read.short, read.long), (oid, short, long));
        }
    }

    #[test]
    fn names_match_openssl() {
        assert_eq!(short_name("2.5.4.3"), Some("CN"));
        assert_eq!(
            long_name("1.2.840.113549.1.1.11"),
            Some("sha256WithRSAEncryption")
        );
        assert_eq!(short_name("0.9.2342.19200300.100.1.25"), Some("DC"));
        assert_eq!(short_name("1.2.3.4"), None);
    }

    #[test]
    fn every_short_name_leads_back_to_its_oid() {
        for (oid, sn, _) in records() {
            assert_eq!(oid_of_name(sn), Some(oid), "{sn}");
        }
    }
}
