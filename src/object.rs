//! What a block of input is: from its PEM label when it has one, else from its DER structure.

use serde::Serialize;

use crate::der::{TAG_BIT_STRING, TAG_INTEGER, TAG_OCTET_STRING, TAG_OID, TAG_SEQUENCE, Tlv};
use crate::encoding::Block;

/// The kinds of object certkit recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum ObjectKind {
    Certificate,
    CertificateRequest,
    /// PKCS#7 / CMS SignedData, usually a certs-only bundle (`.p7b`).
    Pkcs7,
    Crl,
    /// A PKCS#12 file (`.p12`, `.pfx`): keys and certificates under a passphrase.
    Pkcs12,
    /// SubjectPublicKeyInfo (`PUBLIC KEY`).
    PublicKey,
    /// PKCS#1 RSAPublicKey (`RSA PUBLIC KEY`).
    RsaPublicKey,
    /// PKCS#8 PrivateKeyInfo (`PRIVATE KEY`).
    PrivateKey,
    /// PKCS#8 EncryptedPrivateKeyInfo (`ENCRYPTED PRIVATE KEY`).
    EncryptedPrivateKey,
    /// PKCS#1 RSAPrivateKey (`RSA PRIVATE KEY`).
    RsaPrivateKey,
    /// SEC1 ECPrivateKey (`EC PRIVATE KEY`).
    EcPrivateKey,
    /// EC domain parameters (`EC PARAMETERS`), as `openssl ecparam -genkey` writes before a key.
    EcParameters,
    Unknown,
}

impl ObjectKind {
    /// What to call this kind in a message.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Certificate => "a certificate",
            Self::CertificateRequest => "a certificate request (CSR)",
            Self::Pkcs7 => "a PKCS#7 bundle",
            Self::Crl => "a certificate revocation list",
            Self::Pkcs12 => "a PKCS#12 file",
            Self::PublicKey => "a public key",
            Self::RsaPublicKey => "an RSA public key",
            Self::PrivateKey | Self::RsaPrivateKey | Self::EcPrivateKey => "a private key",
            Self::EncryptedPrivateKey => "an encrypted private key",
            Self::EcParameters => "EC parameters",
            Self::Unknown => "an unrecognised object",
        }
    }

    pub fn is_private_key(self) -> bool {
        matches!(
            self,
            Self::PrivateKey | Self::EncryptedPrivateKey | Self::RsaPrivateKey | Self::EcPrivateKey
        )
    }
}

/// Classifies a block by its label, or by its structure when it has none.
pub fn classify(block: &Block<'_>) -> ObjectKind {
    match block.label.as_deref() {
        Some(label) => from_label(label).unwrap_or_else(|| from_structure(&block.der)),
        None => from_structure(&block.der),
    }
}

/// The kind a PEM label names, if certkit knows the label.
pub fn from_label(label: &str) -> Option<ObjectKind> {
    Some(match label {
        "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => ObjectKind::Certificate,
        "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => ObjectKind::CertificateRequest,
        "PKCS7" | "CMS" | "PKCS #7 SIGNED DATA" => ObjectKind::Pkcs7,
        "X509 CRL" => ObjectKind::Crl,
        "PKCS12" => ObjectKind::Pkcs12,
        "PUBLIC KEY" => ObjectKind::PublicKey,
        "RSA PUBLIC KEY" => ObjectKind::RsaPublicKey,
        "PRIVATE KEY" => ObjectKind::PrivateKey,
        "ENCRYPTED PRIVATE KEY" => ObjectKind::EncryptedPrivateKey,
        "RSA PRIVATE KEY" => ObjectKind::RsaPrivateKey,
        "EC PRIVATE KEY" => ObjectKind::EcPrivateKey,
        "EC PARAMETERS" => ObjectKind::EcParameters,
        _ => return None,
    })
}

/// Recognises DER by the tags of its first few elements.
fn from_structure(der: &[u8]) -> ObjectKind {
    let Ok((outer, _)) = Tlv::read(der) else {
        return ObjectKind::Unknown;
    };
    if outer.tag == TAG_OID {
        return ObjectKind::EcParameters;
    }
    if outer.tag != TAG_SEQUENCE {
        return ObjectKind::Unknown;
    }
    let tags: Vec<Tlv<'_>> = outer.children().take(4).filter_map(Result::ok).collect();
    let tag_at = |i: usize| tags.get(i).map(|t| t.tag);
    if tags
        .first()
        .is_some_and(|v| v.tag == TAG_INTEGER && v.content == [3])
        && tags.get(1).is_some_and(is_pkcs7_data)
    {
        return ObjectKind::Pkcs12;
    }
    match (tag_at(0), tag_at(1), tag_at(2)) {
        (Some(TAG_OID), Some(0xa0), _) => ObjectKind::Pkcs7,
        (Some(TAG_SEQUENCE), Some(TAG_SEQUENCE), Some(TAG_BIT_STRING)) => signed_kind(&tags[0]),
        (Some(TAG_SEQUENCE), Some(TAG_BIT_STRING), None) => ObjectKind::PublicKey,
        (Some(TAG_SEQUENCE), Some(TAG_OCTET_STRING), None) => ObjectKind::EncryptedPrivateKey,
        (Some(TAG_INTEGER), Some(TAG_SEQUENCE), Some(TAG_OCTET_STRING)) => ObjectKind::PrivateKey,
        (Some(TAG_INTEGER), Some(TAG_OCTET_STRING), _) => ObjectKind::EcPrivateKey,
        (Some(TAG_INTEGER), Some(TAG_INTEGER), Some(TAG_INTEGER)) => ObjectKind::RsaPrivateKey,
        (Some(TAG_INTEGER), Some(TAG_INTEGER), None) => ObjectKind::RsaPublicKey,
        _ => ObjectKind::Unknown,
    }
}

/// A ContentInfo of type data or signedData: a PFX's authSafe.
fn is_pkcs7_data(content_info: &Tlv<'_>) -> bool {
    const DATA: [u8; 9] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];
    const SIGNED: [u8; 9] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
    content_info.tag == TAG_SEQUENCE
        && content_info
            .children()
            .next()
            .and_then(Result::ok)
            .is_some_and(|oid| oid.tag == TAG_OID && (oid.content == DATA || oid.content == SIGNED))
}

/// A signed object (certificate, CSR or CRL) by the shape of its to-be-signed part.
fn signed_kind(tbs: &Tlv<'_>) -> ObjectKind {
    let fields: Vec<u8> = tbs
        .children()
        .filter_map(Result::ok)
        .map(|t| t.tag)
        .collect();
    match fields.as_slice() {
        [TAG_INTEGER, TAG_SEQUENCE, TAG_SEQUENCE, 0xa0] => ObjectKind::CertificateRequest,
        [0xa0, TAG_INTEGER, ..] | [TAG_INTEGER, TAG_SEQUENCE, TAG_SEQUENCE, TAG_SEQUENCE, ..]
            if fields.len() >= 6 =>
        {
            ObjectKind::Certificate
        }
        _ => ObjectKind::Crl,
    }
}
