//! BER to DER for PKCS#12 files: some writers (macOS Keychain, older Windows) use indefinite
//! lengths and constructed OCTET STRINGs. Lengths become definite and string segments are
//! joined; primitive contents are copied untouched, so MACs over them still verify. One pass,
//! an explicit stack of bounded depth, output no larger than the input plus its headers.

use zeroize::Zeroizing;

use super::pbe;
use crate::der::push_element;
use crate::error::Result;

/// Deeper BER nesting than any PKCS#12 writer produces is refused.
const MAX_DEPTH: usize = 64;
const TAG_OCTET_STRING_CONSTRUCTED: u8 = 0x24;

struct Frame {
    /// The identifier octets.
    tag: Vec<u8>,
    /// Where a definite-length element ends; `None` for an indefinite one.
    end: Option<usize>,
    /// The children, re-encoded (or, for a constructed OCTET STRING, the joined segments).
    content: Zeroizing<Vec<u8>>,
}

/// The DER form of one BER element that spans all of `input` (already DER: the same bytes).
pub fn to_der(input: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    let mut out = Zeroizing::new(Vec::with_capacity(input.len()));
    let mut stack: Vec<Frame> = Vec::new();
    let mut pos = 0;
    loop {
        // Close every element that ends here.
        while let Some(top) = stack.last() {
            let closes = match top.end {
                Some(end) if pos == end => Some(0),
                Some(end) if pos > end => return Err(bad("an element overruns its parent")),
                Some(_) => None,
                None if input.get(pos..pos + 2) == Some(&[0, 0]) => Some(2),
                None => None,
            };
            let Some(skip) = closes else { break };
            pos += skip;
            let Some(frame) = stack.pop() else { break };
            let joined = frame.tag == [TAG_OCTET_STRING_CONSTRUCTED];
            let parent_joins = stack
                .last()
                .is_some_and(|p| p.tag == [TAG_OCTET_STRING_CONSTRUCTED]);
            let target = match stack.last_mut() {
                Some(parent) => &mut parent.content,
                None => &mut out,
            };
            if joined && parent_joins {
                target.extend_from_slice(&frame.content);
            } else if joined {
                push_element(target, &[0x04], &frame.content);
            } else {
                push_element(target, &frame.tag, &frame.content);
            }
        }
        if stack.is_empty() && pos > 0 {
            return if pos == input.len() {
                Ok(out)
            } else {
                Err(bad("data after the end of the file"))
            };
        }
        let (tag, length, header) = header(input, pos)?;
        pos += header;
        let constructed = tag.first().is_some_and(|t| t & 0x20 != 0);
        if constructed {
            if stack.len() >= MAX_DEPTH {
                return Err(bad("BER nested too deeply"));
            }
            let end = match length {
                Some(len) => Some(
                    pos.checked_add(len)
                        .filter(|&e| e <= input.len())
                        .ok_or_else(|| bad("truncated"))?,
                ),
                None => None,
            };
            stack.push(Frame {
                tag,
                end,
                content: Zeroizing::new(Vec::new()),
            });
            continue;
        }
        let len = length.ok_or_else(|| bad("a primitive element with an indefinite length"))?;
        let content = pos
            .checked_add(len)
            .and_then(|end| input.get(pos..end))
            .ok_or_else(|| bad("truncated"))?;
        pos += len;
        match stack.last_mut() {
            Some(parent) if parent.tag == [TAG_OCTET_STRING_CONSTRUCTED] => {
                if tag != [0x04] {
                    return Err(bad("a constructed OCTET STRING holds something else"));
                }
                parent.content.extend_from_slice(content);
            }
            Some(parent) => push_element(&mut parent.content, &tag, content),
            None => push_element(&mut out, &tag, content),
        }
    }
}

/// The identifier octets, the length (`None` when indefinite) and the header size at `pos`.
fn header(input: &[u8], pos: usize) -> Result<(Vec<u8>, Option<usize>, usize)> {
    let truncated = || bad("truncated");
    let first = *input.get(pos).ok_or_else(truncated)?;
    let mut at = pos + 1;
    if first & 0x1f == 0x1f {
        while *input.get(at).ok_or_else(truncated)? & 0x80 != 0 {
            at += 1;
        }
        at += 1;
    }
    let tag = input.get(pos..at).ok_or_else(truncated)?.to_vec();
    let len_byte = *input.get(at).ok_or_else(truncated)?;
    at += 1;
    let length = match len_byte {
        0x80 => None,
        short if short < 0x80 => Some(usize::from(short)),
        long => {
            let count = usize::from(long & 0x7f);
            if count > 4 {
                return Err(bad("a length beyond 4 GiB"));
            }
            let bytes = input.get(at..at + count).ok_or_else(truncated)?;
            at += count;
            Some(bytes.iter().fold(0usize, |n, &b| (n << 8) | usize::from(b)))
        }
    };
    Ok((tag, length, at - pos))
}

#[cold]
fn bad(reason: &str) -> crate::Error {
    pbe::invalid(&format!("BER: {reason}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_stays_the_same_bytes() {
        let der = [0x30, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0xaa];
        assert_eq!(to_der(&der).unwrap().as_slice(), &der);
    }

    #[test]
    fn indefinite_lengths_and_string_segments_become_der() {
        // SEQUENCE (indefinite) { OCTET STRING constructed (indefinite) { "ab", "c" }, NULL }
        let ber = [
            0x30, 0x80, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c', 0x00, 0x00, 0x05,
            0x00, 0x00, 0x00,
        ];
        assert_eq!(
            to_der(&ber).unwrap().as_slice(),
            &[0x30, 0x07, 0x04, 0x03, b'a', b'b', b'c', 0x05, 0x00]
        );
    }

    #[test]
    fn broken_ber_is_an_error() {
        for ber in [
            &[0x30, 0x80][..],
            &[0x30, 0x80, 0x04, 0x80],
            &[0x24, 0x80, 0x02, 0x01, 0x00, 0x00, 0x00],
            &[0x30, 0x02, 0x04, 0x05],
            &[0x30, 0x00, 0x00],
        ] {
            assert_eq!(
                to_der(ber).unwrap_err().code(),
                "INVALID_PKCS12",
                "{ber:02x?}"
            );
        }
        let deep: Vec<u8> = std::iter::repeat_n([0x30, 0x80], 100).flatten().collect();
        assert!(to_der(&deep).is_err());
    }
}
