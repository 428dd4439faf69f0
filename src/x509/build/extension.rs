//! X.509 extensions as certkit writes them: the OID, the criticality RFC 5280 asks for, and
//! the value's exact DER (made here, or copied byte for byte from a CSR).

use crate::der::{self, TAG_BOOLEAN, TAG_INTEGER, TAG_OCTET_STRING, TAG_SEQUENCE};

/// id-ce-subjectKeyIdentifier (2.5.29.14), as OID content bytes.
pub const SUBJECT_KEY_IDENTIFIER: &[u8] = &[0x55, 0x1d, 0x0e];
/// id-ce-keyUsage (2.5.29.15).
pub const KEY_USAGE: &[u8] = &[0x55, 0x1d, 0x0f];
/// id-ce-subjectAltName (2.5.29.17).
pub const SUBJECT_ALT_NAME: &[u8] = &[0x55, 0x1d, 0x11];
/// id-ce-basicConstraints (2.5.29.19).
pub const BASIC_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x13];
/// id-ce-authorityKeyIdentifier (2.5.29.35).
pub const AUTHORITY_KEY_IDENTIFIER: &[u8] = &[0x55, 0x1d, 0x23];
/// id-ce-extKeyUsage (2.5.29.37).
pub const EXTENDED_KEY_USAGE: &[u8] = &[0x55, 0x1d, 0x25];

/// One extension: `Extension ::= SEQUENCE { extnID, critical DEFAULT FALSE, extnValue }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    /// The OID's content bytes.
    pub oid: &'static [u8],
    pub critical: bool,
    /// The DER the extnValue OCTET STRING holds.
    pub value: Vec<u8>,
}

impl Extension {
    pub fn new(oid: &'static [u8], critical: bool, value: Vec<u8>) -> Self {
        Self {
            oid,
            critical,
            value,
        }
    }

    fn encode(&self) -> Vec<u8> {
        let mut content = der::encode(der::TAG_OID, self.oid);
        if self.critical {
            // DER omits a BOOLEAN equal to its DEFAULT, so only TRUE is written.
            content.extend(der::encode(TAG_BOOLEAN, &[0xff]));
        }
        content.extend(der::encode(TAG_OCTET_STRING, &self.value));
        der::encode(TAG_SEQUENCE, &content)
    }
}

/// `Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension`; `None` when there are none.
pub fn encode_all(extensions: &[Extension]) -> Option<Vec<u8>> {
    if extensions.is_empty() {
        return None;
    }
    let content: Vec<u8> = extensions.iter().flat_map(Extension::encode).collect();
    Some(der::encode(TAG_SEQUENCE, &content))
}

/// basicConstraints, always critical (RFC 5280 4.2.1.9 requires it for CAs; for end entities
/// `cA` FALSE is written as the empty SEQUENCE DER makes of a DEFAULT value).
pub fn basic_constraints(ca: bool, path_length: Option<u8>) -> Extension {
    let mut content = Vec::new();
    if ca {
        content.extend(der::encode(TAG_BOOLEAN, &[0xff]));
        if let Some(n) = path_length {
            content.extend(der::encode(TAG_INTEGER, &der::unsigned_integer(&[n])));
        }
    }
    Extension::new(BASIC_CONSTRAINTS, true, der::encode(TAG_SEQUENCE, &content))
}

/// subjectKeyIdentifier, never critical (RFC 5280 4.2.1.2).
pub fn subject_key_identifier(id: &[u8]) -> Extension {
    Extension::new(
        SUBJECT_KEY_IDENTIFIER,
        false,
        der::encode(TAG_OCTET_STRING, id),
    )
}

/// authorityKeyIdentifier with the keyIdentifier field only, never critical (RFC 5280 4.2.1.1).
pub fn authority_key_identifier(id: &[u8]) -> Extension {
    Extension::new(
        AUTHORITY_KEY_IDENTIFIER,
        false,
        der::encode(TAG_SEQUENCE, &der::encode(0x80, id)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_match_openssl() {
        // basicConstraints=critical,CA:TRUE,pathlen:0 as OpenSSL writes it.
        assert_eq!(
            hex::encode(basic_constraints(true, Some(0)).encode()),
            "30120603551d130101ff040830060101ff020100"
        );
        assert_eq!(
            hex::encode(basic_constraints(false, None).encode()),
            "300c0603551d130101ff04023000"
        );
        assert_eq!(
            hex::encode(authority_key_identifier(&[1, 2]).value),
            "300480020102"
        );
    }

    #[test]
    fn no_extensions_is_no_field() {
        assert_eq!(encode_all(&[]), None);
    }
}
