//! `verifyChain` from JavaScript: its inputs (one or several, each maybe a bundle) and options
//! read into the certificates, trust anchors, CRLs and [`ChainOptions`] that `verify_chain` takes.

use serde::Deserialize;

use super::{ChainOptions, ChainPurpose, ChainReport, engine, verify_chain};
use crate::encoding::{InputData, decode_blocks};
use crate::error::{Error, ErrorKind, Result};
use crate::keys::public_key_spki;
use crate::object::{ObjectKind, classify};
use crate::time::{UnixTime, required_now};
use crate::x509::crl::{Crl, decode_crl};
use crate::x509::{SelfSignature, parse_certificates_with};

/// `verifyChain`'s options as they come from JavaScript.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct VerifyChainOptions {
    #[serde(default)]
    pub trust_anchors: Vec<InputData>,
    /// RFC 3339; the TypeScript layer fills in the current time.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(type = "string | undefined"))]
    pub now: Option<UnixTime>,
    #[serde(default)]
    pub leaf_public_key: Option<InputData>,
    /// `serverAuth`, `clientAuth`, `any` (the default), an extended key usage name or an OID.
    #[serde(default)]
    pub purpose: Option<String>,
    /// DNS name or IP address the leaf must be valid for.
    #[serde(default)]
    pub subject_name: Option<String>,
    /// Most intermediate CAs between leaf and anchor (self-issued ones not counted).
    #[serde(default)]
    pub max_depth: Option<u32>,
    /// CRLs (PEM, DER or base64; a file may hold several): a listed serial fails its link.
    #[serde(default)]
    pub crls: Vec<InputData>,
}

/// One input or several, each of which may be a bundle (read by `input_forms.rs`).
#[derive(Debug, Clone)]
pub enum ChainInput {
    Many(Vec<InputData>),
    One(InputData),
}

/// Parses the inputs and options, then validates the chain. Certificate indices count
/// certificates across all inputs, in order.
pub fn verify_chain_input(chain: &ChainInput, options: &VerifyChainOptions) -> Result<ChainReport> {
    let inputs: Vec<&InputData> = match chain {
        ChainInput::One(one) => vec![one],
        ChainInput::Many(many) => many.iter().collect(),
    };
    let mut certs = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let parsed = parse_certificates_with(input.as_bytes(), SelfSignature::Defer);
        certs.extend(parsed.map_err(|e| {
            if inputs.len() > 1 {
                e.at(format!("[{i}]")).within("chain")
            } else {
                e.within("chain")
            }
        })?);
    }
    let mut anchors = Vec::new();
    for (i, anchor) in options.trust_anchors.iter().enumerate() {
        let parsed = parse_certificates_with(anchor.as_bytes(), SelfSignature::Defer);
        anchors.extend(parsed.map_err(|e| e.at(format!("[{i}]")).within("trustAnchors"))?);
    }
    let now = required_now(options.now)?;
    let leaf_spki = match &options.leaf_public_key {
        Some(key) => Some(public_key_spki(key.as_bytes()).map_err(|e| e.at("leafPublicKey"))?),
        None => None,
    };
    let purpose = match &options.purpose {
        Some(text) => ChainPurpose::parse(text)?,
        None => ChainPurpose::Any,
    };
    if let Some(name) = &options.subject_name
        && !engine::is_subject_name(name)
    {
        let value = name.chars().take(80).collect();
        return Err(Error::new(ErrorKind::InvalidSubjectName { value }).at("subjectName"));
    }
    let mut crls = Vec::new();
    for (i, input) in options.crls.iter().enumerate() {
        crls.extend(revocation_lists(input.as_bytes()).map_err(|e| e.at(format!("crls[{i}]")))?);
    }
    verify_chain(
        &certs,
        &ChainOptions {
            anchors,
            now,
            leaf_spki,
            purpose,
            subject_name: options.subject_name.clone(),
            max_depth: options.max_depth,
            crls,
        },
    )
}

/// Every CRL of one input: PEM blocks or DER back to back, nothing else.
fn revocation_lists(input: &[u8]) -> Result<Vec<Crl>> {
    let (_, blocks) = decode_blocks(input)?;
    blocks
        .iter()
        .map(|block| match classify(block) {
            ObjectKind::Crl => decode_crl(&block.der),
            kind => Err(ErrorKind::NotACrl {
                found: kind.describe().to_owned(),
            }
            .into()),
        })
        .collect()
}
