//! Options and request objects from a dynamic host (JavaScript) into the core's typed options.
//!
//! Two steps, neither recursive on what the caller shaped: [`read_tree`] copies the caller's
//! value into an [`OptionValue`] tree with an explicit stack (depth cap, cycle detection,
//! budgets; every refusal is `INVALID_OPTIONS` or `INPUT_TOO_LARGE` with the field path), and
//! [`decode`] runs serde over that tree with its own small `Deserializer`, which tracks the
//! path of every value so that a wrong field is named (`options.issuer.privateKey`). The tree
//! zeroizes its text and bytes when dropped: options carry private keys and passphrases.
//!
//! The host side (`src/wasm/convert.rs`) only implements [`Source`] for `JsValue`; the fuzz
//! target `options` implements it for a synthetic graph with cycles and shared nodes.

mod de;
#[doc(hidden)]
pub mod graph;
mod tree;
mod walk;

pub use tree::OptionValue;
pub use walk::{Kind, MAX_BYTES, MAX_DEPTH, MAX_VALUES, Source, read_tree};

use serde::de::DeserializeOwned;

use crate::error::{Error, ErrorKind, Result};

/// Decodes a tree into `T`; `field` is the tree's own path (`options`, `chain`).
pub fn decode<T: DeserializeOwned>(value: &OptionValue, field: &str) -> Result<T> {
    let root = de::Path::Root(field);
    T::deserialize(de::ValueDeserializer { value, path: &root }).map_err(|e| {
        let e = e.into_detail();
        let field = e.field.unwrap_or_else(|| root.to_string());
        Error::new(
            e.kind
                .unwrap_or(ErrorKind::InvalidOptions { reason: e.reason }),
        )
        .at(field)
    })
}

/// [`read_tree`], then [`decode`].
pub fn read<S: Source, T: DeserializeOwned>(
    source: &mut S,
    root: S::Node,
    field: &str,
) -> Result<T> {
    decode(&read_tree(source, root, field)?, field)
}

#[cfg(test)]
mod tests;
