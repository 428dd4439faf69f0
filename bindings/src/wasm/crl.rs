//! Exports for certificate revocation lists.

use wasm_bindgen::prelude::*;

use super::convert::{from_js, input_bytes, output};
use certkit::x509::{self, ParseCrlOptions};

#[wasm_bindgen(js_name = parseCrl, unchecked_return_type = "Tape<Crl>")]
pub fn parse_crl(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ParseCrlOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options: ParseCrlOptions = from_js(options, "options")?;
    output(x509::parse_crl(&input_bytes(&input, "input")?, &options))
}
