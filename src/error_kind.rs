//! Every reason certkit can give, with its stable code, its gRPC status and its message, in one
//! table so that a code can never drift from its status or text.

use std::fmt;

use crate::error::GrpcStatus;

macro_rules! error_kinds {
    ($(
        $(#[$doc:meta])*
        $name:ident $({ $($field:ident : $ty:ty),* $(,)? })? => $code:literal, $status:ident, $msg:literal;
    )*) => {
        /// Why something failed. Messages say what to do next and never contain key material.
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum ErrorKind {
            $( $(#[$doc])* $name $({ $($field: $ty),* })?, )*
            /// A builder refused its input; carries the first error of the problems it found.
            Rejected { code: &'static str, status: GrpcStatus, message: String, errors: usize },
        }

        impl ErrorKind {
            /// Every static code, for tests and documentation.
            pub const CODES: &'static [&'static str] = &[$($code),*];

            /// Stable `UPPER_SNAKE` reason.
            pub fn code(&self) -> &'static str {
                match self {
                    $( Self::$name { .. } => $code, )*
                    Self::Rejected { code, .. } => code,
                }
            }

            /// The gRPC status a server would answer.
            pub fn status(&self) -> GrpcStatus {
                match self {
                    $( Self::$name { .. } => GrpcStatus::$status, )*
                    Self::Rejected { status, .. } => *status,
                }
            }
        }

        impl fmt::Display for ErrorKind {
            #[allow(unused_variables)]
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $( Self::$name $({ $($field),* })? => write!(f, $msg), )*
                    Self::Rejected { message, errors: 1, .. } => f.write_str(message),
                    Self::Rejected { message, errors, .. } => {
                        write!(f, "{message} (and {} more problems: see `problems`)", errors - 1)
                    }
                }
            }
        }
    };
}

error_kinds! {
    // Input and encoding.
    EmptyInput => "EMPTY_INPUT", InvalidArgument,
        "the input is empty: give PEM text, base64 or DER bytes";
    InputTooLarge { size: usize, limit: usize } => "INPUT_TOO_LARGE", InvalidArgument,
        "the input is {size} bytes, more than the {limit}-byte limit: split it or check it is the right file";
    InvalidPem { reason: &'static str } => "INVALID_PEM", InvalidArgument,
        "the PEM text is malformed: {reason}";
    InvalidBase64 => "INVALID_BASE64", InvalidArgument,
        "the base64 text does not decode: check that it was copied whole, without extra characters";
    UnrecognizedEncoding => "UNRECOGNIZED_ENCODING", InvalidArgument,
        "the input is neither PEM, base64 nor DER: give a PEM file or its DER bytes";
    EncryptedPem => "ENCRYPTED_PEM", InvalidArgument,
        "this is a legacy encrypted PEM (Proc-Type header): convert it with `openssl pkcs8 -topk8` first";
    InvalidDer { reason: String } => "INVALID_DER", InvalidArgument,
        "the DER encoding is malformed: {reason}";
    InvalidJson { reason: String } => "INVALID_JSON", InvalidArgument,
        "the JSON input does not have the expected shape: {reason}";
    InvalidOptions { reason: String } => "INVALID_OPTIONS", InvalidArgument,
        "the options are not valid: {reason}";
    InvalidInputType { expected: &'static str } => "INVALID_INPUT_TYPE", InvalidArgument,
        "expected {expected}";
    InvalidTime { value: String } => "INVALID_TIME", InvalidArgument,
        "`{value}` is not a time: give an RFC 3339 string such as 2026-01-31T12:00:00Z, or a Date";

    // Certificates and other PKI objects.
    NotACertificate { found: String } => "NOT_A_CERTIFICATE", InvalidArgument,
        "expected a certificate but found {found}";
    NoCertificate => "NO_CERTIFICATE", InvalidArgument,
        "the input holds no certificate";
    MultipleCertificates { count: usize } => "MULTIPLE_CERTIFICATES", InvalidArgument,
        "expected one certificate but the input holds {count}: use parseCertificates for a bundle";
    InvalidCertificate { reason: String } => "INVALID_CERTIFICATE", InvalidArgument,
        "the certificate is malformed: {reason}";
    UnexpectedBlock { label: String } => "UNEXPECTED_PEM_BLOCK", InvalidArgument,
        "a `{label}` block is not a certificate and was skipped";

    // Anything that should never happen; reported instead of panicking.
    Internal { reason: String } => "INTERNAL", Internal,
        "internal error: {reason}; please report it with the input that caused it";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique() {
        let mut codes = ErrorKind::CODES.to_vec();
        codes.sort_unstable();
        let before = codes.len();
        codes.dedup();
        assert_eq!(before, codes.len(), "duplicate error codes");
    }

    #[test]
    fn messages_interpolate_their_data() {
        let kind = ErrorKind::InputTooLarge {
            size: 20,
            limit: 10,
        };
        assert!(kind.to_string().contains("20 bytes"));
        assert_eq!(kind.code(), "INPUT_TOO_LARGE");
        assert_eq!(kind.status(), GrpcStatus::InvalidArgument);
    }
}
