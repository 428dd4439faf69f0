//! `createCertificate`: self-signed, or issued by a CA certificate and its key, for a private
//! key, a public key, or a CSR.
//!
//! The extensions that may come from a CSR (subjectKeyIdentifier, keyUsage, extendedKeyUsage,
//! subjectAltName) are chosen in `extensions.rs`.

mod extensions;

use rand_core::CryptoRng;
use serde::Deserialize;
use zeroize::Zeroizing;

use super::extension as ext;
use super::issuer::Issuer;
use super::name_input::{NameInput, encode_name};
use super::san::SanInput;
use super::serial::serial_number;
use super::tbs::TbsParts;
use super::{Created, Problems, sign};
use crate::der::Tlv;
use crate::encoding::InputData;
use crate::error::{Error, ErrorKind, Problem, Result};
use crate::keys::{KeySigner, Passphrase, PrivateKey, parse_private_key, public_key_spki};
use crate::time::{SECONDS_PER_DAY, UnixTime, required_now};
use crate::x509::{CertificateRequest, KeyIdMethod, Validity, parse_csr};
use extensions::{eku, key_usage, not_copied, san, subject_key_id};

pub use super::issuer::IssuerInput;

/// `createCertificate`'s options.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct CreateCertificateOptions {
    /// The subject's private key; required for a self-signed certificate.
    #[serde(default)]
    pub private_key: Option<InputData>,
    /// Decrypts `privateKey`.
    #[serde(default)]
    pub passphrase: Option<Passphrase>,
    /// A CSR to certify: its key, and (unless given here) its subject and requested
    /// subjectAltName, keyUsage, extendedKeyUsage and subjectKeyIdentifier, copied byte for byte.
    #[serde(default)]
    pub csr: Option<InputData>,
    /// A public key to certify (or a certificate whose key to reuse).
    #[serde(default)]
    pub public_key: Option<InputData>,
    /// Required unless it comes from the CSR. An empty subject (`{}`) needs subjectAltNames.
    #[serde(default)]
    pub subject: Option<NameInput>,
    /// The CA that signs; without it the certificate is self-signed.
    #[serde(default)]
    pub issuer: Option<IssuerInput>,
    /// RFC 3339; `now` by default.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(type = "string | undefined"))]
    pub not_before: Option<UnixTime>,
    /// RFC 3339; by default one year after notBefore (ten years for a CA), but not past the
    /// issuer's notAfter.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(type = "string | undefined"))]
    pub not_after: Option<UnixTime>,
    /// RFC 3339; the TypeScript layer fills in the current time.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(type = "string | undefined"))]
    pub now: Option<UnixTime>,
    #[serde(default)]
    pub is_ca: bool,
    #[serde(default)]
    pub path_length: Option<u8>,
    /// An empty list here, in `keyUsage` and in `extendedKeyUsage` is the same as none given.
    #[serde(default)]
    pub subject_alt_names: Option<Vec<SanInput>>,
    /// RFC 5280 names; a CA gets keyCertSign, cRLSign and digitalSignature by default.
    #[serde(default)]
    pub key_usage: Option<Vec<String>>,
    /// Names certkit prints (`clientAuth`, `msSmartcardLogin`, ...) or dotted OIDs.
    #[serde(default)]
    pub extended_key_usage: Option<Vec<String>>,
    /// How the subjectKeyIdentifier is computed: RFC 5280 method 1 by default, as OpenSSL's
    /// `hash` and the Halo reference CA do. Without it a CSR's requested SKI is kept.
    #[serde(default)]
    pub key_id_method: Option<KeyIdMethod>,
    /// Hex; a random positive 16-byte serial by default.
    #[serde(default)]
    pub serial_number: Option<String>,
    /// The authorityKeyIdentifier is on every certificate but a self-signed CA's; `true` adds
    /// it there too (equal to its subjectKeyIdentifier).
    #[serde(default)]
    pub include_authority_key_identifier: Option<bool>,
}

/// Makes and signs a certificate.
pub fn create_certificate(
    options: &CreateCertificateOptions,
    rng: &mut (impl CryptoRng + ?Sized),
) -> Result<Created> {
    let now = required_now(options.now)?;
    let subject_key = subject_private_key(options)?;
    let csr = options
        .csr
        .as_ref()
        .map(|c| checked_csr(c.as_bytes()))
        .transpose()?;
    let subject_spki = subject_spki(options, subject_key.as_ref(), csr.as_ref())?;
    let issuer = options.issuer.as_ref().map(Issuer::load).transpose()?;
    let signing_key = match (&issuer, &subject_key) {
        (Some(ca), _) => &ca.key,
        (None, Some(key)) => key,
        (None, None) => return Err(required("privateKey")),
    };
    let mut problems = Problems::default();
    let serial = problems.take(serial_number(options.serial_number.as_deref(), rng));
    let signer_field = if issuer.is_some() {
        "issuer.privateKey"
    } else {
        "privateKey"
    };
    let signer = KeySigner::new(signing_key, rng).map_err(|e| e.at(signer_field))?;
    let subject = match (&options.subject, &csr) {
        (Some(name), _) => problems.take(encode_name(name, "subject")),
        (None, Some((_, raw))) => Some(raw.clone()),
        (None, None) => return Err(required("subject")),
    }
    .unwrap_or_default();
    let subject_empty = subject == [0x30, 0x00];
    let is_ca = options.is_ca;
    if options.path_length.is_some() && !is_ca {
        problems.push(Problem::error(ErrorKind::PathLengthWithoutCa, "pathLength"));
    }
    if subject_empty && (is_ca || issuer.is_none()) {
        let what = if is_ca { "CA" } else { "self-signed" };
        problems.push(Problem::error(
            ErrorKind::EmptyIssuerName { what },
            "subject",
        ));
    }
    if let Some(ca) = &issuer {
        problems.take(ca.check_can_issue(is_ca));
    }
    let validity = problems.take(validity(options, now, issuer.as_ref()));
    if let (Some(ca), Some(validity)) = (&issuer, validity) {
        problems.0.extend(ca.outlived_by(validity.not_after));
    }

    let requested = csr.as_ref().map(|(c, _)| c);
    let ski = problems.take(subject_key_id(options, requested, &subject_spki));
    let mut extensions = vec![ext::basic_constraints(is_ca, options.path_length)];
    extensions.extend(
        problems
            .take(key_usage(options, requested, &subject_spki))
            .flatten(),
    );
    extensions.extend(problems.take(eku(options, requested)).flatten());
    if let Some(id) = &ski {
        extensions.push(ext::subject_key_identifier(id));
    }
    // RFC 5280 4.2.1.1: only a self-signed CA may go without an authorityKeyIdentifier.
    let self_signed_ca = issuer.is_none() && is_ca;
    let include_aki = options.include_authority_key_identifier;
    if include_aki == Some(false) && !self_signed_ca {
        let kind = ErrorKind::AuthorityKeyIdentifierRequired;
        problems.push(Problem::error(kind, "includeAuthorityKeyIdentifier"));
    }
    let aki = match &issuer {
        Some(ca) => Some(ca.key_id.clone()),
        None if !self_signed_ca || include_aki == Some(true) => ski.clone(),
        None => None,
    };
    extensions.extend(aki.map(|id| ext::authority_key_identifier(&id)));
    let san = problems
        .take(san(options, requested, subject_empty))
        .flatten();
    if subject_empty && san.is_none() {
        problems.push(Problem::error(ErrorKind::EmptySubjectWithoutSan, "subject"));
    }
    extensions.extend(san);
    if let Some(csr) = requested {
        not_copied(csr, options, &mut problems);
    }
    let warnings = problems.finish()?;

    let Validity {
        not_before,
        not_after,
    } = validity.unwrap_or_default();
    let serial = serial.unwrap_or_default();
    let issuer_name = issuer.as_ref().map_or(&subject, |ca| &ca.name);
    let tbs = TbsParts {
        serial: &serial,
        algorithm: signer.algorithm(),
        issuer: issuer_name,
        not_before,
        not_after,
        subject: &subject,
        spki: &subject_spki,
        extensions: &extensions,
    }
    .encode()?;
    Ok(Created::new("CERTIFICATE", sign(tbs, &signer)?, warnings))
}

fn subject_private_key(options: &CreateCertificateOptions) -> Result<Option<PrivateKey>> {
    let Some(input) = &options.private_key else {
        return Ok(None);
    };
    let bytes = Zeroizing::new(input.as_bytes().to_vec());
    let passphrase = options.passphrase.as_ref().map(Passphrase::as_bytes);
    parse_private_key(&bytes, passphrase)
        .map(Some)
        .map_err(|e| e.at("privateKey"))
}

/// A CSR whose signature verifies, and its subject's exact DER.
fn checked_csr(input: &[u8]) -> Result<(CertificateRequest, Vec<u8>)> {
    let csr = parse_csr(input).map_err(|e| e.at("csr"))?;
    if !csr.signature_valid {
        return Err(Error::new(ErrorKind::CsrSignatureInvalid).at("csr"));
    }
    let outer = Tlv::read_exact(&csr.der)?;
    let info = outer.children().required("certificationRequestInfo")?;
    let mut fields = info.children();
    fields.required("version")?;
    let subject = fields.required("subject")?.raw.to_vec();
    Ok((csr, subject))
}

/// The key being certified: from the private key, the CSR or the public key. A private key
/// given with a CSR or public key (self-signing it) must be the same key.
fn subject_spki(
    options: &CreateCertificateOptions,
    key: Option<&PrivateKey>,
    csr: Option<&(CertificateRequest, Vec<u8>)>,
) -> Result<Vec<u8>> {
    let given = usize::from(key.is_some())
        + usize::from(csr.is_some())
        + usize::from(options.public_key.is_some());
    if given != 1 && !(given == 2 && key.is_some() && options.issuer.is_none()) {
        let reason = "give exactly one of privateKey, csr or publicKey for the subject".into();
        return Err(Error::new(ErrorKind::InvalidOptions { reason }).at("privateKey"));
    }
    let other = match (csr, &options.public_key) {
        (Some((csr, _)), _) => Some(csr.public_key.spki.to_vec()),
        (None, Some(public)) => {
            Some(public_key_spki(public.as_bytes()).map_err(|e| e.at("publicKey"))?)
        }
        (None, None) => None,
    };
    match (key.map(PrivateKey::public_key_spki).transpose()?, other) {
        (Some(own), Some(other)) if own != other => {
            Err(Error::new(ErrorKind::CsrKeyMismatch).at("privateKey"))
        }
        (Some(spki), _) | (None, Some(spki)) => Ok(spki),
        (None, None) => Err(required("privateKey")),
    }
}

/// How long a certificate lives when no notAfter is given: a year for an end-entity
/// certificate; ten for a CA, which must outlive the certificates it issues.
const LEAF_DEFAULT_DAYS: i64 = 365;
const CA_DEFAULT_DAYS: i64 = 3652;

/// notBefore (`now` by default) and notAfter (a year later by default, ten for a CA, but not
/// past the issuer's notAfter: only an explicit notAfter can outlive the CA, and that is warned
/// about).
fn validity(
    options: &CreateCertificateOptions,
    now: UnixTime,
    issuer: Option<&Issuer>,
) -> Result<Validity> {
    let not_before = options.not_before.unwrap_or(now);
    let not_after = match options.not_after {
        Some(t) => t,
        None => {
            let days = if options.is_ca {
                CA_DEFAULT_DAYS
            } else {
                LEAF_DEFAULT_DAYS
            };
            let default_end = not_before + days * SECONDS_PER_DAY;
            match issuer.map(|ca| ca.not_after) {
                Some(end) if end < default_end && end > not_before => end,
                _ => default_end,
            }
        }
    };
    if not_after <= not_before {
        return Err(Error::new(ErrorKind::InvalidValidity).at("notAfter"));
    }
    Ok(Validity {
        not_before,
        not_after,
    })
}

#[cold]
fn required(field: &str) -> Error {
    Error::new(ErrorKind::InvalidOptions {
        reason: format!("`{field}` is required"),
    })
    .at(field)
}
