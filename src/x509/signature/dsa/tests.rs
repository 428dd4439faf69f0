//! Every answer against the dsa crate, which certkit used before (now a dev-dependency), on
//! keys and signatures it makes and on what should fail.

use ::dsa::signature::hazmat::PrehashVerifier;
use ::dsa::{Components, KeySize, SigningKey, VerifyingKey};
use getrandom::SysRng;
use rand_core::UnwrapErr;
use sha2::{Digest, Sha256, Sha512};

use super::*;
use crate::der::TAG_SEQUENCE;

fn integer(value: &BoxedUint) -> Vec<u8> {
    der::encode(
        TAG_INTEGER,
        &der::unsigned_integer(&value.to_be_bytes_trimmed_vartime()),
    )
}

/// Dss-Parms and the INTEGER y, as a certificate carries them.
fn encoded(key: &VerifyingKey) -> (Vec<u8>, Vec<u8>) {
    let c = key.components();
    let parameters = [integer(c.p()), integer(c.q()), integer(c.g())].concat();
    (der::encode(TAG_SEQUENCE, &parameters), integer(key.y()))
}

/// The dsa crate's verdict, as certkit gave it before.
fn reference(parameters: &[u8], key: &[u8], digest: &[u8], signature: &[u8]) -> bool {
    let read = || -> Option<bool> {
        let params = Tlv::read_exact(parameters).ok()?;
        let mut parts = params.children();
        let mut next = || {
            let tlv = parts.next_tlv()?.ok()?;
            Some(BoxedUint::from_be_slice_vartime(&magnitude(&tlv)?))
        };
        let (p, q, g) = (next()?, next()?, next()?);
        // At p's precision: the dsa crate's own check asserts it in debug builds.
        let y =
            BoxedUint::from_be_slice(&magnitude(&Tlv::read_exact(key).ok()?)?, p.bits_precision())
                .ok()?;
        let components = Components::from_components(p, q, g).ok()?;
        let key = VerifyingKey::from_components(components, y).ok()?;
        let signature = ::dsa::Signature::try_from(signature).ok()?;
        Some(key.verify_prehash(digest, &signature).is_ok())
    };
    read().unwrap_or(false)
}

/// Ours, which must agree with the reference; the answer is ours.
fn checked(parameters: &[u8], key: &[u8], digest: &[u8], signature: &[u8]) -> bool {
    let params = Tlv::read_exact(parameters).unwrap();
    let ours = verify(&params, key, digest, signature) == SignatureStatus::Valid;
    assert_eq!(
        ours,
        reference(parameters, key, digest, signature),
        "{digest:02x?}"
    );
    ours
}

/// A deterministic (RFC 6979) signature over a SHA-256 digest, as DER.
fn sign_sha256(signer: &SigningKey, digest: &[u8]) -> Vec<u8> {
    let signature = signer.sign_prehashed_rfc6979::<Sha256>(digest).unwrap();
    ::dsa::signature::SignatureEncoding::to_vec(&signature)
}

/// Two keys, made once for both tests (DSA domain parameters take seconds to make).
fn signing_keys() -> &'static [SigningKey] {
    static KEYS: std::sync::OnceLock<Vec<SigningKey>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let rng = &mut UnwrapErr(SysRng);
        [KeySize::DSA_2048_256, KeySize::DSA_2048_224]
            .into_iter()
            .map(|size| {
                let components =
                    Components::try_generate_from_rng_with_key_size(rng, size).unwrap();
                SigningKey::try_generate_from_rng_with_components(rng, components).unwrap()
            })
            .collect()
    })
}

#[test]
fn signatures_the_dsa_crate_makes_verify_and_altered_ones_do_not() {
    let keys = signing_keys();
    for (index, signer) in keys.iter().enumerate() {
        let (parameters, y) = encoded(signer.verifying_key());
        let other = &keys[(index + 1) % keys.len()];
        let (other_parameters, other_y) = encoded(other.verifying_key());
        let q = signer.verifying_key().components().q().as_ref().clone();
        for message in [b"certkit".as_slice(), b"DSA"] {
            // SHA-256 and SHA-512 (longer than N: its leftmost N bits count).
            let digests = [
                Sha256::digest(message).to_vec(),
                Sha512::digest(message).to_vec(),
            ];
            for (digest, signature) in [
                (
                    &digests[0],
                    signer.sign_prehashed_rfc6979::<Sha256>(&digests[0]),
                ),
                (
                    &digests[1],
                    signer.sign_prehashed_rfc6979::<Sha512>(&digests[1]),
                ),
            ] {
                let signature = signature.unwrap();
                let der = ::dsa::signature::SignatureEncoding::to_vec(&signature);
                assert!(checked(&parameters, &y, digest, &der));
                let mut altered = digest.clone();
                altered[3] ^= 1;
                assert!(!checked(&parameters, &y, &altered, &der));
                assert!(!checked(&other_parameters, &other_y, digest, &der));
                let (r, s) = (
                    signature.r().to_be_bytes_trimmed_vartime(),
                    signature.s().to_be_bytes_trimmed_vartime(),
                );
                assert!(!checked(
                    &parameters,
                    &y,
                    digest,
                    &sig_value::encode(&s, &r)
                ));
                // s + q is s mod q, but not below q.
                let widen = |v: &BoxedUint| {
                    BoxedUint::from_be_slice(
                        &v.to_be_bytes_trimmed_vartime(),
                        q.bits_precision() + 64,
                    )
                    .unwrap()
                };
                let s_plus_q = widen(signature.s().as_ref()).wrapping_add(widen(&q));
                let unreduced = sig_value::encode(&r, &s_plus_q.to_be_bytes_trimmed_vartime());
                assert!(!checked(&parameters, &y, digest, &unreduced));
                assert!(!checked(
                    &parameters,
                    &y,
                    digest,
                    &sig_value::encode(&[], &s)
                ));
                let mut long_form = vec![0x30, 0x81];
                long_form.extend_from_slice(&der[1..]);
                assert!(!checked(&parameters, &y, digest, &long_form));
            }
        }
    }
}

#[test]
fn keys_outside_the_rules_are_refused() {
    let signer = &signing_keys()[0];
    let key = signer.verifying_key();
    let c = key.components();
    let digest = Sha256::digest(b"certkit").to_vec();
    let der = sign_sha256(signer, &digest);
    let params = |p: &BoxedUint, q: &BoxedUint, g: &BoxedUint| {
        der::encode(TAG_SEQUENCE, &[integer(p), integer(q), integer(g)].concat())
    };
    let (p, q, g) = (c.p().as_ref(), c.q().as_ref(), c.g().as_ref());
    let y = integer(key.y());
    let one = BoxedUint::from_be_slice_vartime(&[1]);
    let two = BoxedUint::from_be_slice_vartime(&[2]);
    // g = 0, g = p, y = 1, y = 2 (not in the subgroup), p even, a 512-bit p.
    let zero = BoxedUint::from_be_slice_vartime(&[0]);
    for (parameters, y) in [
        (params(p, q, &zero), y.clone()),
        (params(p, q, p), y.clone()),
        (params(p, q, g), integer(&one)),
        (params(p, q, g), integer(&two)),
        (params(&p.wrapping_add(&one), q, g), y.clone()),
        (
            params(&BoxedUint::from_be_slice_vartime(&[0xff; 64]), q, g),
            y.clone(),
        ),
    ] {
        assert!(!checked(&parameters, &y, &digest, &der));
    }
    assert!(checked(&params(p, q, g), &y, &digest, &der));
}

/// −y verifies whenever u2 is even, were the subgroup not checked: (−y)^u2 = y^u2.
#[test]
fn a_key_outside_the_order_q_subgroup_is_refused() {
    let signer = &signing_keys()[0];
    let key = signer.verifying_key();
    let (parameters, _) = encoded(key);
    let p = key.components().p().as_ref();
    let minus_y = integer(&p.wrapping_sub(key.y().as_ref()));
    for index in 0..16u8 {
        let digest = Sha256::digest([index]).to_vec();
        assert!(!checked(
            &parameters,
            &minus_y,
            &digest,
            &sign_sha256(signer, &digest)
        ));
    }
}
