//! Names as users write them (an RFC 4514 string or an object of common attributes), encoded
//! to DER exactly: repeated attributes (two `OU`s, `DC=example,DC=com`) and multi-valued RDNs
//! are kept, and each attribute gets the string type RFC 5280 expects.

use std::collections::BTreeMap;

use crate::der::{self, TAG_SEQUENCE, TAG_SET};
use crate::error::{Error, ErrorKind, Result};

/// A subject as the API takes it.
// Read by `name_forms.rs`; `untagged` is for the TypeScript type.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), serde(untagged))]
pub enum NameInput {
    /// RFC 4514, most specific first: `CN=client,O=Example\, Inc.,C=US`.
    Rfc4514(String),
    Fields(Box<NameFields>),
}

/// Declares `NameFields` and its name table from one list, so that a field and the name callers
/// write for it cannot drift apart. Read by `name_forms.rs`; the `serde` attributes are for the
/// TypeScript type.
macro_rules! name_fields {
    ($($field:ident = $name:literal),* $(,)?) => {
        /// Common attributes by name; each may be one value or several.
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        #[cfg_attr(feature = "ts", derive(tsify::Tsify), serde(rename_all = "camelCase"))]
        pub struct NameFields {
            $(
                #[cfg_attr(feature = "ts", serde(default))]
                pub $field: Option<OneOrMany>,
            )*
        }

        impl NameFields {
            /// How many fields there are.
            pub const COUNT: usize = [$($name),*].len();

            /// The fields' names as callers write them, in declaration order.
            pub const NAMES: [&'static str; Self::COUNT] = [$($name),*];

            /// The fields from their values in the order of [`Self::NAMES`].
            pub fn from_values(values: [Option<OneOrMany>; Self::COUNT]) -> Self {
                let [$($field),*] = values;
                Self { $($field),* }
            }

            /// Each field's value by name, in the order of [`Self::NAMES`].
            pub(super) fn by_name(&self) -> [(&'static str, &Option<OneOrMany>); Self::COUNT] {
                [$(($name, &self.$field)),*]
            }
        }
    };
}

name_fields! {
    common_name = "commonName",
    organization = "organization",
    organizational_unit = "organizationalUnit",
    country = "country",
    state = "state",
    locality = "locality",
    street_address = "streetAddress",
    postal_code = "postalCode",
    email_address = "emailAddress",
    serial_number = "serialNumber",
    domain_component = "domainComponent",
    user_id = "userId",
    title = "title",
    given_name = "givenName",
    surname = "surname",
    organization_identifier = "organizationIdentifier",
}

// Read by `name_forms.rs`; `untagged` is for the TypeScript type.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), serde(untagged))]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn values(&self) -> Vec<&str> {
        match self {
            Self::One(v) => vec![v.as_str()],
            Self::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// The attribute types users may name, with their OIDs, in the order an object's fields are
/// written (least specific first, as most CAs do).
const ATTRIBUTES: &[(&str, &str, &str)] = &[
    ("domainComponent", "DC", "0.9.2342.19200300.100.1.25"),
    ("country", "C", "2.5.4.6"),
    ("state", "ST", "2.5.4.8"),
    ("locality", "L", "2.5.4.7"),
    ("postalCode", "postalCode", "2.5.4.17"),
    ("streetAddress", "street", "2.5.4.9"),
    ("organization", "O", "2.5.4.10"),
    (
        "organizationIdentifier",
        "organizationIdentifier",
        "2.5.4.97",
    ),
    ("organizationalUnit", "OU", "2.5.4.11"),
    ("title", "title", "2.5.4.12"),
    ("surname", "SN", "2.5.4.4"),
    ("givenName", "GN", "2.5.4.42"),
    ("commonName", "CN", "2.5.4.3"),
    ("serialNumber", "serialNumber", "2.5.4.5"),
    ("userId", "UID", "0.9.2342.19200300.100.1.1"),
    ("emailAddress", "emailAddress", "1.2.840.113549.1.9.1"),
];

/// Encodes a name to DER (a SEQUENCE of SETs). `field` prefixes error paths.
pub fn encode_name(input: &NameInput, field: &str) -> Result<Vec<u8>> {
    let rdns = match input {
        NameInput::Rfc4514(text) => parse_rfc4514(text).map_err(|e| e.at(field))?,
        NameInput::Fields(fields) => from_fields(fields),
    };
    let mut sets = Vec::new();
    for (i, rdn) in rdns.iter().enumerate() {
        let mut atvs: Vec<Vec<u8>> = Vec::new();
        for (oid, value) in rdn {
            atvs.push(attribute(oid, value).map_err(|e| e.at(format!("{field}[{i}]")))?);
        }
        atvs.sort(); // DER orders a SET OF by encoding
        sets.extend(der::encode(TAG_SET, &atvs.concat()));
    }
    Ok(der::encode(TAG_SEQUENCE, &sets))
}

fn from_fields(fields: &NameFields) -> Vec<Vec<(String, String)>> {
    let by_name = BTreeMap::from(fields.by_name());
    let mut rdns = Vec::new();
    for (name, _, oid) in ATTRIBUTES {
        if let Some(Some(values)) = by_name.get(name) {
            for value in values.values() {
                rdns.push(vec![((*oid).to_owned(), value.to_owned())]);
            }
        }
    }
    rdns
}

/// One AttributeTypeAndValue with the string type its attribute calls for.
fn attribute(oid: &str, value: &str) -> Result<Vec<u8>> {
    let oid_der =
        der::oid_from_string(oid).ok_or_else(|| invalid(format!("`{oid}` is not an OID")))?;
    if value.is_empty() {
        return Err(invalid(format!("the value of {oid} is empty")));
    }
    let tag = match oid {
        "2.5.4.6" => {
            if value.len() != 2 || !value.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(invalid(format!(
                    "country `{value}` is not a two-letter ISO 3166 code such as US"
                )));
            }
            0x13 // PrintableString
        }
        "2.5.4.5" if value.bytes().all(is_printable) => 0x13,
        "1.2.840.113549.1.9.1" | "0.9.2342.19200300.100.1.25" => {
            if !value.is_ascii() {
                return Err(invalid(format!("`{value}` must be ASCII")));
            }
            0x16 // IA5String
        }
        _ => 0x0c, // UTF8String
    };
    let mut content = oid_der;
    content.extend(der::encode(tag, value.as_bytes()));
    Ok(der::encode(TAG_SEQUENCE, &content))
}

fn is_printable(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b" '()+,-./:=?".contains(&b)
}

/// Parses an RFC 4514 string into RDNs in DER order (least specific first).
pub fn parse_rfc4514(text: &str) -> Result<Vec<Vec<(String, String)>>> {
    let mut rdns = Vec::new();
    for rdn in split_unescaped(text.trim(), b',') {
        let mut attributes = Vec::new();
        for atv in split_unescaped(&rdn, b'+') {
            let (kind, value) = atv
                .split_once('=')
                .ok_or_else(|| invalid(format!("`{atv}` has no `=`")))?;
            attributes.push((attribute_oid(kind.trim())?, unescape(value.trim_start())?));
        }
        rdns.push(attributes);
    }
    if text.trim().is_empty() {
        return Err(invalid("the name is empty".into()));
    }
    rdns.reverse();
    Ok(rdns)
}

/// An attribute type: a short name (`CN`), a long name (`commonName`) or a dotted OID.
fn attribute_oid(kind: &str) -> Result<String> {
    if kind.starts_with(|c: char| c.is_ascii_digit()) {
        return der::oid_from_string(kind)
            .map(|_| kind.to_owned())
            .ok_or_else(|| invalid(format!("`{kind}` is not an OID")));
    }
    let known = ATTRIBUTES.iter().find(|(long, short, _)| {
        long.eq_ignore_ascii_case(kind) || short.eq_ignore_ascii_case(kind)
    });
    match known {
        Some((_, _, oid)) => Ok((*oid).to_owned()),
        None => match kind.to_ascii_lowercase().as_str() {
            "e" | "email" => Ok("1.2.840.113549.1.9.1".into()),
            "s" | "stateorprovincename" => Ok("2.5.4.8".into()),
            "organizationname" => Ok("2.5.4.10".into()),
            "organizationalunitname" => Ok("2.5.4.11".into()),
            "countryname" => Ok("2.5.4.6".into()),
            "localityname" => Ok("2.5.4.7".into()),
            _ => Err(invalid(format!(
                "unknown attribute type `{kind}`: use CN, O, OU, C, ST, L, DC, UID, emailAddress, serialNumber or a dotted OID"
            ))),
        },
    }
}

/// Splits at `sep` where it is not escaped with a backslash.
fn split_unescaped(text: &str, sep: u8) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = Vec::new();
    let mut bytes = text.bytes();
    while let Some(b) = bytes.next() {
        if b == b'\\' {
            current.push(b);
            if let Some(next) = bytes.next() {
                current.push(next);
            }
        } else if b == sep {
            parts.push(String::from_utf8_lossy(&current).into_owned());
            current.clear();
        } else {
            current.push(b);
        }
    }
    parts.push(String::from_utf8_lossy(&current).into_owned());
    parts
}

/// Undoes RFC 4514 escaping: `\,` and friends, and `\XX` hex pairs (UTF-8 bytes).
fn unescape(value: &str) -> Result<String> {
    if value.starts_with('#') {
        return Err(invalid(
            "`#` hex (BER) values are not supported: write the value as text".into(),
        ));
    }
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (hex, bytes.get(i + 1)) {
            (Some(byte), _) => {
                out.push(byte);
                i += 3;
            }
            (None, Some(&escaped)) => {
                out.push(escaped);
                i += 2;
            }
            (None, None) => return Err(invalid("the value ends with a lone backslash".into())),
        }
    }
    // Trailing unescaped spaces are not part of the value.
    while out.last() == Some(&b' ') && !value.ends_with("\\ ") {
        out.pop();
    }
    String::from_utf8(out).map_err(|_| invalid("an escaped value is not UTF-8".into()))
}

#[cold]
fn invalid(reason: String) -> Error {
    ErrorKind::InvalidName { reason }.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::x509::parse_name;

    fn round_trip(text: &str) -> String {
        parse_name(&encode_name(&NameInput::Rfc4514(text.into()), "subject").unwrap())
            .unwrap()
            .rfc4514
    }

    #[test]
    fn rfc4514_round_trips_through_der() {
        assert_eq!(
            round_trip("CN=client,O=Example\\, Inc.,C=US"),
            "CN=client,O=Example\\, Inc.,C=US"
        );
        assert_eq!(
            round_trip("CN=a+UID=b,DC=example,DC=com"),
            "UID=b+CN=a,DC=example,DC=com"
        );
        assert_eq!(round_trip("cn=M\\C3\\BCller"), "CN=M\\C3\\BCller");
        assert_eq!(round_trip("commonName=x, organizationName=y"), "CN=x,O=y");
        assert_eq!(round_trip("2.5.4.3=by oid"), "CN=by oid");
    }

    #[test]
    fn objects_write_least_specific_first_and_repeat() {
        let fields = NameFields {
            common_name: Some(OneOrMany::One("leaf".into())),
            organizational_unit: Some(OneOrMany::Many(vec!["A".into(), "B".into()])),
            country: Some(OneOrMany::One("DE".into())),
            ..NameFields::default()
        };
        let name =
            parse_name(&encode_name(&NameInput::Fields(Box::new(fields)), "subject").unwrap())
                .unwrap();
        assert_eq!(name.rfc4514, "CN=leaf,OU=B,OU=A,C=DE");
    }

    #[test]
    fn bad_names_say_why() {
        for bad in ["", "CN", "XX=1", "C=USA", "CN=#0403", "CN=trailing\\"] {
            let error = encode_name(&NameInput::Rfc4514(bad.into()), "subject").unwrap_err();
            assert_eq!(error.code(), "INVALID_NAME", "{bad}");
            assert!(
                error
                    .field_text()
                    .as_deref()
                    .unwrap_or_default()
                    .starts_with("subject")
            );
        }
    }
}
