//! The verdict on a chain as callers see it: the report, and per certificate its link to the
//! next one up.

use serde::Serialize;

use crate::error::Problem;
use crate::time::UnixTime;
use crate::x509::signature::SignatureStatus;

/// The verdict on a chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ChainReport {
    /// A path from the leaf to a trust anchor (or, without trust anchors, to a self-signed
    /// certificate of the input) validated completely; false whenever anything on it could not
    /// be checked.
    pub ok: bool,
    /// `ok`, and the path ends at one of the given trust anchors.
    pub trusted: bool,
    /// Indices into the input, leaf first, up to the root or the last certificate that has no
    /// issuer among the inputs.
    pub order: Vec<usize>,
    /// One per certificate of `order`, in that order.
    pub links: Vec<ChainLink>,
    /// The chain ends at a self-signed root or at a trust anchor.
    pub complete: bool,
    pub problems: Vec<Problem>,
    /// The validated path, leaf first, as indices into the input (when `ok`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub path: Option<Vec<usize>>,
}

/// One certificate of the chain and its relation to the next one up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ChainLink {
    /// Index of this certificate in the input.
    pub index: usize,
    pub subject: String,
    pub issuer: String,
    pub serial_number: String,
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub not_before: UnixTime,
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub not_after: UnixTime,
    /// Where the issuer was found: `chain` (the next certificate up), `self` (a self-signed
    /// root), `anchor` (a trust anchor), or `missing`.
    pub issued_by: IssuedBy,
    /// Index of the issuing certificate in the input (`chain` and `self` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer_index: Option<usize>,
    /// Index of the issuing trust anchor (`anchor` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor_index: Option<usize>,
    /// The issuer name equals the issuing certificate's subject.
    pub name_match: bool,
    /// authorityKeyIdentifier equals the issuer's subjectKeyIdentifier; absent when either
    /// extension is missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_identifier_match: Option<bool>,
    /// The issuer's key verifies this certificate's signature (`missing` without an issuer).
    pub signature: LinkSignature,
    /// notBefore <= now <= notAfter.
    pub valid_now: bool,
    /// The issuer may issue this certificate: basicConstraints cA, path length, keyCertSign.
    pub ca_constraints_ok: bool,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum IssuedBy {
    Chain,
    #[serde(rename = "self")]
    SelfSigned,
    Anchor,
    Missing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum LinkSignature {
    Valid,
    Invalid,
    Unsupported,
    Missing,
}

impl From<SignatureStatus> for LinkSignature {
    fn from(status: SignatureStatus) -> Self {
        match status {
            SignatureStatus::Valid => Self::Valid,
            SignatureStatus::Invalid => Self::Invalid,
            SignatureStatus::Unsupported => Self::Unsupported,
        }
    }
}
