//! `inspect`: everything in a paste or a file, whatever it is, each object decoded or its
//! problem reported. What the web app's inspector and `certkit inspect` show.

use serde::{Deserialize, Serialize};

use crate::encoding::{Form, decode_blocks, der_element_len};
use crate::error::{ErrorKind, Problem, Result};
use crate::keys::{Passphrase, private_key_spki, private_key_text_spki};
use crate::object::{ObjectKind, classify};
use crate::pkcs12::{Pkcs12Protection, parse_pkcs12};
use crate::x509::{
    Certificate, CertificateRequest, Crl, PublicKeyInfo, decode_certificate, decode_crl,
    decode_csr, describe_spki, pkcs7_certificates,
};

/// `inspect`'s options.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct InspectOptions {
    /// Opens PKCS#12 files and encrypted private keys in the input. Their private keys are
    /// still never returned: only their public keys and certificates.
    #[serde(default)]
    pub passphrase: Option<Passphrase>,
}

/// What a PKCS#12 file holds besides its certificates (in `certificates`) and the public key
/// of its private key (in `publicKey`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Pkcs12Summary {
    pub has_private_key: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub friendly_name: Option<String>,
    /// Hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_key_id: Option<String>,
    pub protection: Pkcs12Protection,
    pub problems: Vec<Problem>,
}

/// Everything found in the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Inspection {
    /// `pem`, `base64` or `der`.
    pub encoding: String,
    pub items: Vec<InspectedItem>,
}

/// One object of the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct InspectedItem {
    /// Position in the input (PEM block or DER element), from 0.
    pub index: usize,
    pub kind: ObjectKind,
    /// The PEM label, when the input was PEM.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Certificates: one for a certificate, every one carried for a PKCS#7 bundle.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub certificates: Vec<Certificate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_request: Option<CertificateRequest>,
    /// The public key of a key object (for a private key, the matching public key; the
    /// private key itself is never returned).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_key: Option<PublicKeyInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crl: Option<Crl>,
    /// A PKCS#12 file opened with the passphrase of the options.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pkcs12: Option<Pkcs12Summary>,
    /// Why this object could not be decoded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Problem>,
}

/// Decodes every object in the input. Fails only when nothing can be read at all.
pub fn inspect(input: &[u8]) -> Result<Inspection> {
    inspect_with(input, &InspectOptions::default())
}

/// `inspect` with a passphrase for PKCS#12 files and encrypted private keys.
pub fn inspect_with(input: &[u8], options: &InspectOptions) -> Result<Inspection> {
    let (form, blocks) = decode_blocks(input)?;
    let items = blocks
        .iter()
        .enumerate()
        .map(|(index, block)| {
            let kind = classify(block);
            let mut item = InspectedItem {
                index,
                kind,
                label: block.label.clone(),
                certificates: Vec::new(),
                certificate_request: None,
                public_key: None,
                crl: None,
                pkcs12: None,
                error: None,
            };
            if let Err(error) = fill(&mut item, &block.der, options) {
                item.error = Some(error.at(format!("[{index}]")).into_problem());
            }
            item
        })
        .collect();
    let encoding = match form {
        Form::Pem => "pem",
        Form::Base64 => "base64",
        Form::Der => "der",
    };
    Ok(Inspection {
        encoding: encoding.to_owned(),
        items,
    })
}

fn fill(item: &mut InspectedItem, der: &[u8], options: &InspectOptions) -> Result<()> {
    let passphrase = options.passphrase.as_ref();
    match item.kind {
        ObjectKind::Certificate => {
            let cert_der = der_element_len(der)
                .and_then(|n| der.get(..n))
                .unwrap_or(der);
            item.certificates.push(decode_certificate(cert_der)?);
        }
        ObjectKind::Pkcs7 => {
            for cert in pkcs7_certificates(der)? {
                item.certificates.push(decode_certificate(cert)?);
            }
        }
        ObjectKind::CertificateRequest => item.certificate_request = Some(decode_csr(der)?),
        ObjectKind::PublicKey => item.public_key = Some(describe_spki(der)?),
        ObjectKind::RsaPublicKey => {
            item.public_key = Some(describe_spki(&crate::keys::rsa_spki(der))?)
        }
        ObjectKind::PrivateKey | ObjectKind::RsaPrivateKey | ObjectKind::EcPrivateKey => {
            item.public_key = Some(describe_spki(&private_key_spki(item.kind, der, None)?)?);
        }
        ObjectKind::EncryptedPrivateKey => {
            let passphrase = passphrase.ok_or(ErrorKind::PassphraseRequired)?;
            let spki = private_key_spki(item.kind, der, Some(passphrase.as_bytes()))?;
            item.public_key = Some(describe_spki(&spki)?);
        }
        ObjectKind::Crl => item.crl = Some(decode_crl(der)?),
        ObjectKind::Pkcs12 => {
            let passphrase = passphrase.ok_or(ErrorKind::PassphraseRequired)?;
            let contents = parse_pkcs12(der, passphrase.as_str())?;
            if let Some(pem) = &contents.private_key_pem {
                // Only the public half leaves: the key's PEM is dropped (and wiped) here.
                item.public_key = private_key_text_spki(pem.0.as_bytes(), None)
                    .and_then(|spki| describe_spki(&spki))
                    .ok();
            }
            item.pkcs12 = Some(Pkcs12Summary {
                has_private_key: contents.private_key_pem.is_some(),
                friendly_name: contents.friendly_name,
                local_key_id: contents.local_key_id,
                protection: contents.protection,
                problems: contents.problems,
            });
            item.certificates = contents.certificates;
        }
        ObjectKind::EcParameters | ObjectKind::Unknown => {}
    }
    Ok(())
}
