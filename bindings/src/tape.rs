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
//! - `DIGEST kind start len`: a string the decoder makes, the digest of those bytes of the byte
//!   table (`DIGEST_*` says which digest and text); written only while the module is asked to
//!   hand over output digests (`deferDigests`, which sets `certkit::output_digest::set_deferred`
//!   around each tape: the Node entry, whose native SHA is several times faster than SHA in
//!   wasm), never otherwise
//! - `ARRAY n` then n values; `OBJECT n` then n × (key, value)
//! - `SHAPED shape` then, for each key of the shape, (key, value): a struct, whose field-name
//!   ids in order are a shape (`shape_keys(id)`), numbered as first met and never changed, so
//!   that a decoder can make each shape's objects one way (Node: an object literal per shape)
//! - a key is a field-name id below `DYNAMIC_KEY` (`key_name(id)` gives its text, which the
//!   decoder caches), or `DYNAMIC_KEY start len` for map keys.
//!
//! A 64-bit integer beyond ±(2^53 − 1) is refused (`Refusal::UnsafeInteger`), never rounded:
//! a JavaScript number would silently hold a different value. The word values are declared
//! once, in `words!` below; `ts/generated/tape-words.ts` is written from them.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;

use certkit::output_digest::OutputDigest;
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
    DIGEST = 9;
    SHAPED = 10;
    DYNAMIC_KEY = u32::MAX;
    // What a `DIGEST` word's first operand says the text is (values apart from the words, so
    // that a tape read out of step fails at once).
    DIGEST_SHA1_HEX = 16;
    DIGEST_SHA256_HEX = 17;
    DIGEST_SHA256_BASE64 = 18;
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

/// Encodes `value` as a tape into new buffers (the tests' way; the exports reuse buffers).
#[cfg(test)]
pub fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Encoded, TapeError> {
    encode_reusing(value, Encoded::default())
}

/// Buffers larger than this (a CRL of many thousand entries) are let go rather than kept
/// for the next tape.
const KEPT_BYTES: usize = 1 << 20;

/// [`encode`] into the buffers of an earlier tape, cleared: a parse then allocates none of
/// them (they were ~10 % of a typical certificate's wasm call, with their growth).
pub fn encode_reusing<T: Serialize + ?Sized>(
    value: &T,
    mut buffers: Encoded,
) -> Result<Encoded, TapeError> {
    if buffers.words.capacity() * 4 + buffers.strings.capacity() + buffers.bytes.capacity()
        > KEPT_BYTES
    {
        buffers = Encoded::default();
    }
    buffers.words.clear();
    buffers.strings.clear();
    buffers.bytes.clear();
    buffers.words.reserve(2048);
    buffers.strings.reserve(2048);
    buffers.bytes.reserve(4096);
    KEYS.with(|keys| {
        let keys = &mut *keys.borrow_mut();
        // A tape that failed part-way may have left open structs' ids behind.
        keys.open_keys.clear();
        let mut tape = Tape {
            out: buffers,
            strings_utf16: 0,
            keys,
            digest: None,
            large_runs: [(0, 0, false); 4],
            next_run: 0,
        };
        value.serialize(&mut tape)?;
        Ok(tape.out)
    })
}

/// The text of a field-name id, for the decoder's cache.
pub fn key_name(id: u32) -> Option<&'static str> {
    KEYS.with(|keys| keys.borrow().names.get(id as usize).copied())
}

/// `a == b` eight bytes at a time: wasm's `memcmp` goes byte by byte, and comparing a
/// certificate's DER with the run already written was ~5 % of a parse.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (a_words, b_words) = (a.chunks_exact(8), b.chunks_exact(8));
    let tails_equal = a_words.remainder() == b_words.remainder();
    tails_equal
        && a_words.zip(b_words).all(|(x, y)| {
            // `chunks_exact(8)`: every chunk is eight bytes, so the conversions cannot fail.
            u64::from_ne_bytes(x.try_into().unwrap_or_default())
                == u64::from_ne_bytes(y.try_into().unwrap_or_default())
        })
}

/// A value the tape cannot hold. Boxed: the serializer's code is instantiated per model type,
/// and each copy moves its `Result`s.
#[derive(Debug, PartialEq, Eq)]
pub struct TapeError(pub Box<Refusal>);

/// Why the tape refused a value.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// An integer beyond ±(2^53 − 1), in decimal: a JavaScript number would round it.
    UnsafeInteger(String),
    /// Anything else: a map key that is not text, a serde error.
    Other(String),
}

impl TapeError {
    #[inline(never)]
    fn unsafe_integer(value: String) -> Self {
        Self(Box::new(Refusal::UnsafeInteger(value)))
    }

    #[inline(never)]
    fn other(message: &str) -> Self {
        Self(Box::new(Refusal::Other(message.into())))
    }
}

impl fmt::Display for TapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            Refusal::UnsafeInteger(value) => {
                write!(f, "the integer {value} is not exact in JavaScript")
            }
            Refusal::Other(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for TapeError {}

impl ser::Error for TapeError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Self::other(&message.to_string())
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
    /// The field-name ids of the structs being written, innermost last.
    open_keys: Vec<u32>,
    shapes: Vec<Box<[u32]>>,
    shape_ids: HashMap<Box<[u32]>, u32>,
    /// (FNV-1a of a shape's ids, its id): answers nearly every lookup without SipHash.
    recent_shapes: Vec<(u32, u32)>,
}

const RECENT_BITS: u32 = 10;
const RECENT_SLOTS: usize = 1 << RECENT_BITS;

impl KeyTable {
    fn id(&mut self, name: &'static str) -> u32 {
        let address = name.as_ptr() as usize;
        // Fibonacci hashing of address and length: the literals sit side by side in the data
        // section, and mixing only their low bits left colliding pairs that missed every call.
        let mixed =
            (address as u64 ^ (name.len() as u64) << 40).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let slot = (mixed >> (64 - RECENT_BITS)) as usize;
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

const RECENT_SHAPES: usize = 256;

impl KeyTable {
    /// Closes the struct whose field-name ids start at `from` of `open_keys`: the id of its
    /// shape, made when first met.
    fn close_shape(&mut self, from: usize) -> u32 {
        let id = self.shape_id(from);
        self.open_keys.truncate(from);
        id
    }

    fn shape_id(&mut self, from: usize) -> u32 {
        let keys = &self.open_keys[from..];
        let hash = keys.iter().fold(0x811c_9dc5_u32, |hash, &id| {
            (hash ^ id).wrapping_mul(0x0100_0193)
        });
        if self.recent_shapes.is_empty() {
            self.recent_shapes = vec![(0, u32::MAX); RECENT_SHAPES];
        }
        let slot = hash as usize % RECENT_SHAPES;
        let (cached, id) = self.recent_shapes[slot];
        if cached == hash && self.shapes.get(id as usize).is_some_and(|s| **s == *keys) {
            return id;
        }
        let id = match self.shape_ids.get(keys) {
            Some(&id) => id,
            None => {
                let id = self.shapes.len() as u32;
                self.shapes.push(keys.into());
                self.shape_ids.insert(keys.into(), id);
                id
            }
        };
        self.recent_shapes[slot] = (hash, id);
        id
    }
}

/// The field-name ids of a shape, in order, for the decoder's cache.
pub fn shape_keys(id: u32) -> Option<Vec<u32>> {
    KEYS.with(|keys| keys.borrow().shapes.get(id as usize).map(|s| s.to_vec()))
}

thread_local! {
    static KEYS: RefCell<KeyTable> = RefCell::new(KeyTable::default());
}

struct Tape<'k> {
    out: Encoded,
    /// Length of the string table in UTF-16 units, the offsets JavaScript strings use.
    strings_utf16: u32,
    keys: &'k mut KeyTable,
    /// Set while a deferred output digest's bytes are being serialized: they become a `DIGEST`.
    digest: Option<u32>,
    /// The last few large byte runs written (start, length, only a digest's so far): a
    /// certificate's DER is digested twice and output once, and is copied into the table once.
    large_runs: [(u32, u32, bool); 4],
    next_run: usize,
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

    /// [`Self::string`] of a value's `Display` text, written in place.
    fn written_string<T: fmt::Display + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        let start = self.out.strings.len();
        fmt::Write::write_fmt(&mut self.out.strings, format_args!("{value}"))
            .map_err(|_| TapeError::other("a value could not be written as text"))?;
        let text = self.out.strings.get(start..).unwrap_or_default();
        let units = if text.is_ascii() {
            text.len()
        } else {
            text.encode_utf16().count()
        } as u32;
        self.out
            .words
            .extend_from_slice(&[STRING, self.strings_utf16, units]);
        self.strings_utf16 += units;
        Ok(())
    }

    /// A newtype struct's name may say that its bytes are a deferred output digest: the bytes
    /// are then written as a `DIGEST` (`end_newtype` checks that they were). Not generic, so
    /// that the serializer's per-type code stays as small as before.
    #[inline(never)]
    fn begin_newtype(&mut self, name: &'static str) -> bool {
        self.digest = OutputDigest::from_deferred_name(name).map(|kind| match kind {
            OutputDigest::Sha1Hex => DIGEST_SHA1_HEX,
            OutputDigest::Sha256Hex => DIGEST_SHA256_HEX,
            OutputDigest::Sha256Base64 => DIGEST_SHA256_BASE64,
        });
        self.digest.is_some()
    }

    #[inline(never)]
    fn end_newtype(&mut self, digest: bool) -> Result<(), TapeError> {
        if digest && self.digest.take().is_some() {
            return Err(TapeError::other("a deferred digest without its bytes"));
        }
        Ok(())
    }

    /// Writes `v` into the byte table and returns where it starts, or where the same bytes
    /// already are. Bytes output as `BYTES` become a view of their own: they share a run only
    /// with a digest's bytes, which are never seen by JavaScript as bytes.
    fn byte_run(&mut self, v: &[u8], for_digest: bool) -> u32 {
        const LARGE: usize = 32;
        if v.len() >= LARGE {
            for run in &mut self.large_runs {
                let (start, len, digest_only) = *run;
                let same = len as usize == v.len()
                    && (for_digest || digest_only)
                    && same_bytes(&self.out.bytes[start as usize..][..v.len()], v);
                if same {
                    run.2 &= for_digest;
                    return start;
                }
            }
        }
        let start = self.out.bytes.len() as u32;
        self.out.bytes.extend_from_slice(v);
        if v.len() >= LARGE {
            self.large_runs[self.next_run] = (start, v.len() as u32, for_digest);
            self.next_run = (self.next_run + 1) % self.large_runs.len();
        }
        start
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
        let keys_from = self.keys.open_keys.len();
        Container {
            tape: self,
            count_at,
            keys_from,
        }
    }
}

/// An array or object being written.
pub struct Container<'a, 'k> {
    tape: &'a mut Tape<'k>,
    count_at: usize,
    /// Where this struct's field-name ids start in `KeyTable::open_keys`.
    keys_from: usize,
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
        self.static_key(key);
        self.item(value)
    }

    /// A field's name: its id in the words and among the open struct's. Out of line: every
    /// field of every model type calls it.
    #[inline(never)]
    fn static_key(&mut self, key: &'static str) {
        let id = self.tape.keys.id(key);
        self.tape.out.words.push(id);
        self.tape.keys.open_keys.push(id);
    }

    /// A struct's end: its `OBJECT n` header becomes `SHAPED shape`.
    #[inline(never)]
    fn end_struct(self) -> Result<(), TapeError> {
        let shape = self.tape.keys.close_shape(self.keys_from);
        self.tape.out.words[self.count_at - 1] = SHAPED;
        self.tape.out.words[self.count_at] = shape;
        Ok(())
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
            _ => Err(TapeError::other("a map key must be text")),
        }
    }
}

mod serializer;

#[cfg(test)]
mod tests;
