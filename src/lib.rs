//! certkit: inspect X.509 certificates, chains and CSRs; compute Subject Key Identifiers every
//! way they are computed; make keys, CSRs and certificates; build and check requests for the
//! AlloyDB `generateClientCertificate` API and the Halo `Certificates` service.
//!
//! This crate is the pure Rust core: no JavaScript types, no clock, no random source of its
//! own, no I/O. Time (`now`) and randomness (`rng`) are arguments. The JavaScript edge is the
//! `certkit-wasm` crate in `bindings/`; the `ts` feature (which only it turns on) adds the
//! TypeScript declarations of the model types. The `full` feature (on by default) adds what
//! only the whole package does: key generation and export, building CSRs and certificates,
//! PKCS#12 export and the remote APIs; `certkit/inspect`'s lean module builds without it.

#[cfg(feature = "full")]
pub mod api;
pub mod der;
pub mod der_scan;
pub mod digest;
pub mod encoding;
pub mod error;
mod error_kind;
mod field_path;
mod grpc_status;
mod input_forms;
pub mod inspect;
pub mod keys;
pub mod object;
pub mod options;
pub mod output_digest;
pub mod pkcs12;
pub mod shared_bytes;
pub mod time;
pub mod x509;

pub use error::{Error, ErrorKind, GrpcStatus, Problem, Result, Severity};
