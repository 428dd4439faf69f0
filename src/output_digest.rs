//! Digests that are only output (certificate fingerprints, SPKI pins). They are written as text,
//! or, while a caller that digests faster itself asks for it (`with_deferred_digests`: the Node
//! entry, where Node's native SHA is several times faster than SHA in wasm), handed to the
//! serializer as the bytes to digest, under a newtype-struct name that serializer knows
//! (`OutputDigest::from_deferred_name`). Serializers that do not ask never see those names.

use std::cell::Cell;

use base64::Engine;
use serde::Serializer;
use sha1::Sha1;
use sha2::{Digest, Sha256};

use crate::encoding::Hex;

/// A digest and the text it is output as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputDigest {
    Sha1Hex,
    Sha256Hex,
    Sha256Base64,
}

const DEFERRED_NAMES: [(&str, OutputDigest); 3] = [
    ("$certkit::digest::sha1-hex", OutputDigest::Sha1Hex),
    ("$certkit::digest::sha256-hex", OutputDigest::Sha256Hex),
    (
        "$certkit::digest::sha256-base64",
        OutputDigest::Sha256Base64,
    ),
];

impl OutputDigest {
    /// The digest a deferred newtype-struct name stands for.
    pub fn from_deferred_name(name: &str) -> Option<Self> {
        if !name.starts_with('$') {
            return None;
        }
        DEFERRED_NAMES
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, kind)| *kind)
    }

    fn deferred_name(self) -> &'static str {
        match self {
            Self::Sha1Hex => DEFERRED_NAMES[0].0,
            Self::Sha256Hex => DEFERRED_NAMES[1].0,
            Self::Sha256Base64 => DEFERRED_NAMES[2].0,
        }
    }

    /// Serializes the digest of `bytes` as text, or, while deferred, the bytes themselves.
    pub fn serialize<S: Serializer>(self, bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        if DEFERRED.get() {
            return serializer
                .serialize_newtype_struct(self.deferred_name(), serde_bytes::Bytes::new(bytes));
        }
        match self {
            Self::Sha1Hex => serializer.collect_str(&Hex(&Sha1::digest(bytes))),
            Self::Sha256Hex => serializer.collect_str(&Hex(&Sha256::digest(bytes))),
            Self::Sha256Base64 => {
                let mut text = [0u8; 44];
                let written = base64::engine::general_purpose::STANDARD
                    .encode_slice(Sha256::digest(bytes), &mut text)
                    .unwrap_or(0);
                // Base64 is ASCII: the check cannot fail.
                serializer.serialize_str(std::str::from_utf8(&text[..written]).unwrap_or_default())
            }
        }
    }
}

/// `bytes` serialized as their `OutputDigest`.
pub struct Digested<'a>(pub OutputDigest, pub &'a [u8]);

impl serde::Serialize for Digested<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(self.1, serializer)
    }
}

thread_local! {
    static DEFERRED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `serialize` with output digests handed over as bytes when `deferred` (the module's doc
/// says to whom), as text otherwise.
pub fn with_deferred_digests<R>(deferred: bool, serialize: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            set_deferred(self.0);
        }
    }
    let _restore = Restore(set_deferred(deferred));
    serialize()
}

/// Sets whether digests are deferred and returns what was set. Out of line: every result
/// type's export calls it, and inlined it would be copied into each.
#[inline(never)]
pub fn set_deferred(deferred: bool) -> bool {
    DEFERRED.replace(deferred)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_are_text_unless_deferred() {
        let text = serde_json::to_value(Digested(OutputDigest::Sha256Base64, b"abc")).unwrap();
        assert_eq!(text, "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
        let hex = serde_json::to_value(Digested(OutputDigest::Sha1Hex, b"abc")).unwrap();
        assert_eq!(hex, "a9993e364706816aba3e25717850c26c9cd0d89d");
        // Deferred, serde_json (which knows no such names) writes the newtype's bytes.
        let deferred = with_deferred_digests(true, || {
            serde_json::to_value(Digested(OutputDigest::Sha1Hex, b"ab"))
        });
        assert_eq!(deferred.unwrap(), serde_json::json!([97, 98]));
        assert!(!DEFERRED.get(), "restored");
        for (name, kind) in DEFERRED_NAMES {
            assert_eq!(OutputDigest::from_deferred_name(name), Some(kind));
            assert_eq!(kind.deferred_name(), name);
        }
        assert_eq!(OutputDigest::from_deferred_name("Fingerprints"), None);
    }
}
