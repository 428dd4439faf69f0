//! SubjectPublicKeyInfo of an RSA key from its PKCS#1 form: what both key import (`RSA PUBLIC
//! KEY` PEM) and JWK reading (`n`, `e`) end with.

use crate::der::{self, TAG_BIT_STRING, TAG_SEQUENCE};

/// rsaEncryption.
pub(super) const OID_RSA: &str = "1.2.840.113549.1.1.1";

/// Wraps a PKCS#1 RSAPublicKey in a SubjectPublicKeyInfo.
pub fn rsa_spki(pkcs1: &[u8]) -> Vec<u8> {
    let mut algorithm = der::oid_from_string(OID_RSA).unwrap_or_default();
    algorithm.extend([0x05, 0x00]);
    let mut bits = vec![0u8];
    bits.extend_from_slice(pkcs1);
    let mut content = der::encode(TAG_SEQUENCE, &algorithm);
    content.extend(der::encode(TAG_BIT_STRING, &bits));
    der::encode(TAG_SEQUENCE, &content)
}
