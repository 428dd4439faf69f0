//! Exports every certkit wasm module has, the whole package's and the lean `certkit/inspect`
//! one's: the tape's field names and the memory gauge.

/// Bytes of certkit's WebAssembly memory. It grows on demand and never shrinks, so a value that
/// stops changing after warm-up means nothing leaks across the boundary.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65_536) as f64
}

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TAPE_TYPE: &str = r#"
/**
 * A result on its way out of wasm (see bindings/src/tape.rs); `fromTape` in ts/tape.ts makes it a `T`
 * at once: its words are read in place in wasm memory (`tapeMemory`), valid until the next call.
 */
export type Tape<T> = [wordsAt: number, wordCount: number, strings: string, bytes: Uint8Array] & { readonly __decodesTo?: T };
"#;

/// The text of a tape's field-name id; the decoder asks once per id and caches it. A string
/// made from the static name, so the call allocates nothing in wasm memory while a tape's
/// words are being read through a view of it.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = tapeKeyName)]
pub fn tape_key_name(id: u32) -> js_sys::JsString {
    js_sys::JsString::from(crate::tape::key_name(id).unwrap_or_default())
}

/// The field-name ids of a tape shape, in order (empty for an unknown id). Allocates in wasm
/// memory: the decoder views the words again after the call.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = tapeShapeKeys)]
pub fn tape_shape_keys(id: u32) -> Vec<u32> {
    crate::tape::shape_keys(id).unwrap_or_default()
}

/// The module's memory, where a tape's words are read in place.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = tapeMemory)]
pub fn tape_memory() -> js_sys::WebAssembly::Memory {
    wasm_bindgen::JsCast::unchecked_into(wasm_bindgen::memory())
}

thread_local! {
    static DEFER_DIGESTS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// From now on, results carry the bytes of their output digests (fingerprints, pins) as
/// `DIGEST` words, which the decoder digests itself: the Node entry asks for it once its
/// native SHA passed a known-answer check (several times faster than SHA in wasm).
#[wasm_bindgen::prelude::wasm_bindgen(js_name = deferDigests)]
pub fn defer_digests(on: bool) {
    DEFER_DIGESTS.set(on);
}

/// Whether `deferDigests(true)` was asked.
pub fn digests_deferred() -> bool {
    DEFER_DIGESTS.get()
}
