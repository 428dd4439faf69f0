//! serde's accessors over the tree: the items of an array, the entries of an object, and an
//! externally tagged enum's `{ variant: value }`; each value handed out knows its path.

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use super::{DeError, Path, ValueDeserializer};
use crate::options::OptionValue;

pub(super) struct Items<'de, 'p> {
    pub(super) items: std::slice::Iter<'de, OptionValue>,
    pub(super) index: usize,
    pub(super) path: &'p Path<'p>,
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

pub(super) struct Entries<'de, 'p> {
    pub(super) entries: std::slice::Iter<'de, (String, OptionValue)>,
    pub(super) value: Option<&'de (String, OptionValue)>,
    pub(super) path: &'p Path<'p>,
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
pub(super) struct Variant<'de, 'p> {
    pub(super) variant: &'de str,
    pub(super) value: &'de OptionValue,
    pub(super) path: &'p Path<'p>,
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
