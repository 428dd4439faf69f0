//! The issuing CA: its certificate and key, checked to belong together and to be allowed to
//! sign what is asked, and the exact parts a certificate it issues copies from it.

use serde::Deserialize;
use zeroize::Zeroizing;

use crate::der::Tlv;
use crate::encoding::InputData;
use crate::error::{Error, ErrorKind, Problem, Result};
use crate::keys::{Passphrase, PrivateKey, parse_private_key};
use crate::time::{UnixTime, format_rfc3339};
use crate::x509::extensions::KeyUsage;
use crate::x509::{KeyIdMethod, RawCertificate, key_identifier, parse_certificate};

/// The issuing CA, as the options give it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct IssuerInput {
    pub certificate: InputData,
    pub private_key: InputData,
    #[serde(default)]
    pub passphrase: Option<Passphrase>,
}

/// A CA ready to issue.
pub struct Issuer {
    pub key: PrivateKey,
    /// Its subject, byte for byte: the issuer name of what it signs.
    pub name: Vec<u8>,
    /// Its subjectKeyIdentifier (or RFC 5280 method 1 when it has none): the AKI it gives.
    pub key_id: Vec<u8>,
    pub not_after: UnixTime,
    path_length: Option<u32>,
}

impl Issuer {
    /// Reads the CA and refuses one that cannot sign certificates.
    pub fn load(input: &IssuerInput) -> Result<Self> {
        let cert = parse_certificate(input.certificate.as_bytes())
            .map_err(|e| e.at("issuer.certificate"))?;
        let bytes = Zeroizing::new(input.private_key.as_bytes().to_vec());
        let key = parse_private_key(&bytes, input.passphrase.as_ref().map(Passphrase::as_bytes))
            .map_err(|e| e.at("issuer.privateKey"))?;
        if key.public_key_spki()? != cert.public_key.spki {
            return Err(Error::new(ErrorKind::IssuerKeyMismatch).at("issuer.privateKey"));
        }
        let at = |kind: ErrorKind| Error::new(kind).at("issuer.certificate");
        let Some(constraints) = cert.basic_constraints().filter(|bc| bc.ca) else {
            let subject = cert.subject.rfc4514.clone();
            return Err(at(ErrorKind::IssuerNotCa { subject }));
        };
        let usage = cert.key_usage();
        if usage.is_some_and(|u| !u.contains(&KeyUsage::KeyCertSign)) {
            return Err(at(ErrorKind::IssuerKeyUsage));
        }
        let raw = RawCertificate::parse(&cert.der)?;
        let ski = cert.extensions.iter().find(|e| e.oid == "2.5.29.14");
        let key_id = match ski.map(|e| Tlv::read_exact(&e.der)) {
            Some(Ok(id)) => id.content.to_vec(),
            _ => key_identifier(raw.spki, KeyIdMethod::Rfc5280Sha1)?,
        };
        Ok(Self {
            name: raw.subject.to_vec(),
            not_after: raw.not_after,
            key_id,
            path_length: constraints.path_length,
            key,
        })
    }

    /// A CA certificate below a CA whose pathLength is 0 would make an invalid chain.
    pub fn check_can_issue(&self, is_ca: bool) -> Result<()> {
        if is_ca && self.path_length == Some(0) {
            return Err(Error::new(ErrorKind::IssuerPathLengthExceeded).at("isCa"));
        }
        Ok(())
    }

    /// A warning when the certificate would stay valid after the CA expires.
    pub fn outlived_by(&self, not_after: UnixTime) -> Option<Problem> {
        (not_after > self.not_after).then(|| {
            let issuer_not_after = format_rfc3339(self.not_after);
            Problem::warning(
                ErrorKind::CertificateOutlivesIssuer { issuer_not_after },
                "notAfter",
            )
        })
    }
}
