//! Is this certificate revoked by this CRL? The CRL counts only when its issuer is the
//! certificate's issuer, the issuer's key verifies it, the issuer may sign CRLs, it has begun
//! at `now`, and it covers the certificate; otherwise the answer says why it does not count.
//! For chain validation: call it per link with the link's certificate and its issuer.

use serde::Serialize;

use super::certificate::{Certificate, RawCertificate, serial_hex};
use super::crl::{Crl, RawCrl, RevokedCertificate};
use super::extensions::{ExtensionValue, IssuingDistributionPoint, KeyUsage, crl};
use super::signature::SignatureStatus;
use crate::error::{ErrorKind, Problem};
use crate::time::{UnixTime, format_rfc3339};

/// What one CRL says about one certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum RevocationStatus {
    /// The CRL is authentic, has begun, covers the certificate and does not list it.
    Good,
    /// The CRL is authentic and lists the certificate (see `entry` for date and reason).
    Revoked,
    /// The CRL is about other certificates (another issuer or key, another scope, a delta
    /// CRL that does not list it): it neither clears nor revokes this one.
    NotApplicable,
    /// The CRL cannot be used: bad or unsupported signature, not yet valid, an issuer that
    /// may not sign CRLs, a critical extension certkit does not process, an indirect CRL.
    Unknown,
}

/// The answer of [`check_revocation`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct RevocationCheck {
    pub status: RevocationStatus,
    /// The CRL entry of the certificate when `status` is `revoked`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<RevokedCertificate>,
    /// Why the CRL does not count (errors and notes), and a CRL past its nextUpdate (warning).
    pub problems: Vec<Problem>,
}

/// Checks `certificate` against `crl` (decoded once with `decode_crl`, then used for every
/// certificate), which `issuer` (the certificate's issuer) must have signed, at `now`.
pub fn check_revocation(
    crl: &Crl,
    certificate: &Certificate,
    issuer: &Certificate,
    now: UnixTime,
) -> RevocationCheck {
    let mut check = RevocationCheck {
        status: RevocationStatus::Unknown,
        entry: None,
        problems: Vec::new(),
    };
    let parts = (
        RawCrl::parse(&crl.der),
        RawCertificate::parse(&certificate.der),
        RawCertificate::parse(&issuer.der),
    );
    let (Ok(raw), Ok(cert_raw), Ok(issuer_raw)) = parts else {
        let kind = ErrorKind::Internal {
            reason: "a decoded CRL or certificate did not parse again".into(),
        };
        check.problems.push(Problem::error(kind, "crl"));
        return check;
    };
    let verdict = verdict(&raw, crl, &cert_raw, issuer, &issuer_raw, now);
    match verdict {
        Ok((status, entry)) => {
            check.status = status;
            check.entry = entry;
        }
        Err((status, problem)) => {
            check.status = status;
            check.problems.push(problem);
        }
    }
    if let Some(next_update) = raw.next_update.filter(|&t| t < now) {
        let kind = ErrorKind::CrlExpired {
            next_update: format_rfc3339(next_update),
        };
        check
            .problems
            .push(Problem::warning(kind, "crl.nextUpdate"));
    }
    check
}

type Verdict = std::result::Result<
    (RevocationStatus, Option<RevokedCertificate>),
    (RevocationStatus, Problem),
>;

fn verdict(
    raw: &RawCrl<'_>,
    crl: &Crl,
    certificate: &RawCertificate<'_>,
    issuer: &Certificate,
    issuer_raw: &RawCertificate<'_>,
    now: UnixTime,
) -> Verdict {
    use RevocationStatus::{Good, NotApplicable, Revoked, Unknown};
    let error = |kind, field: &str| Problem::error(kind, field);
    let note = |kind, field: &str| Problem::info(kind, field);
    // Scope first: a CRL of another issuer is ignored, whatever its state.
    if raw.issuer != issuer_raw.subject || certificate.issuer != issuer_raw.subject {
        return Err((
            NotApplicable,
            note(ErrorKind::CrlIssuerMismatch, "crl.issuer"),
        ));
    }
    if let (Some(aki), Some(ski)) = (
        &crl.authority_key_identifier,
        issuer.subject_key_identifier(),
    ) && aki != ski
    {
        let problem = note(ErrorKind::CrlIssuerMismatch, "crl.authorityKeyIdentifier");
        return Err((NotApplicable, problem));
    }
    match raw.verify_signed_by(issuer_raw.spki) {
        SignatureStatus::Valid => {}
        SignatureStatus::Invalid => {
            return Err((
                Unknown,
                error(ErrorKind::CrlSignatureInvalid, "crl.signature"),
            ));
        }
        SignatureStatus::Unsupported => {
            let kind = ErrorKind::CrlSignatureUnsupported {
                algorithm: crl.signature_algorithm.name.to_string(),
            };
            return Err((Unknown, error(kind, "crl.signatureAlgorithm")));
        }
    }
    if issuer
        .key_usage()
        .as_ref()
        .is_some_and(|usages| !usages.contains(&KeyUsage::CrlSign))
    {
        return Err((
            Unknown,
            error(ErrorKind::CrlIssuerKeyUsage, "issuer.keyUsage"),
        ));
    }
    if raw.this_update > now {
        let kind = ErrorKind::CrlNotYetValid {
            this_update: crl.this_update.clone(),
        };
        return Err((Unknown, error(kind, "crl.thisUpdate")));
    }
    // RFC 5280 §5.2.3: a v2 CRL carries a CRL number, and marks it non-critical.
    const OID_CRL_NUMBER: &str = "2.5.29.20";
    match crl.extensions.iter().find(|e| e.oid == OID_CRL_NUMBER) {
        None if crl.version >= 2 => {
            let kind = ErrorKind::CrlProfile {
                rule: "a v2 CRL must carry a CRL number (RFC 5280 §5.2.3)",
            };
            return Err((Unknown, error(kind, "crl.extensions")));
        }
        Some(number) if number.critical => {
            let kind = ErrorKind::CrlProfile {
                rule: "the CRL number extension must not be critical (RFC 5280 §5.2.3)",
            };
            return Err((Unknown, error(kind, "crl.extensions")));
        }
        _ => {}
    }
    let unprocessed = crl
        .extensions
        .iter()
        .chain(crl.revoked.iter().flat_map(|entry| entry.extensions.iter()))
        .find(|e| e.critical && !processed(&e.oid));
    if let Some(extension) = unprocessed {
        let kind = ErrorKind::CrlCriticalExtension {
            oid: extension.oid.to_string(),
        };
        return Err((Unknown, error(kind, "crl.extensions")));
    }
    let point = crl.issuing_distribution_point.clone().unwrap_or_default();
    if point.indirect_crl {
        return Err((
            Unknown,
            error(ErrorKind::CrlIndirect, "crl.issuingDistributionPoint"),
        ));
    }
    if let Some(reason) = out_of_scope(&point, certificate) {
        let kind = ErrorKind::CrlOutOfScope { reason };
        return Err((NotApplicable, note(kind, "crl.issuingDistributionPoint")));
    }
    let serial = serial_hex(certificate.serial);
    let entry = crl.revoked.iter().find(|e| e.serial_number == serial);
    let delta = crl.delta_crl_indicator.is_some();
    match entry {
        Some(entry) if entry.reason.as_deref() == Some("removeFromCRL") => {
            // Only a delta CRL may carry it: the certificate left hold since the base CRL.
            Ok((Good, None))
        }
        Some(entry) => Ok((Revoked, Some(entry.clone()))),
        None if delta => Err((NotApplicable, note(ErrorKind::CrlDeltaOnly, "crl"))),
        None if point.only_some_reasons.is_some() => {
            let kind = ErrorKind::CrlOutOfScope {
                reason: "it lists only some revocation reasons".into(),
            };
            Err((Unknown, note(kind, "crl.issuingDistributionPoint")))
        }
        None => Ok((Good, None)),
    }
}

/// Why an issuing distribution point excludes the certificate, if it does.
fn out_of_scope(
    point: &IssuingDistributionPoint,
    certificate: &RawCertificate<'_>,
) -> Option<String> {
    let is_ca = certificate
        .extensions
        .and_then(|list| {
            let mut ignored = Vec::new();
            super::extensions::decode_extensions(&list, &mut ignored).ok()
        })
        .is_some_and(|extensions| {
            extensions.iter().any(|e| {
                matches!(
                    e.value,
                    Some(ExtensionValue::BasicConstraints { ca: true, .. })
                )
            })
        });
    if point.only_contains_user_certs && is_ca {
        return Some("it lists only end-entity certificates and this is a CA".into());
    }
    if point.only_contains_ca_certs && !is_ca {
        return Some("it lists only CA certificates and this is an end entity".into());
    }
    if point.only_contains_attribute_certs {
        return Some("it lists only attribute certificates".into());
    }
    None
}

/// The critical CRL and entry extensions this check takes into account.
fn processed(oid: &str) -> bool {
    matches!(
        oid,
        crl::OID_CRL_NUMBER
            | crl::OID_DELTA_CRL_INDICATOR
            | crl::OID_ISSUING_DISTRIBUTION_POINT
            | crl::OID_CRL_REASON
            | crl::OID_INVALIDITY_DATE
            | super::extensions::OID_AUTHORITY_KEY_IDENTIFIER
    )
}
