//! The lean module of `certkit/inspect`: the reading exports of the whole package, compiled from
//! the same files (`bindings/src/tape.rs`, `bindings/src/wasm/{common,convert,crl,inspect,text}.rs`),
//! so both modules give the same results by construction. Everything else the core can do is
//! left out by the linker because nothing here calls it.

#[cfg(target_arch = "wasm32")]
#[path = "../../src"]
mod shared {
    // `WORDS` is read only by the whole package's TypeScript generator.
    #[allow(dead_code)]
    pub mod tape;
}
#[cfg(target_arch = "wasm32")]
use shared::tape;

#[cfg(target_arch = "wasm32")]
#[path = "../../src/wasm"]
mod wasm {
    mod common;
    // The whole package's argument helpers for options and texts that no reading export takes.
    #[allow(dead_code)]
    mod convert;
    mod crl;
    mod inspect;
    mod text;
}
