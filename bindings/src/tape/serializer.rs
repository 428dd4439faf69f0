//! The serde `Serializer` that writes a tape: every serde data model type onto the words of
//! `super` (numbers, strings, bytes, arrays, objects, tagged variants).

use serde::Serialize;
use serde::ser;

use super::*;

type Result<T = (), E = TapeError> = std::result::Result<T, E>;

impl<'a, 'k> ser::Serializer for &'a mut Tape<'k> {
    type Ok = ();
    type Error = TapeError;
    type SerializeSeq = Container<'a, 'k>;
    type SerializeTuple = Container<'a, 'k>;
    type SerializeTupleStruct = Container<'a, 'k>;
    type SerializeTupleVariant = Variant<'a, 'k>;
    type SerializeMap = Container<'a, 'k>;
    type SerializeStruct = Container<'a, 'k>;
    type SerializeStructVariant = Variant<'a, 'k>;

    fn serialize_bool(self, v: bool) -> Result {
        self.out.words.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result {
        if v.unsigned_abs() > MAX_SAFE_INTEGER {
            return Err(TapeError::unsafe_integer(v.to_string()));
        }
        self.serialize_f64(v as f64)
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.out.words.extend_from_slice(&[UINT, u32::from(v)]);
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.out.words.extend_from_slice(&[UINT, u32::from(v)]);
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.out.words.extend_from_slice(&[UINT, v]);
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result {
        if v > MAX_SAFE_INTEGER {
            return Err(TapeError::unsafe_integer(v.to_string()));
        }
        self.serialize_f64(v as f64)
    }
    fn serialize_f32(self, v: f32) -> Result {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result {
        self.number(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result {
        self.string(v);
        Ok(())
    }
    /// Text made at output (PEM, hex) is written straight into the string table: no `String`
    /// of its own to allocate, copy and free.
    fn collect_str<T: std::fmt::Display + ?Sized>(self, value: &T) -> Result {
        self.written_string(value)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        let len = v.len() as u32;
        match self.digest.take() {
            Some(kind) => {
                let start = self.byte_run(v, true);
                self.out
                    .words
                    .extend_from_slice(&[DIGEST, kind, start, len]);
            }
            None => {
                let start = self.byte_run(v, false);
                self.out.words.extend_from_slice(&[BYTES, start, len]);
            }
        }
        Ok(())
    }
    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.out.words.push(UNDEFINED);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result {
        let digest = self.begin_newtype(name);
        let written = value.serialize(&mut *self);
        self.end_newtype(digest)?;
        written
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        let mut object = self.open(OBJECT);
        object.field(variant, value)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Container<'a, 'k>> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Container<'a, 'k>> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Container<'a, 'k>> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Variant<'a, 'k>> {
        Variant::open(self, variant, ARRAY)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Container<'a, 'k>> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Container<'a, 'k>> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Variant<'a, 'k>> {
        Variant::open(self, variant, OBJECT)
    }
}

/// Sequences, tuples and tuple structs: each element is one item of the array.
macro_rules! array_items {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Container<'_, '_> {
            type Ok = ();
            type Error = TapeError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
                self.item(value)
            }
            fn end(self) -> Result {
                Ok(())
            }
        }
    )*};
}

array_items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field
);

impl ser::SerializeMap for Container<'_, '_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        self.dynamic_key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.item(value)
    }
    fn end(self) -> Result {
        Ok(())
    }
}

impl ser::SerializeStruct for Container<'_, '_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.field(key, value)
    }
    fn end(self) -> Result {
        self.end_struct()
    }
}

/// `{ "Variant": [...] }` or `{ "Variant": {...} }`, as serde-json and serde-wasm-bindgen write
/// externally tagged variants.
pub struct Variant<'a, 'k>(Container<'a, 'k>);

impl<'a, 'k> Variant<'a, 'k> {
    fn open(tape: &'a mut Tape<'k>, variant: &'static str, kind: u32) -> Result<Self> {
        let id = tape.keys.id(variant);
        tape.out.words.extend_from_slice(&[OBJECT, 1, id]);
        Ok(Self(tape.open(kind)))
    }
}

impl ser::SerializeTupleVariant for Variant<'_, '_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.0.item(value)
    }
    fn end(self) -> Result {
        Ok(())
    }
}

impl ser::SerializeStructVariant for Variant<'_, '_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.0.field(key, value)
    }
    fn end(self) -> Result {
        self.0.tape.keys.open_keys.truncate(self.0.keys_from);
        Ok(())
    }
}
