//! JavaScript strings into Rust `String`s. wasm-bindgen's own conversion copies a string's ASCII
//! prefix one character at a time in a JavaScript loop, 4–6 µs for a 1.9 kB PEM certificate, a
//! tenth of its whole parse; `TextEncoder.encodeInto` does the same in ~0.3 µs. Long strings (PEM
//! text, bundles, keys) therefore go through `encodeInto` into a scratch buffer that is wiped
//! after every copy; short ones (option values) keep wasm-bindgen's way, which is cheaper for them.

use std::cell::RefCell;

use js_sys::{Function, JsString, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

/// Strings from this many UTF-16 units on take the `encodeInto` path.
const LONG_TEXT: u32 = 256;
/// The scratch buffer is kept between calls up to this size; larger texts use one of their own.
const KEPT_SCRATCH: u32 = 1 << 20;

struct Encoder {
    encoder: JsValue,
    encode_into: Function,
    read: JsValue,
    written: JsValue,
    scratch: Uint8Array,
}

thread_local! {
    /// `None` where the engine has no `TextEncoder` (then wasm-bindgen's way is used).
    static ENCODER: RefCell<Option<Encoder>> = RefCell::new(Encoder::new());
}

impl Encoder {
    fn new() -> Option<Self> {
        let constructor: Function =
            Reflect::get(&js_sys::global(), &JsValue::from_str("TextEncoder"))
                .ok()?
                .dyn_into()
                .ok()?;
        let encoder = Reflect::construct(&constructor, &js_sys::Array::new()).ok()?;
        let encode_into = Reflect::get(&encoder, &JsValue::from_str("encodeInto"))
            .ok()?
            .dyn_into()
            .ok()?;
        Some(Self {
            encoder,
            encode_into,
            read: JsValue::from_str("read"),
            written: JsValue::from_str("written"),
            scratch: Uint8Array::new_with_length(0),
        })
    }

    /// `text` as UTF-8 (lone surrogates as U+FFFD, as wasm-bindgen also writes them). `None`
    /// sends the caller back to wasm-bindgen's way.
    fn encode(&mut self, text: &JsString) -> Option<String> {
        let units = text.length();
        // UTF-8 takes at most 3 bytes per UTF-16 unit.
        let needed = units.checked_mul(3)?;
        let own;
        let scratch = if needed <= KEPT_SCRATCH {
            if self.scratch.length() < needed {
                self.scratch = Uint8Array::new_with_length(needed.next_power_of_two());
            }
            &self.scratch
        } else {
            // A large text gets a buffer of its own, sized for ASCII (PEM, base64): three times
            // its length could be far more than the input cap. Text that does not fit is not
            // ASCII, and takes wasm-bindgen's way.
            own = Uint8Array::new_with_length(units);
            &own
        };
        let copied = self.copy_out(text, units, scratch);
        // The text may be a private key: no copy of it stays in the scratch buffer, whatever
        // happened above.
        scratch.fill(0, 0, needed.min(scratch.length()));
        copied
    }

    /// `encodeInto` into `scratch`, then the bytes into wasm memory; `None` unless the whole
    /// text fitted.
    fn copy_out(&self, text: &JsString, units: u32, scratch: &Uint8Array) -> Option<String> {
        let result = self.encode_into.call2(&self.encoder, text, scratch).ok()?;
        let read = Reflect::get(&result, &self.read).ok()?.as_f64()? as u32;
        let written = Reflect::get(&result, &self.written).ok()?.as_f64()? as u32;
        if read != units {
            return None;
        }
        let mut bytes = vec![0; written as usize];
        scratch.subarray(0, written).copy_to(&mut bytes);
        String::from_utf8(bytes).ok()
    }
}

/// A JavaScript string's text; `None` when `value` is not a string.
pub fn js_text(value: &JsValue) -> Option<String> {
    let text = value.dyn_ref::<JsString>()?;
    if text.length() < LONG_TEXT {
        return value.as_string();
    }
    ENCODER
        .with_borrow_mut(|encoder| encoder.as_mut().and_then(|e| e.encode(text)))
        .or_else(|| value.as_string())
}
