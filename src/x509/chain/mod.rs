//! Chain validation. The verdict comes from rustls-webpki (`engine`), given certkit's signature
//! algorithms (`algorithms`), the purpose (`purpose`) and certkit's own profile checks
//! (`profile`); the report explains it link by link (`links`) along the validated path, or
//! along the best path certkit could show (`order`).

mod algorithms;
mod engine;
mod links;
mod order;
mod profile;
mod purpose;
mod revocation;

use std::cell::OnceCell;

use serde::{Deserialize, Serialize};

use super::certificate::{Certificate, RawCertificate, SelfSignature, is_self_signed};
use super::crl::{Crl, decode_crl};
use super::signature::SignatureStatus;
use crate::encoding::{InputData, decode_blocks};
use crate::error::{Error, ErrorKind, Problem, Result};
use crate::keys::public_key_spki;
use crate::object::{ObjectKind, classify};
use crate::time::{UnixTime, required_now};
use engine::{Pool, Verdict};
use links::End;
pub use purpose::ChainPurpose;

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

/// What the chain check needs to know besides the certificates.
#[derive(Debug, Clone, Default)]
pub struct ChainOptions {
    pub anchors: Vec<Certificate>,
    pub now: UnixTime,
    /// The leaf must carry this SubjectPublicKeyInfo (DER); it also picks the leaf.
    pub leaf_spki: Option<Vec<u8>>,
    pub purpose: ChainPurpose,
    /// DNS name or IP address the leaf must be valid for (checked when the options were read).
    pub subject_name: Option<String>,
    /// Most intermediate CAs between leaf and anchor, self-issued ones not counted.
    pub max_depth: Option<u32>,
    /// Revocation lists applied to every certificate of the path but the anchor.
    pub crls: Vec<Crl>,
}

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

/// One input or several, each of which may be a bundle.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
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
        let parsed = super::parse_certificates_with(input.as_bytes(), SelfSignature::Defer);
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
        let parsed = super::parse_certificates_with(anchor.as_bytes(), SelfSignature::Defer);
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

/// What a finding is about: a certificate of the input, a given trust anchor, or a CRL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Input(usize),
    Anchor(usize),
    Crl(usize),
}

impl Source {
    fn field(self) -> String {
        match self {
            Self::Input(i) => format!("chain[{i}]"),
            Self::Anchor(i) => format!("trustAnchors[{i}]"),
            Self::Crl(i) => format!("crls[{i}]"),
        }
    }
}

/// A certificate of a candidate path with its parsed parts.
#[derive(Clone, Copy)]
pub(crate) struct Member<'a> {
    cert: &'a Certificate,
    raw: &'a RawCertificate<'a>,
    source: Source,
    self_signed: &'a OnceCell<bool>,
}

impl Member<'_> {
    /// Signed by its own key; checked once, when first asked (a signature check), so that
    /// certificates the validation never looks at cost nothing.
    fn self_signed(&self) -> bool {
        *self
            .self_signed
            .get_or_init(|| is_self_signed(self.raw, self.cert))
    }
}

/// Validates a chain and explains the verdict.
pub fn verify_chain(certs: &[Certificate], options: &ChainOptions) -> Result<ChainReport> {
    if certs.is_empty() {
        return Err(ErrorKind::EmptyChain.into());
    }
    let raws: Vec<RawCertificate<'_>> = certs
        .iter()
        .map(|c| RawCertificate::parse(&c.der))
        .collect::<Result<_>>()?;
    let anchor_raws: Vec<RawCertificate<'_>> = options
        .anchors
        .iter()
        .map(|c| RawCertificate::parse(&c.der))
        .collect::<Result<_>>()?;
    let given = !options.anchors.is_empty();
    let input_checks: Vec<OnceCell<bool>> = certs.iter().map(|_| OnceCell::new()).collect();
    let anchor_checks: Vec<OnceCell<bool>> =
        options.anchors.iter().map(|_| OnceCell::new()).collect();
    let inputs: Vec<Member<'_>> = (0..certs.len())
        .map(|i| Member {
            cert: &certs[i],
            raw: &raws[i],
            source: Source::Input(i),
            self_signed: &input_checks[i],
        })
        .collect();
    let anchors: Vec<Member<'_>> = if given {
        (0..options.anchors.len())
            .map(|i| Member {
                cert: &options.anchors[i],
                raw: &anchor_raws[i],
                source: Source::Anchor(i),
                self_signed: &anchor_checks[i],
            })
            .collect()
    } else {
        inputs.iter().filter(|m| m.self_signed()).copied().collect()
    };
    let pool = Pool {
        certs,
        raws: &raws,
        inputs: &inputs,
        anchors: &anchors,
    };
    let mut problems = Vec::new();

    let candidates = order::leaf_candidates(certs, &raws, options.leaf_spki.as_deref());
    if candidates.is_empty() {
        problems.push(Problem::error(ErrorKind::LeafKeyMismatch, "leafPublicKey"));
    }
    let (leaf, verdict) = choose_leaf(&pool, &candidates, options, &mut problems);

    // The path to show: the validated one, else one the profile refused, else the best guess.
    let shown: Vec<Source> = match &verdict {
        Verdict::Valid(path) => path.members.clone(),
        Verdict::Invalid { refused, .. } if !refused.is_empty() => refused[0].0.clone(),
        Verdict::Invalid { .. } => order::display_path(&pool, given, leaf),
    };
    let (order, end, reaches_given) = split_path(&shown, &pool, options);
    let mut links = links::check_links(certs, &raws, &anchor_raws, &order, end, options);

    let members: Vec<Member<'_>> = shown.iter().filter_map(|&s| pool.member(s)).collect();
    for (source, problem) in profile::check(&members, options) {
        let link = match source {
            Source::Input(i) => links.iter_mut().find(|l| l.index == i),
            Source::Anchor(_) | Source::Crl(_) => None,
        };
        match link {
            Some(link) => add_once(&mut link.problems, problem),
            None => add_once(&mut problems, problem),
        }
    }
    let mut name_ok = true;
    if let Some(name) = &options.subject_name
        && !engine::valid_for_name(&certs[leaf], name)
    {
        name_ok = false;
        let kind = ErrorKind::SubjectNameMismatch { name: name.clone() };
        if let Some(link) = links.first_mut() {
            link.problems
                .push(Problem::error(kind, format!("chain[{leaf}]")));
        }
    }

    let complete = matches!(end, End::Anchor(_) | End::IsAnchor(_) | End::SelfSigned);
    if given && !reaches_given {
        problems.push(Problem::error(ErrorKind::ChainNotTrusted, "trustAnchors"));
    } else if !given && !complete {
        let field = format!("chain[{}]", order.last().copied().unwrap_or_default());
        problems.push(Problem::error(ErrorKind::ChainIncomplete, field));
    }
    for index in (0..certs.len()).filter(|i| !order.contains(i)) {
        let field = format!("chain[{index}]");
        problems.push(Problem::warning(ErrorKind::CertificateNotInChain, field));
    }
    let has_error = |problems: &[Problem]| problems.iter().any(Problem::is_error);
    let explained = has_error(&problems) || links.iter().any(|l| has_error(&l.problems));
    if let Verdict::Invalid { error, .. } = &verdict
        && !explained
    {
        problems.push(Problem::error(
            engine_problem(error),
            format!("chain[{leaf}]"),
        ));
    }
    let valid = matches!(verdict, Verdict::Valid(_));
    let ok =
        valid && name_ok && !has_error(&problems) && !links.iter().any(|l| has_error(&l.problems));
    Ok(ChainReport {
        ok,
        trusted: ok && given,
        path: ok.then(|| order.clone()),
        order,
        links,
        complete,
        problems,
    })
}

/// Tries each leaf candidate (a few at most) and keeps one the engine validates; with several
/// candidates and none or several valid, the choice does not depend on the input's order.
fn choose_leaf(
    pool: &Pool<'_>,
    candidates: &[usize],
    options: &ChainOptions,
    problems: &mut Vec<Problem>,
) -> (usize, Verdict) {
    const MOST_TRIED: usize = 8;
    let mut sorted = candidates.to_vec();
    sorted.sort_by(|&a, &b| pool.certs[a].der.cmp(&pool.certs[b].der));
    let mut tried: Vec<(usize, Verdict)> = sorted
        .iter()
        .take(MOST_TRIED)
        .map(|&i| (i, engine::validate(pool, i, options)))
        .collect();
    let valid = tried
        .iter()
        .filter(|(_, v)| matches!(v, Verdict::Valid(_)))
        .count();
    if candidates.len() > 1 && valid != 1 {
        let field = format!("chain[{}]", sorted.first().copied().unwrap_or_default());
        let kind = ErrorKind::LeafAmbiguous {
            count: candidates.len(),
        };
        problems.push(Problem::warning(kind, field));
    }
    let pick = tried
        .iter()
        .position(|(_, v)| matches!(v, Verdict::Valid(_)))
        .unwrap_or_default();
    if tried.is_empty() {
        return (0, engine::validate(pool, 0, options));
    }
    tried.swap_remove(pick)
}

/// The input indices of a path, what issued its last one, and whether it ends at a given trust
/// anchor. A given anchor that is also in the input is shown as that input certificate.
fn split_path(path: &[Source], pool: &Pool<'_>, options: &ChainOptions) -> (Vec<usize>, End, bool) {
    let certs = pool.certs;
    let self_signed = |i: usize| pool.inputs[i].self_signed();
    let mut order: Vec<usize> = path
        .iter()
        .filter_map(|s| match s {
            Source::Input(i) => Some(*i),
            Source::Anchor(_) | Source::Crl(_) => None,
        })
        .collect();
    let last = order.last().copied();
    let end = match path.last() {
        Some(Source::Anchor(a)) => {
            let copy = options.anchors.get(*a).and_then(|anchor| {
                (0..certs.len()).find(|i| !order.contains(i) && certs[*i].der == anchor.der)
            });
            match copy {
                Some(i) => {
                    order.push(i);
                    if certs[i].self_signed {
                        End::SelfSigned
                    } else {
                        End::IsAnchor(*a)
                    }
                }
                None => End::Anchor(*a),
            }
        }
        _ => match last {
            Some(i) => match options.anchors.iter().position(|a| a.der == certs[i].der) {
                Some(a) if !self_signed(i) => End::IsAnchor(a),
                _ if self_signed(i) => End::SelfSigned,
                _ => End::Missing,
            },
            None => End::Missing,
        },
    };
    let anchored = matches!(end, End::Anchor(_) | End::IsAnchor(_))
        || order
            .last()
            .is_some_and(|&i| options.anchors.iter().any(|a| a.der == certs[i].der));
    (order, end, anchored)
}

fn add_once(problems: &mut Vec<Problem>, problem: Problem) {
    if !problems
        .iter()
        .any(|p| p.kind == problem.kind && p.field == problem.field)
    {
        problems.push(problem);
    }
}

/// A problem for an engine verdict that no finding of certkit's explains.
fn engine_problem(error: &webpki::Error) -> ErrorKind {
    use webpki::Error as E;
    match error {
        E::CaUsedAsEndEntity => ErrorKind::CaAsLeaf,
        E::NameConstraintViolation => ErrorKind::NameConstraintViolation,
        E::MaximumSignatureChecksExceeded
        | E::MaximumPathBuildCallsExceeded
        | E::MaximumNameConstraintComparisonsExceeded => ErrorKind::ChainTooComplex,
        E::MaximumPathDepthExceeded => ErrorKind::ChainInvalid {
            reason: "the path is longer than 6 intermediate CAs, more than certkit follows".into(),
        },
        E::UnsupportedCriticalExtension => ErrorKind::ChainInvalid {
            reason: "a certificate has a critical extension certkit does not process".into(),
        },
        E::RequiredEkuNotFoundContext(_) => ErrorKind::PurposeNotAllowed {
            purpose: "the requested purpose".into(),
        },
        E::CertDistrusted => ErrorKind::ChainInvalid {
            reason: "a CA on the path is distrusted".into(),
        },
        E::UnknownIssuer => ErrorKind::ChainInvalid {
            reason: "no path to a trusted certificate was found".into(),
        },
        other => ErrorKind::ChainInvalid {
            reason: format!("the validation engine refused it ({other:?})"),
        },
    }
}
