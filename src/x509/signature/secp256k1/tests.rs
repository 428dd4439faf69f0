//! Every answer against k256's, the implementation this module replaced (kept as a
//! dev-dependency), on deterministic keys, digests and signatures and on what should fail.

use k256::ecdsa::signature::hazmat::PrehashSigner;
use k256::ecdsa::{Signature, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use super::*;

fn bytes(value: &U256) -> Vec<u8> {
    value.to_be_bytes().as_ref().to_vec()
}

/// k256's verdict, as certkit gave it before: the digest padded to k256's 16-byte minimum,
/// and high-S accepted (Bitcoin's low-S rule is not X.509's).
fn k256_verdict(point: &[u8], digest: &[u8], signature: &[u8]) -> bool {
    let Ok(key) = VerifyingKey::from_sec1_bytes(point) else {
        return false;
    };
    let Ok(sig) = Signature::from_der(signature) else {
        return false;
    };
    use k256::ecdsa::signature::hazmat::PrehashVerifier;
    key.verify_prehash(&padded(digest), &sig.normalize_s())
        .is_ok()
}

fn padded(digest: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; 16usize.saturating_sub(digest.len())];
    out.extend_from_slice(digest);
    out
}

fn key(index: u32) -> SigningKey {
    let seed = Sha256::digest(format!("certkit secp256k1 key {index}"));
    SigningKey::from_slice(&seed).unwrap()
}

/// The SEC 1 encoding of a signer's public key.
fn sec1(key: &SigningKey, compress: bool) -> Vec<u8> {
    key.verifying_key()
        .to_sec1_point(compress)
        .as_bytes()
        .to_vec()
}

fn sign(key: &SigningKey, digest: &[u8]) -> Signature {
    key.sign_prehash(&padded(digest)).unwrap()
}

/// Both verdicts, which must agree; the answer is ours.
fn checked(point: &[u8], digest: &[u8], signature: &[u8]) -> bool {
    let ours = verify(point, digest, signature);
    assert_eq!(
        ours,
        k256_verdict(point, digest, signature),
        "key {point:02x?} digest {digest:02x?} signature {signature:02x?}"
    );
    ours
}

fn digests(index: u32) -> Vec<Vec<u8>> {
    let seed = Sha256::digest(format!("certkit digest {index}")).to_vec();
    vec![
        seed[..20].to_vec(),                         // SHA-1's length
        seed.clone(),                                // SHA-256's
        [seed.as_slice(), &seed[..16]].concat(),     // SHA-384's: the leftmost 256 bits count
        [seed.as_slice(), seed.as_slice()].concat(), // SHA-512's
        vec![0xff; 32],                              // above n: reduced
    ]
}

/// Keys whose public point is G and −G (private keys 1 and n − 1): g + q is then a doubling
/// and the point at infinity.
fn edge_keys() -> Vec<SigningKey> {
    let n_minus_1 = U256::from_be_hex(N).wrapping_sub(&U256::ONE);
    let mut one = [0u8; 32];
    one[31] = 1;
    vec![
        SigningKey::from_slice(&one).unwrap(),
        SigningKey::from_slice(&bytes(&n_minus_1)).unwrap(),
    ]
}

#[test]
fn signatures_k256_makes_verify_and_altered_ones_do_not() {
    let curve = &SECP256K1;
    let signers = (0..12).map(key).chain(edge_keys());
    for (index, signer) in (0u32..).zip(signers) {
        let uncompressed = sec1(&signer, false);
        let compressed = sec1(&signer, true);
        let other_key = sec1(&key(index + 100), false);
        for digest in digests(index) {
            let signature = sign(&signer, &digest);
            let der = signature.to_der().as_bytes().to_vec();
            assert!(checked(&uncompressed, &digest, &der));
            assert!(checked(&compressed, &digest, &der));
            // High S: n − s verifies too.
            let (r, s) = signature.split_bytes();
            let s = uint(&s).unwrap();
            let high = bytes(&curve.n_int.wrapping_sub(&s));
            let high =
                Signature::from_scalars(r, *<&[u8; 32]>::try_from(&high[..]).unwrap()).unwrap();
            assert!(checked(&uncompressed, &digest, high.to_der().as_bytes()));
            // Another digest, another key, r and s swapped: no.
            let mut other_digest = digest.clone();
            other_digest[0] ^= 1;
            assert!(!checked(&uncompressed, &other_digest, &der));
            assert!(!checked(&other_key, &digest, &der));
            let swapped =
                Signature::from_scalars(signature.s().to_bytes(), signature.r().to_bytes())
                    .unwrap();
            assert!(!checked(
                &uncompressed,
                &digest,
                swapped.to_der().as_bytes()
            ));
        }
    }
}

#[test]
fn other_encodings_of_a_signature_are_refused() {
    let signer = key(1);
    let point = sec1(&signer, false);
    let digest = Sha256::digest(b"certkit").to_vec();
    let der = sign(&signer, &digest).to_der().as_bytes().to_vec();
    assert!(checked(&point, &digest, &der));
    // Long-form length, a trailing byte, a redundant leading zero in r, no SEQUENCE.
    let mut long_form = vec![0x30, 0x81];
    long_form.extend_from_slice(&der[1..]);
    let mut trailing = der.clone();
    trailing.push(0);
    let r_len = usize::from(der[3]);
    let mut padded_r = vec![0x30, der[1] + 1, 0x02, der[3] + 1, 0x00];
    padded_r.extend_from_slice(&der[4..]);
    let mut set = der.clone();
    set[0] = 0x31;
    for bad in [
        long_form,
        trailing,
        padded_r,
        set,
        der[..der.len() - 1].to_vec(),
    ] {
        assert!(!checked(&point, &digest, &bad), "{bad:02x?}");
    }
    assert!(r_len <= 33);
    // r or s of 0 or n.
    let n = bytes(&U256::from_be_hex(N));
    let one = [1u8];
    for (r, s) in [
        (&[0u8][..], &one[..]),
        (&one[..], &[0u8][..]),
        (&n[..], &one[..]),
        (&one[..], &n[..]),
    ] {
        assert!(!verify(&point, &digest, &sig_value::encode(r, s)));
    }
}

#[test]
fn public_keys_are_read_as_k256_reads_them() {
    let curve = &SECP256K1;
    let point = sec1(&key(2), false);
    let mut off_curve = point.clone();
    off_curve[64] ^= 1;
    let mut x_above_p = vec![0x04];
    x_above_p.extend_from_slice(&[0xff; 64]);
    for bad in [
        vec![0x00],
        off_curve,
        x_above_p,
        point[..64].to_vec(),
        vec![0x05; 65],
    ] {
        assert!(curve.public_point(&bad).is_none(), "{bad:02x?}");
        assert!(VerifyingKey::from_sec1_bytes(&bad).is_err());
    }
    // Compressed: x with and without a point on the curve, both parities.
    for x in 1u8..=40 {
        for tag in [0x02, 0x03] {
            let mut encoded = vec![tag];
            encoded.extend_from_slice(&[0; 31]);
            encoded.push(x);
            let theirs = VerifyingKey::from_sec1_bytes(&encoded).ok();
            let ours = curve.public_point(&encoded);
            assert_eq!(ours.is_some(), theirs.is_some(), "x = {x}");
            if let (Some(ours), Some(theirs)) = (ours, theirs) {
                let y = bytes(&ours.y.retrieve());
                assert_eq!(
                    &y[..],
                    &theirs.to_sec1_point(false).as_bytes()[33..],
                    "x = {x}"
                );
            }
        }
    }
}

/// A signature with s = 1, made from its nonce k: (r, 1) signs e = k − r·d. Then s + n, the
/// same number mod n, must be refused as k256 and SEC 1 refuse it.
#[test]
fn s_of_n_or_more_is_refused_even_when_it_is_a_valid_s_mod_n() {
    let curve = &SECP256K1;
    let signer = key(3);
    let point = sec1(&signer, false);
    let k = U256::from_u16(0x3039);
    let zero = U256::ZERO;
    let nonce_point = curve
        .shamir(&k, &curve.generator, &zero, &curve.generator)
        .unwrap();
    let x = curve.affine_x(&nonce_point);
    let r = Fe::new(&x, &curve.n);
    let d = Fe::new(&uint(&signer.to_bytes()).unwrap(), &curve.n);
    let e = bytes(&Fe::new(&k, &curve.n).sub(&r.mul(&d)).retrieve());
    let encode = |s: &[u8]| sig_value::encode(&bytes(&r.retrieve()), s);
    assert!(checked(&point, &e, &encode(&[1])));
    let n_plus_1 = curve.n_int.wrapping_add(&U256::ONE);
    assert!(!checked(&point, &e, &encode(&bytes(&n_plus_1))));
}
