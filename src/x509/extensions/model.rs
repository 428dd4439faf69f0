//! The extension model: one extension as it appears (`Extension`), the typed value of each
//! one certkit decodes (`ExtensionValue`), and the values users look at most lifted out of the
//! list (`KnownExtensions`).

use std::borrow::Cow;

use serde::Serialize;

use super::{
    AccessDescription, BasicConstraints, DistributionPoint, GeneralSubtree,
    IssuingDistributionPoint, KeyUsage, Policy, PolicyMapping, Purpose, SignedCertificateTimestamp,
};
use crate::x509::general_name::GeneralName;
use crate::x509::key_identifier::KeyId;

/// One extension as it appears in the certificate or CSR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Extension {
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub oid: Cow<'static, str>,
    /// OpenSSL's long name (`X509v3 Subject Alternative Name` is `subjectAltName` here).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub name: Option<&'static str>,
    pub critical: bool,
    /// The decoded value, absent for extensions certkit does not know or could not decode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<ExtensionValue>,
    /// The extension's value (the extnValue OCTET STRING contents), DER.
    #[serde(with = "serde_bytes")]
    #[cfg_attr(feature = "ts", tsify(type = "Uint8Array"))]
    pub der: Vec<u8>,
}

/// A decoded extension value; `type` says which extension it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum ExtensionValue {
    BasicConstraints {
        ca: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        path_length: Option<u32>,
    },
    /// RFC 5280 names: `digitalSignature`, `nonRepudiation`, `keyEncipherment`, ...
    KeyUsage {
        #[cfg_attr(feature = "ts", tsify(type = "string[]"))]
        usages: Vec<KeyUsage>,
    },
    ExtendedKeyUsage {
        purposes: Vec<Purpose>,
    },
    /// Hex.
    SubjectKeyIdentifier {
        #[cfg_attr(feature = "ts", tsify(type = "string"))]
        key_identifier: KeyId,
    },
    AuthorityKeyIdentifier {
        /// Hex.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", tsify(type = "string"))]
        key_identifier: Option<KeyId>,
        #[serde(skip_serializing_if = "Option::is_none")]
        authority_cert_issuer: Option<Vec<GeneralName>>,
        /// Hex, as `serialNumber`.
        #[serde(skip_serializing_if = "Option::is_none")]
        authority_cert_serial_number: Option<String>,
    },
    SubjectAltName {
        names: Vec<GeneralName>,
    },
    IssuerAltName {
        names: Vec<GeneralName>,
    },
    CertificatePolicies {
        policies: Vec<Policy>,
    },
    PolicyMappings {
        mappings: Vec<PolicyMapping>,
    },
    PolicyConstraints {
        #[serde(skip_serializing_if = "Option::is_none")]
        require_explicit_policy: Option<u32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        inhibit_policy_mapping: Option<u32>,
    },
    InhibitAnyPolicy {
        skip_certs: u32,
    },
    NameConstraints {
        permitted: Vec<GeneralSubtree>,
        excluded: Vec<GeneralSubtree>,
    },
    CrlDistributionPoints {
        points: Vec<DistributionPoint>,
    },
    FreshestCrl {
        points: Vec<DistributionPoint>,
    },
    AuthorityInfoAccess {
        descriptions: Vec<AccessDescription>,
    },
    SubjectInfoAccess {
        descriptions: Vec<AccessDescription>,
    },
    /// RFC 6962 SCT list embedded by CT logs.
    SignedCertificateTimestamps {
        timestamps: Vec<SignedCertificateTimestamp>,
    },
    /// RFC 6962 precertificate poison: this is not a usable certificate.
    PrecertificatePoison,
    /// RFC 7633 TLS features (5 is `status_request`, OCSP must-staple).
    TlsFeature {
        features: Vec<u32>,
    },
    NetscapeCertType {
        types: Vec<String>,
    },
    NetscapeComment {
        comment: String,
    },
    /// A CRL's sequence number (hex, like serial numbers).
    CrlNumber {
        number: String,
    },
    /// This is a delta CRL on top of the base CRL with this number (hex).
    DeltaCrlIndicator {
        base_crl_number: String,
    },
    IssuingDistributionPoint(IssuingDistributionPoint),
    /// A CRL entry's revocation reason (RFC 5280 name, such as `keyCompromise`).
    CrlReason {
        reason: String,
    },
    /// When the key is known or suspected to have been compromised (RFC 3339).
    InvalidityDate {
        date: String,
    },
    /// An indirect CRL entry's certificate issuer.
    CertificateIssuer {
        names: Vec<GeneralName>,
    },
}

/// The values of the extensions users look at most, lifted out of the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnownExtensions {
    pub subject_key_identifier: Option<KeyId>,
    pub authority_key_identifier: Option<KeyId>,
    pub subject_alt_names: Vec<GeneralName>,
    pub basic_constraints: Option<BasicConstraints>,
    pub key_usage: Option<Vec<KeyUsage>>,
    pub extended_key_usage: Option<Vec<Purpose>>,
}

impl From<&[Extension]> for KnownExtensions {
    fn from(extensions: &[Extension]) -> Self {
        let mut known = Self::default();
        // Of an extension given twice, the first is used, as OpenSSL does.
        let first = extensions
            .iter()
            .enumerate()
            .filter(|(i, e)| {
                !extensions
                    .iter()
                    .take(*i)
                    .any(|earlier| earlier.oid == e.oid)
            })
            .map(|(_, e)| e);
        for value in first.filter_map(|e| e.value.as_ref()) {
            match value {
                ExtensionValue::SubjectKeyIdentifier { key_identifier } => {
                    known.subject_key_identifier = Some(key_identifier.clone());
                }
                ExtensionValue::AuthorityKeyIdentifier { key_identifier, .. } => {
                    known.authority_key_identifier.clone_from(key_identifier);
                }
                ExtensionValue::SubjectAltName { names } => {
                    known.subject_alt_names.clone_from(names)
                }
                ExtensionValue::BasicConstraints { ca, path_length } => {
                    known.basic_constraints = Some(BasicConstraints {
                        ca: *ca,
                        path_length: *path_length,
                    });
                }
                ExtensionValue::KeyUsage { usages } => known.key_usage = Some(usages.clone()),
                ExtensionValue::ExtendedKeyUsage { purposes } => {
                    known.extended_key_usage = Some(purposes.clone())
                }
                _ => {}
            }
        }
        known
    }
}
