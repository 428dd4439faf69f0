//! The deserializer's error, and serde's messages put in a JavaScript caller's words: what was
//! expected and what was given, never the value itself.

use std::fmt;

use serde::de::{self, Unexpected};

use super::Path;
use crate::error::ErrorKind;

/// What went wrong and where. Boxed, as [`crate::Error`] is: serde's code is instantiated
/// per option type, each with its own `Result<_, DeError>` moves.
#[derive(Debug)]
pub struct DeError(Box<DeErrorDetail>);

/// What a [`DeError`] holds; `field` is set by the innermost value that knows its path.
#[derive(Debug)]
pub struct DeErrorDetail {
    pub field: Option<String>,
    pub reason: String,
    /// A reason of its own (`INVALID_TIME`) rather than `INVALID_OPTIONS`.
    pub kind: Option<ErrorKind>,
}

impl std::ops::Deref for DeError {
    type Target = DeErrorDetail;

    fn deref(&self) -> &DeErrorDetail {
        &self.0
    }
}

impl std::ops::DerefMut for DeError {
    fn deref_mut(&mut self) -> &mut DeErrorDetail {
        &mut self.0
    }
}

impl DeError {
    pub(super) fn new(detail: DeErrorDetail) -> Self {
        Self(Box::new(detail))
    }

    /// What the error holds, taken out of it.
    pub fn into_detail(self) -> DeErrorDetail {
        *self.0
    }

    /// Not generic, so that serde's many `custom` calls share this code.
    pub(super) fn from_message(reason: String) -> Self {
        Self::new(DeErrorDetail {
            field: None,
            reason,
            kind: None,
        })
    }

    pub(super) fn at(mut self, path: &Path<'_>) -> Self {
        if self.field.is_none() {
            self.field = Some(path.to_string());
        }
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self::from_message(msg.to_string())
    }

    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Self::custom(format_args!(
            "expected {}, got {}",
            plain_expected(&expected.to_string()),
            plain_unexpected(unexpected)
        ))
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Self::custom(format_args!(
            "{} is not {}",
            plain_unexpected(unexpected),
            plain_expected(&expected.to_string())
        ))
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Self::custom(format_args!(
            "`{}` is not one of {}",
            shortened(variant),
            quoted_list(expected)
        ))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Self::custom(format_args!(
            "`{}` is not an option here (check the spelling); the options are {}",
            shortened(field),
            quoted_list(expected)
        ))
    }

    fn missing_field(field: &'static str) -> Self {
        Self::custom(format_args!("`{field}` is required"))
    }
}

/// What a serde expectation means to a JavaScript caller (serde speaks of Rust types).
fn plain_expected(expected: &str) -> String {
    let text = match expected {
        "a string" | "a borrowed string" | "a character" => "a string",
        "a boolean" => "true or false",
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number of at least 0",
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number",
        "f32" | "f64" => "a number",
        "a sequence" | "a borrowed byte array" | "byte array" => "an array",
        "option" | "unit" => "null",
        _ if expected.starts_with("struct ") || expected.starts_with("a map") => "an object",
        _ if expected.starts_with("enum ") || expected.starts_with("variant ") => {
            "one of the accepted names"
        }
        _ if expected.starts_with("internally tagged enum ") => "an object with its tag field",
        _ => expected,
    };
    text.to_owned()
}

fn plain_unexpected(unexpected: Unexpected<'_>) -> String {
    match unexpected {
        Unexpected::Bool(b) => format!("{b}"),
        Unexpected::Unsigned(n) => format!("the number {n}"),
        Unexpected::Signed(n) => format!("the number {n}"),
        Unexpected::Float(n) => plain_float(n),
        Unexpected::Char(_) | Unexpected::Str(_) => "a string".to_owned(),
        Unexpected::Bytes(_) => "bytes".to_owned(),
        Unexpected::Unit | Unexpected::Option => "null".to_owned(),
        Unexpected::Seq => "an array".to_owned(),
        Unexpected::Map
        | Unexpected::Enum
        | Unexpected::StructVariant
        | Unexpected::NewtypeStruct
        | Unexpected::TupleVariant => "an object".to_owned(),
        Unexpected::UnitVariant | Unexpected::NewtypeVariant => "a name".to_owned(),
        Unexpected::Other(what) => what.to_owned(),
    }
}

/// A JavaScript number, whole ones as they are, the others said without printing them: the
/// caller sees the field, and printing an `f64` is ~15 kB of wasm (core's float formatting,
/// which nothing else uses).
fn plain_float(n: f64) -> String {
    if n.is_nan() {
        "NaN".to_owned()
    } else if n.is_infinite() {
        "an infinite number".to_owned()
    } else if n.fract() != 0.0 {
        "a number with a fractional part".to_owned()
    } else if n.abs() < 9_007_199_254_740_992.0 {
        // Exact: a whole number within ±2^53 is an i64.
        format!("the number {}", n as i64)
    } else {
        "a number beyond ±2^53".to_owned()
    }
}

/// The accepted names or fields, each quoted.
fn quoted_list(names: &[&str]) -> String {
    if names.is_empty() {
        return "none".to_owned();
    }
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The caller's own text in a message, cut short: it is never a secret's place, but may be one.
fn shortened(text: &str) -> String {
    const MAX: usize = 40;
    match text.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", text.get(..end).unwrap_or_default()),
        None => text.to_owned(),
    }
}
