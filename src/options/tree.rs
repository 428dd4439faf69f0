//! The value tree an options or request object is copied into before it is decoded. It holds
//! what the caller gave, which may be a private key or a passphrase, so every text and byte
//! value is zeroized when the tree is dropped.

use zeroize::Zeroize;

/// A JSON-like value read from the caller. Depth is at most [`super::MAX_DEPTH`], so the
/// recursive `Drop` and the decoder never go deep.
#[derive(Debug, PartialEq)]
pub enum OptionValue {
    /// `null`, or `undefined` inside an array (as `JSON.stringify` writes it).
    Null,
    Bool(bool),
    Number(f64),
    /// A JavaScript `bigint`, as decimal text.
    BigInt(String),
    Text(String),
    /// A `Uint8Array` or `ArrayBuffer`.
    Bytes(Vec<u8>),
    Array(Vec<OptionValue>),
    /// Properties in the caller's order; `undefined` properties are left out.
    Object(Vec<(String, OptionValue)>),
}

impl Drop for OptionValue {
    fn drop(&mut self) {
        match self {
            Self::Text(text) => text.zeroize(),
            Self::Bytes(bytes) => bytes.zeroize(),
            _ => {}
        }
    }
}

impl OptionValue {
    /// The same value as `serde_json::Value`, for the request bodies the core reads as JSON.
    /// Bytes become arrays of numbers and bigints their decimal text (proto3 JSON's int64).
    /// Only for request objects: the copy is not zeroized.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Self::Null => Value::Null,
            Self::Bool(b) => Value::Bool(*b),
            Self::Number(n) => number_json(*n),
            Self::BigInt(text) | Self::Text(text) => Value::String(text.clone()),
            Self::Bytes(bytes) => Value::Array(bytes.iter().map(|&b| Value::from(b)).collect()),
            Self::Array(items) => Value::Array(items.iter().map(Self::to_json).collect()),
            Self::Object(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(key, value)| (key.clone(), value.to_json()))
                    .collect(),
            ),
        }
    }
}

/// Whole numbers within ±2^53 as integers (as JavaScript means them); others as floats;
/// NaN and the infinities as `null`, as `JSON.stringify` writes them.
fn number_json(n: f64) -> serde_json::Value {
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        serde_json::Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, serde_json::Value::Number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_of_every_kind() {
        let tree = OptionValue::Object(vec![
            ("a".into(), OptionValue::Number(3.0)),
            ("b".into(), OptionValue::Number(1.5)),
            ("c".into(), OptionValue::Number(f64::NAN)),
            (
                "d".into(),
                OptionValue::BigInt("18446744073709551616".into()),
            ),
            ("e".into(), OptionValue::Bytes(vec![1, 2])),
            (
                "f".into(),
                OptionValue::Array(vec![OptionValue::Null, OptionValue::Bool(true)]),
            ),
        ]);
        assert_eq!(
            tree.to_json().to_string(),
            r#"{"a":3,"b":1.5,"c":null,"d":"18446744073709551616","e":[1,2],"f":[null,true]}"#
        );
    }
}
