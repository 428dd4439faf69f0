//! Digests that are only output (certificate fingerprints, SPKI pins). They are written as text,
//! or, while a serializer that digests faster itself asks for it (`set_deferred`: the wasm
//! edge's tape for the Node entry, where Node's native SHA is several times faster than SHA in
//! wasm), handed to the serializer as the bytes to digest, under a newtype-struct name that
//! serializer knows (`OutputDigest::from_deferred_name`). Other serializers never see them.

use std::cell::Cell;
use std::fmt;

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

    /// The digest of `bytes` as text.
    pub fn text(self, bytes: &[u8]) -> String {
        DigestText(self, bytes).to_string()
    }

    /// Serializes the digest of `bytes` as text, or, while deferred, the bytes themselves.
    pub fn serialize<S: Serializer>(self, bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        if DEFERRED.get() {
            return serializer
                .serialize_newtype_struct(self.deferred_name(), serde_bytes::Bytes::new(bytes));
        }
        serializer.collect_str(&DigestText(self, bytes))
    }
}

/// The text of a digest of some bytes, written when displayed.
struct DigestText<'a>(OutputDigest, &'a [u8]);

impl fmt::Display for DigestText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            OutputDigest::Sha1Hex => Hex(&Sha1::digest(self.1)).fmt(f),
            OutputDigest::Sha256Hex => Hex(&Sha256::digest(self.1)).fmt(f),
            OutputDigest::Sha256Base64 => {
                let mut text = [0u8; 44];
                let written = base64::engine::general_purpose::STANDARD
                    .encode_slice(Sha256::digest(self.1), &mut text)
                    .map_err(|_| fmt::Error)?;
                // Base64 is ASCII: the check cannot fail.
                f.write_str(std::str::from_utf8(&text[..written]).map_err(|_| fmt::Error)?)
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
        let before = set_deferred(true);
        let deferred = serde_json::to_value(Digested(OutputDigest::Sha1Hex, b"ab"));
        set_deferred(before);
        assert_eq!(deferred.unwrap(), serde_json::json!([97, 98]));
        assert!(!DEFERRED.get(), "set back");
        for (name, kind) in DEFERRED_NAMES {
            assert_eq!(OutputDigest::from_deferred_name(name), Some(kind));
            assert_eq!(kind.deferred_name(), name);
        }
        assert_eq!(OutputDigest::from_deferred_name("Fingerprints"), None);
    }
}
