//! RSA PKCS#1 v1.5 and PSS verification.

use rsa::BoxedUint;
use rsa::signature::Verifier;
use sha1::Sha1;
use sha2::digest::{Digest, FixedOutputReset};
use sha2::{Sha224, Sha256, Sha384, Sha512};

use super::Hash;
use crate::der::{self, TAG_INTEGER, TAG_SEQUENCE, Tlv};

/// How many RSA keys `rsa_public_key` remembers.
const REMEMBERED_KEYS: usize = 8;

/// The RSA keys most recently made, newest first, by their PKCS#1 bytes. Making one precomputes
/// its Montgomery parameters, ~140 µs for RSA-2048 natively and most of a verification: a page
/// that reads the same roots and intermediates again (the self-signature of every root in a
/// bundle, the issuer of every leaf) pays that once per key. Public keys only; bounded.
static RECENT_KEYS: std::sync::Mutex<Vec<(Vec<u8>, rsa::PublicKey)>> =
    std::sync::Mutex::new(Vec::new());

/// An RSA public key from PKCS#1 RSAPublicKey bytes, accepting 512 to 16384 bits so that
/// old and very large keys can still be checked. Remembers the last few keys (`RECENT_KEYS`).
pub fn rsa_public_key(pkcs1: &[u8]) -> Option<rsa::PublicKey> {
    // A poisoned lock only means another call panicked while holding it: the list is still
    // whole (every change is one push or remove), so it is used as it is.
    let mut recent = RECENT_KEYS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(index) = recent.iter().position(|(bytes, _)| bytes == pkcs1) {
        let entry = recent.remove(index);
        let key = entry.1.clone();
        recent.insert(0, entry);
        return Some(key);
    }
    let key = new_rsa_public_key(pkcs1)?;
    recent.truncate(REMEMBERED_KEYS - 1);
    recent.insert(0, (pkcs1.to_vec(), key.clone()));
    Some(key)
}

fn new_rsa_public_key(pkcs1: &[u8]) -> Option<rsa::PublicKey> {
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
