//! Turning what users paste or load into DER: PEM (any label, CRLF or LF, text around the armor,
//! several blocks), bare base64, raw DER (several elements back to back); and PEM armor out.

use std::fmt;

use base64::Engine;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result};

/// Inputs larger than this are refused up front with `INPUT_TOO_LARGE`: no certificate, key or
/// bundle a person handles comes near it, and it bounds the work hostile input can cause.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// A `string | Uint8Array` value inside an options or request object. It may be a private
/// key, so it is zeroized when dropped.
// Read by `input_forms.rs`.
#[derive(Clone, PartialEq, Eq, zeroize::Zeroize, zeroize::ZeroizeOnDrop)]
#[cfg_attr(
    feature = "ts",
    derive(tsify::Tsify),
    tsify(type = "string | Uint8Array")
)]
pub enum InputData {
    Text(String),
    Bytes(Vec<u8>),
}

/// Shows the size only: the content may be a private key.
impl std::fmt::Debug for InputData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self {
            Self::Text(_) => "Text",
            Self::Bytes(_) => "Bytes",
        };
        write!(f, "InputData::{kind}({} bytes)", self.as_bytes().len())
    }
}

impl InputData {
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Self::Text(text) => text.as_bytes(),
            Self::Bytes(bytes) => bytes,
        }
    }
}

/// One DER object found in the input, with the PEM label it came under (if any).
#[derive(Clone, PartialEq, Eq)]
pub struct Block<'a> {
    /// The PEM label, such as `CERTIFICATE`; `None` for DER or bare base64 input.
    pub label: Option<String>,
    pub der: BlockDer<'a>,
}

/// A block's DER: the caller's own bytes when the input was DER (no copy, so none to wipe),
/// else decoded from text and zeroized on drop, since a block may be a private key.
#[derive(Clone, PartialEq, Eq)]
pub enum BlockDer<'a> {
    Input(&'a [u8]),
    Decoded(Zeroizing<Vec<u8>>),
}

impl std::ops::Deref for BlockDer<'_> {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Self::Input(der) => der,
            Self::Decoded(der) => der,
        }
    }
}

/// Shows the label and size only: the block may be a private key.
impl std::fmt::Debug for Block<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Block")
            .field("label", &self.label)
            .field("der_len", &self.der.len())
            .finish()
    }
}

/// How the input was written, for messages and for round-tripping in the same form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Pem,
    Base64,
    Der,
}

/// Splits the input into its DER objects, in order. Never returns an empty list.
pub fn decode_blocks(input: &[u8]) -> Result<(Form, Vec<Block<'_>>)> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(ErrorKind::InputTooLarge {
            size: input.len(),
            limit: MAX_INPUT_BYTES,
        }
        .into());
    }
    if input.iter().all(u8::is_ascii_whitespace) {
        return Err(ErrorKind::EmptyInput.into());
    }
    if let Some(elements) = split_der(input) {
        let blocks = elements.into_iter().map(|der| Block {
            label: None,
            der: BlockDer::Input(der),
        });
        return Ok((Form::Der, blocks.collect()));
    }
    if find(input, b"-----BEGIN").is_some() {
        return Ok((Form::Pem, decode_pem(input)?));
    }
    let der = decode_base64(input).map_err(|_| Error::new(ErrorKind::UnrecognizedEncoding))?;
    match split_der(&der) {
        Some(elements) => {
            let blocks = elements.into_iter().map(|d| Block {
                label: None,
                der: BlockDer::Decoded(Zeroizing::new(d.to_vec())),
            });
            Ok((Form::Base64, blocks.collect()))
        }
        None => Err(ErrorKind::UnrecognizedEncoding.into()),
    }
}

/// PEM armor with 64-character lines and LF line ends.
pub fn pem_encode(label: &str, der: &[u8]) -> String {
    let body_len = der.len().div_ceil(3) * 4;
    let mut out = String::with_capacity(body_len + body_len / 64 + 2 * label.len() + 40);
    // Writing into a String cannot fail.
    let _ = fmt::Write::write_fmt(&mut out, format_args!("{}", Pem { label, der }));
    out
}

/// PEM text written where it is needed (a result's string table, a `String`): the same text as
/// [`pem_encode`], without a `String` of its own.
#[derive(Debug, Clone, Copy)]
pub struct Pem<'a> {
    pub label: &'a str,
    pub der: &'a [u8],
}

impl fmt::Display for Pem<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("-----BEGIN ")?;
        f.write_str(self.label)?;
        f.write_str("-----\n")?;
        // 48 bytes make one 64-character line, encoded on the stack.
        let mut line = [0u8; 65];
        for chunk in self.der.chunks(48) {
            let written = STANDARD.encode_slice(chunk, &mut line).unwrap_or(0);
            line[written] = b'\n';
            // Base64 is ASCII: the check cannot fail.
            f.write_str(std::str::from_utf8(&line[..=written]).unwrap_or_default())?;
        }
        f.write_str("-----END ")?;
        f.write_str(self.label)?;
        f.write_str("-----\n")
    }
}

/// Lowercase hex of bytes, written where it is needed (see [`Pem`]).
#[derive(Debug, Clone, Copy)]
pub struct Hex<'a>(pub &'a [u8]);

impl fmt::Display for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = [0u8; 64];
        for chunk in self.0.chunks(32) {
            let used = &mut text[..chunk.len() * 2];
            hex_into(chunk, used);
            // Hex digits are ASCII: the check cannot fail.
            f.write_str(std::str::from_utf8(used).unwrap_or_default())?;
        }
        Ok(())
    }
}

/// Writes the lowercase hex of `bytes` into `out`, which holds exactly twice as many bytes.
fn hex_into(bytes: &[u8], out: &mut [u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for (pair, &byte) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = DIGITS[usize::from(byte >> 4)];
        pair[1] = DIGITS[usize::from(byte & 0x0f)];
    }
}

/// `bytes` as text, invalid UTF-8 replaced by U+FFFD. `str::from_utf8` checks ASCII a word at a
/// time; `String::from_utf8_lossy` goes chunk by chunk even when nothing needs replacing, which
/// showed in every parse (names, SANs, URIs, policies).
pub fn text_lossy(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Lowercase hex of `bytes`. The `hex` crate's `encode` goes one `char` at a time through an
/// iterator, which was 2 % of a certificate's parse in wasm (fingerprints, serial, key ids).
pub fn hex_lower(bytes: &[u8]) -> String {
    let mut out = vec![0u8; bytes.len() * 2];
    hex_into(bytes, &mut out);
    // Hex digits are ASCII: the check cannot fail.
    String::from_utf8(out).unwrap_or_default()
}

/// Standard base64 with padding, as PEM bodies and proto3 JSON `bytes` use.
pub fn base64_encode(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Base64 (standard or URL-safe alphabet, padding optional, whitespace ignored).
pub fn decode_base64(text: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    // Sized up front: no reallocation, so no stray copy of a key's bytes is left behind.
    let mut compact: Zeroizing<Vec<u8>> = Zeroizing::new(Vec::with_capacity(text.len()));
    // Copied a line at a time (PEM's 64 characters), not byte by byte.
    for run in text.split(u8::is_ascii_whitespace) {
        compact.extend_from_slice(run);
    }
    if compact.is_empty() {
        return Err(ErrorKind::InvalidBase64.into());
    }
    let engine = if compact.iter().any(|&b| b == b'-' || b == b'_') {
        &URL_SAFE
    } else {
        &STANDARD
    };
    engine
        .decode(&*compact)
        .map(Zeroizing::new)
        .map_err(|_| ErrorKind::InvalidBase64.into())
}

/// The total length (header + content) of the DER element at the start of `der`, if its
/// header is well formed and the element fits. Definite lengths only, as DER requires.
pub fn der_element_len(der: &[u8]) -> Option<usize> {
    der_header(der).map(|(_, total)| total)
}

/// The length of an element's identifier and length octets, and of the whole element, if it
/// is complete in `der` (one pass over the header: the reader's hottest path).
#[inline]
pub fn der_header(der: &[u8]) -> Option<(usize, usize)> {
    let mut pos = 1;
    if *der.first()? & 0x1f == 0x1f {
        // High tag number form: continuation bytes have the top bit set.
        while *der.get(pos)? & 0x80 != 0 {
            pos += 1;
        }
        pos += 1;
    }
    let first = *der.get(pos)?;
    pos += 1;
    let content_len = if first < 0x80 {
        usize::from(first)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 {
            return None; // indefinite length, or larger than any input we accept
        }
        let mut len = 0usize;
        for _ in 0..count {
            len = (len << 8) | usize::from(*der.get(pos)?);
            pos += 1;
        }
        len
    };
    let total = pos.checked_add(content_len)?;
    (total <= der.len()).then_some((pos, total))
}

/// Splits back-to-back DER SEQUENCEs; `None` unless the whole input is such a list.
fn split_der(input: &[u8]) -> Option<Vec<&[u8]>> {
    let mut rest = input;
    let mut elements = Vec::new();
    while !rest.is_empty() {
        if rest[0] != 0x30 {
            return None;
        }
        let len = der_element_len(rest)?;
        let (element, tail) = rest.split_at(len);
        elements.push(element);
        rest = tail;
    }
    (!elements.is_empty()).then_some(elements)
}

fn decode_pem(input: &[u8]) -> Result<Vec<Block<'static>>> {
    let mut blocks = Vec::new();
    let mut rest = input;
    while let Some(start) = find(rest, b"-----BEGIN") {
        let after_begin = &rest[start + b"-----BEGIN".len()..];
        let label_end = find(after_begin, b"-----").ok_or(ErrorKind::InvalidPem {
            reason: "a BEGIN line does not end with `-----`",
        })?;
        let label = pem_label(&after_begin[..label_end])?;
        let body_and_rest = &after_begin[label_end + 5..];
        let end_marker = format!("-----END {label}-----");
        let body_len = find(body_and_rest, end_marker.as_bytes()).ok_or(ErrorKind::InvalidPem {
            reason: "a BEGIN line has no matching END line with the same label",
        })?;
        let body = &body_and_rest[..body_len];
        let der = pem_body(body)?;
        blocks.push(Block {
            label: Some(label),
            der: BlockDer::Decoded(der),
        });
        rest = &body_and_rest[body_len + end_marker.len()..];
    }
    if blocks.is_empty() {
        return Err(ErrorKind::InvalidPem {
            reason: "no BEGIN line",
        }
        .into());
    }
    Ok(blocks)
}

fn pem_label(raw: &[u8]) -> Result<String> {
    let label = raw.strip_prefix(b" ").unwrap_or(raw);
    let printable = |b: &u8| b.is_ascii_graphic() || *b == b' ';
    if label.len() > 64 || !label.iter().all(printable) {
        return Err(ErrorKind::InvalidPem {
            reason: "the BEGIN label is not printable text",
        }
        .into());
    }
    Ok(String::from_utf8_lossy(label).trim().to_owned())
}

/// Decodes a PEM body, skipping RFC 1421 headers (lines with a colon) and refusing the legacy
/// encrypted form, whose body is ciphertext.
fn pem_body(body: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    let has_headers = body.contains(&b':');
    if !has_headers {
        return decode_base64(body);
    }
    let text = String::from_utf8_lossy(body);
    if text.contains("Proc-Type") && text.contains("ENCRYPTED") {
        return Err(ErrorKind::EncryptedPem.into());
    }
    let base64: Zeroizing<String> = Zeroizing::new(
        text.lines()
            .filter(|line| !line.contains(':') && !line.starts_with([' ', '\t']))
            .collect(),
    );
    decode_base64(base64.as_bytes())
}

/// The first position of `needle` in `haystack`. PEM markers start with `-`, which base64 never
/// holds, so scanning for the first byte skips almost every position without a comparison.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, tail) = needle.split_first()?;
    let mut from = 0;
    while let Some(offset) = haystack.get(from..)?.iter().position(|&b| b == first) {
        let at = from + offset;
        if haystack.get(at + 1..at + needle.len()) == Some(tail) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(false);
const STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
const URL_SAFE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);

#[cfg(test)]
mod tests {
    use super::*;

    const DER: &[u8] = &[0x30, 0x03, 0x02, 0x01, 0x05];

    fn pem(label: &str) -> String {
        pem_encode(label, DER)
    }

    #[test]
    fn hex_and_lossy_text_match_the_reference_implementations() {
        let bytes: Vec<u8> = (0..=255).collect();
        assert_eq!(hex_lower(&bytes), hex::encode(&bytes));
        assert_eq!(text_lossy(&bytes), String::from_utf8_lossy(&bytes));
        let mixed = [b"plain".as_slice(), "é ✓".as_bytes(), &[0xff, 0xc3], b"end"].concat();
        assert_eq!(text_lossy(&mixed), String::from_utf8_lossy(&mixed));
        assert_eq!(text_lossy("é ✓".as_bytes()), "é ✓");
        assert_eq!(hex_lower(&[0x0a, 0xf0]), "0af0");
        assert_eq!(hex_lower(&[]), "");
        // The written form goes 32 bytes at a time: every length across two chunk edges.
        for len in 0..=bytes.len().min(100) {
            assert_eq!(Hex(&bytes[..len]).to_string(), hex::encode(&bytes[..len]));
        }
    }

    #[test]
    fn pem_bodies_are_the_base64_crates_text_in_64_character_lines() {
        let bytes: Vec<u8> = (0..200u32).map(|i| (i * 151 + 7) as u8).collect();
        for len in 0..bytes.len() {
            let der = &bytes[..len];
            let body: String = STANDARD
                .encode(der)
                .as_bytes()
                .chunks(64)
                .map(|line| format!("{}\n", std::str::from_utf8(line).unwrap()))
                .collect();
            let expected = format!("-----BEGIN X-----\n{body}-----END X-----\n");
            assert_eq!(pem_encode("X", der), expected, "{len} bytes");
        }
    }

    #[test]
    fn pem_round_trips_with_crlf_and_text_around() {
        let text = format!(
            "Subject: x\r\n{}\r\nmore text",
            pem("CERTIFICATE").replace('\n', "\r\n")
        );
        let (form, blocks) = decode_blocks(text.as_bytes()).unwrap();
        assert_eq!(form, Form::Pem);
        assert_eq!(
            blocks,
            vec![Block {
                label: Some("CERTIFICATE".into()),
                der: BlockDer::Decoded(DER.to_vec().into())
            }]
        );
    }

    #[test]
    fn several_blocks_keep_order_and_labels() {
        let text = format!("{}{}", pem("CERTIFICATE"), pem("PRIVATE KEY"));
        let (_, blocks) = decode_blocks(text.as_bytes()).unwrap();
        let labels: Vec<_> = blocks.iter().map(|b| b.label.as_deref().unwrap()).collect();
        assert_eq!(labels, ["CERTIFICATE", "PRIVATE KEY"]);
    }

    #[test]
    fn der_and_bare_base64_are_detected() {
        let both = [DER, DER].concat();
        let (form, blocks) = decode_blocks(&both).unwrap();
        assert_eq!((form, blocks.len()), (Form::Der, 2));
        assert!(
            matches!(blocks[0].der, BlockDer::Input(_)),
            "DER input is not copied"
        );
        let (form, blocks) = decode_blocks(b" MAMCAQU=\n").unwrap();
        assert_eq!((form, &*blocks[0].der), (Form::Base64, DER));
    }

    #[test]
    fn bad_inputs_have_their_own_codes() {
        let code = |input: &[u8]| decode_blocks(input).unwrap_err().code();
        assert_eq!(code(b""), "EMPTY_INPUT");
        assert_eq!(code(b" \n"), "EMPTY_INPUT");
        assert_eq!(code(b"hello world"), "UNRECOGNIZED_ENCODING");
        assert_eq!(
            code(b"-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----"),
            "INVALID_BASE64"
        );
        assert_eq!(
            code(b"-----BEGIN CERTIFICATE-----\nMAMCAQU=\n"),
            "INVALID_PEM"
        );
        assert_eq!(code(&[0x30, 0x05, 0x02]), "UNRECOGNIZED_ENCODING");
        let encrypted = b"-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nMAMCAQU=\n-----END RSA PRIVATE KEY-----";
        assert_eq!(code(encrypted), "ENCRYPTED_PEM");
    }

    #[test]
    fn der_lengths_never_overrun() {
        assert_eq!(der_element_len(&[0x30, 0x82, 0x01]), None);
        assert_eq!(der_element_len(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]), None);
        assert_eq!(der_element_len(&[0x30, 0x80, 0x00, 0x00]), None);
        assert_eq!(der_element_len(&[0x1f, 0x81]), None);
        assert_eq!(der_element_len(DER), Some(5));
    }

    #[test]
    fn find_agrees_with_a_naive_search() {
        let naive = |h: &[u8], n: &[u8]| h.windows(n.len()).position(|w| w == n);
        let haystacks: [&[u8]; 5] = [
            b"",
            b"-",
            b"--END-",
            b"ab-----END X-----",
            b"-----B-----BEGIN",
        ];
        let needles: [&[u8]; 4] = [b"-", b"-----", b"-----BEGIN", b"-----END X-----"];
        for haystack in haystacks {
            for needle in needles {
                assert_eq!(
                    find(haystack, needle),
                    naive(haystack, needle),
                    "{haystack:?} {needle:?}"
                );
            }
        }
        assert_eq!(find(b"abc", b""), None);
    }
}
