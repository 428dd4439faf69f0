//! Exports for inspecting certificates, CSRs, chains and key identifiers.

use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use super::convert::{from_js, input_bytes, output};
use certkit::inspect;
use certkit::x509::{self, ChainInput, KeyIdMethod, VerifyChainOptions};

#[wasm_bindgen(js_name = parseCertificate, unchecked_return_type = "Tape<Certificate>")]
pub fn parse_certificate(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
) -> Result<JsValue, JsValue> {
    output(x509::parse_certificate(&input_bytes(&input, "input")?))
}

#[wasm_bindgen(js_name = parseCertificates, unchecked_return_type = "Tape<Certificate[]>")]
pub fn parse_certificates(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
) -> Result<JsValue, JsValue> {
    output(x509::parse_certificates(&input_bytes(&input, "input")?))
}

#[wasm_bindgen(js_name = parseCsr, unchecked_return_type = "Tape<CertificateRequest>")]
pub fn parse_csr(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
) -> Result<JsValue, JsValue> {
    output(x509::parse_csr(&input_bytes(&input, "input")?))
}

#[wasm_bindgen(unchecked_return_type = "Tape<Inspection>")]
pub fn inspect(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "InspectOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options: inspect::InspectOptions = from_js(options, "options")?;
    let bytes = Zeroizing::new(input_bytes(&input, "input")?);
    output(inspect::inspect_with(&bytes, &options))
}

#[wasm_bindgen(js_name = verifyChain, unchecked_return_type = "Tape<ChainReport>")]
pub fn verify_chain(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | (string | Uint8Array)[]")]
    chain: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyChainOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let chain: ChainInput = from_js(chain, "chain")?;
    let options: VerifyChainOptions = from_js(options, "options")?;
    output(x509::verify_chain_input(&chain, &options))
}

#[wasm_bindgen(js_name = subjectKeyIdentifier)]
pub fn subject_key_identifier(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "KeyIdMethod")] method: JsValue,
) -> Result<String, JsValue> {
    let method: KeyIdMethod = from_js(method, "method")?;
    let bytes = Zeroizing::new(input_bytes(&key, "key")?);
    x509::subject_key_identifier(&bytes, method).map_err(super::convert::error_to_js)
}

#[wasm_bindgen(js_name = keyIdentifiers, unchecked_return_type = "Tape<KeyIdentifiers>")]
pub fn key_identifiers(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] key: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = Zeroizing::new(input_bytes(&key, "key")?);
    output(x509::all_key_identifiers(&bytes))
}

#[wasm_bindgen(js_name = identifyKeyIdMethod, unchecked_return_type = "Tape<KeyIdMethod | \"unknown\">")]
pub fn identify_key_id_method(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] certificate: JsValue,
) -> Result<JsValue, JsValue> {
    let method = x509::identify_key_id_method(&input_bytes(&certificate, "certificate")?);
    output(method.map(|m| m.map_or("unknown", KeyIdMethod::as_str)))
}
