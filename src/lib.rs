//! certkit: inspect X.509 certificates, chains and CSRs; compute Subject Key Identifiers every
//! way they are computed; make keys, CSRs and certificates; build and check requests for the
//! AlloyDB `generateClientCertificate` API and the Halo `Certificates` service.
//!
//! The crate root is a pure Rust core: no JavaScript types, no clock, no random source of its
//! own, no I/O. Time (`now`) and randomness (`rng`) are arguments. `wasm` (only on wasm32) is
//! the thin edge that converts JavaScript values in and out.

pub mod api;
pub mod der;
pub mod encoding;
pub mod error;
mod error_kind;
#[doc(hidden)]
pub mod fuzz_targets;
pub mod inspect;
pub mod keys;
pub mod object;
pub mod pkcs12;
#[doc(hidden)]
pub mod tape;
pub mod time;
pub mod x509;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use error::{Error, ErrorKind, GrpcStatus, Problem, Result, Severity};
