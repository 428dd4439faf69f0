//! The encoding checks of the parsing policy (ARCHITECTURE.md, "Parsing policy") that apply to
//! every element, whatever it means: one pass over the constructed elements with an explicit
//! stack. The decoders read structure; this pass finds what DER forbids but BER allows (read
//! and reported) and what X.690 makes impossible (refused by the caller).

/// Something the scan found, at a byte offset of the scanned input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    pub offset: usize,
    pub kind: FindingKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    /// A length not in its shortest form (long form under 128, or a leading zero octet).
    NonMinimalLength,
    /// A BOOLEAN whose content is neither 0x00 nor 0xFF (BER's TRUE, not DER's).
    NonDerBoolean,
    /// An INTEGER with no content octets: no integer at all (X.690 8.3.1).
    EmptyInteger,
}

/// Scans every element of `der` (and of the constructed elements inside it). Stops quietly
/// at malformed bytes: reading structure is the decoders' job.
pub fn scan(der: &[u8]) -> Vec<Finding> {
    Scanner::default().scan(der)
}

/// [`scan`] for many inputs (a certificate's extension values) with one stack: a scan of
/// its own allocated and grew a stack for each, ~5 % of a certificate's native parse.
#[derive(Debug, Default)]
pub struct Scanner {
    stack: Vec<(usize, usize)>,
}

impl Scanner {
    /// [`scan`] of `der`.
    pub fn scan(&mut self, der: &[u8]) -> Vec<Finding> {
        let mut findings = Vec::new();
        let stack = &mut self.stack;
        stack.clear();
        stack.reserve(16);
        stack.push((0, der.len()));
        scan_with(der, stack, &mut findings);
        findings
    }
}

/// Depth first, in the order of the bytes, so that `findings` come out sorted by offset with
/// no sort (a sort's code is ~6 kB of wasm): the stack holds the rest of each enclosing element.
fn scan_with(der: &[u8], stack: &mut Vec<(usize, usize)>, findings: &mut Vec<Finding>) {
    while let Some((mut at, mut end)) = stack.pop() {
        while at < end {
            let Some(header) = header(der, at, end) else {
                break;
            };
            let content_end = header.content_start + header.content_len;
            if header.non_minimal {
                findings.push(Finding {
                    offset: at,
                    kind: FindingKind::NonMinimalLength,
                });
            }
            let content = der
                .get(header.content_start..content_end)
                .unwrap_or_default();
            match (header.tag, content) {
                (0x01, [b]) if *b != 0x00 && *b != 0xff => findings.push(Finding {
                    offset: at,
                    kind: FindingKind::NonDerBoolean,
                }),
                (0x02, []) => findings.push(Finding {
                    offset: at,
                    kind: FindingKind::EmptyInteger,
                }),
                (tag, _) if tag & 0x20 != 0 => {
                    if content_end < end {
                        stack.push((content_end, end));
                    }
                    (at, end) = (header.content_start, content_end);
                    continue;
                }
                _ => {}
            }
            at = content_end;
        }
    }
}

struct Header {
    /// The first identifier octet (the scan only needs single-octet tags).
    tag: u8,
    content_start: usize,
    content_len: usize,
    non_minimal: bool,
}

fn header(der: &[u8], at: usize, end: usize) -> Option<Header> {
    let tag = *der.get(at)?;
    let mut pos = at + 1;
    if tag & 0x1f == 0x1f {
        while *der.get(pos)? & 0x80 != 0 {
            pos += 1;
        }
        pos += 1;
    }
    let first = *der.get(pos)?;
    pos += 1;
    let (content_len, non_minimal) = if first < 0x80 {
        (usize::from(first), false)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 {
            return None;
        }
        let octets = der.get(pos..pos.checked_add(count)?)?;
        pos += count;
        let len = octets
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        let leading_zero = octets.first() == Some(&0);
        (len, leading_zero || len < 0x80)
    };
    (pos.checked_add(content_len)? <= end).then_some(Header {
        tag,
        content_start: pos,
        content_len,
        non_minimal,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_pending_elements_at_once_are_all_scanned() {
        // A SEQUENCE of 30 SEQUENCEs, each holding a BOOLEAN 0x01: all 30 wait to be scanned at
        // once, and two levels deep the same again.
        let inner: Vec<u8> = [0x30, 0x03, 0x01, 0x01, 0x01].repeat(30);
        let mut middle = vec![0x30, 0x81, inner.len() as u8];
        middle.extend_from_slice(&inner);
        let body = [inner.as_slice(), &middle].concat();
        let mut der = vec![0x30, 0x82, (body.len() >> 8) as u8, body.len() as u8];
        der.extend_from_slice(&body);
        let found = scan(&der);
        let booleans = found
            .iter()
            .filter(|f| f.kind == FindingKind::NonDerBoolean)
            .count();
        assert_eq!(booleans, 60);
        // In the order of the bytes, as a caller reads them.
        assert!(found.windows(2).all(|w| w[0].offset < w[1].offset));
    }

    #[test]
    fn finds_what_der_forbids_at_any_depth() {
        // SEQUENCE { SEQUENCE(long form) { BOOLEAN 0x01, INTEGER (empty) }, BOOLEAN 0xFF }
        let der = [
            0x30, 0x0b, 0x30, 0x81, 0x05, 0x01, 0x01, 0x01, 0x02, 0x00, 0x01, 0x01, 0xff,
        ];
        let found: Vec<_> = scan(&der).iter().map(|f| (f.offset, f.kind)).collect();
        assert_eq!(
            found,
            [
                (2, FindingKind::NonMinimalLength),
                (5, FindingKind::NonDerBoolean),
                (8, FindingKind::EmptyInteger),
            ]
        );
        assert!(scan(&[0x30, 0x03, 0x02, 0x01, 0x05]).is_empty());
        assert_eq!(
            scan(&[0x04, 0x82, 0x00, 0x01, 0x00])[0].kind,
            FindingKind::NonMinimalLength
        );
        assert!(scan(&[0x30, 0x85, 0x00]).is_empty());
    }
}
