//! Conversions between JavaScript values and the core's inputs and outputs.

use std::cell::RefCell;

use js_sys::{ArrayBuffer, Uint8Array};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

use super::text::js_text;
use crate::tape;
use certkit::error::{Error, ErrorKind, FieldPath, GrpcStatus, Problem};
use certkit::options::{self, Kind, Source};

/// What crosses to JavaScript when a call fails.
#[derive(Serialize)]
struct ErrorPayload {
    code: &'static str,
    status: GrpcStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<FieldPath>,
    message: String,
    problems: Vec<Problem>,
}

/// The thrown value for a core error. Cold and out of line: every export's error path.
#[cold]
#[inline(never)]
pub fn error_to_js(error: Error) -> JsValue {
    let code = error.code();
    let payload = ErrorPayload {
        code,
        status: error.status(),
        field: error.field.clone(),
        message: error.kind.to_string(),
        problems: error.into_problems(),
    };
    tape_to_js(&payload).unwrap_or_else(|_| JsValue::from_str(code))
}

/// Bytes of a `string | Uint8Array | ArrayBuffer` argument.
pub fn input_bytes(value: &JsValue, field: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = js_text(value) {
        return Ok(text.into_bytes());
    }
    if let Some(array) = value.dyn_ref::<Uint8Array>() {
        return Ok(array.to_vec());
    }
    if let Some(buffer) = value.dyn_ref::<ArrayBuffer>() {
        return Ok(Uint8Array::new(buffer).to_vec());
    }
    let kind = ErrorKind::InvalidInputType {
        expected: "a string, Uint8Array or ArrayBuffer",
    };
    Err(error_to_js(Error::new(kind).at(field)))
}

/// A `string` argument; anything else is `INVALID_INPUT_TYPE` at `field` (wasm-bindgen's own
/// `String` parameters would throw a bare `TypeError` instead).
pub fn text_arg(value: &JsValue, field: &str) -> Result<String, JsValue> {
    js_text(value).ok_or_else(|| {
        let kind = ErrorKind::InvalidInputType {
            expected: "a string",
        };
        error_to_js(Error::new(kind).at(field))
    })
}

/// A `string | undefined` argument; `null` counts as absent.
pub fn optional_text_arg(value: &JsValue, field: &str) -> Result<Option<String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    text_arg(value, field).map(Some)
}

/// A core result as a JavaScript tape (see `crate::tape`), or the thrown error. Exports name
/// the TypeScript type with `unchecked_return_type = "Tape<T>"`; `ts/tape.ts` decodes it.
pub fn output<T: Serialize>(result: certkit::Result<T>) -> Result<JsValue, JsValue> {
    to_js(&result.map_err(error_to_js)?)
}

/// `value` as a tape: `[words: Uint32Array, strings: string, bytes: Uint8Array]`; a value the
/// tape refuses (an integer JavaScript would round) is the thrown error.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    tape_to_js(value).map_err(|e| {
        let kind = match *e.0 {
            tape::Refusal::UnsafeInteger(value) => ErrorKind::UnsafeInteger { value },
            tape::Refusal::Other(message) => ErrorKind::Internal {
                reason: format!("serializing the result: {message}"),
            },
        };
        error_to_js(Error::new(kind))
    })
}

thread_local! {
    /// The last tape's buffers: its words are what the caller's decoder reads, in place, and
    /// the next tape reuses all three.
    static LAST_TAPE: RefCell<tape::Encoded> = RefCell::default();
}

/// `[words offset, words count, strings, bytes]`: the words stay in wasm memory, where
/// `ts/tape.ts` reads them at once through a view (`u32` offset into `tapeMemory().buffer`);
/// they are valid until the next call into this module, which reuses the buffer. A copy of
/// them was ~5 % of a typical certificate's parse. Strings and bytes are copied out: results
/// keep them.
fn tape_to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, tape::TapeError> {
    let buffers = LAST_TAPE.take();
    // wasm32-unknown-unknown aborts on panic (no unwinding): setting back after the call is enough.
    let before = certkit::output_digest::set_deferred(super::common::digests_deferred());
    let encoded = tape::encode_reusing(value, buffers);
    certkit::output_digest::set_deferred(before);
    let encoded = encoded?;
    Ok(encoded_to_js(encoded))
}

/// The part of `tape_to_js` that does not depend on the result's type, kept out of line so that
/// every export does not carry its own copy.
#[inline(never)]
fn encoded_to_js(encoded: tape::Encoded) -> JsValue {
    let out = js_sys::Array::new_with_length(4);
    // wasm32 addresses are 32-bit; a `Vec<u32>` is 4-aligned.
    out.set(0, JsValue::from(encoded.words.as_ptr() as usize as u32 / 4));
    out.set(1, JsValue::from(encoded.words.len() as u32));
    out.set(2, JsValue::from_str(&encoded.strings));
    out.set(3, Uint8Array::from(encoded.bytes.as_slice()).into());
    // Moving the `Vec`s leaves their heap buffers where they are.
    LAST_TAPE.set(encoded);
    out.into()
}

/// Deserializes an options object (or an argument such as `chain` or `method`) into the core's
/// typed options. The caller's value is copied with an explicit stack (depth cap, cycle check,
/// budgets: `certkit::options`), then decoded by certkit's own serde `Deserializer`, so
/// `deny_unknown_fields` holds and every error names the field. The copy is zeroized.
pub fn from_js<T: DeserializeOwned>(value: JsValue, field: &str) -> Result<T, JsValue> {
    options::read(&mut JsSource, value, field).map_err(error_to_js)
}

/// A request object (or JSON text) as JSON for the core's request checks, read the same
/// guarded way; `field` is `""` so that paths read as the request's own (`certificate.x509Der`).
pub fn js_to_json(value: &JsValue, field: &str) -> certkit::Result<serde_json::Value> {
    let tree = options::read_tree(&mut JsSource, value.clone(), field)?;
    Ok(tree.to_json())
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    // The `catch` forms: a revoked proxy, a throwing getter or trap becomes an `Err`, never an
    // exception unwinding through wasm frames.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(js_namespace = ArrayBuffer, js_name = isView)]
    fn is_view(value: &JsValue) -> bool;
    /// `Object.prototype.toString.call(value)`: `[object Object]` for plain objects and class
    /// instances, `[object Map]` and so on for built-ins.
    #[wasm_bindgen(catch, js_namespace = ["Object", "prototype", "toString"], js_name = call)]
    fn object_tag(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// What to call a built-in object in a message.
fn built_in(tag: &str) -> &'static str {
    match tag {
        "[object Date]" => "a Date (give an RFC 3339 string where a time is wanted)",
        "[object Map]" => "a Map (give a plain object)",
        "[object Set]" => "a Set (give an array)",
        "[object Promise]" => "a Promise (await it first)",
        _ => "a built-in object that is not a plain object",
    }
}

/// JavaScript values as a `certkit::options::Source`.
struct JsSource;

impl Source for JsSource {
    type Node = JsValue;

    fn kind(&mut self, value: &JsValue, budget: usize) -> Kind {
        if value.is_undefined() {
            return Kind::Absent;
        }
        if value.is_null() {
            return Kind::Null;
        }
        if let Some(b) = value.as_bool() {
            return Kind::Bool(b);
        }
        if let Some(n) = value.as_f64() {
            return Kind::Number(n);
        }
        if value.is_bigint() {
            let text = js_sys::BigInt::from(value.clone()).to_string(10);
            return text.map_or(Kind::Threw, |t| Kind::BigInt(t.into()));
        }
        if let Some(text) = value.dyn_ref::<js_sys::JsString>() {
            // UTF-8 is never shorter than UTF-16: a string this long cannot fit.
            let units = text.length() as usize;
            if units > budget {
                return Kind::TooLarge(units);
            }
            return js_text(value).map_or(Kind::Threw, Kind::Text);
        }
        if value.is_symbol() {
            return Kind::Unsupported("a symbol");
        }
        if value.is_function() {
            return Kind::Unsupported("a function");
        }
        if let Some(array) = value.dyn_ref::<Uint8Array>() {
            return sized_bytes(array, budget);
        }
        if let Some(buffer) = value.dyn_ref::<ArrayBuffer>() {
            return sized_bytes(&Uint8Array::new(buffer), budget);
        }
        if is_view(value) {
            return Kind::Unsupported("a typed array other than Uint8Array (or a DataView)");
        }
        match is_array(value) {
            Err(_) => return Kind::Threw,
            Ok(true) => {
                let length = js_sys::Reflect::get(value, &JsValue::from_str("length"));
                return match length.ok().and_then(|l| l.as_f64()) {
                    Some(n) if n >= 0.0 => Kind::Array(n as usize),
                    _ => Kind::Threw,
                };
            }
            Ok(false) => {}
        }
        if value.is_object() {
            // A Map, Date or other built-in would read as `{}`: refused, never silently empty.
            match object_tag(value)
                .ok()
                .and_then(|tag| tag.as_string())
                .as_deref()
            {
                Some("[object Object]") => {}
                Some(tag) => return Kind::Unsupported(built_in(tag)),
                None => return Kind::Threw,
            }
            return match object_keys(value) {
                Ok(keys) => Kind::Object(keys.iter().filter_map(|k| k.as_string()).collect()),
                Err(_) => Kind::Threw,
            };
        }
        Kind::Unsupported("a value of an unknown type")
    }

    fn item(&mut self, array: &JsValue, index: usize) -> Option<JsValue> {
        js_sys::Reflect::get(array, &JsValue::from_f64(index as f64)).ok()
    }

    fn property(&mut self, object: &JsValue, key: &str) -> Option<JsValue> {
        js_sys::Reflect::get(object, &JsValue::from_str(key)).ok()
    }

    fn same(&mut self, a: &JsValue, b: &JsValue) -> bool {
        js_sys::Object::is(a, b)
    }
}

fn sized_bytes(array: &Uint8Array, budget: usize) -> Kind {
    let size = array.length() as usize;
    if size > budget {
        return Kind::TooLarge(size);
    }
    Kind::Bytes(array.to_vec())
}
