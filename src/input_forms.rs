//! `Deserialize` for the inputs that take one of several forms, written out rather than derived
//! `untagged`: serde's derive buffers the value and tries each variant on it, which costs wasm
//! and answers "did not match any variant" where a caller needs to know which element is wrong.
//! Each form is chosen by what the value is (text, bytes, array).

use std::fmt;

use serde::de::value::SeqAccessDeserializer;
use serde::de::{Deserialize, Deserializer, Error, SeqAccess, Visitor};

use crate::encoding::InputData;
use crate::x509::ChainInput;

/// What `InputData` says it expects, in a caller's words.
const INPUT_DATA: &str = "a string or a Uint8Array";

struct InputDataForm;

impl Visitor<'_> for InputDataForm {
    type Value = InputData;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(INPUT_DATA)
    }
    fn visit_str<E: Error>(self, text: &str) -> Result<InputData, E> {
        Ok(InputData::Text(text.to_owned()))
    }
    fn visit_bytes<E: Error>(self, bytes: &[u8]) -> Result<InputData, E> {
        Ok(InputData::Bytes(bytes.to_vec()))
    }
}

impl<'de> Deserialize<'de> for InputData {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(InputDataForm)
    }
}

impl<'de> Deserialize<'de> for ChainInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Form;
        impl<'de> Visitor<'de> for Form {
            type Value = ChainInput;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a certificate (string or Uint8Array) or an array of them")
            }
            fn visit_str<E: Error>(self, text: &str) -> Result<ChainInput, E> {
                InputDataForm.visit_str(text).map(ChainInput::One)
            }
            fn visit_bytes<E: Error>(self, bytes: &[u8]) -> Result<ChainInput, E> {
                InputDataForm.visit_bytes(bytes).map(ChainInput::One)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<ChainInput, A::Error> {
                Vec::deserialize(SeqAccessDeserializer::new(seq)).map(ChainInput::Many)
            }
        }
        deserializer.deserialize_any(Form)
    }
}

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
