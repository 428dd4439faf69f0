//! The JavaScript edge: each export converts its arguments, calls the core, converts the result.
//! Errors cross as plain objects `{code, status, field, message, problems}` that the TypeScript
//! layer turns into `CertkitError`. Nothing here decides anything.

mod api;
mod convert;
mod inspect;
mod keys;
