//! A minimal DER reader for the places where certkit needs the exact bytes of an element
//! (names, key identifiers, PKCS#7 and key containers). Never panics, never recurses.

use crate::encoding::der_header;
use crate::error::{ErrorKind, Result};

pub const TAG_BOOLEAN: u8 = 0x01;
pub const TAG_INTEGER: u8 = 0x02;
pub const TAG_BIT_STRING: u8 = 0x03;
pub const TAG_OCTET_STRING: u8 = 0x04;
pub const TAG_NULL: u8 = 0x05;
pub const TAG_OID: u8 = 0x06;
pub const TAG_SEQUENCE: u8 = 0x30;
pub const TAG_SET: u8 = 0x31;

/// One element: its first identifier byte, its content and its whole encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    pub tag: u8,
    pub content: &'a [u8],
    pub raw: &'a [u8],
}

impl<'a> Tlv<'a> {
    /// Reads the element at the start of `input`; returns it and what follows. Inlined, with
    /// `der_header` and `next_tlv`: the element returned through memory by an out-of-line call
    /// was a fifth of a native parse (typical leaf 7.0 -> 5.4 µs) and ~8 % of the wasm call.
    #[inline]
    pub fn read(input: &'a [u8]) -> Result<(Self, &'a [u8])> {
        let (header, total) = der_header(input).ok_or_else(truncated)?;
        let (raw, rest) = input.split_at(total);
        Ok((
            Self {
                tag: raw.first().copied().unwrap_or_default(),
                content: raw.get(header..).unwrap_or_default(),
                raw,
            },
            rest,
        ))
    }

    /// Reads exactly one element spanning all of `input`.
    pub fn read_exact(input: &'a [u8]) -> Result<Self> {
        let (tlv, rest) = Self::read(input)?;
        if !rest.is_empty() {
            return Err(invalid("data after the end of the element"));
        }
        Ok(tlv)
    }

    /// Requires a given tag.
    pub fn with_tag(self, tag: u8, what: &str) -> Result<Self> {
        if self.tag == tag {
            Ok(self)
        } else {
            Err(expected(what))
        }
    }

    /// The children of a constructed element, in order.
    pub fn children(&self) -> Children<'a> {
        Children { rest: self.content }
    }

    /// Whether the constructed bit is set.
    pub fn is_constructed(&self) -> bool {
        self.tag & 0x20 != 0
    }

    /// Context-specific tag number, if this is a context-specific element.
    pub fn context_tag(&self) -> Option<u8> {
        (self.tag & 0xc0 == 0x80).then_some(self.tag & 0x1f)
    }
}

/// Iterator over the elements of a constructed element's content.
#[derive(Debug, Clone)]
pub struct Children<'a> {
    rest: &'a [u8],
}

impl<'a> Children<'a> {
    /// The next child, or an error if the content is malformed, or `None` at the end.
    #[inline]
    pub fn next_tlv(&mut self) -> Option<Result<Tlv<'a>>> {
        if self.rest.is_empty() {
            return None;
        }
        Some(Tlv::read(self.rest).map(|(tlv, rest)| {
            self.rest = rest;
            tlv
        }))
    }

    /// The next child, required.
    pub fn required(&mut self, what: &str) -> Result<Tlv<'a>> {
        self.next_tlv().unwrap_or_else(|| Err(missing(what)))
    }

    /// The next child if it has the given tag (for OPTIONAL and DEFAULT fields).
    pub fn optional(&mut self, tag: u8) -> Result<Option<Tlv<'a>>> {
        if self.rest.first() != Some(&tag) {
            return Ok(None);
        }
        self.next_tlv().transpose()
    }

    /// The next child if it has one of the given tags.
    pub fn optional_any(&mut self, tags: &[u8]) -> Result<Option<Tlv<'a>>> {
        match self.rest.first() {
            Some(tag) if tags.contains(tag) => self.next_tlv().transpose(),
            _ => Ok(None),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }
}

impl<'a> Iterator for Children<'a> {
    type Item = Result<Tlv<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.next_tlv();
        if matches!(item, Some(Err(_))) {
            self.rest = &[];
        }
        item
    }
}

/// Dotted-decimal form of an OID's content bytes; `None` if malformed. Arcs up to 64 bits
/// (all but UUID OIDs) are written without `format!`: a certificate has dozens of OIDs.
pub fn oid_to_string(content: &[u8]) -> Option<String> {
    let mut out = String::with_capacity(content.len() * 3);
    let mut value: u64 = 0;
    let mut in_arc = false;
    for &byte in content {
        if !in_arc && byte == 0x80 {
            return None; // non-minimal encoding
        }
        if value >> 57 != 0 {
            return oid_to_string_wide(content);
        }
        value = value << 7 | u64::from(byte & 0x7f);
        in_arc = byte & 0x80 != 0;
        if !in_arc {
            if out.is_empty() {
                let (a, b) = match value {
                    0..40 => (0, value),
                    40..80 => (1, value - 40),
                    _ => (2, value - 80),
                };
                push_decimal(&mut out, a);
                out.push('.');
                push_decimal(&mut out, b);
            } else {
                out.push('.');
                push_decimal(&mut out, value);
            }
            value = 0;
        }
    }
    (!in_arc && !out.is_empty()).then_some(out)
}

fn push_decimal(out: &mut String, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    for &digit in &digits[at..] {
        out.push(char::from(digit));
    }
}

/// `oid_to_string` for arcs wider than 64 bits (UUID OIDs under 2.25 are 128-bit).
fn oid_to_string_wide(content: &[u8]) -> Option<String> {
    let mut arcs: Vec<u128> = Vec::new();
    let mut value: u128 = 0;
    let mut in_arc = false;
    for &byte in content {
        if !in_arc && byte == 0x80 {
            return None;
        }
        value = value.checked_mul(128)? | u128::from(byte & 0x7f);
        in_arc = byte & 0x80 != 0;
        if !in_arc {
            arcs.push(value);
            value = 0;
        }
    }
    if in_arc || arcs.is_empty() {
        return None;
    }
    let first = arcs[0];
    let (a, b) = match first {
        0..40 => (0, first),
        40..80 => (1, first - 40),
        _ => (2, first - 80),
    };
    let mut out = format!("{a}.{b}");
    for arc in &arcs[1..] {
        out.push('.');
        out.push_str(&arc.to_string());
    }
    Some(out)
}

/// DER encoding of a dotted OID (for building structures); `None` if not a valid OID.
pub fn oid_from_string(dotted: &str) -> Option<Vec<u8>> {
    let arcs: Vec<u128> = dotted
        .split('.')
        .map(|a| a.parse().ok())
        .collect::<Option<_>>()?;
    let (&first, rest) = arcs.split_first()?;
    let (&second, rest) = rest.split_first()?;
    if first > 2 || (first < 2 && second >= 40) {
        return None;
    }
    let mut content = Vec::new();
    for arc in std::iter::once(first * 40 + second).chain(rest.iter().copied()) {
        let mut bytes = vec![(arc & 0x7f) as u8];
        let mut v = arc >> 7;
        while v > 0 {
            bytes.push((v & 0x7f) as u8 | 0x80);
            v >>= 7;
        }
        bytes.reverse();
        content.extend(bytes);
    }
    Some(encode(TAG_OID, &content))
}

/// Encodes one element with a definite length.
pub fn encode(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 6);
    push_element(&mut out, &[tag], content);
    out
}

/// Appends one element (its tag bytes, a definite DER length, the content) to `out`.
pub fn push_element(out: &mut Vec<u8>, tag: &[u8], content: &[u8]) {
    out.extend_from_slice(tag);
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
}

/// A non-negative INTEGER's content from big-endian magnitude bytes: leading zeros dropped,
/// one `00` put back when the top bit is set (else it would read as negative).
pub fn unsigned_integer(magnitude: &[u8]) -> Vec<u8> {
    let start = magnitude.iter().take_while(|&&b| b == 0).count();
    let significant = magnitude.get(start..).unwrap_or_default();
    let mut out = Vec::with_capacity(significant.len() + 1);
    if significant.first().is_none_or(|&b| b & 0x80 != 0) {
        out.push(0);
    }
    out.extend_from_slice(significant);
    out
}

/// A SEQUENCE of non-negative INTEGERs read as strict DER, as the RustCrypto decoders read an
/// RSA private key or an ECDSA/DSA signature value: the readers that must refuse what they
/// refuse (certkit's reader takes BER's longer length forms; the encoding scan finds them).
pub struct UnsignedSequence<'a>(Children<'a>);

impl<'a> UnsignedSequence<'a> {
    /// `input` as exactly one SEQUENCE with no finding of the encoding scan, or `None`.
    pub fn strict(input: &'a [u8]) -> Option<Self> {
        if !crate::der_scan::scan(input).is_empty() {
            return None;
        }
        let sequence = Tlv::read_exact(input).ok()?;
        (sequence.tag == TAG_SEQUENCE).then(|| Self(sequence.children()))
    }

    /// The next element's magnitude ([`minimal_unsigned`]); `None` at the end or for anything
    /// but a minimal non-negative INTEGER.
    pub fn next_unsigned(&mut self) -> Option<&'a [u8]> {
        let integer = self.0.next_tlv()?.ok()?;
        (integer.tag == TAG_INTEGER)
            .then_some(integer.content)
            .and_then(minimal_unsigned)
    }

    /// Whether every element has been read.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The magnitude of a non-negative INTEGER whose content is minimal, as DER requires (no
/// superfluous leading octet; empty for zero); `None` for a negative, empty or padded one.
/// Borrowed from `content`.
pub fn minimal_unsigned(content: &[u8]) -> Option<&[u8]> {
    match content {
        [] => None,
        [first, ..] if first & 0x80 != 0 => None,
        [0] => Some(&[]),
        [0, second, ..] if second & 0x80 == 0 => None,
        [0, rest @ ..] => Some(rest),
        _ => Some(content),
    }
}

/// The unsigned big-endian magnitude of an INTEGER's content and whether it is negative;
/// borrowed from `content` for the non-negative integers certificates nearly always hold.
pub fn integer_magnitude(content: &[u8]) -> (bool, std::borrow::Cow<'_, [u8]>) {
    let negative = content.first().is_some_and(|b| b & 0x80 != 0);
    if !negative {
        let start = content.iter().take_while(|&&b| b == 0).count();
        return (false, std::borrow::Cow::Borrowed(&content[start..]));
    }
    // Two's complement: invert and add one.
    let mut magnitude: Vec<u8> = content.iter().map(|b| !b).collect();
    for byte in magnitude.iter_mut().rev() {
        let (sum, carry) = byte.overflowing_add(1);
        *byte = sum;
        if !carry {
            break;
        }
    }
    let start = magnitude.iter().take_while(|&&b| b == 0).count();
    magnitude.drain(..start);
    (true, std::borrow::Cow::Owned(magnitude))
}

/// A non-negative INTEGER that fits in a `u64`.
pub fn small_uint(content: &[u8]) -> Option<u64> {
    let (negative, magnitude) = integer_magnitude(content);
    if negative || magnitude.len() > 8 || content.is_empty() {
        return None;
    }
    Some(
        magnitude
            .iter()
            .fold(0u64, |acc, &b| (acc << 8) | u64::from(b)),
    )
}

/// A BOOLEAN's value (any non-zero byte is true, as BER allows).
pub fn boolean(content: &[u8]) -> Option<bool> {
    match content {
        [b] => Some(*b != 0),
        _ => None,
    }
}

/// The indices of the bits set in a BIT STRING's content (bit 0 is the most significant).
pub fn set_bits(content: &[u8]) -> Option<Vec<usize>> {
    let (&unused, bytes) = content.split_first()?;
    if unused > 7 || (bytes.is_empty() && unused != 0) {
        return None;
    }
    let total = bytes.len() * 8 - usize::from(unused);
    Some(
        (0..total)
            .filter(|i| bytes[i / 8] & (0x80 >> (i % 8)) != 0)
            .collect(),
    )
}

/// `Tlv::read` is inlined into every reader; its error path stays out of line.
#[cold]
#[inline(never)]
fn truncated() -> crate::Error {
    invalid("truncated or bad length")
}

/// The error paths of `with_tag` and `required`, out of line so that both stay small.
#[cold]
#[inline(never)]
fn expected(what: &str) -> crate::Error {
    invalid(&format!("expected {what}"))
}

#[cold]
#[inline(never)]
fn missing(what: &str) -> crate::Error {
    invalid(&format!("missing {what}"))
}

#[cold]
fn invalid(reason: &str) -> crate::Error {
    ErrorKind::InvalidDer {
        reason: reason.to_owned(),
    }
    .into()
}

#[cfg(test)]
mod tests;
