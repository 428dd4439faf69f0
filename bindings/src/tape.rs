//! The encoding in which results cross from wasm to JavaScript: a serde `Serializer` that writes
//! a tape of `u32` words, one string table and one byte table, which `ts/tape.ts` turns into
//! plain objects in one pass. Building the same objects through serde-wasm-bindgen costs a
//! boundary call per field and per string; this costs three per result (issue 9 measured it).
//!
//! Words:
//! - `UNDEFINED` (`None`, `()`), `FALSE`, `TRUE`
//! - `UINT v` (integers in `0..=u32::MAX`), `NUMBER lo hi` (any other number, as f64 bits)
//! - `STRING start len` (UTF-16 units into the string table)
//! - `BYTES start len` (a `Uint8Array` copied out of the byte table)
//! - `ARRAY n` then n values; `OBJECT n` then n × (key, value)
//! - a key is a field-name id below `DYNAMIC_KEY` (`key_name(id)` gives its text, which the
//!   decoder caches), or `DYNAMIC_KEY start len` for map keys.
//!
//! A 64-bit integer beyond ±(2^53 − 1) is refused (`TapeError::UnsafeInteger`), never rounded:
//! a JavaScript number would silently hold a different value. The word values are declared
//! once, in `words!` below; `ts/generated/tape-words.ts` is written from them.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;

use serde::Serialize;
use serde::ser;

/// Declares the tape's words as constants and lists them in `WORDS`, which the TypeScript
/// decoder's constants are generated from.
macro_rules! words {
    ($($name:ident = $value:expr;)*) => {
        $(pub const $name: u32 = $value;)*
        /// Every word by name, in order.
        pub const WORDS: &[(&str, u32)] = &[$((stringify!($name), $name)),*];
    };
}

words! {
    UNDEFINED = 0;
    FALSE = 1;
    TRUE = 2;
    UINT = 3;
    NUMBER = 4;
    STRING = 5;
    BYTES = 6;
    ARRAY = 7;
    OBJECT = 8;
    DYNAMIC_KEY = u32::MAX;
}

/// The largest integer a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// A value as a tape.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Encoded {
    pub words: Vec<u32>,
    pub strings: String,
    pub bytes: Vec<u8>,
}

/// Encodes `value` as a tape.
pub fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Encoded, TapeError> {
    KEYS.with(|keys| {
        let mut tape = Tape {
            out: Encoded {
                words: Vec::with_capacity(2048),
                strings: String::with_capacity(2048),
                bytes: Vec::new(),
            },
            strings_utf16: 0,
            keys: &mut keys.borrow_mut(),
        };
        value.serialize(&mut tape)?;
        Ok(tape.out)
    })
}

/// The text of a field-name id, for the decoder's cache.
pub fn key_name(id: u32) -> Option<&'static str> {
    KEYS.with(|keys| keys.borrow().names.get(id as usize).copied())
}

/// A value the tape cannot hold.
#[derive(Debug, PartialEq, Eq)]
pub enum TapeError {
    /// An integer beyond ±(2^53 − 1), in decimal: a JavaScript number would round it.
    UnsafeInteger(String),
    /// Anything else: a map key that is not text, a serde error.
    Other(String),
}

impl fmt::Display for TapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnsafeInteger(value) => {
                write!(f, "the integer {value} is not exact in JavaScript")
            }
            Self::Other(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for TapeError {}

impl ser::Error for TapeError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Self::Other(message.to_string())
    }
}

/// Field names get ids in the order they are first met; ids never change, so the decoder
/// caches names across calls. Serde's field names are literals, so a name is found by its
/// address: a direct-mapped cache answers almost every lookup without hashing.
#[derive(Default)]
struct KeyTable {
    recent: Vec<(usize, u32)>,
    ids: HashMap<(usize, usize), u32>,
    names: Vec<&'static str>,
}

const RECENT_SLOTS: usize = 256;

impl KeyTable {
    fn id(&mut self, name: &'static str) -> u32 {
        let address = name.as_ptr() as usize;
        let slot = (address ^ address >> 8 ^ name.len()) % RECENT_SLOTS;
        if self.recent.is_empty() {
            self.recent = vec![(0, 0); RECENT_SLOTS];
        }
        let (cached, id) = self.recent[slot];
        if cached == address && self.names[id as usize].len() == name.len() {
            return id;
        }
        let next = self.names.len() as u32;
        let id = *self.ids.entry((address, name.len())).or_insert(next);
        if id == next {
            self.names.push(name);
        }
        self.recent[slot] = (address, id);
        id
    }
}

thread_local! {
    static KEYS: RefCell<KeyTable> = RefCell::new(KeyTable::default());
}

struct Tape<'k> {
    out: Encoded,
    /// Length of the string table in UTF-16 units, the offsets JavaScript strings use.
    strings_utf16: u32,
    keys: &'k mut KeyTable,
}

impl<'k> Tape<'k> {
    fn string(&mut self, text: &str) {
        let units = if text.is_ascii() {
            text.len()
        } else {
            text.encode_utf16().count()
        } as u32;
        self.out
            .words
            .extend_from_slice(&[STRING, self.strings_utf16, units]);
        self.out.strings.push_str(text);
        self.strings_utf16 += units;
    }

    fn number(&mut self, value: f64) {
        if value >= 0.0 && value <= f64::from(u32::MAX) && value.fract() == 0.0 {
            self.out.words.extend_from_slice(&[UINT, value as u32]);
        } else {
            let bits = value.to_bits();
            self.out
                .words
                .extend_from_slice(&[NUMBER, bits as u32, (bits >> 32) as u32]);
        }
    }

    /// Starts a container; its count word is filled in as items arrive.
    fn open<'a>(&'a mut self, kind: u32) -> Container<'a, 'k> {
        self.out.words.extend_from_slice(&[kind, 0]);
        let count_at = self.out.words.len() - 1;
        Container {
            tape: self,
            count_at,
        }
    }
}

/// An array or object being written.
pub struct Container<'a, 'k> {
    tape: &'a mut Tape<'k>,
    count_at: usize,
}

impl Container<'_, '_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        self.tape.out.words[self.count_at] += 1;
        value.serialize(&mut *self.tape)
    }

    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        let id = self.tape.keys.id(key);
        self.tape.out.words.push(id);
        self.item(value)
    }

    /// A map key: serialized like any value, and it must come out as text.
    fn dynamic_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), TapeError> {
        let at = self.tape.out.words.len();
        key.serialize(&mut *self.tape)?;
        match self.tape.out.words.get(at..) {
            Some(&[STRING, _, _]) => {
                self.tape.out.words[at] = DYNAMIC_KEY;
                Ok(())
            }
            _ => Err(TapeError::Other("a map key must be text".into())),
        }
    }
}

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
            return Err(TapeError::UnsafeInteger(v.to_string()));
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
            return Err(TapeError::UnsafeInteger(v.to_string()));
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
    fn serialize_bytes(self, v: &[u8]) -> Result {
        let start = self.out.bytes.len() as u32;
        self.out
            .words
            .extend_from_slice(&[BYTES, start, v.len() as u32]);
        self.out.bytes.extend_from_slice(v);
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
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
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
        Ok(())
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
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::{Value, json};

    use super::*;

    /// The decoder of `ts/tape.ts`, in Rust: `undefined` as the text "<undefined>", bytes as
    /// `{"bytes": [...]}`.
    fn decode(encoded: &Encoded) -> Value {
        let strings: Vec<u16> = encoded.strings.encode_utf16().collect();
        let mut at = 0;
        let value = read(&encoded.words, &mut at, &strings, &encoded.bytes);
        assert_eq!(at, encoded.words.len(), "trailing words");
        value
    }

    fn read(words: &[u32], at: &mut usize, strings: &[u16], bytes: &[u8]) -> Value {
        let mut next = || {
            *at += 1;
            words[*at - 1] as usize
        };
        let text =
            |start: usize, len: usize| String::from_utf16(&strings[start..start + len]).unwrap();
        match next() as u32 {
            UNDEFINED => json!("<undefined>"),
            FALSE => json!(false),
            TRUE => json!(true),
            UINT => json!(next()),
            NUMBER => {
                let (lo, hi) = (next() as u64, next() as u64);
                json!(f64::from_bits(hi << 32 | lo))
            }
            STRING => {
                let (start, len) = (next(), next());
                json!(text(start, len))
            }
            BYTES => {
                let (start, len) = (next(), next());
                json!({ "bytes": bytes[start..start + len] })
            }
            ARRAY => {
                let n = next();
                Value::Array((0..n).map(|_| read(words, at, strings, bytes)).collect())
            }
            OBJECT => {
                let n = next();
                let mut object = serde_json::Map::new();
                for _ in 0..n {
                    *at += 1;
                    let key = match words[*at - 1] {
                        DYNAMIC_KEY => {
                            *at += 2;
                            text(words[*at - 2] as usize, words[*at - 1] as usize)
                        }
                        id => key_name(id).unwrap().to_owned(),
                    };
                    object.insert(key, read(words, at, strings, bytes));
                }
                Value::Object(object)
            }
            other => panic!("unknown word {other}"),
        }
    }

    #[derive(Serialize)]
    struct Sample<'a> {
        name: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        missing: Option<u8>,
        #[serde(with = "serde_bytes")]
        der: &'a [u8],
        list: Vec<f64>,
        flag: bool,
    }

    #[test]
    fn structs_arrays_numbers_and_bytes_round_trip() {
        let sample = Sample {
            name: "é1",
            skipped: None,
            missing: None,
            der: &[1, 2, 3],
            list: vec![7.0, -1.5, 4_294_967_296.0, 0.25],
            flag: true,
        };
        assert_eq!(
            decode(&encode(&sample).unwrap()).to_string(),
            json!({
                "name": "é1", "missing": "<undefined>", "der": { "bytes": [1, 2, 3] },
                "list": [7, -1.5, 4_294_967_296.0, 0.25], "flag": true,
            })
            .to_string()
        );
        // Field names are ids after the first use; the same name, the same id.
        let first = encode(&sample).unwrap();
        assert_eq!(first, encode(&sample).unwrap());
    }

    #[test]
    fn integers_beyond_2_pow_53_are_refused_not_rounded() {
        let safe = MAX_SAFE_INTEGER;
        assert_eq!(decode(&encode(&safe).unwrap()), json!(safe as f64));
        assert_eq!(
            decode(&encode(&-(safe as i64)).unwrap()),
            json!(-(safe as f64))
        );
        let refused = [
            encode(&(safe + 1)),
            encode(&u64::MAX),
            encode(&(safe as i64 + 1)),
            encode(&-(safe as i64 + 1)),
            encode(&i64::MIN),
            encode(&vec![Some(1u64), Some(u64::MAX)]),
        ];
        for result in refused {
            assert!(
                matches!(result, Err(TapeError::UnsafeInteger(_))),
                "{result:?}"
            );
        }
        assert_eq!(
            encode(&i64::MIN),
            Err(TapeError::UnsafeInteger("-9223372036854775808".into()))
        );
        // Floats are numbers already: they cross as they are.
        assert_eq!(decode(&encode(&1e300).unwrap()), json!(1e300));
    }

    #[test]
    fn map_keys_are_text_and_offsets_count_utf16_units() {
        let map = BTreeMap::from([("a😀".to_string(), "x"), ("b".to_string(), "ÿ")]);
        let buffer = encode(&map).unwrap();
        assert_eq!(decode(&buffer), json!({ "a😀": "x", "b": "ÿ" }));
        // "a😀" is 3 UTF-16 units (the emoji is a surrogate pair), so "x" starts at 3.
        let words = &buffer.words;
        let expected = [
            OBJECT,
            2,
            DYNAMIC_KEY,
            0,
            3,
            STRING,
            3,
            1,
            DYNAMIC_KEY,
            4,
            1,
            STRING,
            5,
            1,
        ];
        assert_eq!(words, &expected);
        assert!(encode(&BTreeMap::from([(vec![1u8], 1)])).is_err());
    }

    #[test]
    fn enums_are_tagged_as_serde_json_tags_them() {
        #[derive(Serialize)]
        #[serde(tag = "type", rename_all = "camelCase")]
        enum Tagged {
            Basic { ca: bool },
        }
        #[derive(Serialize)]
        enum External {
            Pair(u8, u8),
            Unit,
            Wrapped(String),
            Fields { a: u8 },
        }
        let cases = [
            (
                encode(&Tagged::Basic { ca: false }),
                json!({ "type": "basic", "ca": false }),
            ),
            (encode(&External::Pair(1, 2)), json!({ "Pair": [1, 2] })),
            (encode(&External::Unit), json!("Unit")),
            (
                encode(&External::Wrapped("w".into())),
                json!({ "Wrapped": "w" }),
            ),
            (
                encode(&External::Fields { a: 3 }),
                json!({ "Fields": { "a": 3 } }),
            ),
            (encode(&()), json!("<undefined>")),
        ];
        for (buffer, expected) in cases {
            assert_eq!(decode(&buffer.unwrap()), expected);
        }
    }
}
