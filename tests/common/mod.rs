//! Helpers the integration tests share: reading the committed vectors and the code of an error.
// Each test crate compiles this module on its own and uses only part of it.
#![allow(dead_code, clippy::unwrap_used)]

use std::fs;
use std::path::Path;

/// A file under tests/vectors.
pub fn vector(path: &str) -> Vec<u8> {
    fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/vectors")
            .join(path),
    )
    .unwrap()
}

/// A text file under tests/vectors/fixtures.
pub fn fixture(name: &str) -> String {
    String::from_utf8(vector(&format!("fixtures/{name}"))).unwrap()
}

/// The code of the error a call must have returned.
pub fn code<T: std::fmt::Debug>(result: certkit::Result<T>) -> &'static str {
    result.unwrap_err().code()
}
