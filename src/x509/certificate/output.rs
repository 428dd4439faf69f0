//! What a certificate serializes as (the `Certificate` of the TypeScript types): the model's
//! fields by reference, and the text that is only output, `pem` and the fingerprints, written
//! into the serializer's own buffer (`Serializer::collect_str`) rather than kept in the model.

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::{AlgorithmName, Certificate};
use crate::encoding::Pem;
use crate::error::Problem;
use crate::output_digest::{Digested, OutputDigest};
use crate::x509::extensions::{BasicConstraints, Extension, KeyUsage, Purpose};
use crate::x509::general_name::GeneralName;
use crate::x509::key_identifier::KeyId;
use crate::x509::name::Name;
use crate::x509::public_key::PublicKeyInfo;

impl Serialize for Certificate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let known = self.known();
        CertificateOutput {
            version: self.version,
            serial_number: &self.serial_number,
            signature_algorithm: &self.signature_algorithm,
            issuer: &self.issuer,
            subject: &self.subject,
            not_before: self.not_before,
            not_after: self.not_after,
            public_key: &self.public_key,
            subject_key_identifier: known.subject_key_identifier,
            authority_key_identifier: known.authority_key_identifier,
            subject_alt_names: known.subject_alt_names,
            basic_constraints: known.basic_constraints,
            key_usage: known.key_usage,
            extended_key_usage: known.extended_key_usage,
            extensions: &self.extensions,
            fingerprints: FingerprintsOf(&self.der),
            self_signed: self.self_signed,
            signature: &self.signature,
            der: &self.der,
            pem: PemOf(&self.der),
            problems: &self.problems,
        }
        .serialize(serializer)
    }
}

/// An X.509 certificate, decoded.
#[derive(Serialize)]
#[serde(rename = "Certificate", rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(rename = "Certificate"))]
struct CertificateOutput<'a> {
    /// 1, 2 or 3.
    version: u32,
    /// Lowercase hex of the magnitude without leading zeros; `0` for zero, `-` when negative.
    serial_number: &'a str,
    signature_algorithm: &'a AlgorithmName,
    issuer: &'a Name,
    subject: &'a Name,
    /// RFC 3339 UTC.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    not_before: crate::time::UnixTime,
    /// RFC 3339 UTC.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    not_after: crate::time::UnixTime,
    public_key: &'a PublicKeyInfo,
    /// The subjectKeyIdentifier extension, hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    subject_key_identifier: Option<&'a KeyId>,
    /// The keyIdentifier of the authorityKeyIdentifier extension, hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    authority_key_identifier: Option<&'a KeyId>,
    /// The subjectAltName extension's names; empty when it is absent.
    subject_alt_names: &'a [GeneralName],
    #[serde(skip_serializing_if = "Option::is_none")]
    basic_constraints: Option<BasicConstraints>,
    /// RFC 5280 names of the keyUsage bits set.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "string[]"))]
    key_usage: Option<&'a [KeyUsage]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extended_key_usage: Option<&'a [Purpose]>,
    /// Every extension, in order, decoded where known.
    extensions: &'a [Extension],
    #[cfg_attr(feature = "ts", tsify(type = "Fingerprints"))]
    fingerprints: FingerprintsOf<'a>,
    /// Issuer equals subject, and the certificate's own key verifies its signature (or, for
    /// algorithms certkit cannot verify, the key identifiers agree).
    self_signed: bool,
    /// The signature value.
    #[serde(with = "serde_bytes")]
    #[cfg_attr(feature = "ts", tsify(type = "Uint8Array"))]
    signature: &'a [u8],
    /// The certificate, DER.
    #[serde(with = "serde_bytes")]
    #[cfg_attr(feature = "ts", tsify(type = "Uint8Array"))]
    der: &'a [u8],
    /// The certificate, PEM with LF line ends.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pem: PemOf<'a>,
    /// What is unusual or wrong in a certificate that still parses, each with its code and
    /// field: the parsing policy's findings (ARCHITECTURE.md), lint warnings and notes.
    problems: &'a [Problem],
}

/// `Fingerprints` of a DER certificate, digested and written as hex when serialized.
struct FingerprintsOf<'a>(&'a [u8]);

impl Serialize for FingerprintsOf<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Fingerprints", 2)?;
        out.serialize_field("sha1", &Digested(OutputDigest::Sha1Hex, self.0))?;
        out.serialize_field("sha256", &Digested(OutputDigest::Sha256Hex, self.0))?;
        out.end()
    }
}

/// A certificate's PEM text, written when serialized.
struct PemOf<'a>(&'a [u8]);

impl Serialize for PemOf<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&Pem {
            label: "CERTIFICATE",
            der: self.0,
        })
    }
}

#[cfg(test)]
mod tests {
    use sha1::Sha1;
    use sha2::{Digest, Sha256};

    #[test]
    fn output_text_is_written_from_the_der_in_the_model_order() {
        let pem = include_str!("../../../tests/vectors/fixtures/root.pem");
        let cert = crate::x509::parse_certificate(pem.as_bytes()).unwrap();
        let json = serde_json::to_value(&cert).unwrap();
        assert_eq!(json["pem"], pem.replace("\r\n", "\n"));
        assert_eq!(json["pem"], cert.pem());
        assert_eq!(
            json["fingerprints"]["sha1"],
            hex::encode(Sha1::digest(&cert.der))
        );
        assert_eq!(
            json["fingerprints"]["sha256"],
            hex::encode(Sha256::digest(&cert.der))
        );
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let tail = [
            "extensions",
            "fingerprints",
            "selfSigned",
            "signature",
            "der",
            "pem",
            "problems",
        ];
        assert_eq!(keys[keys.len() - tail.len()..], tail, "{keys:?}");
        assert_eq!(keys[..3], ["version", "serialNumber", "signatureAlgorithm"]);
    }
}
