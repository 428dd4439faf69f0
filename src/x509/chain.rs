//! Chain verification: put certificates in issuer order whatever order they came in, and check
//! every link (names, key identifiers, signature, validity, CA constraints).

use serde::{Deserialize, Serialize};

use super::certificate::{Certificate, RawCertificate};
use super::signature::SignatureStatus;
use crate::encoding::InputData;
use crate::error::{Error, ErrorKind, Problem, Result};
use crate::keys::public_key_spki;
use crate::time::{UnixTime, format_rfc3339, parse_rfc3339};

/// The verdict on a chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ChainReport {
    /// No problem of severity `error`.
    pub ok: bool,
    /// Indices into the input, leaf first, up to the root or the last certificate that has no
    /// issuer among the inputs.
    pub order: Vec<usize>,
    /// One per certificate of `order`, in that order.
    pub links: Vec<ChainLink>,
    /// The chain ends at a self-signed root or at a trust anchor.
    pub complete: bool,
    pub problems: Vec<Problem>,
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
    pub not_before: String,
    pub not_after: String,
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
    /// notBefore <= now < notAfter.
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
    pub now: Option<String>,
    #[serde(default)]
    pub leaf_public_key: Option<InputData>,
}

/// One input or several, each of which may be a bundle.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ChainInput {
    Many(Vec<InputData>),
    One(InputData),
}

/// Parses the inputs and options, then orders and checks the chain. Certificate indices count
/// certificates across all inputs, in order.
pub fn verify_chain_input(chain: &ChainInput, options: &VerifyChainOptions) -> Result<ChainReport> {
    let inputs: Vec<&InputData> = match chain {
        ChainInput::One(one) => vec![one],
        ChainInput::Many(many) => many.iter().collect(),
    };
    let mut certs = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let parsed = super::parse_certificates(input.as_bytes());
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
        let parsed = super::parse_certificates(anchor.as_bytes());
        anchors.extend(parsed.map_err(|e| e.at(format!("[{i}]")).within("trustAnchors"))?);
    }
    let now = match &options.now {
        Some(text) => parse_rfc3339(text).map_err(|e| e.at("now"))?,
        None => {
            return Err(Error::new(ErrorKind::InvalidOptions {
                reason: "`now` is required".into(),
            })
            .at("now"));
        }
    };
    let leaf_spki = match &options.leaf_public_key {
        Some(key) => Some(public_key_spki(key.as_bytes()).map_err(|e| e.at("leafPublicKey"))?),
        None => None,
    };
    verify_chain(
        &certs,
        &ChainOptions {
            anchors,
            now,
            leaf_spki,
        },
    )
}

/// Orders and checks a chain of certificates.
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
    let mut problems = Vec::new();

    let leaf = pick_leaf(certs, &raws, options, &mut problems);
    let order = build_path(leaf, certs, &raws);
    let mut links = Vec::with_capacity(order.len());
    for (depth, &index) in order.iter().enumerate() {
        let issuer = order.get(depth + 1).copied();
        links.push(check_link(
            index,
            depth,
            issuer,
            certs,
            &raws,
            &anchor_raws,
            options,
        ));
    }
    let complete = links
        .last()
        .is_some_and(|l| matches!(l.issued_by, IssuedBy::SelfSigned | IssuedBy::Anchor));
    let anchored = links
        .last()
        .is_some_and(|l| l.issued_by == IssuedBy::Anchor)
        || order
            .iter()
            .any(|&i| options.anchors.iter().any(|a| a.der == certs[i].der));
    if !options.anchors.is_empty() && !anchored {
        problems.push(Problem::error(ErrorKind::ChainNotTrusted, "trustAnchors"));
    } else if !complete {
        let field = format!("chain[{}]", order.last().copied().unwrap_or_default());
        problems.push(Problem::warning(ErrorKind::ChainIncomplete, field));
    }
    for (index, _) in certs.iter().enumerate().filter(|(i, _)| !order.contains(i)) {
        problems.push(Problem::warning(
            ErrorKind::CertificateNotInChain,
            format!("chain[{index}]"),
        ));
    }
    let ok = !problems
        .iter()
        .chain(links.iter().flat_map(|l| &l.problems))
        .any(Problem::is_error);
    Ok(ChainReport {
        ok,
        order,
        links,
        complete,
        problems,
    })
}

/// The leaf: the certificate with the expected key, else the first one that issued none of
/// the others.
fn pick_leaf(
    certs: &[Certificate],
    raws: &[RawCertificate<'_>],
    options: &ChainOptions,
    problems: &mut Vec<Problem>,
) -> usize {
    if let Some(spki) = &options.leaf_spki {
        match raws.iter().position(|r| r.spki == spki.as_slice()) {
            Some(index) => return index,
            None => problems.push(Problem::error(ErrorKind::LeafKeyMismatch, "leafPublicKey")),
        }
    }
    let issues_another = |i: usize| {
        (0..certs.len()).any(|j| j != i && issued_by(&raws[j], &certs[j], &raws[i], &certs[i]))
    };
    (0..certs.len()).find(|&i| !issues_another(i)).unwrap_or(0)
}

/// Follows issuers from the leaf, each certificate at most once.
fn build_path(leaf: usize, certs: &[Certificate], raws: &[RawCertificate<'_>]) -> Vec<usize> {
    let mut order = vec![leaf];
    while let Some(&current) = order.last() {
        if certs[current].self_signed {
            break;
        }
        let candidates: Vec<usize> = (0..certs.len())
            .filter(|i| {
                !order.contains(i)
                    && issued_by(&raws[current], &certs[current], &raws[*i], &certs[*i])
            })
            .collect();
        // Prefer an issuer whose key verifies the signature, then any whose name matches.
        let best = candidates
            .iter()
            .copied()
            .find(|&i| raws[current].verify_signed_by(raws[i].spki) == SignatureStatus::Valid)
            .or_else(|| candidates.first().copied());
        match best {
            Some(next) => order.push(next),
            None => break,
        }
    }
    order
}

/// Whether `issuer` could have issued `child`: names match and key identifiers do not differ.
fn issued_by(
    child_raw: &RawCertificate<'_>,
    child: &Certificate,
    issuer_raw: &RawCertificate<'_>,
    issuer: &Certificate,
) -> bool {
    names_match(child_raw, child, issuer_raw, issuer) && key_ids_match(child, issuer) != Some(false)
}

fn names_match(
    child_raw: &RawCertificate<'_>,
    child: &Certificate,
    issuer_raw: &RawCertificate<'_>,
    issuer: &Certificate,
) -> bool {
    child_raw.issuer == issuer_raw.subject || child.issuer.rfc4514 == issuer.subject.rfc4514
}

fn key_ids_match(child: &Certificate, issuer: &Certificate) -> Option<bool> {
    match (
        &child.authority_key_identifier,
        &issuer.subject_key_identifier,
    ) {
        (Some(aki), Some(ski)) => Some(aki == ski),
        _ => None,
    }
}

fn check_link(
    index: usize,
    depth: usize,
    issuer: Option<usize>,
    certs: &[Certificate],
    raws: &[RawCertificate<'_>],
    anchors: &[RawCertificate<'_>],
    options: &ChainOptions,
) -> ChainLink {
    let cert = &certs[index];
    let raw = &raws[index];
    let field = format!("chain[{index}]");
    let mut problems = Vec::new();
    let valid_now = check_validity(raw, options.now, &field, &mut problems);

    // Where the issuer is: the next certificate, the certificate itself, or a trust anchor.
    let anchor_index = (issuer.is_none() && !cert.self_signed)
        .then(|| {
            anchors
                .iter()
                .zip(&options.anchors)
                .position(|(a, ac)| issued_by(raw, cert, a, ac))
        })
        .flatten();
    let (issued_by, issuer_cert, issuer_raw, issuer_index) = match (issuer, anchor_index) {
        (Some(i), _) => (IssuedBy::Chain, Some(&certs[i]), Some(&raws[i]), Some(i)),
        (None, Some(a)) => (
            IssuedBy::Anchor,
            options.anchors.get(a),
            anchors.get(a),
            None,
        ),
        (None, None) if cert.self_signed => {
            (IssuedBy::SelfSigned, Some(cert), Some(raw), Some(index))
        }
        (None, None) => (IssuedBy::Missing, None, None, None),
    };

    let mut link = ChainLink {
        index,
        subject: cert.subject.rfc4514.clone(),
        issuer: cert.issuer.rfc4514.clone(),
        serial_number: cert.serial_number.clone(),
        not_before: cert.not_before.clone(),
        not_after: cert.not_after.clone(),
        issued_by,
        issuer_index,
        anchor_index,
        name_match: false,
        key_identifier_match: None,
        signature: LinkSignature::Missing,
        valid_now,
        ca_constraints_ok: true,
        problems: Vec::new(),
    };
    let (Some(issuer_cert), Some(issuer_raw)) = (issuer_cert, issuer_raw) else {
        if !options.anchors.is_empty() || certs.len() > depth + 1 {
            problems.push(Problem::error(
                ErrorKind::IssuerNotFound {
                    issuer: cert.issuer.rfc4514.clone(),
                },
                field,
            ));
        }
        link.problems = problems;
        return link;
    };
    link.name_match = names_match(raw, cert, issuer_raw, issuer_cert);
    if !link.name_match {
        problems.push(Problem::error(ErrorKind::IssuerNameMismatch, field.clone()));
    }
    link.key_identifier_match = key_ids_match(cert, issuer_cert);
    if link.key_identifier_match == Some(false) {
        problems.push(Problem::error(
            ErrorKind::KeyIdentifierMismatch,
            field.clone(),
        ));
    }
    link.signature = raw.verify_signed_by(issuer_raw.spki).into();
    match link.signature {
        LinkSignature::Invalid => {
            problems.push(Problem::error(ErrorKind::SignatureInvalid, field.clone()))
        }
        LinkSignature::Unsupported => {
            let algorithm = cert.signature_algorithm.name.clone();
            problems.push(Problem::warning(
                ErrorKind::SignatureUnsupported { algorithm },
                field.clone(),
            ));
        }
        _ => {}
    }
    if issued_by == IssuedBy::Chain || issued_by == IssuedBy::Anchor {
        let issuer_field = issuer_index.map_or_else(
            || format!("trustAnchors[{}]", anchor_index.unwrap_or_default()),
            |i| format!("chain[{i}]"),
        );
        link.ca_constraints_ok = check_ca(issuer_cert, depth, &issuer_field, &mut problems);
        if issued_by == IssuedBy::Anchor {
            check_validity(issuer_raw, options.now, &issuer_field, &mut problems);
        }
    }
    link.problems = problems;
    link
}

fn check_validity(
    raw: &RawCertificate<'_>,
    now: UnixTime,
    field: &str,
    problems: &mut Vec<Problem>,
) -> bool {
    if now < raw.not_before {
        let kind = ErrorKind::CertificateNotYetValid {
            not_before: format_rfc3339(raw.not_before),
        };
        problems.push(Problem::error(kind, field));
        return false;
    }
    if now >= raw.not_after {
        let kind = ErrorKind::CertificateExpired {
            not_after: format_rfc3339(raw.not_after),
        };
        problems.push(Problem::error(kind, field));
        return false;
    }
    true
}

/// CA constraints of an issuer that sits `depth` certificates above the leaf's position.
fn check_ca(issuer: &Certificate, depth: usize, field: &str, problems: &mut Vec<Problem>) -> bool {
    let mut ok = true;
    match issuer.basic_constraints {
        Some(bc) if bc.ca => {
            // Intermediates between the leaf and this issuer: `depth` of them.
            if let Some(limit) = bc.path_length
                && depth > limit as usize
            {
                problems.push(Problem::error(
                    ErrorKind::PathLengthExceeded {
                        limit,
                        actual: depth,
                    },
                    field,
                ));
                ok = false;
            }
        }
        _ if issuer.version < 3 => {
            problems.push(Problem::warning(
                ErrorKind::IssuerNotCa {
                    subject: issuer.subject.rfc4514.clone(),
                },
                field,
            ));
        }
        _ => {
            problems.push(Problem::error(
                ErrorKind::IssuerNotCa {
                    subject: issuer.subject.rfc4514.clone(),
                },
                field,
            ));
            ok = false;
        }
    }
    if let Some(usages) = &issuer.key_usage
        && !usages.iter().any(|u| u == "keyCertSign")
    {
        problems.push(Problem::error(ErrorKind::IssuerKeyUsage, field));
        ok = false;
    }
    ok
}
