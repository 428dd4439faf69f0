//! X.509: certificates, CSRs, names, extensions, public keys, key identifiers, chains, and the
//! inputs (PEM, DER, bundles, PKCS#7) that hold them.

#[cfg(feature = "full")]
pub mod build;
mod certificate;
mod chain;
mod crl;
mod csr;
mod encoding_policy;
pub mod extensions;
mod general_name;
mod key_identifier;
mod name;
mod oid;
mod oid_table;
mod pkcs7;
mod public_key;
mod revocation;
mod signature;
pub mod validity;

pub use certificate::{
    AlgorithmName, Certificate, Fingerprints, RawCertificate, SelfSignature, algorithm_identifier,
    algorithm_name, decode_certificate, decode_certificate_with, is_self_signed, serial_hex,
};
pub use chain::{
    ChainInput, ChainLink, ChainOptions, ChainPurpose, ChainReport, IssuedBy, LinkSignature,
    VerifyChainOptions, verify_chain, verify_chain_input,
};
pub use crl::{Crl, ParseCrlOptions, RawCrl, RawEntry, RevokedCertificate, decode_crl, parse_crl};
pub use csr::{CertificateRequest, RequestAttribute, decode_csr};
pub use general_name::{GeneralName, GeneralNameKind};
pub use key_identifier::{
    KeyId, KeyIdMethod, KeyIdentifiers, identify_method, key_identifier, key_identifiers,
};
pub use name::{Attribute, Name, parse_name};
pub use oid::{long_name, oid_of_name, short_name};
pub use pkcs7::pkcs7_certificates;
pub use public_key::{PublicKeyInfo, SpkiParts, describe_spki, spki_parts};
pub use revocation::{RevocationCheck, RevocationStatus, check_revocation};
pub use signature::{SignatureStatus, rsa_public_key, verify_signature};
pub use validity::{End, Validity, ValidityState};

use crate::encoding::{decode_blocks, der_element_len};
use crate::error::{Error, ErrorKind, Result};
use crate::object::{ObjectKind, classify};

/// Parses input that must hold exactly one certificate.
pub fn parse_certificate(input: &[u8]) -> Result<Certificate> {
    let mut certificates = parse_certificates(input)?;
    match certificates.len() {
        1 => Ok(certificates.remove(0)),
        0 => Err(ErrorKind::NoCertificate.into()),
        count => Err(ErrorKind::MultipleCertificates { count }.into()),
    }
}

/// Parses every certificate in the input, in order: concatenated PEM, DER back to back, and
/// PKCS#7 bundles. PEM blocks of other known kinds (keys, CSRs, CRLs: the everyday
/// `fullchain + key` file) are skipped, as OpenSSL does when it loads a bundle; `inspect`
/// reports every block. A block that should be a certificate and is not, or an unlabelled
/// block of another kind, is an error naming its position.
pub fn parse_certificates(input: &[u8]) -> Result<Vec<Certificate>> {
    parse_certificates_with(input, SelfSignature::Check)
}

/// `parse_certificates`, choosing whether self-signatures are checked while parsing.
pub fn parse_certificates_with(
    input: &[u8],
    self_signature: SelfSignature,
) -> Result<Vec<Certificate>> {
    let decode_certificate = |der: &[u8]| decode_certificate_with(der, self_signature);
    let (_, blocks) = decode_blocks(input)?;
    let many = blocks.len() > 1;
    let mut out = Vec::new();
    let mut skipped = None;
    for (index, block) in blocks.iter().enumerate() {
        let at = |e: Error| if many { e.at(format!("[{index}]")) } else { e };
        match classify(block) {
            ObjectKind::Certificate => {
                out.push(decode_certificate(first_element(&block.der)).map_err(at)?)
            }
            ObjectKind::Pkcs7 => {
                for der in pkcs7_certificates(&block.der).map_err(at)? {
                    out.push(decode_certificate(der).map_err(at)?);
                }
            }
            kind => {
                let found = match &block.label {
                    Some(label) => format!("{} (a `{label}` PEM block)", kind.describe()),
                    None => kind.describe().to_owned(),
                };
                let error = at(ErrorKind::NotACertificate { found }.into());
                if !has_known_label(block) {
                    return Err(error);
                }
                skipped.get_or_insert(error);
            }
        }
    }
    if out.is_empty() {
        return Err(skipped.unwrap_or_else(|| ErrorKind::NoCertificate.into()));
    }
    Ok(out)
}

/// A PEM block whose label names a kind certkit knows (so skipping it hides nothing unknown).
fn has_known_label(block: &crate::encoding::Block<'_>) -> bool {
    block
        .label
        .as_deref()
        .is_some_and(|label| crate::object::from_label(label).is_some())
}

/// Parses input that must hold exactly one PKCS#10 certificate request.
pub fn parse_csr(input: &[u8]) -> Result<CertificateRequest> {
    let (_, blocks) = decode_blocks(input)?;
    let [block] = blocks.as_slice() else {
        return Err(ErrorKind::MultipleObjects {
            count: blocks.len(),
        }
        .into());
    };
    match classify(block) {
        ObjectKind::CertificateRequest => decode_csr(&block.der),
        kind => Err(ErrorKind::NotACsr {
            found: kind.describe().to_owned(),
        }
        .into()),
    }
}

/// The key identifier (hex) of the key in a certificate, CSR, public or private key.
pub fn subject_key_identifier(input: &[u8], method: KeyIdMethod) -> Result<String> {
    let spki = crate::keys::public_key_spki(input)?;
    key_identifier(&spki, method).map(hex::encode)
}

/// Every method's key identifier for the key in the input.
pub fn all_key_identifiers(input: &[u8]) -> Result<KeyIdentifiers> {
    key_identifiers(&crate::keys::public_key_spki(input)?)
}

/// The key identifier method that made the SKI of a certificate or CSR, or `None`.
pub fn identify_key_id_method(input: &[u8]) -> Result<Option<KeyIdMethod>> {
    let (_, blocks) = decode_blocks(input)?;
    let [block] = blocks.as_slice() else {
        return Err(ErrorKind::MultipleObjects {
            count: blocks.len(),
        }
        .into());
    };
    let (ski, spki) = match classify(block) {
        ObjectKind::Certificate => {
            let cert = decode_certificate(first_element(&block.der))?;
            (cert.subject_key_identifier().cloned(), cert.public_key.spki)
        }
        ObjectKind::CertificateRequest => {
            let csr = decode_csr(&block.der)?;
            (csr.subject_key_identifier, csr.public_key.spki)
        }
        kind => {
            return Err(ErrorKind::NotACertificate {
                found: kind.describe().to_owned(),
            }
            .into());
        }
    };
    let ski = ski.ok_or(ErrorKind::NoSubjectKeyIdentifier)?;
    identify_method(ski.as_bytes(), &spki)
}

/// The certificate itself when a block carries data after it (OpenSSL's TRUSTED CERTIFICATE).
fn first_element(der: &[u8]) -> &[u8] {
    der_element_len(der)
        .and_then(|len| der.get(..len))
        .unwrap_or(der)
}
