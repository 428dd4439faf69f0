//! RSA PKCS#1 v1.5 and PSS verification.

use rsa::BoxedUint;
use rsa::signature::Verifier;
use sha1::Sha1;
use sha2::digest::{Digest, FixedOutputReset};
use sha2::{Sha224, Sha256, Sha384, Sha512};

use super::Hash;
use crate::der::{self, TAG_INTEGER, TAG_SEQUENCE, Tlv};

/// An RSA public key from PKCS#1 RSAPublicKey bytes, accepting 512 to 16384 bits so that
/// old and very large keys can still be checked.
pub fn rsa_public_key(pkcs1: &[u8]) -> Option<rsa::PublicKey> {
    let seq = Tlv::read_exact(pkcs1)
        .ok()?
        .with_tag(TAG_SEQUENCE, "RSAPublicKey")
        .ok()?;
    let mut parts = seq.children();
    let n = parts.next()?.ok()?.with_tag(TAG_INTEGER, "modulus").ok()?;
    let e = parts.next()?.ok()?.with_tag(TAG_INTEGER, "exponent").ok()?;
    let (n_negative, n) = der::integer_magnitude(n.content);
    let (e_negative, e) = der::integer_magnitude(e.content);
    if n_negative || e_negative || n.is_empty() || e.is_empty() {
        return None;
    }
    let n = BoxedUint::from_be_slice_vartime(&n);
    let e = BoxedUint::from_be_slice_vartime(&e);
    rsa::PublicKey::new_with_size_limits(n, e, 512..=16384).ok()
}

pub fn verify_pkcs1(key: &[u8], hash: Hash, message: &[u8], signature: &[u8]) -> bool {
    fn check<D>(key: rsa::PublicKey, message: &[u8], signature: &[u8]) -> bool
    where
        D: Digest + FixedOutputReset + rsa::pkcs8::der::oid::AssociatedOid,
    {
        let Ok(signature) = rsa::pkcs1v15::Signature::try_from(signature) else {
            return false;
        };
        rsa::pkcs1v15::VerifyingKey::<D>::new(key)
            .verify(message, &signature)
            .is_ok()
    }
    let Some(key) = rsa_public_key(key) else {
        return false;
    };
    match hash {
        Hash::Sha1 => check::<Sha1>(key, message, signature),
        Hash::Sha224 => check::<Sha224>(key, message, signature),
        Hash::Sha256 => check::<Sha256>(key, message, signature),
        Hash::Sha384 => check::<Sha384>(key, message, signature),
        Hash::Sha512 => check::<Sha512>(key, message, signature),
    }
}

pub fn verify_pss(key: &[u8], hash: Hash, salt: usize, message: &[u8], signature: &[u8]) -> bool {
    fn check<D: Digest + FixedOutputReset>(
        key: rsa::PublicKey,
        salt: usize,
        message: &[u8],
        signature: &[u8],
    ) -> bool {
        let Ok(signature) = rsa::pss::Signature::try_from(signature) else {
            return false;
        };
        rsa::pss::VerifyingKey::<D>::new_with_salt_len(key, salt)
            .verify(message, &signature)
            .is_ok()
    }
    let Some(key) = rsa_public_key(key) else {
        return false;
    };
    match hash {
        Hash::Sha1 => check::<Sha1>(key, salt, message, signature),
        Hash::Sha224 => check::<Sha224>(key, salt, message, signature),
        Hash::Sha256 => check::<Sha256>(key, salt, message, signature),
        Hash::Sha384 => check::<Sha384>(key, salt, message, signature),
        Hash::Sha512 => check::<Sha512>(key, salt, message, signature),
    }
}
