//! Exports for PKCS#12 files: write one from a key and its certificates, read one with its
//! passphrase.

use getrandom::SysRng;
use rand_core::UnwrapErr;
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use super::convert::{from_js, input_bytes, output, text_arg};
use certkit::pkcs12::{self, ExportPkcs12Options};

#[wasm_bindgen(js_name = exportPkcs12, unchecked_return_type = "Tape<Uint8Array>")]
pub fn export_pkcs12(
    #[wasm_bindgen(unchecked_param_type = "ExportPkcs12Options")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options: ExportPkcs12Options = from_js(options, "options")?;
    let der = pkcs12::export_pkcs12(&options, &mut UnwrapErr(SysRng));
    output(der.map(serde_bytes::ByteBuf::from))
}

#[wasm_bindgen(js_name = parsePkcs12, unchecked_return_type = "Tape<Pkcs12Contents>")]
pub fn parse_pkcs12(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] passphrase: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = input_bytes(&input, "input")?;
    let passphrase = Zeroizing::new(text_arg(&passphrase, "passphrase")?);
    output(pkcs12::parse_pkcs12(&bytes, &passphrase))
}
