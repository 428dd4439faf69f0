//! The JavaScript edge: each export converts its arguments, calls the core, converts the result.
//! Results and errors cross as tapes (`crate::tape`); errors decode to `{code, status, field,
//! message, problems}`, which the TypeScript layer throws as `CertkitError`. Nothing here decides
//! anything.
//!
//! `common`, `convert`, `crl` and `inspect` are also compiled into the lean module of
//! `certkit/inspect` (`bindings/inspect/`, which includes these files by path): keep them free of
//! anything that reading does not need.

mod api;
mod common;
mod convert;
mod crl;
mod inspect;
mod keys;
mod pkcs12;
mod text;
