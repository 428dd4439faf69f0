//! `inspect`: everything in a paste or a file, whatever it is, each object decoded or its
//! problem reported. What the web app's inspector and `certkit inspect` show.

use serde::Serialize;

use crate::encoding::{Form, decode_blocks, der_element_len};
use crate::error::{Error, ErrorKind, Problem, Result};
use crate::keys::private_key_from_der;
use crate::object::{ObjectKind, classify};
use crate::x509::{
    Certificate, CertificateRequest, PublicKeyInfo, decode_certificate, decode_csr, describe_spki,
    pkcs7_certificates,
};

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
    /// Why this object could not be decoded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Problem>,
}

/// Decodes every object in the input. Fails only when nothing can be read at all.
pub fn inspect(input: &[u8]) -> Result<Inspection> {
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
                error: None,
            };
            if let Err(error) = fill(&mut item, &block.der) {
                item.error = Some(error.at(format!("[{index}]")).to_problem());
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

fn fill(item: &mut InspectedItem, der: &[u8]) -> Result<()> {
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
            let key = private_key_from_der(item.kind, der, None)?;
            item.public_key = Some(describe_spki(&key.public_key_spki()?)?);
        }
        ObjectKind::EncryptedPrivateKey => return Err(Error::new(ErrorKind::PassphraseRequired)),
        ObjectKind::Crl | ObjectKind::EcParameters | ObjectKind::Unknown => {}
    }
    Ok(())
}
