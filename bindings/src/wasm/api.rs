//! Exports for the AlloyDB and Halo request builders and checks. The TypeScript layer groups
//! them into the `alloydb` and `halo` namespaces.

use getrandom::SysRng;
use rand_core::UnwrapErr;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::convert::{
    error_to_js, from_js, input_bytes, js_to_json, optional_text_arg, output, text_arg,
};
use certkit::api::halo::{self, GrpcurlOptions, Method, SummaryOptions};
use certkit::api::{alloydb, json_input};
use certkit::error::{Error, ErrorKind, Problem};
use certkit::time::UnixTime;

/// A request input as JSON; JSON text is parsed. A parse failure is itself a problem.
fn request_json(input: &JsValue) -> Result<Value, Problem> {
    let value = js_to_json(input, "").map_err(|e| as_json_error(e).into_problem())?;
    json_input(&value).map(std::borrow::Cow::into_owned)
}

/// A request that cannot be read (a cycle, too deep, a throwing getter) is `INVALID_JSON`: it
/// is a message body, not options.
fn as_json_error(error: Error) -> Error {
    match &error.kind {
        ErrorKind::InvalidOptions { reason } => {
            let field = error.field.clone().unwrap_or_else(|| "$".into());
            Error::new(ErrorKind::InvalidJson {
                reason: reason.clone(),
            })
            .at(field)
        }
        _ => error,
    }
}

/// A `now` argument (RFC 3339 text; the TypeScript layer fills in the current time), as
/// options objects read theirs.
fn now_arg(text: &str) -> Result<UnixTime, JsValue> {
    certkit::time::parse_rfc3339(text).map_err(|e| error_to_js(e.at("now")))
}

fn problems_or(
    input: &JsValue,
    check: impl FnOnce(&Value) -> Vec<Problem>,
) -> Result<JsValue, JsValue> {
    let problems = match request_json(input) {
        Ok(value) => check(&value),
        Err(problem) => vec![problem],
    };
    output(Ok(problems))
}

fn built_or<T: serde::Serialize>(
    input: &JsValue,
    build: impl FnOnce(&Value) -> certkit::Result<T>,
) -> Result<JsValue, JsValue> {
    let value = request_json(input).map_err(|p| {
        error_to_js(Error::from_problems(vec![p]).unwrap_or_else(|| ErrorKind::EmptyInput.into()))
    })?;
    output(build(&value))
}

#[wasm_bindgen(js_name = alloydbCheckRequest, unchecked_return_type = "Tape<Problem[]>")]
pub fn alloydb_check_request(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> Result<JsValue, JsValue> {
    problems_or(&input, alloydb::check_generate_client_certificate_request)
}

#[wasm_bindgen(js_name = alloydbBuildRequest, unchecked_return_type = "Tape<HttpRequest>")]
pub fn alloydb_build_request(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> Result<JsValue, JsValue> {
    built_or(&input, |v| {
        alloydb::build_generate_client_certificate_request(v, &mut UnwrapErr(SysRng))
    })
}

#[wasm_bindgen(js_name = alloydbCheckResponse, unchecked_return_type = "Tape<ResponseReport>")]
pub fn alloydb_check_response(
    #[wasm_bindgen(unchecked_param_type = "unknown")] response: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ResponseCheckOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options: alloydb::ResponseCheckOptions = from_js(options, "options")?;
    let report = match request_json(&response) {
        Ok(value) => alloydb::check_generate_client_certificate_response(&value, &options),
        Err(problem) => Ok(alloydb::ResponseReport::unreadable(problem)),
    };
    output(report)
}

/// A random version 4 UUID, as `requestId: "generate"` makes one.
#[wasm_bindgen(js_name = alloydbGenerateRequestId)]
pub fn alloydb_generate_request_id() -> String {
    alloydb::random_uuid(&mut UnwrapErr(SysRng))
}

#[wasm_bindgen(js_name = alloydbNextRefresh)]
pub fn alloydb_next_refresh(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] leaf: JsValue,
    now: String,
) -> Result<String, JsValue> {
    let cert = certkit::x509::parse_certificate(&input_bytes(&leaf, "leaf")?)
        .map_err(|e| error_to_js(e.at("leaf")))?;
    let now = now_arg(&now)?;
    Ok(alloydb::next_refresh(cert.not_after, now).to_string())
}

#[wasm_bindgen(js_name = haloParseName, unchecked_return_type = "Tape<HaloName>")]
pub fn halo_parse_name(
    #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
) -> Result<JsValue, JsValue> {
    output(halo::parse_name(&text_arg(&name, "name")?, "name"))
}

fn method(name: &str) -> Result<Method, JsValue> {
    Method::from_name(name).ok_or_else(|| {
        error_to_js(
            ErrorKind::InvalidOptions {
                reason: format!("unknown method {name}"),
            }
            .into(),
        )
    })
}

#[wasm_bindgen(js_name = haloCheckRequest, unchecked_return_type = "Tape<Problem[]>")]
pub fn halo_check_request(
    method_name: String,
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "GrpcurlOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let method = method(&method_name)?;
    let options: GrpcurlOptions = from_js(options, "options")?;
    problems_or(&input, |v| halo::check_request(method, v, &options))
}

#[wasm_bindgen(js_name = haloBuildRequest, unchecked_return_type = "Tape<RpcRequest>")]
pub fn halo_build_request(
    method_name: String,
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "GrpcurlOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let method = method(&method_name)?;
    let options: GrpcurlOptions = from_js(options, "options")?;
    built_or(&input, |v| halo::build_request(method, v, &options))
}

#[wasm_bindgen(js_name = haloCheckRevocationTransition, unchecked_return_type = "Tape<Problem[]>")]
pub fn halo_check_revocation_transition(
    #[wasm_bindgen(unchecked_param_type = "string | undefined")] current: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | undefined")] requested: JsValue,
) -> Result<JsValue, JsValue> {
    let current = optional_text_arg(&current, "current")?;
    let requested = optional_text_arg(&requested, "requested")?;
    output(Ok(halo::check_revocation_transition(
        current.as_deref(),
        requested.as_deref(),
    )))
}

#[wasm_bindgen(js_name = haloCheckReleaseHold, unchecked_return_type = "Tape<Problem[]>")]
pub fn halo_check_release_hold(
    #[wasm_bindgen(unchecked_param_type = "string | undefined")] current: JsValue,
) -> Result<JsValue, JsValue> {
    let current = optional_text_arg(&current, "current")?;
    output(Ok(halo::check_release_hold(current.as_deref())))
}

#[wasm_bindgen(js_name = haloPreferredCertificate)]
pub fn halo_preferred_certificate(
    certificates: JsValue,
    now: String,
) -> Result<Option<u32>, JsValue> {
    let now = now_arg(&now)?;
    let list = match js_to_json(&certificates, "certificates").map_err(error_to_js)? {
        Value::Array(list) => list,
        _ => {
            return Err(error_to_js(
                Error::new(ErrorKind::InvalidFieldType {
                    expected: "an array of certificates",
                })
                .at("certificates"),
            ));
        }
    };
    Ok(halo::preferred_certificate(&list, now).map(|i| i as u32))
}

#[wasm_bindgen(js_name = haloSummarizeCertificates, unchecked_return_type = "Tape<CertificateStatus[]>")]
pub fn halo_summarize_certificates(
    #[wasm_bindgen(unchecked_param_type = "unknown")] list_response: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SummaryOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options: SummaryOptions = from_js(options, "options")?;
    let response = request_json(&list_response).map_err(|p| {
        error_to_js(Error::from_problems(vec![p]).unwrap_or_else(|| ErrorKind::EmptyInput.into()))
    })?;
    output(halo::summarize_certificates(&response, &options))
}

/// Takes the integer as decimal text, so that no JavaScript bigint is silently wrapped.
#[wasm_bindgen(js_name = haloEncodeApiId)]
pub fn halo_encode_api_id(decimal: String) -> Result<String, JsValue> {
    let value = decimal.parse::<u64>().map_err(|_| {
        error_to_js(
            Error::new(ErrorKind::ApiIdOutOfRange {
                value: decimal.chars().take(30).collect(),
            })
            .at("n"),
        )
    })?;
    halo::encode_api_id(value).map_err(|e| error_to_js(e.at("n")))
}

#[wasm_bindgen(js_name = haloDecodeApiId)]
pub fn halo_decode_api_id(
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
) -> Result<u64, JsValue> {
    halo::decode_api_id(&text_arg(&id, "id")?).map_err(|e| error_to_js(e.at("id")))
}
