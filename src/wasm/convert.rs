//! Conversions between JavaScript values and the core's inputs and outputs.

use js_sys::{ArrayBuffer, Uint8Array};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{Error, ErrorKind, GrpcStatus, Problem};

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
    to_js(&payload).unwrap_or_else(|_| JsValue::from_str(error.code()))
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

/// A core result as a JavaScript value, or the thrown error. Exports name the TypeScript type
/// with `unchecked_return_type`; the type itself is declared by tsify from the Rust model.
pub fn output<T: Serialize>(result: crate::Result<T>) -> Result<JsValue, JsValue> {
    to_js(&result.map_err(error_to_js)?)
}

/// Serializes for JavaScript: maps as plain objects, bytes as Uint8Array.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value.serialize(&serializer).map_err(|e| {
        error_to_js_plain(ErrorKind::Internal {
            reason: format!("serializing the result: {e}"),
        })
    })
}

/// Deserializes an options or request object; the core's types refuse unknown fields.
pub fn from_js<T: DeserializeOwned>(value: JsValue, field: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        let kind = ErrorKind::InvalidOptions { reason: e.to_string() };
        error_to_js(Error::new(kind).at(field))
    })
}

fn error_to_js_plain(kind: ErrorKind) -> JsValue {
    let error = Error::new(kind);
    let message = error.kind.to_string();
    JsValue::from_str(&message)
}
