//! The run-time digest choice against the rsa crate's generic verifiers, which certkit used
//! before: same verdict on every signature, good or altered, for each digest, salt length and
//! modulus size, including moduli whose bit length makes emLen one octet shorter than k.

use getrandom::SysRng;
use rand_core::UnwrapErr;
use rsa::pkcs1::EncodeRsaPublicKey;
use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer, Verifier};
use rsa::traits::PublicKeyParts;
use sha1::Sha1;
use sha2::digest::{Digest, FixedOutputReset};
use sha2::{Sha224, Sha256, Sha384, Sha512};

use super::*;

fn reference_pss<D: Digest + FixedOutputReset>(
    key: &rsa::PublicKey,
    salt: usize,
    message: &[u8],
    signature: &[u8],
) -> bool {
    let Ok(signature) = rsa::pss::Signature::try_from(signature) else {
        return false;
    };
    rsa::pss::VerifyingKey::<D>::new_with_salt_len(key.clone(), salt)
        .verify(message, &signature)
        .is_ok()
}

fn reference_pkcs1<D>(key: &rsa::PublicKey, message: &[u8], signature: &[u8]) -> bool
where
    D: Digest + FixedOutputReset + rsa::pkcs8::der::oid::AssociatedOid,
{
    let Ok(signature) = rsa::pkcs1v15::Signature::try_from(signature) else {
        return false;
    };
    rsa::pkcs1v15::VerifyingKey::<D>::new(key.clone())
        .verify(message, &signature)
        .is_ok()
}

fn reference(hash: Hash, salt: Option<usize>, key: &rsa::PublicKey, m: &[u8], s: &[u8]) -> bool {
    match (hash, salt) {
        (Hash::Sha1, Some(salt)) => reference_pss::<Sha1>(key, salt, m, s),
        (Hash::Sha224, Some(salt)) => reference_pss::<Sha224>(key, salt, m, s),
        (Hash::Sha256, Some(salt)) => reference_pss::<Sha256>(key, salt, m, s),
        (Hash::Sha384, Some(salt)) => reference_pss::<Sha384>(key, salt, m, s),
        (Hash::Sha512, Some(salt)) => reference_pss::<Sha512>(key, salt, m, s),
        (Hash::Sha1, None) => reference_pkcs1::<Sha1>(key, m, s),
        (Hash::Sha224, None) => reference_pkcs1::<Sha224>(key, m, s),
        (Hash::Sha256, None) => reference_pkcs1::<Sha256>(key, m, s),
        (Hash::Sha384, None) => reference_pkcs1::<Sha384>(key, m, s),
        (Hash::Sha512, None) => reference_pkcs1::<Sha512>(key, m, s),
    }
}

fn sign_pss(hash: Hash, salt: usize, key: &rsa::PrivateKey, m: &[u8]) -> Vec<u8> {
    fn with<D: Digest + FixedOutputReset>(salt: usize, key: &rsa::PrivateKey, m: &[u8]) -> Vec<u8> {
        rsa::pss::SigningKey::<D>::new_with_salt_len(key.clone(), salt)
            .sign_with_rng(&mut UnwrapErr(SysRng), m)
            .to_vec()
    }
    match hash {
        Hash::Sha1 => with::<Sha1>(salt, key, m),
        Hash::Sha224 => with::<Sha224>(salt, key, m),
        Hash::Sha256 => with::<Sha256>(salt, key, m),
        Hash::Sha384 => with::<Sha384>(salt, key, m),
        Hash::Sha512 => with::<Sha512>(salt, key, m),
    }
}

fn sign_pkcs1(hash: Hash, key: &rsa::PrivateKey, m: &[u8]) -> Vec<u8> {
    fn with<D>(key: &rsa::PrivateKey, m: &[u8]) -> Vec<u8>
    where
        D: Digest + FixedOutputReset + rsa::pkcs8::der::oid::AssociatedOid,
    {
        rsa::pkcs1v15::SigningKey::<D>::new(key.clone())
            .sign(m)
            .to_vec()
    }
    match hash {
        Hash::Sha1 => with::<Sha1>(key, m),
        Hash::Sha224 => with::<Sha224>(key, m),
        Hash::Sha256 => with::<Sha256>(key, m),
        Hash::Sha384 => with::<Sha384>(key, m),
        Hash::Sha512 => with::<Sha512>(key, m),
    }
}

/// Ours, which must agree with the reference; the answer is ours.
fn checked(hash: Hash, salt: Option<usize>, key: &rsa::PublicKey, m: &[u8], s: &[u8]) -> bool {
    let pkcs1 = key.to_pkcs1_der().unwrap();
    let ours = match salt {
        Some(salt) => verify_pss(pkcs1.as_bytes(), hash, salt, m, s),
        None => verify_pkcs1(pkcs1.as_bytes(), hash, m, s),
    };
    assert_eq!(
        ours,
        reference(hash, salt, key, m, s),
        "{hash:?} salt {salt:?}"
    );
    ours
}

const HASHES: [Hash; 5] = [
    Hash::Sha1,
    Hash::Sha224,
    Hash::Sha256,
    Hash::Sha384,
    Hash::Sha512,
];

#[test]
fn verdicts_match_the_rsa_crate_for_every_digest_salt_and_modulus_size() {
    let message = b"certkit RSA verification".as_slice();
    // 1025 bits: emBits = 1024, so EM is one octet shorter than the signature.
    for bits in [1024, 1025, 1031] {
        let private = rsa::PrivateKey::new(&mut UnwrapErr(SysRng), bits).unwrap();
        let public = private.to_public_key();
        let k = public.size();
        for hash in HASHES {
            let h_len = hash.output_len();
            let most = (bits - 1).div_ceil(8) - h_len - 2;
            for salt in [0, 20, h_len, most]
                .into_iter()
                .filter(|&salt| salt <= most)
            {
                let signature = sign_pss(hash, salt, &private, message);
                assert!(checked(hash, Some(salt), &public, message, &signature));
                assert!(!checked(hash, Some(salt + 1), &public, message, &signature));
                assert!(!checked(hash, Some(salt), &public, b"other", &signature));
                let mut altered = signature.clone();
                altered[k / 2] ^= 0x10;
                assert!(!checked(hash, Some(salt), &public, message, &altered));
                // PKCS#1 v1.5 with a PSS signature: no.
                assert!(!checked(hash, None, &public, message, &signature));
            }
            let signature = sign_pkcs1(hash, &private, message);
            assert!(checked(hash, None, &public, message, &signature));
            assert!(!checked(hash, None, &public, b"other", &signature));
            assert!(!checked(hash, Some(h_len), &public, message, &signature));
            for other in HASHES.into_iter().filter(|&h| h != hash) {
                assert!(!checked(other, None, &public, message, &signature));
            }
            // A salt length no modulus holds, up to the largest a certificate can state.
            for salt in [k, usize::MAX - 1, usize::MAX] {
                assert!(!checked(hash, Some(salt), &public, message, &signature));
            }
            for bad in [
                vec![0xff; k],
                vec![0; k],
                signature[1..].to_vec(),
                [&signature[..], &[0]].concat(),
            ] {
                assert!(!checked(hash, Some(h_len), &public, message, &bad));
                assert!(!checked(hash, None, &public, message, &bad));
            }
        }
    }
}

/// EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with one defect at a time, signed with the raw private
/// operation: a well-formed H over a malformed EM must still be refused.
#[derive(Clone, Copy, PartialEq)]
enum Defect {
    None,
    Trailer,
    UnusedTopBit,
    Separator,
    NonZeroPadding,
}

fn crafted(private: &rsa::PrivateKey, hash: Hash, message: &[u8], defect: Defect) -> Vec<u8> {
    let public = private.to_public_key();
    let n = public.n().as_ref();
    let em_bits = n.bit_width_vartime() as usize - 1;
    let em_len = em_bits.div_ceil(8);
    let h_len = hash.output_len();
    let salt = [0x5a; 8];
    let m_prime = [&[0u8; 8][..], &hash.digest(message), &salt].concat();
    let h = hash.digest(&m_prime);
    let mut db = vec![0u8; em_len - h_len - 1];
    let separator = db.len() - salt.len() - 1;
    db[separator] = if defect == Defect::Separator {
        0x02
    } else {
        0x01
    };
    db[separator + 1..].copy_from_slice(&salt);
    if defect == Defect::NonZeroPadding {
        db[separator - 1] = 0x01;
    }
    mgf1_xor(hash, &h, &mut db);
    let unused_bits = 8 * em_len - em_bits;
    db[0] &= 0xff >> unused_bits;
    if defect == Defect::UnusedTopBit {
        // The lower of the two unused bits, with the next one clear: m stays below n, whose
        // two top bits are set (`key_of`).
        db[0] = (db[0] & 0x1f) | 0x40;
    }
    let trailer = if defect == Defect::Trailer {
        0xbd
    } else {
        0xbc
    };
    let em = [&db[..], &h, &[trailer]].concat();
    let m = BoxedUint::from_be_slice(&em, n.bits_precision()).unwrap();
    let s = rsa::hazmat::rsa_decrypt::<UnwrapErr<SysRng>>(None, private, &m).unwrap();
    let bytes = s.to_be_bytes_trimmed_vartime();
    [vec![0u8; public.size() - bytes.len()], bytes.to_vec()].concat()
}

/// A key of `bits` whose modulus has its second-highest bit set too.
fn key_of(bits: usize) -> rsa::PrivateKey {
    loop {
        let key = rsa::PrivateKey::new(&mut UnwrapErr(SysRng), bits).unwrap();
        let n = key.to_public_key().n().as_ref().clone();
        if bool::from(n.bit(bits as u32 - 2)) {
            return key;
        }
    }
}

#[test]
fn malformed_encoded_messages_and_unreduced_signatures_are_refused() {
    let message = b"crafted".as_slice();
    // 1025 bits: s + n still fits the signature's k octets; 1031 bits: two unused top bits.
    for bits in [1025, 1031] {
        let private = key_of(bits);
        let public = private.to_public_key();
        for hash in [Hash::Sha256, Hash::Sha1] {
            let good = crafted(&private, hash, message, Defect::None);
            assert!(checked(hash, Some(8), &public, message, &good));
            for defect in [
                Defect::Trailer,
                Defect::UnusedTopBit,
                Defect::Separator,
                Defect::NonZeroPadding,
            ] {
                // 1025 bits leave no unused bit in EM's first octet.
                if defect == Defect::UnusedTopBit && bits == 1025 {
                    continue;
                }
                let bad = crafted(&private, hash, message, defect);
                assert!(!checked(hash, Some(8), &public, message, &bad));
            }
            if bits == 1025 {
                let n = public.n().as_ref();
                let s = BoxedUint::from_be_slice(&good, n.bits_precision()).unwrap();
                let unreduced = s.wrapping_add(n).to_be_bytes_trimmed_vartime();
                assert_eq!(unreduced.len(), good.len());
                assert!(!checked(hash, Some(8), &public, message, &unreduced));
            }
        }
    }
}
