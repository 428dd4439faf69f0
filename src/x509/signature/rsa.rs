//! RSA PKCS#1 v1.5 and PSS verification.

use rsa::BoxedUint;
use sha1::Sha1;
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

/// RSASSA-PKCS1-v1_5 (RFC 8017 §8.2.2) through the rsa crate's one non-generic check, with
/// the DigestInfo prefix of `hash`: a generic `VerifyingKey<D>` per digest was ~1 kB of wasm each.
pub fn verify_pkcs1(key: &[u8], hash: Hash, message: &[u8], signature: &[u8]) -> bool {
    let Some(key) = rsa_public_key(key) else {
        return false;
    };
    let scheme = match hash {
        Hash::Sha1 => rsa::Pkcs1v15Sign::new::<Sha1>(),
        Hash::Sha224 => rsa::Pkcs1v15Sign::new::<Sha224>(),
        Hash::Sha256 => rsa::Pkcs1v15Sign::new::<Sha256>(),
        Hash::Sha384 => rsa::Pkcs1v15Sign::new::<Sha384>(),
        Hash::Sha512 => rsa::Pkcs1v15Sign::new::<Sha512>(),
    };
    key.verify(scheme, &hash.digest(message), signature).is_ok()
}

/// RSASSA-PSS (RFC 8017 §8.1.2, EMSA-PSS-VERIFY §9.1.2) with MGF1 over the same `hash` and a
/// salt of exactly `salt` octets, the digest chosen at run time: the rsa crate's verifier is
/// generic over the digest, ~4.5 kB of wasm for each of five. The RSA operation is the crate's.
pub fn verify_pss(key: &[u8], hash: Hash, salt: usize, message: &[u8], signature: &[u8]) -> bool {
    let Some(key) = rsa_public_key(key) else {
        return false;
    };
    encoded_message(&key, signature).is_some_and(|(mut em, em_bits)| {
        pss_consistent(hash, &hash.digest(message), &mut em, em_bits, salt)
    })
}

/// RSAVP1 and I2OSP: EM of emLen = ⌈(modBits − 1) / 8⌉ octets, and emBits.
fn encoded_message(key: &rsa::PublicKey, signature: &[u8]) -> Option<(Vec<u8>, usize)> {
    use rsa::traits::PublicKeyParts;
    if signature.len() != key.size() {
        return None;
    }
    let n = key.n().as_ref();
    let s = BoxedUint::from_be_slice(signature, n.bits_precision()).ok()?;
    if s >= n {
        return None;
    }
    let m = rsa::hazmat::rsa_encrypt(key, &s).ok()?;
    let em_bits = (n.bit_width_vartime() as usize).checked_sub(1)?;
    let em_len = em_bits.div_ceil(8);
    let bytes = m.to_be_bytes_trimmed_vartime();
    // A representative wider than emLen octets is inconsistent, not cut.
    let pad = em_len.checked_sub(bytes.len())?;
    let mut em = vec![0u8; pad];
    em.extend_from_slice(&bytes);
    Some((em, em_bits))
}

/// EMSA-PSS-VERIFY steps 3 to 14 on `em`.
fn pss_consistent(hash: Hash, m_hash: &[u8], em: &mut [u8], em_bits: usize, salt: usize) -> bool {
    let h_len = hash.output_len();
    let em_len = em.len();
    // The salt length comes from the certificate: a huge one must not overflow.
    let needed = h_len.checked_add(salt).and_then(|n| n.checked_add(2));
    if needed.is_none_or(|needed| em_len < needed) || em.last() != Some(&0xbc) {
        return false;
    }
    let (db, rest) = em.split_at_mut(em_len - h_len - 1);
    let h = &rest[..h_len];
    let unused_bits = 8 * em_len - em_bits;
    let top_mask = 0xffu8 >> unused_bits;
    if db[0] & !top_mask != 0 {
        return false;
    }
    mgf1_xor(hash, h, db);
    db[0] &= top_mask;
    let separator = em_len - h_len - salt - 2;
    if db[..separator].iter().any(|&b| b != 0) || db[separator] != 0x01 {
        return false;
    }
    let m_prime = [&[0u8; 8][..], m_hash, &db[db.len() - salt..]].concat();
    hash.digest(&m_prime) == h
}

/// `out` ^= MGF1(seed), the mask generation function of RFC 8017 §B.2.1.
fn mgf1_xor(hash: Hash, seed: &[u8], out: &mut [u8]) {
    let mut input = [seed, &[0u8; 4]].concat();
    let counter_at = seed.len();
    for (counter, chunk) in (0u32..).zip(out.chunks_mut(hash.output_len())) {
        input[counter_at..].copy_from_slice(&counter.to_be_bytes());
        for (byte, mask) in chunk.iter_mut().zip(hash.digest(&input)) {
            *byte ^= mask;
        }
    }
}

#[cfg(test)]
mod tests;
