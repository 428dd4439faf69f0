//! Exports for inspecting certificates.

use wasm_bindgen::prelude::*;

use super::convert::{input_bytes, output};
use crate::x509;

#[wasm_bindgen(js_name = parseCertificate, unchecked_return_type = "Certificate")]
pub fn parse_certificate(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
) -> Result<JsValue, JsValue> {
    output(x509::parse_certificate(&input_bytes(&input, "input")?))
}

#[wasm_bindgen(js_name = parseCertificates, unchecked_return_type = "Certificate[]")]
pub fn parse_certificates(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
) -> Result<JsValue, JsValue> {
    output(x509::parse_certificates(&input_bytes(&input, "input")?))
}
