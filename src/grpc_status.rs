//! The gRPC canonical statuses, the vocabulary of the error table's status column: a module of
//! its own so that the table (`error_kind.rs`) and the error model (`error.rs`) both depend on it
//! and not on each other.

use serde::Serialize;

/// The gRPC canonical status a remote server would answer for the same input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum GrpcStatus {
    Ok,
    InvalidArgument,
    FailedPrecondition,
    OutOfRange,
    NotFound,
    AlreadyExists,
    PermissionDenied,
    Unauthenticated,
    ResourceExhausted,
    Unimplemented,
    Cancelled,
    Internal,
}
