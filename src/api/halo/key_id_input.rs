//! Subject key identifiers as people paste them: hex (with or without colons), base64, or bytes.

use serde_json::Value;

use crate::encoding::decode_base64;

/// An SKI as hex (with or without colons), base64, or bytes; `None` when it is none of them
/// or empty.
pub fn key_identifier_bytes(value: &Value) -> Option<Vec<u8>> {
    match value {
        Value::String(text) => {
            let compact = text.replace(':', "");
            if compact.len() % 2 == 0
                && !compact.is_empty()
                && compact.bytes().all(|b| b.is_ascii_hexdigit())
            {
                return hex::decode(compact).ok();
            }
            decode_base64(text.as_bytes())
                .ok()
                .map(|b| b.to_vec())
                .filter(|b| !b.is_empty())
        }
        Value::Array(items) => items
            .iter()
            .map(|b| b.as_u64().and_then(|b| u8::try_from(b).ok()))
            .collect::<Option<Vec<u8>>>()
            .filter(|b| !b.is_empty()),
        _ => None,
    }
}
