//! One error model for every capability: a stable reason code, the gRPC status a server would
//! answer, and the JSON path of the bad input.
//!
//! Validators return [`Problem`]s (several at once, each with a [`Severity`]); everything else
//! returns [`Error`], which may carry the problems that caused it.

use std::fmt;

use serde::Serialize;

/// How much a [`Problem`] matters: `Error` means the server would refuse the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// One finding of a validator: what is wrong, where, and how much it matters. Its code, status
/// and message come from its kind; it crosses to JavaScript as `{code, status, field?,
/// severity, message}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ErrorKind,
    /// Where in the input, such as `certDuration` or `pemCertificateChain[1]`.
    pub field: Option<FieldPath>,
    pub severity: Severity,
}

/// The wire form of a [`Problem`]; the struct keeps the name so its TypeScript declaration is
/// `Problem`.
mod wire {
    use serde::Serialize;

    use super::{FieldPath, GrpcStatus, Severity};

    /// One finding of a validator: what is wrong, where, and how much it matters.
    #[derive(Serialize)]
    #[cfg_attr(feature = "ts", derive(tsify::Tsify))]
    pub struct Problem {
        /// Stable `UPPER_SNAKE` reason, at most 63 characters (Google's `ErrorInfo.reason`).
        pub code: &'static str,
        pub status: GrpcStatus,
        /// JSON path of the input the problem is about, such as `certDuration`.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(optional, type = "string"))]
        pub field: Option<FieldPath>,
        pub severity: Severity,
        /// What is wrong and what to do about it; never contains key material.
        pub message: String,
    }
}

impl Serialize for Problem {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        wire::Problem {
            code: self.code(),
            status: self.status(),
            field: self.field.clone(),
            severity: self.severity,
            message: self.message(),
        }
        .serialize(serializer)
    }
}

impl Problem {
    pub fn new(kind: ErrorKind, field: Option<FieldPath>, severity: Severity) -> Self {
        Self {
            kind,
            field,
            severity,
        }
    }

    pub fn error(kind: ErrorKind, field: impl Into<FieldPath>) -> Self {
        Self::new(kind, Some(field.into()), Severity::Error)
    }

    pub fn warning(kind: ErrorKind, field: impl Into<FieldPath>) -> Self {
        Self::new(kind, Some(field.into()), Severity::Warning)
    }

    pub fn info(kind: ErrorKind, field: impl Into<FieldPath>) -> Self {
        Self::new(kind, Some(field.into()), Severity::Info)
    }

    /// Stable `UPPER_SNAKE` reason.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The gRPC status a server would answer.
    pub fn status(&self) -> GrpcStatus {
        self.kind.status()
    }

    /// What is wrong and what to do about it.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The field as text (`pemCertificateChain[1]`), for messages and tests.
    pub fn field_text(&self) -> Option<String> {
        self.field.as_ref().map(FieldPath::to_string)
    }

    /// The same problem about the same place under another name (see [`FieldPath::rebase`]).
    pub fn rebased(mut self, from: &FieldPath, to: &FieldPath) -> Self {
        self.field = self.field.map(|f| f.rebase(from, to));
        self
    }
}

/// A failure: its reason, the input field it concerns, and for builders every problem found.
/// Boxed, so that every `Result` of the core is a pointer wide on its error side: decoding
/// returns a `Result` from each DER element it reads, and 112-byte results were copied on
/// every one of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(Box<ErrorDetail>);

/// What an [`Error`] holds (its fields are read and set through the `Error`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorDetail {
    pub kind: ErrorKind,
    pub field: Option<FieldPath>,
    /// Every problem behind this error; empty when the error is its own single problem.
    pub problems: Vec<Problem>,
}

impl std::ops::Deref for Error {
    type Target = ErrorDetail;

    fn deref(&self) -> &ErrorDetail {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut ErrorDetail {
        &mut self.0
    }
}

impl Error {
    // Cold and out of line, like `at`: errors are the rare path, and an inlined `Box::new` of
    // the detail at each of hundreds of call sites was 3.7 kB gzip of the whole module.
    #[cold]
    #[inline(never)]
    pub fn new(kind: ErrorKind) -> Self {
        Self(Box::new(ErrorDetail {
            kind,
            field: None,
            problems: Vec::new(),
        }))
    }

    /// The reason alone, taken out of the error.
    pub fn into_kind(self) -> ErrorKind {
        self.0.kind
    }

    /// Sets the JSON path of the input this error is about, keeping a more specific one
    /// when a caller already set it (`pemCertificateChain[1]` wins over a later `chain`).
    #[cold]
    pub fn at(mut self, field: impl Into<FieldPath>) -> Self {
        if self.field.is_none() {
            self.field = Some(field.into());
        }
        self
    }

    /// Prefixes the field path, turning `x509Der` into `certificate.x509Der`.
    pub fn within(mut self, parent: &str) -> Self {
        let parent = FieldPath::from(parent);
        self.field = Some(match self.field.take() {
            Some(child) => child.within(&parent),
            None => parent,
        });
        self
    }

    /// The error a builder throws: the first error-severity problem, carrying all of them.
    /// Returns `None` when no problem has severity `error`.
    pub fn from_problems(problems: Vec<Problem>) -> Option<Self> {
        Self::unless_errors(problems).err()
    }

    /// The problems back when none has severity `error` (warnings and notes); otherwise the
    /// error a builder throws, carrying them all. Moves them either way: a copy of each
    /// `ErrorKind` is per-variant code.
    pub fn unless_errors(problems: Vec<Problem>) -> Result<Vec<Problem>> {
        let Some(first) = problems.iter().find(|p| p.is_error()) else {
            return Ok(problems);
        };
        let kind = ErrorKind::Rejected {
            code: first.code(),
            status: first.status(),
            message: first.message(),
            errors: problems.iter().filter(|p| p.is_error()).count(),
        };
        let field = first.field.clone();
        Err(Self(Box::new(ErrorDetail {
            kind,
            field,
            problems,
        })))
    }

    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    pub fn status(&self) -> GrpcStatus {
        self.kind.status()
    }

    /// The field as text (`certificate.x509Der`), for messages and tests.
    pub fn field_text(&self) -> Option<String> {
        self.field.as_ref().map(FieldPath::to_string)
    }

    /// This error as a problem of severity `error`. Moves rather than clones: a clone of
    /// `ErrorKind` is per-variant code (7.5 kB of the lean module) that nothing else needs.
    pub fn into_problem(self) -> Problem {
        let ErrorDetail { kind, field, .. } = *self.0;
        Problem::new(kind, field, Severity::Error)
    }

    /// Every problem behind this error (itself when it has none recorded), copied.
    pub fn all_problems(&self) -> Vec<Problem> {
        if self.problems.is_empty() {
            let kind = self.kind.clone();
            vec![Problem::new(kind, self.field.clone(), Severity::Error)]
        } else {
            self.problems.clone()
        }
    }

    /// Every problem behind this error (itself when it has none recorded).
    pub fn into_problems(self) -> Vec<Problem> {
        if self.problems.is_empty() {
            vec![self.into_problem()]
        } else {
            self.0.problems
        }
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Self::new(kind)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{}: {} ({})", field, self.kind, self.code()),
            None => write!(f, "{} ({})", self.kind, self.code()),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

pub use crate::error_kind::ErrorKind;
pub use crate::field_path::FieldPath;
pub use crate::grpc_status::GrpcStatus;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_is_a_pointer_wide() {
        // Every decoding step returns a `Result`; an unboxed error made each one 112 bytes.
        assert_eq!(size_of::<Error>(), size_of::<usize>());
        assert_eq!(size_of::<Result<()>>(), size_of::<usize>());
        let mut error = Error::new(ErrorKind::EmptyInput).at("pem");
        error.field = None;
        assert_eq!(error.clone().into_kind(), ErrorKind::EmptyInput);
        assert_eq!(error, Error::new(ErrorKind::EmptyInput));
    }

    #[test]
    fn within_builds_json_paths() {
        let e = Error::new(ErrorKind::EmptyInput)
            .at("x509Der")
            .within("certificate");
        assert_eq!(e.field_text().as_deref(), Some("certificate.x509Der"));
        let e = Error::new(ErrorKind::EmptyInput)
            .at("[1]")
            .within("pemCertificateChain");
        assert_eq!(e.field_text().as_deref(), Some("pemCertificateChain[1]"));
    }

    #[test]
    fn from_problems_takes_the_first_error_and_keeps_all() {
        let problems = vec![
            Problem::warning(ErrorKind::EmptyInput, "a"),
            Problem::error(ErrorKind::InvalidBase64, "b"),
        ];
        let e = Error::from_problems(problems.clone()).expect("has an error");
        assert_eq!(e.code(), "INVALID_BASE64");
        assert_eq!(
            e.field.as_ref().map(|f| f.to_string()).as_deref(),
            Some("b")
        );
        assert_eq!(e.problems, problems);
        assert!(Error::from_problems(vec![Problem::info(ErrorKind::EmptyInput, "a")]).is_none());
    }

    #[test]
    fn codes_are_upper_snake_and_short() {
        for code in ErrorKind::CODES {
            assert!(code.len() <= 63, "{code}");
            assert!(
                code.chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
            );
        }
    }
}
