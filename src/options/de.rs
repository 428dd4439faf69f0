//! A serde `Deserializer` over an [`OptionValue`] tree that knows the path of every value it
//! hands out, so an error names the field (`options.issuer.privateKey`). Text and bytes are
//! lent (`visit_borrowed_*`), never copied, so serde's buffering for untagged enums leaves no
//! stray copy of a key behind. Messages never quote a value.

use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};

use super::OptionValue;
use super::walk::{push_index, push_key};
use crate::error::ErrorKind;
use crate::time::{UnixTime, parse_rfc3339};

/// What went wrong and where; `field` is set by the innermost value that knows its path.
#[derive(Debug)]
pub struct DeError {
    pub field: Option<String>,
    pub reason: String,
    /// A reason of its own (`INVALID_TIME`) rather than `INVALID_OPTIONS`.
    pub kind: Option<ErrorKind>,
}

impl DeError {
    /// Not generic, so that serde's many `custom` calls share this code.
    fn from_message(text: String) -> Self {
        let reason = match text.strip_prefix("data did not match any variant of untagged enum ") {
            Some(name) => format!("expected {}", untagged_expected(name)),
            None => text,
        };
        Self {
            field: None,
            reason,
            kind: None,
        }
    }

    fn at(mut self, path: &Path<'_>) -> Self {
        if self.field.is_none() {
            self.field = Some(path.to_string());
        }
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self::from_message(msg.to_string())
    }

    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Self::custom(format_args!(
            "expected {}, got {}",
            plain_expected(&expected.to_string()),
            plain_unexpected(unexpected)
        ))
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Self::custom(format_args!(
            "{} is not {}",
            plain_unexpected(unexpected),
            plain_expected(&expected.to_string())
        ))
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Self::custom(format_args!(
            "`{}` is not one of {}",
            shortened(variant),
            quoted_list(expected)
        ))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Self::custom(format_args!(
            "`{}` is not an option here (check the spelling); the options are {}",
            shortened(field),
            quoted_list(expected)
        ))
    }

    fn missing_field(field: &'static str) -> Self {
        Self::custom(format_args!("`{field}` is required"))
    }
}

/// Where a value sits: a linked list on the stack, written out only for an error.
#[derive(Clone, Copy)]
pub enum Path<'a> {
    Root(&'a str),
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// The path written out, with or without the root's own name.
    fn render(&self, with_root: bool) -> String {
        let mut segments = Vec::new();
        let mut at = self;
        let root = loop {
            match at {
                Path::Root(root) => break *root,
                Path::Key(parent, _) | Path::Index(parent, _) => {
                    segments.push(at);
                    at = parent;
                }
            }
        };
        let mut out = if with_root {
            root.to_owned()
        } else {
            String::new()
        };
        for segment in segments.iter().rev() {
            match segment {
                Path::Key(_, key) => push_key(&mut out, key),
                Path::Index(_, index) => push_index(&mut out, *index),
                Path::Root(_) => {}
            }
        }
        if out.is_empty() { "$".into() } else { out }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(true))
    }
}

/// Deserializes `value`, whose path is `path`.
pub struct ValueDeserializer<'de, 'p> {
    pub value: &'de OptionValue,
    pub path: &'p Path<'p>,
}

impl ValueDeserializer<'_, '_> {
    /// Not generic over the visitor: one copy for every type.
    fn invalid(&self, expected: &dyn de::Expected) -> DeError {
        de::Error::invalid_type(unexpected(self.value), expected)
    }
}

fn unexpected(value: &OptionValue) -> Unexpected<'_> {
    match value {
        OptionValue::Null => Unexpected::Unit,
        OptionValue::Bool(b) => Unexpected::Bool(*b),
        OptionValue::Number(n) => Unexpected::Float(*n),
        OptionValue::BigInt(_) => Unexpected::Other("a bigint"),
        OptionValue::Text(_) => Unexpected::Other("a string"),
        OptionValue::Bytes(_) => Unexpected::Other("bytes"),
        OptionValue::Array(_) => Unexpected::Seq,
        OptionValue::Object(_) => Unexpected::Map,
    }
}

/// Forwards each number method to `deserialize_u64`, which visits the value as it is.
macro_rules! numbers_as_u64 {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            self.deserialize_u64(visitor)
        })*
    };
}

impl<'de> de::Deserializer<'de> for ValueDeserializer<'de, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            OptionValue::Null => visitor.visit_unit(),
            OptionValue::Bool(b) => visitor.visit_bool(*b),
            OptionValue::Number(n) => visit_number(*n, visitor),
            OptionValue::BigInt(text) => visit_bigint(text, visitor),
            OptionValue::Text(text) => visitor.visit_borrowed_str(text),
            OptionValue::Bytes(bytes) => visitor.visit_borrowed_bytes(bytes),
            OptionValue::Array(items) => visitor.visit_seq(Items {
                items: items.iter(),
                index: 0,
                path: self.path,
            }),
            OptionValue::Object(entries) => visitor.visit_map(Entries {
                entries: entries.iter(),
                value: None,
                path: self.path,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            OptionValue::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == UnixTime::SERDE_NAME
            && let OptionValue::Text(text) = self.value
            && let Err(error) = parse_rfc3339(text)
        {
            // Named as the core names the fields it reads itself (`now`, `notBefore`).
            return Err(DeError {
                field: Some(self.path.render(false)),
                reason: error.to_string(),
                kind: Some(error.kind),
            });
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.value {
            OptionValue::Text(text) => visitor.visit_enum(BorrowedStrDeserializer::new(text)),
            OptionValue::Object(entries) => match entries.as_slice() {
                [(variant, value)] => visitor.visit_enum(Variant {
                    variant,
                    value,
                    path: self.path,
                }),
                _ => Err(de::Error::custom(
                    "expected one of the accepted names, or an object with exactly one key",
                )),
            },
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            OptionValue::Object(entries) => visitor.visit_map(Entries {
                entries: entries.iter(),
                value: None,
                path: self.path,
            }),
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            OptionValue::Array(items) => visitor.visit_seq(Items {
                items: items.iter(),
                index: 0,
                path: self.path,
            }),
            OptionValue::Bytes(bytes) => {
                visitor.visit_seq(de::value::SeqDeserializer::new(bytes.iter().copied()))
            }
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_any(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_any(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            OptionValue::Bool(b) => visitor.visit_bool(*b),
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            OptionValue::Text(text) => visitor.visit_borrowed_str(text),
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            OptionValue::Number(n) => visit_number(*n, visitor),
            OptionValue::BigInt(text) => visit_bigint(text, visitor),
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            OptionValue::Null => visitor.visit_unit(),
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    // Every number goes one way: the visitors of the sized types check their own range.
    numbers_as_u64! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u128 deserialize_f32
        deserialize_f64
    }
}

/// JavaScript numbers: whole ones within ±2^53 as integers, the rest as floats.
fn visit_number<'de, V: Visitor<'de>>(n: f64, visitor: V) -> Result<V::Value, DeError> {
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        if n >= 0.0 {
            visitor.visit_u64(n as u64)
        } else {
            visitor.visit_i64(n as i64)
        }
    } else {
        visitor.visit_f64(n)
    }
}

fn visit_bigint<'de, V: Visitor<'de>>(text: &str, visitor: V) -> Result<V::Value, DeError> {
    match bigint(text)? {
        Ok(n) => visitor.visit_u64(n),
        Err(n) => visitor.visit_i64(n),
    }
}

/// A bigint's value: `Ok` when it fits a `u64`, `Err` when it is negative and fits an `i64`.
fn bigint(text: &str) -> Result<Result<u64, i64>, DeError> {
    if let Ok(n) = text.parse::<u64>() {
        Ok(Ok(n))
    } else if let Ok(n) = text.parse::<i64>() {
        Ok(Err(n))
    } else {
        Err(DeError::from_message(
            "the bigint is outside the 64-bit range".to_owned(),
        ))
    }
}

struct Items<'de, 'p> {
    items: std::slice::Iter<'de, OptionValue>,
    index: usize,
    path: &'p Path<'p>,
}

impl<'de> de::SeqAccess<'de> for Items<'de, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some(value) = self.items.next() else {
            return Ok(None);
        };
        let path = Path::Index(self.path, self.index);
        self.index += 1;
        seed.deserialize(ValueDeserializer { value, path: &path })
            .map(Some)
            .map_err(|e| e.at(&path))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Entries<'de, 'p> {
    entries: std::slice::Iter<'de, (String, OptionValue)>,
    value: Option<&'de (String, OptionValue)>,
    path: &'p Path<'p>,
}

impl<'de> de::MapAccess<'de> for Entries<'de, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(entry);
        let path = Path::Key(self.path, &entry.0);
        seed.deserialize(BorrowedStrDeserializer::new(&entry.0))
            .map(Some)
            .map_err(|e: DeError| e.at(&path))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, DeError> {
        let Some((key, value)) = self.value.take() else {
            return Err(de::Error::custom("a value was asked for before its key"));
        };
        let path = Path::Key(self.path, key);
        seed.deserialize(ValueDeserializer { value, path: &path })
            .map_err(|e| e.at(&path))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// `{ variant: value }` for an externally tagged enum.
struct Variant<'de, 'p> {
    variant: &'de str,
    value: &'de OptionValue,
    path: &'p Path<'p>,
}

impl<'de, 'p> de::EnumAccess<'de> for Variant<'de, 'p> {
    type Error = DeError;
    type Variant = ValueDeserializer<'de, 'p>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), DeError> {
        let name = seed.deserialize(self.variant.into_deserializer())?;
        Ok((
            name,
            ValueDeserializer {
                value: self.value,
                path: self.path,
            },
        ))
    }
}

impl<'de> de::VariantAccess<'de> for ValueDeserializer<'de, '_> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        match self.value {
            OptionValue::Null => Ok(()),
            _ => Err(de::Error::custom("this choice takes no value: give null")),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}

/// What a serde expectation means to a JavaScript caller (serde speaks of Rust types).
fn plain_expected(expected: &str) -> String {
    let text = match expected {
        "a string" | "a borrowed string" | "a character" => "a string",
        "a boolean" => "true or false",
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number of at least 0",
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number",
        "f32" | "f64" => "a number",
        "a sequence" | "a borrowed byte array" | "byte array" => "an array",
        "option" | "unit" => "null",
        _ if expected.starts_with("struct ") || expected.starts_with("a map") => "an object",
        _ if expected.starts_with("enum ") || expected.starts_with("variant ") => {
            "one of the accepted names"
        }
        _ if expected.starts_with("internally tagged enum ") => "an object with its tag field",
        _ => expected,
    };
    text.to_owned()
}

fn plain_unexpected(unexpected: Unexpected<'_>) -> String {
    match unexpected {
        Unexpected::Bool(b) => format!("{b}"),
        Unexpected::Unsigned(n) => format!("the number {n}"),
        Unexpected::Signed(n) => format!("the number {n}"),
        Unexpected::Float(n) => format!("the number {n}"),
        Unexpected::Char(_) | Unexpected::Str(_) => "a string".to_owned(),
        Unexpected::Bytes(_) => "bytes".to_owned(),
        Unexpected::Unit | Unexpected::Option => "null".to_owned(),
        Unexpected::Seq => "an array".to_owned(),
        Unexpected::Map => "an object".to_owned(),
        Unexpected::Other(what) => what.to_owned(),
        other => other.to_string(),
    }
}

/// The accepted forms of certkit's untagged enums.
fn untagged_expected(name: &str) -> &'static str {
    match name {
        "InputData" => "a string or a Uint8Array",
        "ChainInput" => "a certificate (string or Uint8Array) or an array of them",
        "NameInput" => "an RFC 4514 name such as \"CN=example,O=Org\", or an object of name fields",
        "OneOrMany" => "a string or an array of strings",
        "SanInput" => "a name (DNS name, IP address, email or URI) or an object {type, value}",
        _ => "one of the accepted forms",
    }
}

fn quoted_list(names: &[&str]) -> String {
    if names.is_empty() {
        return "none".to_owned();
    }
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The caller's own text in a message, cut short: it is never a secret's place, but may be one.
fn shortened(text: &str) -> String {
    const MAX: usize = 40;
    match text.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", text.get(..end).unwrap_or_default()),
        None => text.to_owned(),
    }
}
