//! Subject public key info: algorithm, size or curve, and the SHA-256 pin.

use std::borrow::Cow;

use serde::{Serialize, Serializer};

use super::oid;
use crate::der::{self, TAG_BIT_STRING, TAG_INTEGER, TAG_OID, TAG_SEQUENCE, Tlv};
use crate::error::{ErrorKind, Result};
use crate::output_digest::{Digested, OutputDigest};
use crate::shared_bytes::SharedBytes;

/// A public key as found in a certificate, CSR or SPKI. Its SHA-256 pin is made when it is
/// output (`PublicKeyOutput`), not when it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKeyInfo {
    /// `rsa`, `ec`, `ed25519`, `ed448`, `x25519`, `x448`, `dsa`, `rsa-pss`, or `unknown`.
    pub algorithm: &'static str,
    /// The algorithm OID of the SPKI.
    pub oid: Cow<'static, str>,
    /// Modulus size (RSA, DSA) or field size (EC) in bits.
    pub bits: Option<u32>,
    /// `P-256`, `P-384`, `P-521`, OpenSSL's name for other named curves, or `explicit`.
    pub curve: Option<Cow<'static, str>>,
    /// The whole SubjectPublicKeyInfo, DER.
    pub spki: SharedBytes,
}

impl PublicKeyInfo {
    /// Base64 SHA-256 of the SPKI, as HTTP public key pinning and `curl --pinnedpubkey` use.
    pub fn sha256_pin(&self) -> String {
        OutputDigest::Sha256Base64.text(&self.spki)
    }
}

impl Serialize for PublicKeyInfo {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        PublicKeyOutput {
            algorithm: self.algorithm,
            oid: &self.oid,
            bits: self.bits,
            curve: self.curve.as_deref(),
            spki: &self.spki,
            sha256_pin: Digested(OutputDigest::Sha256Base64, &self.spki),
        }
        .serialize(serializer)
    }
}

/// A public key as found in a certificate, CSR or SPKI.
#[derive(Serialize)]
#[serde(rename = "PublicKeyInfo", rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(rename = "PublicKeyInfo"))]
struct PublicKeyOutput<'a> {
    /// `rsa`, `ec`, `ed25519`, `ed448`, `x25519`, `x448`, `dsa`, `rsa-pss`, or `unknown`.
    algorithm: &'a str,
    /// The algorithm OID of the SPKI.
    oid: &'a str,
    /// Modulus size (RSA, DSA) or field size (EC) in bits.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    bits: Option<u32>,
    /// `P-256`, `P-384`, `P-521`, OpenSSL's name for other named curves, or `explicit`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    curve: Option<&'a str>,
    /// The whole SubjectPublicKeyInfo, DER.
    #[serde(with = "serde_bytes")]
    #[cfg_attr(feature = "ts", tsify(type = "Uint8Array"))]
    spki: &'a [u8],
    /// Base64 SHA-256 of the SPKI, as HTTP public key pinning and `curl --pinnedpubkey` use.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    sha256_pin: Digested<'a>,
}

/// The parts of an SPKI that other modules need: algorithm OID, parameters, key bits.
#[derive(Debug, Clone, Copy)]
pub struct SpkiParts<'a> {
    /// The whole AlgorithmIdentifier, DER (what PKCS#8 repeats for the private key).
    pub algorithm: &'a [u8],
    pub algorithm_oid: &'a [u8],
    pub parameters: Option<Tlv<'a>>,
    /// Contents of the subjectPublicKey BIT STRING (after the unused-bits byte).
    pub key: &'a [u8],
}

pub const OID_RSA: &str = "1.2.840.113549.1.1.1";
pub const OID_RSA_PSS: &str = "1.2.840.113549.1.1.10";
pub const OID_EC: &str = "1.2.840.10045.2.1";
pub const OID_ED25519: &str = "1.3.101.112";
pub const OID_ED448: &str = "1.3.101.113";

/// Splits a DER SubjectPublicKeyInfo into its parts.
pub fn spki_parts(spki: &[u8]) -> Result<SpkiParts<'_>> {
    let outer = Tlv::read_exact(spki)?.with_tag(TAG_SEQUENCE, "a SubjectPublicKeyInfo")?;
    let mut fields = outer.children();
    let algorithm = fields
        .required("algorithm")?
        .with_tag(TAG_SEQUENCE, "an AlgorithmIdentifier")?;
    let bits = fields
        .required("subjectPublicKey")?
        .with_tag(TAG_BIT_STRING, "a BIT STRING")?;
    let mut alg = algorithm.children();
    let oid = alg.required("algorithm OID")?.with_tag(TAG_OID, "an OID")?;
    let parameters = alg.next_tlv().transpose()?;
    let key = match bits.content.split_first() {
        Some((0, key)) => key,
        _ => {
            return Err(ErrorKind::InvalidDer {
                reason: "public key BIT STRING has unused bits".into(),
            }
            .into());
        }
    };
    Ok(SpkiParts {
        algorithm: algorithm.raw,
        algorithm_oid: oid.content,
        parameters,
        key,
    })
}

/// Describes a DER SubjectPublicKeyInfo.
pub fn describe_spki(spki: &[u8]) -> Result<PublicKeyInfo> {
    let whole = SharedBytes::copy_of(spki);
    describe_spki_in(&whole, &whole)
}

/// [`describe_spki`] of an SPKI read from `whole`, which its `spki` bytes are a view of.
pub fn describe_spki_in(whole: &SharedBytes, spki: &[u8]) -> Result<PublicKeyInfo> {
    let parts = spki_parts(spki)?;
    let (oid, _) = oid::read(parts.algorithm_oid).ok_or_else(|| ErrorKind::InvalidDer {
        reason: "bad public key algorithm OID".into(),
    })?;
    let (algorithm, bits, curve) = match &*oid {
        OID_RSA | OID_RSA_PSS => {
            let name = if oid == OID_RSA { "rsa" } else { "rsa-pss" };
            (name, rsa_modulus_bits(parts.key), None)
        }
        OID_EC => {
            let (curve, bits) = ec_curve(parts.parameters);
            ("ec", bits, Some(curve))
        }
        OID_ED25519 => ("ed25519", None, None),
        OID_ED448 => ("ed448", None, None),
        "1.3.101.110" => ("x25519", None, None),
        "1.3.101.111" => ("x448", None, None),
        "1.2.840.10040.4.1" => ("dsa", dsa_bits(parts.parameters), None),
        _ => ("unknown", None, None),
    };
    Ok(PublicKeyInfo {
        algorithm,
        oid,
        bits,
        curve,
        spki: whole.view(spki),
    })
}

/// Size of the prime field of explicit ECParameters (SEQUENCE { version, fieldID { type, p } }).
fn explicit_field_bits(params: &Tlv<'_>) -> Option<u32> {
    let mut fields = params.children();
    fields.next()?.ok()?;
    let field_id = fields.next()?.ok()?;
    let mut parts = field_id.children();
    let field_type = parts.next()?.ok()?;
    if der::oid_to_string(field_type.content)? != "1.2.840.10045.1.1" {
        return None; // characteristic-two fields: no single prime
    }
    integer_bits(parts.next()?.ok()?.content)
}

fn rsa_modulus_bits(key: &[u8]) -> Option<u32> {
    let seq = Tlv::read_exact(key).ok()?;
    let modulus = seq
        .children()
        .next()?
        .ok()?
        .with_tag(TAG_INTEGER, "modulus")
        .ok()?;
    integer_bits(modulus.content)
}

fn dsa_bits(parameters: Option<Tlv<'_>>) -> Option<u32> {
    let p = parameters?.children().next()?.ok()?;
    integer_bits(p.content)
}

fn integer_bits(content: &[u8]) -> Option<u32> {
    let (_, magnitude) = der::integer_magnitude(content);
    let first = *magnitude.first()?;
    let len = u32::try_from(magnitude.len()).ok()?;
    Some((len - 1) * 8 + (8 - first.leading_zeros()))
}

/// The curve name and its size for EC parameters.
fn ec_curve(parameters: Option<Tlv<'_>>) -> (Cow<'static, str>, Option<u32>) {
    let Some(params) = parameters else {
        return (Cow::Borrowed("missing"), None);
    };
    if params.tag != TAG_OID {
        return (Cow::Borrowed("explicit"), explicit_field_bits(&params));
    }
    let (dotted, known) = oid::read(params.content).unwrap_or_default();
    let (name, bits) = match &*dotted {
        "1.2.840.10045.3.1.7" => ("P-256", Some(256)),
        "1.3.132.0.34" => ("P-384", Some(384)),
        "1.3.132.0.35" => ("P-521", Some(521)),
        "1.3.132.0.10" => ("secp256k1", Some(256)),
        "1.2.840.10045.3.1.1" => ("P-192", Some(192)),
        "1.3.132.0.33" => ("P-224", Some(224)),
        _ => {
            return (
                known.map_or(dotted, |known| Cow::Borrowed(known.short)),
                None,
            );
        }
    };
    (Cow::Borrowed(name), bits)
}

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    use super::*;
    use crate::encoding::base64_encode;

    #[test]
    fn the_pin_is_written_from_the_spki_when_output() {
        let pem = include_str!("../../tests/vectors/fixtures/client.pub.pem");
        let (_, blocks) = crate::encoding::decode_blocks(pem.as_bytes()).unwrap();
        let info = describe_spki(&blocks[0].der).unwrap();
        let json = serde_json::to_value(&info).unwrap();
        let expected = base64_encode(&Sha256::digest(&info.spki));
        assert_eq!(json["sha256Pin"], expected);
        assert_eq!(info.sha256_pin(), expected);
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys.last(), Some(&"sha256Pin"), "{keys:?}");
        assert_eq!(keys[..2], ["algorithm", "oid"]);
    }
}
