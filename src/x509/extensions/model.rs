//! The extension model: one extension as it appears (`Extension`), the typed value of each
//! one certkit decodes (`ExtensionValue`), and the values users look at most lifted out of the
//! list (`KnownExtensions`).

use std::borrow::Cow;

use serde::Serialize;

use super::{
    AccessDescription, BasicConstraints, DistributionPoint, GeneralSubtree,
    IssuingDistributionPoint, KeyUsage, OID_AUTHORITY_KEY_IDENTIFIER, OID_BASIC_CONSTRAINTS,
    OID_EXTENDED_KEY_USAGE, OID_KEY_USAGE, OID_SUBJECT_ALT_NAME, OID_SUBJECT_KEY_IDENTIFIER,
    Policy, PolicyMapping, Purpose, SignedCertificateTimestamp,
};
use crate::shared_bytes::SharedBytes;
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
    #[cfg_attr(feature = "ts", tsify(type = "Uint8Array"))]
    pub der: SharedBytes,
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
        let known = KnownRefs::from(extensions);
        Self {
            subject_key_identifier: known.subject_key_identifier.cloned(),
            authority_key_identifier: known.authority_key_identifier.cloned(),
            subject_alt_names: known.subject_alt_names.to_vec(),
            basic_constraints: known.basic_constraints,
            key_usage: known.key_usage.map(<[KeyUsage]>::to_vec),
            extended_key_usage: known.extended_key_usage.map(<[Purpose]>::to_vec),
        }
    }
}

/// [`KnownExtensions`] borrowed from the list they are in: what a certificate answers without
/// a second copy of its names and usages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KnownRefs<'a> {
    pub subject_key_identifier: Option<&'a KeyId>,
    pub authority_key_identifier: Option<&'a KeyId>,
    pub subject_alt_names: &'a [GeneralName],
    pub basic_constraints: Option<BasicConstraints>,
    pub key_usage: Option<&'a [KeyUsage]>,
    pub extended_key_usage: Option<&'a [Purpose]>,
}

impl<'a> From<&'a [Extension]> for KnownRefs<'a> {
    /// One pass: of an extension given twice, the first is used, as OpenSSL does (even when
    /// only a later one could be decoded).
    fn from(extensions: &'a [Extension]) -> Self {
        let mut known = Self::default();
        let mut seen = [false; 6];
        for extension in extensions {
            let slot = match &*extension.oid {
                OID_SUBJECT_KEY_IDENTIFIER => 0,
                OID_AUTHORITY_KEY_IDENTIFIER => 1,
                OID_SUBJECT_ALT_NAME => 2,
                OID_BASIC_CONSTRAINTS => 3,
                OID_KEY_USAGE => 4,
                OID_EXTENDED_KEY_USAGE => 5,
                _ => continue,
            };
            if std::mem::replace(&mut seen[slot], true) {
                continue;
            }
            match &extension.value {
                Some(ExtensionValue::SubjectKeyIdentifier { key_identifier }) => {
                    known.subject_key_identifier = Some(key_identifier);
                }
                Some(ExtensionValue::AuthorityKeyIdentifier { key_identifier, .. }) => {
                    known.authority_key_identifier = key_identifier.as_ref();
                }
                Some(ExtensionValue::SubjectAltName { names }) => known.subject_alt_names = names,
                Some(ExtensionValue::BasicConstraints { ca, path_length }) => {
                    known.basic_constraints = Some(BasicConstraints {
                        ca: *ca,
                        path_length: *path_length,
                    });
                }
                Some(ExtensionValue::KeyUsage { usages }) => known.key_usage = Some(usages),
                Some(ExtensionValue::ExtendedKeyUsage { purposes }) => {
                    known.extended_key_usage = Some(purposes)
                }
                _ => {}
            }
        }
        known
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extension(oid: &'static str, value: Option<ExtensionValue>) -> Extension {
        Extension {
            oid: Cow::Borrowed(oid),
            name: None,
            critical: false,
            value,
            der: Vec::new().into(),
        }
    }

    fn ski(byte: u8) -> Option<ExtensionValue> {
        Some(ExtensionValue::SubjectKeyIdentifier {
            key_identifier: KeyId(vec![byte]),
        })
    }

    #[test]
    fn the_first_of_an_extension_given_twice_is_the_one_used() {
        let usages = Some(ExtensionValue::KeyUsage {
            usages: vec![KeyUsage::KeyCertSign],
        });
        let list = [
            extension("1.2.3.4", None),
            extension(OID_SUBJECT_KEY_IDENTIFIER, ski(1)),
            // Undecodable first: the later, decodable one is not used (as OpenSSL).
            extension(OID_KEY_USAGE, None),
            extension(OID_SUBJECT_KEY_IDENTIFIER, ski(2)),
            extension(OID_KEY_USAGE, usages),
            extension(
                OID_BASIC_CONSTRAINTS,
                Some(
                    BasicConstraints {
                        ca: true,
                        path_length: Some(0),
                    }
                    .into(),
                ),
            ),
        ];
        let known = KnownRefs::from(list.as_slice());
        assert_eq!(known.subject_key_identifier, Some(&KeyId(vec![1])));
        assert_eq!(known.key_usage, None);
        assert_eq!(
            known.basic_constraints.map(|b| b.path_length),
            Some(Some(0))
        );
        assert!(known.subject_alt_names.is_empty());
        assert_eq!(known.extended_key_usage, None);
        let owned = KnownExtensions::from(list.as_slice());
        assert_eq!(owned.subject_key_identifier, Some(KeyId(vec![1])));
        assert_eq!(owned.key_usage, None);
        assert_eq!(owned.basic_constraints, known.basic_constraints);
    }
}
