#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: panics are failures

//! The shared vectors of tests/vectors (one case per rule row of REMOTE-APIS.md) against the
//! core; the JS suite runs the same files against the built package.

use std::fs;
use std::path::{Path, PathBuf};

use certkit::api::halo::{self, GrpcurlOptions, Method};
use certkit::api::{alloydb, json_input};
use certkit::encoding;
use serde_json::{Value, json};

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

fn fixture(name: &str) -> String {
    fs::read_to_string(vectors_dir().join("fixtures").join(name)).unwrap()
}

/// Replaces "$fixture:NAME", "$base64:NAME" and "$concat:A,B" strings, recursively.
fn resolve(value: &Value) -> Value {
    match value {
        Value::String(s) if s.starts_with("$fixture:") => Value::String(fixture(&s[9..])),
        Value::String(s) if s.starts_with("$base64:") => {
            let text = fixture(&s[8..]);
            let (_, blocks) = encoding::decode_blocks(text.as_bytes()).unwrap();
            Value::String(encoding::base64_encode(&blocks[0].der))
        }
        Value::String(s) if s.starts_with("$concat:") => {
            Value::String(s[8..].split(',').map(fixture).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(resolve).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), resolve(v))).collect())
        }
        other => other.clone(),
    }
}

/// Problems reduced to what the vectors state, sorted.
fn shape(problems: &Value) -> Vec<String> {
    let mut out: Vec<String> = problems
        .as_array()
        .unwrap()
        .iter()
        .map(|p| json!({ "code": p["code"], "status": p["status"], "field": p["field"], "severity": p["severity"] }).to_string())
        .collect();
    out.sort();
    out
}

/// `halo.check<Method>Request`, by the core's method table.
fn halo_method(function: &str) -> Option<Method> {
    function
        .strip_prefix("halo.check")?
        .strip_suffix("Request")
        .and_then(Method::from_name)
}

/// Runs one case; returns the result as JSON with at least `problems`.
fn run(function: &str, args: &[Value]) -> Value {
    let text = |i: usize| args.get(i).and_then(Value::as_str);
    match function {
        "alloydb.checkGenerateClientCertificateRequest" => {
            json!({ "problems": alloydb::check_generate_client_certificate_request(&args[0]) })
        }
        "alloydb.checkGenerateClientCertificateResponse" => {
            let options: alloydb::ResponseCheckOptions =
                serde_json::from_value(args[1].clone()).unwrap();
            match json_input(&args[0]) {
                Ok(response) => serde_json::to_value(
                    alloydb::check_generate_client_certificate_response(&response, &options)
                        .unwrap(),
                )
                .unwrap(),
                Err(problem) => json!({ "ok": false, "problems": [problem] }),
            }
        }
        "halo.checkRevocationTransition" => {
            json!({ "problems": halo::check_revocation_transition(text(0), text(1)) })
        }
        "halo.checkReleaseHold" => json!({ "problems": halo::check_release_hold(text(0)) }),
        other => {
            let method = halo_method(other).unwrap_or_else(|| panic!("no runner for {other}"));
            let options: GrpcurlOptions = serde_json::from_value(args[1].clone()).unwrap();
            json!({ "problems": halo::check_request(method, &args[0], &options) })
        }
    }
}

#[test]
fn every_vector_holds() {
    let mut files: Vec<PathBuf> = fs::read_dir(vectors_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut count = 0;
    for file in &files {
        let doc: Value = serde_json::from_str(&fs::read_to_string(file).unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            count += 1;
            let function = case["function"]
                .as_str()
                .or(doc["function"].as_str())
                .unwrap();
            let args: Vec<Value> = case["args"]
                .as_array()
                .unwrap()
                .iter()
                .map(resolve)
                .collect();
            let result = run(function, &args);
            let rule = case["rule"].as_str().unwrap();
            if shape(&result["problems"]) != shape(&case["expect"]) {
                failures.push(format!(
                    "{}: {rule}: got {}",
                    file.display(),
                    result["problems"]
                ));
            }
            for (key, expected) in case["report"].as_object().into_iter().flatten() {
                if &result[key] != expected {
                    failures.push(format!(
                        "{}: {rule}: {key} is {} not {expected}",
                        file.display(),
                        result[key]
                    ));
                }
            }
        }
    }
    assert!(count > 100, "only {count} vectors found");
    assert!(
        failures.is_empty(),
        "{} of {count} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
