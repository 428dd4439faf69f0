//! The certificate model: every field a user inspects, decoded from DER.

use serde::Serialize;
use sha1::Sha1;
use sha2::{Digest, Sha256};
use x509_parser::prelude::{FromDer, X509Certificate};

use super::name::{Name, parse_name};
use super::oid;
use super::public_key::{PublicKeyInfo, describe_spki};
use crate::der;
use crate::encoding::pem_encode;
use crate::error::{ErrorKind, Result};
use crate::time::format_rfc3339;

/// An X.509 certificate, decoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Certificate {
    /// 1, 2 or 3.
    pub version: u32,
    /// Lowercase hex of the magnitude without leading zeros; `0` for zero, `-` when negative.
    pub serial_number: String,
    pub signature_algorithm: AlgorithmName,
    pub issuer: Name,
    pub subject: Name,
    /// RFC 3339 UTC.
    pub not_before: String,
    /// RFC 3339 UTC.
    pub not_after: String,
    pub public_key: PublicKeyInfo,
    pub fingerprints: Fingerprints,
    /// The certificate, DER.
    #[serde(with = "serde_bytes")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Uint8Array"))]
    pub der: Vec<u8>,
    /// The certificate, PEM with LF line ends.
    pub pem: String,
}

/// An algorithm identifier and OpenSSL's name for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct AlgorithmName {
    pub oid: String,
    /// OpenSSL's long name (`sha256WithRSAEncryption`), or the OID when unknown.
    pub name: String,
}

/// Hex digests of the DER certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Fingerprints {
    pub sha1: String,
    pub sha256: String,
}

/// Decodes one DER certificate; `der` must hold exactly the certificate.
pub fn decode_certificate(der: &[u8]) -> Result<Certificate> {
    let (_, cert) = X509Certificate::from_der(der).map_err(|e| ErrorKind::InvalidCertificate {
        reason: e.to_string(),
    })?;
    let tbs = &cert.tbs_certificate;
    let validity = tbs.validity();
    Ok(Certificate {
        version: tbs.version().0 + 1,
        serial_number: serial_hex(tbs.raw_serial()),
        signature_algorithm: algorithm_name(&cert.signature_algorithm.algorithm.to_id_string()),
        issuer: parse_name(tbs.issuer().as_raw())?,
        subject: parse_name(tbs.subject().as_raw())?,
        not_before: format_rfc3339(validity.not_before.timestamp()),
        not_after: format_rfc3339(validity.not_after.timestamp()),
        public_key: describe_spki(tbs.public_key().raw)?,
        fingerprints: Fingerprints {
            sha1: hex::encode(Sha1::digest(der)),
            sha256: hex::encode(Sha256::digest(der)),
        },
        der: der.to_vec(),
        pem: pem_encode("CERTIFICATE", der),
    })
}

/// Serial number as OpenSSL prints it, normalised: lowercase, no leading zeros.
pub fn serial_hex(content: &[u8]) -> String {
    let (negative, magnitude) = der::integer_magnitude(content);
    if magnitude.is_empty() {
        return "0".into();
    }
    let hex = hex::encode(&magnitude);
    let digits = hex.trim_start_matches('0');
    if negative {
        format!("-{digits}")
    } else {
        digits.to_owned()
    }
}

pub fn algorithm_name(dotted: &str) -> AlgorithmName {
    AlgorithmName {
        oid: dotted.to_owned(),
        name: oid::long_name(dotted).unwrap_or(dotted).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_print_like_openssl_normalised() {
        assert_eq!(serial_hex(&[0x00]), "0");
        assert_eq!(serial_hex(&[0x00, 0x8f, 0x01]), "8f01");
        assert_eq!(serial_hex(&[0x01, 0x02]), "102");
        assert_eq!(serial_hex(&[0xff]), "-1");
    }
}
