//! The forms of names (a subject, its values, a SAN), each chosen by what the value is
//! (`crate::input_forms`): an error inside an object is said at its own field.

use std::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, Visitor};

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
        let fields = object.deserialize_map(FieldsVisitor);
        Some(fields.map(|fields| Self::Fields(Box::new(fields))))
    }
}

/// Name fields read in one loop over [`NameFields::NAMES`], as serde's derive would read them
/// (unknown and repeated fields refused, at their own path) without its code per field: the
/// derive was 18.4 kB of the whole module.
struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = NameFields;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of name fields")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NameFields, A::Error> {
        let mut values: [Option<OneOrMany>; NameFields::COUNT] = Default::default();
        let mut seen = [false; NameFields::COUNT];
        // `index` is a position in `NAMES` (`FieldIndex`), and both arrays are `COUNT` long.
        while let Some(index) = map.next_key_seed(FieldIndex)? {
            if std::mem::replace(&mut seen[index], true) {
                return Err(de::Error::duplicate_field(NameFields::NAMES[index]));
            }
            values[index] = map.next_value()?;
        }
        Ok(NameFields::from_values(values))
    }
}

/// A field's name as its index in [`NameFields::NAMES`].
struct FieldIndex;

impl<'de> DeserializeSeed<'de> for FieldIndex {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, key: D) -> Result<usize, D::Error> {
        key.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for FieldIndex {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a name field")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<usize, E> {
        let names = &NameFields::NAMES;
        names
            .iter()
            .position(|known| *known == name)
            .ok_or_else(|| E::unknown_field(name, names))
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
    fn each_field_reads_into_its_own_attribute() {
        for (index, name) in NameFields::NAMES.iter().enumerate() {
            let object = OptionValue::Object(vec![((*name).into(), text("v"))]);
            let NameInput::Fields(fields) = decode::<NameInput>(&object, "subject").unwrap() else {
                panic!("an object is name fields");
            };
            let set: Vec<_> = fields
                .by_name()
                .into_iter()
                .filter(|(_, v)| v.is_some())
                .collect();
            assert_eq!(set, [(*name, &Some(OneOrMany::One("v".into())))], "{index}");
            // The struct's own field, named independently of `NAMES`.
            let field = match *name {
                "commonName" => &fields.common_name,
                "organization" => &fields.organization,
                "organizationalUnit" => &fields.organizational_unit,
                "country" => &fields.country,
                "state" => &fields.state,
                "locality" => &fields.locality,
                "streetAddress" => &fields.street_address,
                "postalCode" => &fields.postal_code,
                "emailAddress" => &fields.email_address,
                "serialNumber" => &fields.serial_number,
                "domainComponent" => &fields.domain_component,
                "userId" => &fields.user_id,
                "title" => &fields.title,
                "givenName" => &fields.given_name,
                "surname" => &fields.surname,
                "organizationIdentifier" => &fields.organization_identifier,
                other => panic!("{other} is not a field"),
            };
            assert_eq!(field, &Some(OneOrMany::One("v".into())), "{name}");
        }
        let twice = OptionValue::Object(vec![
            ("title".into(), text("a")),
            ("title".into(), text("b")),
        ]);
        let error = decode::<NameInput>(&twice, "subject").unwrap_err();
        assert!(
            error.kind.to_string().contains("duplicate field `title`"),
            "{error}"
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
