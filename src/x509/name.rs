//! Distinguished names: the RFC 4514 string exactly as `openssl x509 -nameopt RFC2253` prints
//! it, and the attribute list with decoded values.

use std::borrow::Cow;

use serde::Serialize;

use super::oid;
use crate::der::{TAG_OID, TAG_SEQUENCE, TAG_SET, Tlv};
use crate::error::Result;

/// A distinguished name. The attribute values are decoded into one text, `values`, that each
/// attribute's range points into: one allocation for a name's values instead of one each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// RFC 4514 string, most specific RDN first, escaped as OpenSSL's `-nameopt RFC2253`.
    pub rfc4514: String,
    entries: Vec<AttributeEntry>,
    values: String,
}

/// One attribute as a name keeps it: its value is `start..end` of the name's `values`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct AttributeEntry {
    kind: Cow<'static, str>,
    oid: Cow<'static, str>,
    start: u32,
    end: u32,
    rdn: usize,
}

/// One attribute of a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Attribute<'a> {
    /// OpenSSL's short name (`CN`, `O`, `emailAddress`), or the dotted OID when unknown.
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub oid: &'a str,
    /// The value as text; values that are not strings as `#` and their DER in hex.
    pub value: &'a str,
    /// Index of the RDN this attribute belongs to; equal for the parts of a multi-valued RDN.
    pub rdn: usize,
}

impl Name {
    /// Every attribute in encoding order (least specific first).
    pub fn attributes(&self) -> impl ExactSizeIterator<Item = Attribute<'_>> + Clone {
        self.entries.iter().map(|entry| Attribute {
            kind: &entry.kind,
            oid: &entry.oid,
            value: self
                .values
                .get(entry.start as usize..entry.end as usize)
                .unwrap_or_default(),
            rdn: entry.rdn,
        })
    }

    /// Whether the name has no attribute (an empty SEQUENCE).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Serialize for Name {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        NameOutput {
            rfc4514: &self.rfc4514,
            attributes: AttributesOf(self),
        }
        .serialize(serializer)
    }
}

// What a name serializes as (the `Name` of the TypeScript types).
/// A distinguished name.
#[derive(Serialize)]
#[serde(rename = "Name")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(rename = "Name"))]
struct NameOutput<'a> {
    /// RFC 4514 string, most specific RDN first, escaped as OpenSSL's `-nameopt RFC2253`
    /// (non-ASCII bytes as `\XX`, values of non-string types as `#` and DER hex).
    rfc4514: &'a str,
    /// Every attribute in encoding order (least specific first).
    #[cfg_attr(feature = "ts", tsify(type = "Attribute[]"))]
    attributes: AttributesOf<'a>,
}

struct AttributesOf<'a>(&'a Name);

impl Serialize for AttributesOf<'_> {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.attributes())
    }
}

/// Parses a DER `Name` (a SEQUENCE of SETs of attribute type and value).
pub fn parse_name(raw: &[u8]) -> Result<Name> {
    let name = Tlv::read_exact(raw)?.with_tag(TAG_SEQUENCE, "a Name SEQUENCE")?;
    // Most names have at most eight attributes: room for them at once.
    let mut entries = Vec::with_capacity(8);
    for (rdn_index, rdn) in name.children().enumerate() {
        let rdn = rdn?.with_tag(TAG_SET, "an RDN SET")?;
        for atv in rdn.children() {
            let atv = atv?.with_tag(TAG_SEQUENCE, "an AttributeTypeAndValue")?;
            let mut parts = atv.children();
            let oid_tlv = parts
                .required("attribute type")?
                .with_tag(TAG_OID, "an attribute OID")?;
            let value = parts.required("attribute value")?;
            check_value(&value)?;
            let oid = AttributeOid::read(oid_tlv.content)?;
            entries.push((rdn_index, oid, value));
        }
    }
    Ok(render(&entries))
}

/// The parsing policy for attribute values: the string types OpenSSL reads in names, plus BIT
/// STRING and SEQUENCE (dumped as `#` and hex, as OpenSSL does); a UTF8String must be UTF-8.
/// Other tags, the long (high-tag-number) form and constructed strings are refused.
fn check_value(value: &Tlv<'_>) -> Result<()> {
    let refuse = |reason: &str| {
        Err(crate::ErrorKind::InvalidDer {
            reason: reason.to_owned(),
        }
        .into())
    };
    match value.tag {
        0x0c if std::str::from_utf8(value.content).is_err() => {
            refuse("a UTF8String in a name is not valid UTF-8")
        }
        0x0c | 0x12 | 0x13 | 0x14 | 0x16 | 0x1c | 0x1e | 0x03 | TAG_SEQUENCE => Ok(()),
        tag if tag & 0x1f == 0x1f => {
            refuse("a name attribute's value has its tag in the long (high-tag-number) form")
        }
        tag if tag & 0x20 != 0 => refuse("a name attribute's value is a constructed string"),
        _ => refuse("a name attribute's value is not of a string type names may hold"),
    }
}

/// An attribute's type: its dotted OID, and OpenSSL's short name when it has one.
struct AttributeOid {
    dotted: Cow<'static, str>,
    short: Option<&'static str>,
}

impl AttributeOid {
    fn read(content: &[u8]) -> Result<Self> {
        let (dotted, known) = oid::read(content).ok_or_else(|| crate::ErrorKind::InvalidDer {
            reason: "bad OID in a name".into(),
        })?;
        Ok(Self {
            dotted,
            short: known.map(|oid| oid.short),
        })
    }
}

fn render(entries: &[(usize, AttributeOid, Tlv<'_>)]) -> Name {
    // Most names need no escapes: the values, a short type name and `=` and `,` each.
    let mut rfc4514 = String::with_capacity(
        entries
            .iter()
            .map(|(_, _, value)| value.content.len() + 8)
            .sum(),
    );
    let mut previous_rdn = None;
    for (rdn, oid, value) in entries.iter().rev() {
        if let Some(previous) = previous_rdn {
            rfc4514.push(if previous == *rdn { '+' } else { ',' });
        }
        previous_rdn = Some(*rdn);
        match oid.short {
            Some(short) => {
                rfc4514.push_str(short);
                rfc4514.push('=');
                escape_value(value, &mut rfc4514);
            }
            None => {
                // OpenSSL dumps the values of attribute types it does not know.
                rfc4514.push_str(&oid.dotted);
                rfc4514.push('=');
                dump(value.raw, &mut rfc4514);
            }
        }
    }
    let mut values = String::with_capacity(
        entries
            .iter()
            .map(|(_, _, value)| value.content.len())
            .sum(),
    );
    let entries = entries
        .iter()
        .map(|(rdn, oid, value)| {
            let start = values.len() as u32;
            decode_value_into(value, &mut values);
            AttributeEntry {
                kind: oid.short.map_or_else(|| oid.dotted.clone(), Cow::Borrowed),
                oid: oid.dotted.clone(),
                start,
                end: values.len() as u32,
                rdn: *rdn,
            }
        })
        .collect();
    Name {
        rfc4514,
        entries,
        values,
    }
}

/// How OpenSSL reads each string type: bytes per character, or `None` to dump as hex.
fn char_width(tag: u8) -> Option<usize> {
    match tag {
        0x0c => Some(0), // UTF8String: bytes as they are
        0x12 | 0x13 | 0x14 | 0x16 | 0x17 | 0x18 | 0x1a => Some(1), // Numeric..Visible, times
        0x1c => Some(4), // UniversalString
        0x1e => Some(2), // BMPString
        _ => None,
    }
}

/// Characters of a string value as OpenSSL sees them (UTF8String bytes stay bytes).
fn code_points(tag: u8, content: &[u8]) -> Option<Vec<u32>> {
    match char_width(tag)? {
        0 | 1 => Some(content.iter().map(|&b| u32::from(b)).collect()),
        width => {
            if !content.len().is_multiple_of(width) {
                return None;
            }
            let chunks = content.chunks_exact(width);
            Some(
                chunks
                    .map(|c| c.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b)))
                    .collect(),
            )
        }
    }
}

fn escape_value(value: &Tlv<'_>, out: &mut String) {
    if char_width(value.tag).is_some_and(|w| w <= 1) {
        let last = value.content.len().saturating_sub(1);
        // Most values need no escape at all: copied whole.
        if value
            .content
            .iter()
            .enumerate()
            .all(|(i, &b)| kept_as_is(b, i == 0, i == last))
            && let Ok(text) = std::str::from_utf8(value.content)
        {
            out.push_str(text);
            return;
        }
        // One byte per character (most names): no code-point vector.
        let convert = value.tag != 0x0c;
        for (i, &b) in value.content.iter().enumerate() {
            if convert && b > 0x7f {
                let mut buf = [0u8; 4];
                for byte in char::from(b).encode_utf8(&mut buf).bytes() {
                    push_hex_escape(byte, out);
                }
            } else {
                escape_byte(b, i == 0, i == last, out);
            }
        }
        return;
    }
    let Some(chars) = code_points(value.tag, value.content) else {
        dump(value.raw, out);
        return;
    };
    let convert = value.tag != 0x0c;
    let last = chars.len().saturating_sub(1);
    for (i, &c) in chars.iter().enumerate() {
        if convert && c > 0x7f {
            let mut buf = [0u8; 4];
            let encoded = char::from_u32(c)
                .unwrap_or('\u{fffd}')
                .encode_utf8(&mut buf);
            for byte in encoded.bytes() {
                push_hex_escape(byte, out);
            }
            continue;
        }
        escape_byte(c as u8, i == 0, i == last, out);
    }
}

/// Whether OpenSSL's RFC 2253 flags (ESC_2253 | ESC_CTRL | ESC_MSB) leave `b` as it is here.
fn kept_as_is(b: u8, first: bool, last: bool) -> bool {
    match b {
        b',' | b'+' | b'"' | b'\\' | b'<' | b'>' | b';' => false,
        b' ' => !(first || last),
        b'#' => !first,
        0x00..=0x1f | 0x7f..=0xff => false,
        _ => true,
    }
}

/// One character under those flags.
fn escape_byte(b: u8, first: bool, last: bool, out: &mut String) {
    if kept_as_is(b, first, last) {
        out.push(char::from(b));
        return;
    }
    match b {
        b',' | b'+' | b'"' | b'\\' | b'<' | b'>' | b';' | b' ' | b'#' => {
            out.push('\\');
            out.push(char::from(b));
        }
        _ => push_hex_escape(b, out),
    }
}

fn push_hex_escape(b: u8, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('\\');
    out.push(char::from(HEX[usize::from(b >> 4)]));
    out.push(char::from(HEX[usize::from(b & 0xf)]));
}

fn dump(raw: &[u8], out: &mut String) {
    out.push('#');
    out.push_str(&hex::encode_upper(raw));
}

/// The value as readable text: strings decoded to Unicode, anything else dumped.
pub(crate) fn decode_value(value: &Tlv<'_>) -> String {
    let mut out = String::new();
    decode_value_into(value, &mut out);
    out
}

/// `decode_value`, appended to `out`.
fn decode_value_into(value: &Tlv<'_>, out: &mut String) {
    match value.tag {
        // `check_value` refused UTF8Strings that are not UTF-8; lossy only for other callers.
        0x0c => match std::str::from_utf8(value.content) {
            Ok(text) => out.push_str(text),
            Err(_) => out.push_str(&String::from_utf8_lossy(value.content)),
        },
        // One byte per character: ASCII is already text; other bytes are Latin-1.
        tag if char_width(tag) == Some(1) => match std::str::from_utf8(value.content) {
            Ok(text) if text.is_ascii() => out.push_str(text),
            _ => out.extend(value.content.iter().map(|&b| char::from(b))),
        },
        tag => match code_points(tag, value.content) {
            Some(chars) => out.extend(
                chars
                    .iter()
                    .map(|&c| char::from_u32(c).unwrap_or('\u{fffd}')),
            ),
            None => dump(value.raw, out),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::der::{encode, oid_from_string};

    fn atv(oid: &str, tag: u8, value: &[u8]) -> Vec<u8> {
        let mut content = oid_from_string(oid).unwrap();
        content.extend(encode(tag, value));
        encode(TAG_SEQUENCE, &content)
    }

    fn name(rdns: &[Vec<Vec<u8>>]) -> Vec<u8> {
        let sets: Vec<u8> = rdns
            .iter()
            .flat_map(|atvs| encode(TAG_SET, &atvs.concat()))
            .collect();
        encode(TAG_SEQUENCE, &sets)
    }

    #[test]
    fn most_specific_first_with_escapes() {
        let der = name(&[
            vec![atv("2.5.4.6", 0x13, b"US")],
            vec![atv("2.5.4.10", 0x0c, b"Acme, Inc.")],
            vec![atv("2.5.4.3", 0x0c, b" #lead+trail ")],
        ]);
        let parsed = parse_name(&der).unwrap();
        assert_eq!(parsed.rfc4514, "CN=\\ #lead\\+trail\\ ,O=Acme\\, Inc.,C=US");
        assert_eq!(parsed.attributes().nth(1).unwrap().value, "Acme, Inc.");
        assert_eq!(parsed.attributes().nth(2).unwrap().kind, "CN");
    }

    #[test]
    fn values_needing_no_escape_are_copied_and_the_rest_escaped_byte_by_byte() {
        for (value, shown) in [
            (b"plain value".as_slice(), "plain value"),
            (b"#first", "\\#first"),
            (b"mid#dle", "mid#dle"),
            (b" lead", "\\ lead"),
            (b"trail ", "trail\\ "),
            (b"semi;colon", "semi\\;colon"),
            (b"tab\there", "tab\\09here"),
            (b"del\x7f", "del\\7F"),
            (b"", ""),
        ] {
            let der = name(&[vec![atv("2.5.4.3", 0x13, value)]]);
            assert_eq!(parse_name(&der).unwrap().rfc4514, format!("CN={shown}"));
        }
    }

    #[test]
    fn multi_valued_rdns_are_reversed_too() {
        let der = name(&[vec![
            atv("2.5.4.3", 0x0c, b"a"),
            atv("0.9.2342.19200300.100.1.1", 0x0c, b"b"),
        ]]);
        let parsed = parse_name(&der).unwrap();
        assert_eq!(parsed.rfc4514, "UID=b+CN=a");
        assert_eq!(
            parsed.attributes().next().unwrap().rdn,
            parsed.attributes().nth(1).unwrap().rdn
        );
    }

    #[test]
    fn non_ascii_and_unknown_types() {
        let bmp = [0x00, 0xe9, 0x00, 0x41];
        let der = name(&[
            vec![atv("2.5.4.3", 0x1e, &bmp)],
            vec![atv("2.5.4.10", 0x0c, "é".as_bytes())],
            vec![atv("2.5.4.11", 0x14, &[0xe9])],
            vec![atv("1.2.3.4", 0x0c, b"x")],
            vec![atv("2.5.4.5", 0x03, b"\x00\x01")],
        ]);
        let parsed = parse_name(&der).unwrap();
        assert_eq!(
            parsed.rfc4514,
            "serialNumber=#03020001,1.2.3.4=#0C0178,OU=\\C3\\A9,O=\\C3\\A9,CN=\\C3\\A9A"
        );
        assert_eq!(parsed.attributes().next().unwrap().value, "éA");
        assert_eq!(parsed.attributes().nth(2).unwrap().value, "é");
        assert_eq!(parsed.attributes().nth(3).unwrap().value, "x");
    }

    #[test]
    fn the_policy_refuses_impossible_values() {
        for (tag, value) in [
            (0x0c, &b"a\xc3\x28"[..]),
            (0x04, b"\x01"),
            (0x02, b"\x05"),
            (0x1a, b"visible"),
            (0x80, b"x"),
            (0x2c, b"\x0c\x01x"),
        ] {
            let der = name(&[vec![atv("2.5.4.3", tag, value)]]);
            assert!(parse_name(&der).is_err(), "tag {tag:#x}");
        }
        let long_form = name(&[vec![{
            let mut content = oid_from_string("2.5.4.3").unwrap();
            content.extend([0x1f, 0x0c, 0x01, b'x']);
            encode(TAG_SEQUENCE, &content)
        }]]);
        assert!(parse_name(&long_form).is_err());
    }

    #[test]
    fn malformed_names_are_errors() {
        assert!(parse_name(&[0x30, 0x03, 0x31, 0x01]).is_err());
        assert!(parse_name(&[0x31, 0x00]).is_err());
        assert_eq!(parse_name(&[0x30, 0x00]).unwrap().rfc4514, "");
    }
}
