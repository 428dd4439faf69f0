//! X.509: certificates, names, public keys, and the inputs that hold them.

mod certificate;
mod name;
mod oid;
mod oid_table;
mod public_key;

pub use certificate::{
    AlgorithmName, Certificate, Fingerprints, algorithm_name, decode_certificate, serial_hex,
};
pub use name::{Attribute, Name, parse_name};
pub use oid::{long_name, short_name};
pub use public_key::{PublicKeyInfo, SpkiParts, describe_spki, spki_parts};

use crate::encoding::{Block, decode_blocks};
use crate::error::{Error, ErrorKind, Result};

/// PEM labels under which a certificate may appear.
const CERTIFICATE_LABELS: &[&str] = &["CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"];

/// Parses input that must hold exactly one certificate.
pub fn parse_certificate(input: &[u8]) -> Result<Certificate> {
    let mut certificates = parse_certificates(input)?;
    match certificates.len() {
        1 => Ok(certificates.remove(0)),
        0 => Err(ErrorKind::NoCertificate.into()),
        count => Err(ErrorKind::MultipleCertificates { count }.into()),
    }
}

/// Parses every certificate in the input, in order. A block that is not a certificate is an
/// error naming its position, so nothing is dropped silently.
pub fn parse_certificates(input: &[u8]) -> Result<Vec<Certificate>> {
    let (_, blocks) = decode_blocks(input)?;
    blocks
        .iter()
        .enumerate()
        .map(|(i, block)| certificate_from_block(block).map_err(|e| with_index(e, i, blocks.len())))
        .collect()
}

fn certificate_from_block(block: &Block) -> Result<Certificate> {
    if let Some(label) = &block.label
        && !CERTIFICATE_LABELS.contains(&label.as_str())
    {
        let found = format!("a `{label}` PEM block");
        return Err(ErrorKind::NotACertificate { found }.into());
    }
    // A TRUSTED CERTIFICATE carries OpenSSL's trust settings after the certificate.
    let der = match crate::encoding::der_element_len(&block.der) {
        Some(len) => &block.der[..len],
        None => &block.der[..],
    };
    decode_certificate(der)
}

fn with_index(error: Error, index: usize, count: usize) -> Error {
    if count > 1 {
        error.at(format!("[{index}]"))
    } else {
        error
    }
}
