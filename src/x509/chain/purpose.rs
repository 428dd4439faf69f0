//! What the leaf must be good for: `purpose` in `verifyChain`'s options, checked as RFC 5280
//! §4.2.1.12 says on the leaf and on every CA of the path (the extended key usage chaining that
//! browsers and rustls-webpki apply).

use webpki::{Error, ExtendedKeyUsageValidator, KeyPurposeId, KeyPurposeIdIter, KeyUsage};

use crate::der;
use crate::error::{Error as CertkitError, ErrorKind, Result};
use crate::x509::extensions::{OID_CLIENT_AUTH, OID_SERVER_AUTH};
use crate::x509::oid;

const OID_ANY_EXTENDED_KEY_USAGE: &str = "2.5.29.37.0";

/// The purpose a chain is validated for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ChainPurpose {
    /// No extended key usage is required.
    #[default]
    Any,
    /// TLS server authentication under the web PKI profile (CA/Browser Forum rules apply).
    ServerAuth,
    ClientAuth,
    /// Any other key purpose, by OID.
    Other {
        oid: String,
    },
}

impl ChainPurpose {
    /// `any`, `serverAuth`, `clientAuth`, any extended key usage name certkit prints
    /// (`emailProtection`, `codeSigning`, ...) or a dotted OID.
    pub fn parse(text: &str) -> Result<Self> {
        let oid = match text {
            "any" => return Ok(Self::Any),
            "serverAuth" => return Ok(Self::ServerAuth),
            "clientAuth" => return Ok(Self::ClientAuth),
            _ if text.starts_with(|c: char| c.is_ascii_digit()) => {
                der::oid_from_string(text).map(|_| text.to_owned())
            }
            _ => oid::oid_of_name(text).map(str::to_owned),
        };
        match oid.as_deref() {
            Some(OID_SERVER_AUTH) => Ok(Self::ServerAuth),
            Some(OID_CLIENT_AUTH) => Ok(Self::ClientAuth),
            Some(_) => Ok(Self::Other {
                oid: oid.unwrap_or_default(),
            }),
            None => Err(CertkitError::new(ErrorKind::UnknownPurpose {
                value: text.chars().take(80).collect(),
            })
            .at("purpose")),
        }
    }

    /// The key purpose OID, `None` for `Any`.
    pub fn oid(&self) -> Option<&str> {
        match self {
            Self::Any => None,
            Self::ServerAuth => Some(OID_SERVER_AUTH),
            Self::ClientAuth => Some(OID_CLIENT_AUTH),
            Self::Other { oid } => Some(oid),
        }
    }

    /// Whether a certificate with these extended key usages (`None`: no extension) may be used
    /// for this purpose. anyExtendedKeyUsage counts, except for the web PKI's serverAuth.
    pub fn allows(&self, usages: Option<&[&str]>) -> bool {
        let (Some(wanted), Some(usages)) = (self.oid(), usages) else {
            return true;
        };
        usages.iter().any(|u| {
            *u == wanted || (*u == OID_ANY_EXTENDED_KEY_USAGE && *self != Self::ServerAuth)
        })
    }

    /// The validator rustls-webpki applies to every certificate of a candidate path.
    pub fn validator(&self) -> PurposeValidator {
        PurposeValidator {
            purpose: self.clone(),
            wanted: self.oid().and_then(der::oid_from_string),
            any: der::oid_from_string(OID_ANY_EXTENDED_KEY_USAGE),
        }
    }
}

impl std::fmt::Display for ChainPurpose {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Any => f.write_str("any purpose"),
            Self::ServerAuth => f.write_str("serverAuth (TLS server authentication)"),
            Self::ClientAuth => f.write_str("clientAuth (TLS client authentication)"),
            Self::Other { oid } => match crate::x509::oid::short_name(oid) {
                Some(name) => write!(f, "{name} ({oid})"),
                None => f.write_str(oid),
            },
        }
    }
}

pub struct PurposeValidator {
    purpose: ChainPurpose,
    /// DER of the wanted OID (tag and length included).
    wanted: Option<Vec<u8>>,
    any: Option<Vec<u8>>,
}

impl ExtendedKeyUsageValidator for PurposeValidator {
    fn validate(&self, mut iter: KeyPurposeIdIter<'_, '_>) -> std::result::Result<(), Error> {
        let Some(wanted) = self.wanted.as_deref().and_then(oid_content) else {
            return iter.try_for_each(|id| id.map(drop));
        };
        let any = self.any.as_deref().and_then(oid_content);
        let mut empty = true;
        for id in iter {
            let id = id?;
            empty = false;
            if id == KeyPurposeId::new(wanted)
                || (self.purpose != ChainPurpose::ServerAuth
                    && any.is_some_and(|any| id == KeyPurposeId::new(any)))
            {
                return Ok(());
            }
        }
        if empty {
            return Ok(()); // no extendedKeyUsage extension: any purpose (RFC 5280 §4.2.1.12)
        }
        Err(Error::RequiredEkuNotFoundContext(
            webpki::RequiredEkuNotFoundContext {
                required: KeyUsage::required(&[]),
                present: Vec::new(),
            },
        ))
    }
}

/// The content bytes of a DER OID.
fn oid_content(der: &[u8]) -> Option<&[u8]> {
    der.get(2..)
}
