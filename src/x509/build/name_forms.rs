//! The forms of names (a subject, its values, a SAN), each chosen by what the value is
//! (`crate::input_forms`): an error inside an object is said at its own field.

use serde::de::{Deserialize, Deserializer};

use super::name_input::{NameFields, NameInput, OneOrMany};
use super::san::{SanInput, TypedSan};
use crate::input_forms::{Forms, deserialize_by_forms};

impl Forms for NameInput {
    const EXPECTING: &'static str =
        "an RFC 4514 name such as \"CN=example,O=Org\", or an object of name fields";
    fn from_text(text: &str) -> Option<Self> {
        Some(Self::Rfc4514(text.to_owned()))
    }
    fn from_object<'de, D: Deserializer<'de>>(object: D) -> Option<Result<Self, D::Error>> {
        Some(NameFields::deserialize(object).map(|fields| Self::Fields(Box::new(fields))))
    }
}

impl Forms for OneOrMany {
    const EXPECTING: &'static str = "a string or an array of strings";
    fn from_text(text: &str) -> Option<Self> {
        Some(Self::One(text.to_owned()))
    }
    fn from_array<'de, D: Deserializer<'de>>(array: D) -> Option<Result<Self, D::Error>> {
        Some(Vec::deserialize(array).map(Self::Many))
    }
}

impl Forms for SanInput {
    const EXPECTING: &'static str =
        "a name (DNS name, IP address, email or URI) or an object {type, value}";
    fn from_text(text: &str) -> Option<Self> {
        Some(Self::Text(text.to_owned()))
    }
    fn from_object<'de, D: Deserializer<'de>>(object: D) -> Option<Result<Self, D::Error>> {
        let typed = TypedSan::deserialize(object);
        Some(typed.map(|TypedSan { kind, value, oid }| Self::Typed { kind, value, oid }))
    }
}

deserialize_by_forms!(NameInput, OneOrMany, SanInput);

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::options::{OptionValue, decode};

    fn text(value: &str) -> OptionValue {
        OptionValue::Text(value.to_owned())
    }

    fn refused(value: OptionValue) -> (String, String) {
        let error = decode::<NameInput>(&value, "subject").unwrap_err();
        (
            error.field_text().unwrap_or_default(),
            error.kind.to_string(),
        )
    }

    #[test]
    fn both_forms_read() {
        assert_eq!(
            decode::<NameInput>(&text("CN=a"), "subject").unwrap(),
            NameInput::Rfc4514("CN=a".into())
        );
        let fields = OptionValue::Object(vec![
            ("commonName".into(), text("a")),
            (
                "organization".into(),
                OptionValue::Array(vec![text("o1"), text("o2")]),
            ),
        ]);
        let NameInput::Fields(fields) = decode::<NameInput>(&fields, "subject").unwrap() else {
            panic!("an object is name fields");
        };
        assert_eq!(fields.common_name, Some(OneOrMany::One("a".into())));
        assert_eq!(
            fields.organization,
            Some(OneOrMany::Many(vec!["o1".into(), "o2".into()]))
        );
    }

    #[test]
    fn a_san_is_text_or_an_object_of_its_type_and_value() {
        use crate::x509::build::SanKind;
        assert_eq!(
            decode::<SanInput>(&text("a.example"), "san").unwrap(),
            SanInput::Text("a.example".into())
        );
        let typed = OptionValue::Object(vec![
            ("type".into(), text("dns")),
            ("value".into(), text("a.example")),
        ]);
        assert_eq!(
            decode::<SanInput>(&typed, "san").unwrap(),
            SanInput::Typed {
                kind: SanKind::Dns,
                value: "a.example".into(),
                oid: None
            }
        );
        let extra = OptionValue::Object(vec![
            ("type".into(), text("dns")),
            ("value".into(), text("a.example")),
            ("critical".into(), OptionValue::Bool(true)),
        ]);
        let error = decode::<SanInput>(&extra, "san").unwrap_err();
        assert_eq!(error.field_text().as_deref(), Some("san.critical"));
        let error = decode::<SanInput>(&OptionValue::Number(1.0), "san").unwrap_err();
        assert!(
            error
                .kind
                .to_string()
                .contains("or an object {type, value}, got the number 1")
        );
    }

    #[test]
    fn what_is_wrong_is_said_where_it_is() {
        let (field, message) = refused(OptionValue::Number(5.0));
        assert_eq!(field, "subject");
        assert!(message.contains("an RFC 4514 name such as"), "{message}");
        assert!(message.contains("got the number 5"), "{message}");
        // An array is neither form (the derived untagged enum took `[]` as empty name fields).
        let (field, message) = refused(OptionValue::Array(vec![]));
        assert_eq!(field, "subject");
        assert!(message.contains("got an array"), "{message}");
        let (field, message) = refused(OptionValue::Object(vec![("cn".into(), text("a"))]));
        assert_eq!(field, "subject.cn");
        assert!(message.contains("`commonName`"), "{message}");
        let wrong = OptionValue::Object(vec![(
            "commonName".into(),
            OptionValue::Array(vec![OptionValue::Bool(true)]),
        )]);
        let (field, message) = refused(wrong);
        assert_eq!(field, "subject.commonName[0]");
        assert!(message.contains("expected a string"), "{message}");
        let (field, message) = refused(OptionValue::Object(vec![(
            "commonName".into(),
            OptionValue::Number(1.0),
        )]));
        assert_eq!(field, "subject.commonName");
        assert!(
            message.contains("a string or an array of strings"),
            "{message}"
        );
    }
}
