//! Chain validation. The verdict comes from rustls-webpki (`engine`), given certkit's signature
//! algorithms (`algorithms`), the purpose (`purpose`) and certkit's own profile checks
//! (`profile`); the report explains it link by link (`links`) along the validated path, or
//! along the best path certkit could show (`order`).
//!
//! The report's types are in `report.rs`; reading `verifyChain`'s inputs and options in
//! `input.rs`.

mod algorithms;
mod engine;
mod input;
mod links;
mod order;
mod profile;
mod purpose;
mod report;
mod revocation;

use std::cell::OnceCell;

use super::certificate::{Certificate, RawCertificate, is_self_signed};
use super::crl::Crl;
use crate::error::{ErrorKind, Problem, Result};
use crate::time::UnixTime;
use engine::{Pool, Verdict, engine_problem};
pub use input::{ChainInput, VerifyChainOptions, verify_chain_input};
use links::End;
pub use purpose::ChainPurpose;
pub use report::{ChainLink, ChainReport, IssuedBy, LinkSignature};

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
