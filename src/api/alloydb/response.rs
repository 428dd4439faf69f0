//! Checking what `generateClientCertificate` returned against the key that was sent, and when
//! to ask again.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::request::duration_input;
use crate::api::fields::Fields;
use crate::encoding::{Form, InputData, decode_blocks};
use crate::error::{ErrorKind, FieldPath, Problem, Result};
use crate::keys::public_key_spki;
use crate::time::{UnixTime, required_now};
use crate::x509::{
    Certificate, ChainOptions, ChainPurpose, ChainReport, End, LinkSignature, Validity,
    ValidityState, decode_certificate, verify_chain,
};

/// How far a fresh leaf's notBefore may be ahead of the local clock.
const CLOCK_SKEW_SECONDS: i64 = 300;

/// `checkGenerateClientCertificateResponse`'s options.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ResponseCheckOptions {
    /// The public key that was sent (PEM SPKI or PKCS#1), or its private key.
    pub public_key: InputData,
    /// RFC 3339; the TypeScript layer fills in the current time.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(type = "string | undefined"))]
    pub now: Option<UnixTime>,
    /// The certDuration that was requested (Duration string or seconds).
    #[cfg_attr(feature = "ts", tsify(type = "string | number"))]
    #[serde(default)]
    pub cert_duration: Option<Value>,
}

/// The verdict on a response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ResponseReport {
    /// The chain validated to caCert for clientAuth with the sent key as its leaf, and no
    /// problem of severity `error`.
    pub ok: bool,
    /// The certificate carrying the sent key (else the first one, which the connectors use).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leaf: Option<Certificate>,
    /// The chain (pemCertificateChain, anchored at caCert), as verifyChain reports it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain: Option<ChainReport>,
    /// When to ask for a new certificate, by the connectors' rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub next_refresh: Option<UnixTime>,
    /// The certificates above the leaf on its chain, issuer first (towards the root): what a
    /// client keeps as its chain file, whatever order the answer used.
    pub issuers: Vec<Certificate>,
    /// caCert as read; absent when it is missing or not a certificate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ca_cert: Option<Certificate>,
    /// Each check's answer, for a caller that shows them one by one.
    pub checks: ResponseChecks,
    pub problems: Vec<Problem>,
}

/// The checks behind `ok`, each true only when it was made and passed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ResponseChecks {
    /// A certificate of pemCertificateChain carries the key that was sent.
    pub leaf_key_matches: bool,
    /// That certificate is pemCertificateChain[0], the one the connectors use.
    pub leaf_first: bool,
    /// pemCertificateChain is in issuer order (leaf, its issuer, …) and every signature on it
    /// verifies.
    pub chain_in_order: bool,
    /// caCert is a CA certificate and the chain validates up to it.
    pub anchored: bool,
    /// The leaf is valid now (a notBefore up to five minutes ahead allowed for clock skew).
    pub leaf_valid_now: bool,
}

impl ResponseReport {
    /// The report on a response that could not be read at all: not ok, and why.
    pub fn unreadable(problem: Problem) -> Self {
        Self {
            ok: false,
            leaf: None,
            chain: None,
            next_refresh: None,
            issuers: Vec::new(),
            ca_cert: None,
            checks: ResponseChecks::default(),
            problems: vec![problem],
        }
    }
}

/// Every check a client should make on a response; problems, not exceptions, for bad input.
pub fn check_generate_client_certificate_response(
    response: &Value,
    options: &ResponseCheckOptions,
) -> Result<ResponseReport> {
    let now = required_now(options.now)?;
    let sent_key = public_key_spki(options.public_key.as_bytes()).map_err(|e| e.at("publicKey"))?;
    let requested = options
        .cert_duration
        .as_ref()
        .map(duration_input)
        .transpose()
        .map_err(|e| e.at("certDuration"))?
        .map(|d| d.whole_seconds());

    let mut fields = Fields::new(response, "");
    let chain_value = fields.value("pemCertificateChain");
    let ca_text = fields.string("caCert");
    let mut problems = Vec::new();
    let chain = read_chain(chain_value, &mut problems);
    let ca = read_ca_cert(ca_text, &mut problems);
    problems.splice(0..0, fields.finish(false));

    let mut report = ResponseReport {
        ok: false,
        leaf: None,
        chain: None,
        next_refresh: None,
        issuers: Vec::new(),
        ca_cert: None,
        checks: ResponseChecks::default(),
        problems: Vec::new(),
    };
    let mut chain_ok = false;
    if !chain.is_empty() {
        // The leaf is the certificate with the key that was sent, wherever it is.
        let found = chain.iter().position(|c| c.public_key.spki == sent_key);
        let leaf_index = found.unwrap_or(0);
        let Some(leaf) = chain.get(leaf_index) else {
            return Err(ErrorKind::Internal {
                reason: "the leaf is outside the chain".into(),
            }
            .into());
        };
        let validity = leaf.validity();
        // A leaf that starts within the allowed clock skew is judged at its notBefore.
        let at = judged_at(validity, now);
        match found {
            // Said of the certificate the connectors would use.
            None => problems.push(Problem::error(
                ErrorKind::LeafKeyMismatch,
                "pemCertificateChain[0]",
            )),
            Some(0) => {}
            Some(index) => problems.push(Problem::error(
                ErrorKind::LeafNotFirst { index },
                format!("pemCertificateChain[{index}]"),
            )),
        }
        report.checks.leaf_key_matches = found.is_some();
        report.checks.leaf_first = found == Some(0);
        report.checks.leaf_valid_now = validity.problem_at(at, End::Inclusive).is_none();
        check_leaf(validity, leaf_index, at, requested, &mut problems);
        report.next_refresh = Some(next_refresh(validity.not_after, now));
        report.leaf = Some(leaf.clone());
        let chain_report = verify_chain(
            &chain,
            &ChainOptions {
                anchors: ca.clone().into_iter().collect(),
                now: at,
                leaf_spki: found.map(|_| sent_key.clone()),
                purpose: ChainPurpose::ClientAuth,
                ..ChainOptions::default()
            },
        )?;
        problems.extend(chain_problems(
            &chain_report,
            ca.is_some(),
            found.unwrap_or(0),
        ));
        chain_ok = chain_report.ok;
        report.checks.chain_in_order = chain_report.order.iter().copied().eq(0..chain.len())
            && chain_report
                .links
                .iter()
                .all(|link| link.signature == LinkSignature::Valid);
        // caCert is the only trust anchor: trusted means the chain validated up to it.
        report.checks.anchored = chain_report.trusted;
        report.issuers = chain_report
            .order
            .iter()
            .skip(1)
            .filter_map(|&index| chain.get(index).cloned())
            .collect();
        report.chain = Some(chain_report);
    }
    if !chain_ok && !problems.iter().any(Problem::is_error) {
        // Fail closed: a chain that did not validate always says why.
        let reason = "see the chain report for each certificate".to_owned();
        problems.push(Problem::error(
            ErrorKind::ChainInvalid { reason },
            "pemCertificateChain",
        ));
    }
    report.ok = chain_ok && !problems.iter().any(Problem::is_error);
    report.ca_cert = ca;
    report.problems = problems;
    Ok(report)
}

/// When to refresh: with more than an hour left, half way to notAfter; otherwise four minutes
/// before it, or at once when less than four minutes remain.
pub fn next_refresh(not_after: UnixTime, now: UnixTime) -> UnixTime {
    let remaining = not_after - now;
    if remaining > 3600 {
        now + remaining / 2
    } else if remaining > 240 {
        not_after - 240
    } else {
        now
    }
}

fn read_chain(value: Option<&Value>, problems: &mut Vec<Problem>) -> Vec<Certificate> {
    let Some(value) = value else {
        problems.push(Problem::error(ErrorKind::EmptyChain, "pemCertificateChain"));
        return Vec::new();
    };
    let Some(items) = value.as_array() else {
        problems.push(Problem::error(
            ErrorKind::InvalidFieldType {
                expected: "an array of PEM strings",
            },
            "pemCertificateChain",
        ));
        return Vec::new();
    };
    if items.is_empty() {
        problems.push(Problem::error(ErrorKind::EmptyChain, "pemCertificateChain"));
    }
    let mut certs = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let field = format!("pemCertificateChain[{i}]");
        match item.as_str().map(one_pem_certificate) {
            Some(Ok(cert)) => certs.push(cert),
            Some(Err(error)) => problems.push(error.at(field).into_problem()),
            None => problems.push(Problem::error(
                ErrorKind::InvalidFieldType {
                    expected: "a PEM string",
                },
                field,
            )),
        }
    }
    // A broken element breaks the order: check only an intact chain.
    if certs.len() != items.len() {
        Vec::new()
    } else {
        certs
    }
}

fn one_pem_certificate(text: &str) -> Result<Certificate> {
    let (form, blocks) = decode_blocks(text.as_bytes())?;
    if form != Form::Pem {
        return Err(ErrorKind::NotPem.into());
    }
    match blocks.as_slice() {
        [block] if block.label.as_deref() == Some("CERTIFICATE") => decode_certificate(&block.der),
        [block] => Err(ErrorKind::NotACertificate {
            found: format!("a `{}` block", block.label.as_deref().unwrap_or("?")),
        }
        .into()),
        many => Err(ErrorKind::MultipleCertificates { count: many.len() }.into()),
    }
}

fn read_ca_cert(text: Option<&str>, problems: &mut Vec<Problem>) -> Option<Certificate> {
    let Some(text) = text else {
        problems.push(Problem::error(ErrorKind::CaCertMissing, "caCert"));
        return None;
    };
    match one_pem_certificate(text) {
        Ok(ca) if ca.basic_constraints().is_some_and(|bc| bc.ca) => Some(ca),
        Ok(ca) => {
            problems.push(Problem::error(
                ErrorKind::CaCertNotCa {
                    subject: ca.subject.rfc4514.clone(),
                },
                "caCert",
            ));
            None
        }
        Err(error) => {
            problems.push(error.at("caCert").into_problem());
            None
        }
    }
}

/// `now`, or the leaf's notBefore when that is ahead of `now` by no more than the clock skew
/// allowed: the moment the leaf is judged at, by the one validity rule.
fn judged_at(validity: Validity, now: UnixTime) -> UnixTime {
    let early = validity.at(now) == ValidityState::NotYetValid;
    if early && validity.at(now + CLOCK_SKEW_SECONDS) != ValidityState::NotYetValid {
        validity.not_before
    } else {
        now
    }
}

fn check_leaf(
    validity: Validity,
    index: usize,
    at: UnixTime,
    requested: Option<i64>,
    problems: &mut Vec<Problem>,
) {
    let field = format!("pemCertificateChain[{index}]");
    if let Some(kind) = validity.problem_at(at, End::Inclusive) {
        problems.push(Problem::error(kind, &field));
    }
    if let Some(requested) = requested {
        let lifetime = validity.lifetime();
        if (lifetime - requested).abs() > 60 {
            let kind = ErrorKind::LifetimeDiffers {
                lifetime,
                requested,
            };
            problems.push(Problem::info(kind, &field));
        }
    }
}

/// The chain report's problems in the response's own terms: its field names (the chain's
/// places rebased onto `pemCertificateChain` and `caCert`), the response's order rule, and caCert
/// as the anchor (the leaf's own validity is checked above, with clock skew).
fn chain_problems(chain: &ChainReport, have_ca: bool, leaf: usize) -> Vec<Problem> {
    let chain_path = FieldPath::from("chain");
    let response_chain = FieldPath::from("pemCertificateChain");
    let anchor = FieldPath::from("trustAnchors").index(0);
    let ca_cert = FieldPath::from("caCert");
    let mut out = Vec::new();
    // A misplaced leaf is said once, as LEAF_NOT_FIRST.
    if leaf == 0 && chain.order.iter().enumerate().any(|(i, &index)| i != index) {
        let proper = chain
            .order
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        out.push(Problem::error(
            ErrorKind::ChainOutOfOrder { proper },
            "pemCertificateChain",
        ));
    }
    let leaf_validity = |p: &&Problem| {
        matches!(
            p.kind,
            ErrorKind::CertificateExpired { .. } | ErrorKind::CertificateNotYetValid { .. }
        )
    };
    let link_problems = chain.links.iter().enumerate().flat_map(|(position, link)| {
        link.problems
            .iter()
            .filter(move |p| position != 0 || !leaf_validity(p))
    });
    for problem in chain.problems.iter().chain(link_problems) {
        let problem = match problem.kind {
            ErrorKind::ChainNotTrusted if have_ca => {
                Problem::error(ErrorKind::ChainNotAnchored, ca_cert.clone())
            }
            // Said once, as CHAIN_NOT_ANCHORED (or CA_CERT_MISSING / CA_CERT_NOT_CA).
            ErrorKind::ChainIncomplete
            | ErrorKind::ChainNotTrusted
            | ErrorKind::IssuerNotFound { .. } => continue,
            _ => problem
                .clone()
                .rebased(&chain_path, &response_chain)
                .rebased(&anchor, &ca_cert),
        };
        out.push(problem);
    }
    out
}
