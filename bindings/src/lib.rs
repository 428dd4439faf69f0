//! certkit's JavaScript edge. The core (`certkit`) speaks PKI in plain Rust; this crate is the
//! only one that knows JavaScript: `wasm/` holds the `#[wasm_bindgen]` exports (convert in, call
//! the core, convert out) and `tape` the encoding results cross the boundary in.
//!
//! Only `tape` compiles natively, so that `cargo test` covers it; the exports exist on wasm32.

#[doc(hidden)]
pub mod tape;
/// TypeScript generated from Rust declarations; only its drift tests use it.
#[cfg(test)]
mod typescript;

#[cfg(target_arch = "wasm32")]
mod wasm;
