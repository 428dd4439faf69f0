//! Conversions between JavaScript values and the core's inputs and outputs.

use js_sys::{ArrayBuffer, Uint8Array};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

use crate::tape;
use certkit::error::{Error, ErrorKind, GrpcStatus, Problem};

/// What crosses to JavaScript when a call fails.
#[derive(Serialize)]
struct ErrorPayload<'a> {
    code: &'static str,
    status: GrpcStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    message: String,
    problems: Vec<Problem>,
}

/// The thrown value for a core error.
pub fn error_to_js(error: Error) -> JsValue {
    let payload = ErrorPayload {
        code: error.code(),
        status: error.status(),
        field: error.field.as_deref(),
        message: error.kind.to_string(),
        problems: error.all_problems(),
    };
    tape_to_js(&payload).unwrap_or_else(|_| JsValue::from_str(error.code()))
}

/// Bytes of a `string | Uint8Array | ArrayBuffer` argument.
pub fn input_bytes(value: &JsValue, field: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = value.as_string() {
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
    value.as_string().ok_or_else(|| {
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
        let kind = match e {
            tape::TapeError::UnsafeInteger(value) => ErrorKind::UnsafeInteger { value },
            other => ErrorKind::Internal {
                reason: format!("serializing the result: {other}"),
            },
        };
        error_to_js(Error::new(kind))
    })
}

fn tape_to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, tape::TapeError> {
    let encoded = tape::encode(value)?;
    let out = js_sys::Array::new_with_length(3);
    out.set(
        0,
        js_sys::Uint32Array::from(encoded.words.as_slice()).into(),
    );
    out.set(1, JsValue::from_str(&encoded.strings));
    out.set(2, Uint8Array::from(encoded.bytes.as_slice()).into());
    Ok(out.into())
}

/// Deserializes an options or request object. It goes through JSON so that the core's
/// `deny_unknown_fields` holds (serde-wasm-bindgen reads only the fields it knows), and the
/// error names the path of the bad field.
pub fn from_js<T: DeserializeOwned>(value: JsValue, field: &str) -> Result<T, JsValue> {
    let mut json = js_to_json(&value);
    let result = serde_path_to_error::deserialize(&json);
    wipe(&mut json); // options may carry private keys and passphrases
    result.map_err(|e| {
        let path = e.path().to_string();
        let at = if path == "." {
            field.to_owned()
        } else {
            format!("{field}.{path}")
        };
        let kind = ErrorKind::InvalidOptions {
            reason: e.into_inner().to_string(),
        };
        error_to_js(Error::new(kind).at(at))
    })
}

/// Overwrites every string and number in a JSON tree before it is dropped.
fn wipe(value: &mut serde_json::Value) {
    use zeroize::Zeroize;
    match value {
        serde_json::Value::String(text) => text.zeroize(),
        serde_json::Value::Array(items) => items.iter_mut().for_each(wipe),
        serde_json::Value::Object(map) => map.values_mut().for_each(wipe),
        other => *other = serde_json::Value::Null,
    }
}

/// A JavaScript value as JSON: `Uint8Array` and `ArrayBuffer` become arrays of byte values
/// (which `serde_bytes` fields accept), `undefined` properties are left out, `bigint` becomes
/// its decimal string.
pub fn js_to_json(value: &JsValue) -> serde_json::Value {
    use serde_json::Value;
    if value.is_null() || value.is_undefined() {
        return Value::Null;
    }
    if let Some(b) = value.as_bool() {
        return Value::Bool(b);
    }
    if let Some(n) = value.as_f64() {
        let integral = n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0;
        return if integral {
            Value::from(n as i64)
        } else {
            serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
        };
    }
    if let Some(text) = value.as_string() {
        return Value::String(text);
    }
    if value.is_bigint() {
        return Value::String(
            js_sys::BigInt::from(value.clone())
                .to_string(10)
                .map(String::from)
                .unwrap_or_default(),
        );
    }
    let bytes = value
        .dyn_ref::<Uint8Array>()
        .map(Uint8Array::to_vec)
        .or_else(|| {
            value
                .dyn_ref::<ArrayBuffer>()
                .map(|b| Uint8Array::new(b).to_vec())
        });
    if let Some(bytes) = bytes {
        return Value::Array(bytes.into_iter().map(Value::from).collect());
    }
    if js_sys::Array::is_array(value) {
        return Value::Array(
            js_sys::Array::from(value)
                .iter()
                .map(|v| js_to_json(&v))
                .collect(),
        );
    }
    if value.is_object() {
        let mut map = serde_json::Map::new();
        for entry in js_sys::Object::entries(value.unchecked_ref()).iter() {
            let pair = js_sys::Array::from(&entry);
            let item = pair.get(1);
            if let (Some(key), false) = (pair.get(0).as_string(), item.is_undefined()) {
                map.insert(key, js_to_json(&item));
            }
        }
        return Value::Object(map);
    }
    Value::Null
}
