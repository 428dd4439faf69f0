//! Inputs that take one of several forms (text or bytes, a name as text or an object, one
//! value or a list), each form chosen by what the value is. serde's `untagged` derive buffered
//! the value, tried each variant on it (~20 kB of wasm across the inputs) and could only answer
//! "did not match any variant", where a caller needs to know which element is wrong. A type
//! says which forms it takes ([`Forms`]) and `deserialize_by_forms!` gives it `Deserialize`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{Deserialize, Deserializer, Error, MapAccess, SeqAccess, Unexpected, Visitor};

use crate::encoding::InputData;
use crate::x509::ChainInput;

/// The forms an input takes; a form it does not take is refused as serde's own visitors refuse
/// one, with `EXPECTING` as what was expected.
pub(crate) trait Forms: Sized {
    /// What the input is, in a caller's words.
    const EXPECTING: &'static str;
    fn from_text(_text: &str) -> Option<Self> {
        None
    }
    fn from_bytes(_bytes: &[u8]) -> Option<Self> {
        None
    }
    /// From an object's fields, when the input takes an object.
    fn from_object<'de, D: Deserializer<'de>>(_object: D) -> Option<Result<Self, D::Error>> {
        None
    }
    /// From an array's elements, when the input takes an array.
    fn from_array<'de, D: Deserializer<'de>>(_array: D) -> Option<Result<Self, D::Error>> {
        None
    }
}

struct FormsVisitor<T>(PhantomData<T>);

impl<'de, T: Forms> Visitor<'de> for FormsVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }
    fn visit_str<E: Error>(self, text: &str) -> Result<T, E> {
        T::from_text(text).ok_or_else(|| E::invalid_type(Unexpected::Str(text), &self))
    }
    fn visit_bytes<E: Error>(self, bytes: &[u8]) -> Result<T, E> {
        T::from_bytes(bytes).ok_or_else(|| E::invalid_type(Unexpected::Bytes(bytes), &self))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_object(MapAccessDeserializer::new(map))
            .unwrap_or_else(|| Err(A::Error::invalid_type(Unexpected::Map, &self)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        T::from_array(SeqAccessDeserializer::new(seq))
            .unwrap_or_else(|| Err(A::Error::invalid_type(Unexpected::Seq, &self)))
    }
}

/// Reads an input of several forms by what its value is.
pub(crate) fn read_forms<'de, T: Forms, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_any(FormsVisitor(PhantomData))
}

/// `Deserialize` for each [`Forms`] type named.
macro_rules! deserialize_by_forms {
    ($($ty:ty),* $(,)?) => {$(
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::input_forms::read_forms(deserializer)
            }
        }
    )*};
}
#[cfg(feature = "full")]
pub(crate) use deserialize_by_forms;

impl Forms for InputData {
    const EXPECTING: &'static str = "a string or a Uint8Array";
    fn from_text(text: &str) -> Option<Self> {
        Some(Self::Text(text.to_owned()))
    }
    fn from_bytes(bytes: &[u8]) -> Option<Self> {
        Some(Self::Bytes(bytes.to_vec()))
    }
}

impl Forms for ChainInput {
    const EXPECTING: &'static str = "a certificate (string or Uint8Array) or an array of them";
    fn from_text(text: &str) -> Option<Self> {
        InputData::from_text(text).map(Self::One)
    }
    fn from_bytes(bytes: &[u8]) -> Option<Self> {
        InputData::from_bytes(bytes).map(Self::One)
    }
    fn from_array<'de, D: Deserializer<'de>>(array: D) -> Option<Result<Self, D::Error>> {
        Some(Vec::deserialize(array).map(Self::Many))
    }
}

deserialize_by_forms!(InputData, ChainInput);

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::options::{OptionValue, decode};

    fn refused<T: serde::de::DeserializeOwned + fmt::Debug>(
        value: OptionValue,
    ) -> (String, String) {
        let error = decode::<T>(&value, "chain").unwrap_err();
        (
            error.field_text().unwrap_or_default(),
            error.kind.to_string(),
        )
    }

    #[test]
    fn each_form_is_chosen_by_what_the_value_is() {
        let text = OptionValue::Text("pem".into());
        let bytes = OptionValue::Bytes(vec![0x30]);
        assert_eq!(
            decode::<InputData>(&text, "x").unwrap(),
            InputData::Text("pem".into())
        );
        assert_eq!(
            decode::<InputData>(&bytes, "x").unwrap(),
            InputData::Bytes(vec![0x30])
        );
        assert!(matches!(
            decode::<ChainInput>(&bytes, "chain").unwrap(),
            ChainInput::One(InputData::Bytes(_))
        ));
        let many = OptionValue::Array(vec![text, bytes]);
        let ChainInput::Many(inputs) = decode::<ChainInput>(&many, "chain").unwrap() else {
            panic!("an array is several inputs");
        };
        assert_eq!(inputs.len(), 2);
    }

    #[test]
    fn a_wrong_element_is_named() {
        let (field, message) = refused::<ChainInput>(OptionValue::Number(5.0));
        assert_eq!(field, "chain");
        assert!(message.contains("a certificate (string or Uint8Array) or an array of them"));
        // An array of numbers is not bytes (the derived form took `[5]` as the byte 5).
        let numbers = OptionValue::Array(vec![OptionValue::Number(5.0)]);
        let (field, message) = refused::<ChainInput>(numbers);
        assert_eq!(field, "chain[0]");
        assert!(
            message.contains("a string or a Uint8Array, got the number 5"),
            "{message}"
        );
        let (field, _) = refused::<ChainInput>(OptionValue::Array(vec![
            OptionValue::Text("pem".into()),
            OptionValue::Array(vec![]),
        ]));
        assert_eq!(field, "chain[1]");
        let (field, message) = refused::<InputData>(OptionValue::Bool(true));
        assert_eq!(field, "chain");
        assert!(message.contains("a string or a Uint8Array"), "{message}");
    }
}
