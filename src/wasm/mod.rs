//! The JavaScript edge: each export converts its arguments, calls the core, converts the result.
//! Errors cross as plain objects `{code, status, field, message, problems}` that the TypeScript
//! layer turns into `CertkitError`. Nothing here decides anything.

mod api;
mod convert;
mod inspect;
mod keys;

/// Bytes of certkit's WebAssembly memory. It grows on demand and never shrinks, so a value that
/// stops changing after warm-up means nothing leaks across the boundary.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65_536) as f64
}
