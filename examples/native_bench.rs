//! The native limit for the benchmarks in `bench/`: how fast the same Rust core parses when it
//! is not compiled to WebAssembly and no JavaScript object is built.
//!
//! `cargo run --release --example native_bench -- <iterations> <rounds> <file>...`
//!
//! For each file (PEM or DER; a file with several certificates goes through
//! `parse_certificates`) it times, per round, `iterations` parses alone and `iterations`
//! parses each followed by `serde_json::to_string` (a complete output, as the wasm edge builds
//! one). Prints JSON: per file the ns/op of every round for both.

use std::hint::black_box;
use std::time::Instant;

use certkit::x509::{parse_certificate, parse_certificates};
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FileResult {
    file: String,
    certificates: usize,
    parse_ns: Vec<f64>,
    parse_serialize_ns: Vec<f64>,
    json_bytes: usize,
}

/// One parse and, when `serialize`, its JSON; returns the JSON length so nothing is dropped.
fn work(bytes: &[u8], many: bool, serialize: bool) -> Result<usize, String> {
    if many {
        let certificates = parse_certificates(black_box(bytes)).map_err(|e| e.to_string())?;
        to_json(black_box(&certificates), serialize)
    } else {
        let certificate = parse_certificate(black_box(bytes)).map_err(|e| e.to_string())?;
        to_json(black_box(&certificate), serialize)
    }
}

fn to_json<T: Serialize>(value: &T, serialize: bool) -> Result<usize, String> {
    if !serialize {
        return Ok(0);
    }
    serde_json::to_string(value)
        .map(|s| black_box(s).len())
        .map_err(|e| e.to_string())
}

fn ns_per_op(
    iterations: u32,
    mut op: impl FnMut() -> Result<usize, String>,
) -> Result<f64, String> {
    let start = Instant::now();
    for _ in 0..iterations {
        black_box(op()?);
    }
    Ok(start.elapsed().as_nanos() as f64 / f64::from(iterations))
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: native_bench <iterations> <rounds> <file>...";
    let [iterations, rounds, files @ ..] = args.as_slice() else {
        return Err(usage.into());
    };
    let iterations: u32 = iterations.parse().map_err(|_| usage)?;
    let rounds: u32 = rounds.parse().map_err(|_| usage)?;
    let mut results = Vec::new();
    for file in files {
        let bytes = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
        let certificates = parse_certificates(&bytes)
            .map_err(|e| format!("{file}: {e}"))?
            .len();
        let many = certificates > 1;
        let json_bytes = work(&bytes, many, true)?;
        ns_per_op(iterations / 10 + 1, || work(&bytes, many, true))?; // warm caches and branch predictors
        let mut result = FileResult {
            file: file.clone(),
            certificates,
            parse_ns: vec![],
            parse_serialize_ns: vec![],
            json_bytes,
        };
        for _ in 0..rounds {
            result
                .parse_ns
                .push(ns_per_op(iterations, || work(&bytes, many, false))?);
            result
                .parse_serialize_ns
                .push(ns_per_op(iterations, || work(&bytes, many, true))?);
        }
        results.push(result);
    }
    println!(
        "{}",
        serde_json::to_string(&results).map_err(|e| e.to_string())?
    );
    Ok(())
}

fn main() {
    if let Err(message) = run() {
        eprintln!("native_bench: {message}");
        std::process::exit(2);
    }
}
