//! A serde `Deserializer` over an [`OptionValue`] tree that knows the path of every value it
//! hands out, so an error names the field (`options.issuer.privateKey`). Text and bytes are
//! lent (`visit_borrowed_*`), never copied, so serde's buffering for untagged enums leaves no
//! stray copy of a key behind. Messages never quote a value.
//!
//! The value's path is in `path.rs`, the error and its wording in `error.rs`, and the
//! sequence, map and enum accessors in `access.rs`.

mod access;
mod error;
mod path;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, Unexpected, Visitor};

use super::OptionValue;
use crate::time::{UnixTime, parse_rfc3339};
use access::{Entries, Items, Variant};
pub use error::DeError;
pub use path::Path;

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
            return Err(DeError::new(error::DeErrorDetail {
                field: Some(self.path.render(false)),
                reason: error.to_string(),
                kind: Some(error.into_kind()),
            }));
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
