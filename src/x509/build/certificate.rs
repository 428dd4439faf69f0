//! `createCertificate`: self-signed, or issued by a CA certificate and its key, for a private
//! key, a public key, or a CSR.

use rand_core::CryptoRng;
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, IsCa, Issuer,
    KeyIdMethod as RcgenKeyId, KeyUsagePurpose, SerialNumber,
};
use serde::Deserialize;
use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::extensions::{SanInput, extended_key_usages, key_usages, subject_alt_names};
use super::name_input::{NameInput, encode_name};
use super::{Created, rcgen_error, replace_and_resign};
use crate::encoding::InputData;
use crate::error::{Error, ErrorKind, Result};
use crate::keys::{
    KeySigner, Passphrase, PrivateKey, PublicKeyOnly, parse_private_key, public_key_spki,
};
use crate::time::{SECONDS_PER_DAY, UnixTime, parse_rfc3339};
use crate::x509::{
    Certificate, CertificateRequest, KeyIdMethod, RawCertificate, key_identifier,
    parse_certificate, parse_csr,
};

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
    /// A CSR to certify: its key, and (unless given here) its subject and requested extensions.
    #[serde(default)]
    pub csr: Option<InputData>,
    /// A public key to certify (or a certificate whose key to reuse).
    #[serde(default)]
    pub public_key: Option<InputData>,
    /// Required unless it comes from the CSR.
    #[serde(default)]
    pub subject: Option<NameInput>,
    /// The CA that signs; without it the certificate is self-signed.
    #[serde(default)]
    pub issuer: Option<IssuerInput>,
    /// RFC 3339; `now` by default.
    #[serde(default)]
    pub not_before: Option<String>,
    /// RFC 3339; one year after notBefore by default.
    #[serde(default)]
    pub not_after: Option<String>,
    /// RFC 3339; the TypeScript layer fills in the current time.
    #[serde(default)]
    pub now: Option<String>,
    #[serde(default)]
    pub is_ca: bool,
    #[serde(default)]
    pub path_length: Option<u8>,
    #[serde(default)]
    pub subject_alt_names: Option<Vec<SanInput>>,
    #[serde(default)]
    pub key_usage: Option<Vec<String>>,
    #[serde(default)]
    pub extended_key_usage: Option<Vec<String>>,
    /// How the subjectKeyIdentifier is computed: RFC 5280 method 1 by default, as OpenSSL's
    /// `hash` and the Halo reference CA do.
    #[serde(default)]
    pub key_id_method: Option<KeyIdMethod>,
    /// Hex; a random positive 16-byte serial by default.
    #[serde(default)]
    pub serial_number: Option<String>,
}

/// The issuing CA.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct IssuerInput {
    pub certificate: InputData,
    pub private_key: InputData,
    #[serde(default)]
    pub passphrase: Option<Passphrase>,
}

/// Makes and signs a certificate.
pub fn create_certificate(
    options: &CreateCertificateOptions,
    rng: &mut (impl CryptoRng + ?Sized),
) -> Result<Created> {
    let now = parse_rfc3339(options.now.as_deref().ok_or_else(|| required("now"))?)
        .map_err(|e| e.at("now"))?;
    let subject_key = subject_private_key(options)?;
    let csr = options
        .csr
        .as_ref()
        .map(|c| checked_csr(c.as_bytes()))
        .transpose()?;
    let subject_spki = subject_spki(options, subject_key.as_ref(), csr.as_ref())?;
    let subject_name = match (&options.subject, &csr) {
        (Some(name), _) => encode_name(name, "subject")?,
        (None, Some((_, raw_subject))) => raw_subject.clone(),
        (None, None) => return Err(required("subject")),
    };
    let params = certificate_params(
        options,
        csr.as_ref().map(|(c, _)| c),
        &subject_spki,
        rng,
        now,
    )?;
    let subject_public = PublicKeyOnly::from_spki(&subject_spki).map_err(|e| e.at("publicKey"))?;

    let der = match &options.issuer {
        None => {
            let key = subject_key.as_ref().ok_or_else(|| required("privateKey"))?;
            let signer = KeySigner::new(key, rng)?;
            let cert = params.self_signed(&signer.draft()).map_err(rcgen_error)?;
            // tbsCertificate: version, serial, signature, issuer (3), validity, subject (5), ...
            replace_and_resign(
                cert.der(),
                &[(3, &subject_name), (5, &subject_name)],
                &signer,
            )?
        }
        Some(issuer) => {
            let (ca_cert, ca_key) = issuing_ca(issuer)?;
            let ca_raw = RawCertificate::parse(&ca_cert.der)?;
            let aki = match &ca_cert.subject_key_identifier {
                Some(hex_id) => hex::decode(hex_id).map_err(|_| ErrorKind::Internal {
                    reason: "SKI hex".into(),
                })?,
                None => key_identifier(ca_raw.spki, KeyIdMethod::Rfc5280Sha1)?,
            };
            let signer = KeySigner::new(&ca_key, rng)?;
            let mut issuer_params = CertificateParams::default();
            issuer_params.distinguished_name = DistinguishedName::new();
            issuer_params.key_identifier_method = RcgenKeyId::PreSpecified(aki);
            let draft = signer.draft();
            let rcgen_issuer = Issuer::new(issuer_params, &draft);
            let cert = params
                .signed_by(&subject_public, &rcgen_issuer)
                .map_err(rcgen_error)?;
            replace_and_resign(
                cert.der(),
                &[(3, ca_raw.subject), (5, &subject_name)],
                &signer,
            )?
        }
    };
    Ok(Created::new("CERTIFICATE", der))
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
    let subject = csr_subject_der(&csr.der)?;
    Ok((csr, subject))
}

fn csr_subject_der(der: &[u8]) -> Result<Vec<u8>> {
    let outer = crate::der::Tlv::read_exact(der)?;
    let info = outer.children().required("certificationRequestInfo")?;
    let mut fields = info.children();
    fields.required("version")?;
    Ok(fields.required("subject")?.raw.to_vec())
}

/// The key being certified: from the private key, the CSR, or the public key (one of them).
fn subject_spki(
    options: &CreateCertificateOptions,
    key: Option<&PrivateKey>,
    csr: Option<&(CertificateRequest, Vec<u8>)>,
) -> Result<Vec<u8>> {
    let given = [key.is_some(), csr.is_some(), options.public_key.is_some()]
        .iter()
        .filter(|g| **g)
        .count();
    if given != 1 && !(given == 2 && key.is_some() && options.issuer.is_none()) {
        let reason = "give exactly one of privateKey, csr or publicKey for the subject".into();
        return Err(Error::new(ErrorKind::InvalidOptions { reason }).at("privateKey"));
    }
    if let Some(key) = key {
        return key.public_key_spki();
    }
    if let Some((csr, _)) = csr {
        return Ok(csr.public_key.spki.clone());
    }
    let public = options
        .public_key
        .as_ref()
        .ok_or_else(|| required("publicKey"))?;
    public_key_spki(public.as_bytes()).map_err(|e| e.at("publicKey"))
}

/// The CA certificate and its key, which must belong together; the CA must be a CA.
fn issuing_ca(issuer: &IssuerInput) -> Result<(Certificate, PrivateKey)> {
    let cert =
        parse_certificate(issuer.certificate.as_bytes()).map_err(|e| e.at("issuer.certificate"))?;
    let bytes = Zeroizing::new(issuer.private_key.as_bytes().to_vec());
    let key = parse_private_key(&bytes, issuer.passphrase.as_ref().map(Passphrase::as_bytes))
        .map_err(|e| e.at("issuer.privateKey"))?;
    if key.public_key_spki()? != cert.public_key.spki {
        return Err(Error::new(ErrorKind::IssuerKeyMismatch).at("issuer.privateKey"));
    }
    if !cert.basic_constraints.is_some_and(|bc| bc.ca) {
        return Err(Error::new(ErrorKind::IssuerNotCa {
            subject: cert.subject.rfc4514.clone(),
        })
        .at("issuer.certificate"));
    }
    Ok((cert, key))
}

fn certificate_params(
    options: &CreateCertificateOptions,
    csr: Option<&CertificateRequest>,
    subject_spki: &[u8],
    rng: &mut (impl CryptoRng + ?Sized),
    now: UnixTime,
) -> Result<CertificateParams> {
    let mut params = CertificateParams::default();
    params.distinguished_name = DistinguishedName::new();
    let not_before = match &options.not_before {
        Some(t) => parse_rfc3339(t).map_err(|e| e.at("notBefore"))?,
        None => now,
    };
    let not_after = match &options.not_after {
        Some(t) => parse_rfc3339(t).map_err(|e| e.at("notAfter"))?,
        None => not_before + 365 * SECONDS_PER_DAY,
    };
    if not_after <= not_before {
        return Err(Error::new(ErrorKind::InvalidValidity).at("notAfter"));
    }
    params.not_before = datetime(not_before, "notBefore")?;
    params.not_after = datetime(not_after, "notAfter")?;
    params.serial_number = Some(SerialNumber::from_slice(&serial(
        options.serial_number.as_deref(),
        rng,
    )?));

    let requested = |given: &Option<Vec<String>>, from_csr: Option<Vec<String>>| {
        given.clone().or(from_csr).unwrap_or_default()
    };
    let sans = match (&options.subject_alt_names, csr) {
        (Some(sans), _) => sans.clone(),
        (None, Some(csr)) => csr
            .subject_alt_names
            .iter()
            .map(|n| SanInput::Text(n.value.clone()))
            .collect(),
        (None, None) => Vec::new(),
    };
    params.subject_alt_names = subject_alt_names(&sans, "subjectAltNames")?;
    let csr_usage = csr.and_then(|c| c.key_usage.clone());
    let csr_eku = csr.and_then(|c| {
        c.extended_key_usage.as_ref().map(|p| {
            p.iter()
                .map(|p| p.name.clone().unwrap_or(p.oid.clone()))
                .collect()
        })
    });
    let mut usages = key_usages(&requested(&options.key_usage, csr_usage), "keyUsage")?;
    if options.is_ca && options.key_usage.is_none() {
        usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
    }
    params.key_usages = usages;
    params.extended_key_usages = extended_key_usages(
        &requested(&options.extended_key_usage, csr_eku),
        "extendedKeyUsage",
    )?;
    params.is_ca = match (options.is_ca, options.path_length) {
        (true, Some(n)) => IsCa::Ca(BasicConstraints::Constrained(n)),
        (true, None) => IsCa::Ca(BasicConstraints::Unconstrained),
        (false, Some(_)) => {
            return Err(Error::new(ErrorKind::InvalidOptions {
                reason: "pathLength needs isCa: true".into(),
            })
            .at("pathLength"));
        }
        // ExplicitNoCa writes basicConstraints CA:FALSE and, with it, the subjectKeyIdentifier.
        (false, None) => IsCa::ExplicitNoCa,
    };
    let method = options.key_id_method.unwrap_or(KeyIdMethod::Rfc5280Sha1);
    params.key_identifier_method = RcgenKeyId::PreSpecified(key_identifier(subject_spki, method)?);
    params.use_authority_key_identifier_extension = options.issuer.is_some();
    Ok(params)
}

/// The given serial (hex), or 16 random bytes with the top bit clear and the next set, so it
/// is positive and always 16 bytes long.
fn serial(given: Option<&str>, rng: &mut (impl CryptoRng + ?Sized)) -> Result<Vec<u8>> {
    if let Some(text) = given {
        let digits = text.trim().trim_start_matches("0x");
        let padded = if digits.len() % 2 == 1 {
            format!("0{digits}")
        } else {
            digits.to_owned()
        };
        let bytes = hex::decode(&padded)
            .ok()
            .filter(|b| !b.is_empty() && b.len() <= 20 && b.iter().any(|&x| x != 0));
        return bytes.ok_or_else(|| Error::new(ErrorKind::InvalidSerialNumber).at("serialNumber"));
    }
    let mut bytes = vec![0u8; 16];
    rng.fill_bytes(&mut bytes);
    bytes[0] = (bytes[0] & 0x7f) | 0x40;
    Ok(bytes)
}

fn datetime(t: UnixTime, field: &str) -> Result<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(t).map_err(|_| {
        Error::new(ErrorKind::InvalidTime {
            value: crate::time::format_rfc3339(t),
        })
        .at(field)
    })
}

fn required(field: &str) -> Error {
    Error::new(ErrorKind::InvalidOptions {
        reason: format!("`{field}` is required"),
    })
    .at(field)
}
