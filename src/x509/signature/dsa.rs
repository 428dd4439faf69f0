//! DSA verification (FIPS 186-4), for reading old certificates and CSRs; trust policy refuses
//! DSA in chains.

use rsa::BoxedUint;
use rsa::signature::hazmat::PrehashVerifier;

use super::SignatureStatus;
use crate::der::{self, TAG_INTEGER, Tlv};

/// `parameters` is Dss-Parms `SEQUENCE { p, q, g }`, `key` the DER INTEGER y.
pub fn verify(
    parameters: &Tlv<'_>,
    key: &[u8],
    digest: &[u8],
    signature: &[u8],
) -> SignatureStatus {
    let Some(verifying_key) = verifying_key(parameters, key) else {
        return SignatureStatus::Invalid;
    };
    let Ok(signature) = ::dsa::Signature::try_from(signature) else {
        return SignatureStatus::Invalid;
    };
    SignatureStatus::from_valid(verifying_key.verify_prehash(digest, &signature).is_ok())
}

fn verifying_key(parameters: &Tlv<'_>, key: &[u8]) -> Option<::dsa::VerifyingKey> {
    let mut parts = parameters.children();
    let mut next_uint = || -> Option<BoxedUint> {
        let tlv = parts.next()?.ok()?.with_tag(TAG_INTEGER, "INTEGER").ok()?;
        unsigned(tlv.content)
    };
    let (p, q, g) = (next_uint()?, next_uint()?, next_uint()?);
    let y = Tlv::read_exact(key)
        .ok()?
        .with_tag(TAG_INTEGER, "INTEGER")
        .ok()?;
    let components = ::dsa::Components::from_components(p, q, g).ok()?;
    ::dsa::VerifyingKey::from_components(components, unsigned(y.content)?).ok()
}

fn unsigned(content: &[u8]) -> Option<BoxedUint> {
    let (negative, magnitude) = der::integer_magnitude(content);
    (!negative && !magnitude.is_empty() && magnitude.len() <= 1024)
        .then(|| BoxedUint::from_be_slice_vartime(&magnitude))
}
