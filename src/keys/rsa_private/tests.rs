//! The reading check against the rsa crate's `PrivateKey::from_pkcs1_der`, which signing uses:
//! the same keys accepted, with the same public key, and the same keys refused, for keys the
//! crate makes, for keys with one number changed, for malformed encodings and for every single
//! byte changed.

use getrandom::SysRng;
use rand_core::UnwrapErr;
use rsa::pkcs1::{DecodeRsaPrivateKey, EncodeRsaPrivateKey};
use rsa::pkcs8::EncodePublicKey;
use rsa::traits::{PrivateKeyParts, PublicKeyParts};

use super::*;

/// The rsa crate's answer: the SPKI of the key it builds, or `None` when it refuses the key.
fn reference(pkcs1: &[u8]) -> Option<Vec<u8>> {
    let key = rsa::PrivateKey::from_pkcs1_der(pkcs1).ok()?;
    Some(key.to_public_key().to_public_key_der().unwrap().into_vec())
}

fn assert_same_verdict(pkcs1: &[u8], case: &str) {
    let ours = public_key_spki(pkcs1).ok();
    assert_eq!(ours, reference(pkcs1), "{case}");
}

/// PKCS#1 DER of these INTEGER contents (two's complement, as given).
fn encode(contents: &[Vec<u8>]) -> Vec<u8> {
    let mut body = Vec::new();
    for content in contents {
        body.extend(der::encode(TAG_INTEGER, content));
    }
    der::encode(TAG_SEQUENCE, &body)
}

/// The INTEGER content of a non-negative number.
fn int(number: &BoxedUint) -> Vec<u8> {
    let bytes = number.to_be_bytes();
    let start = bytes
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(bytes.len() - 1);
    let mut content = bytes[start..].to_vec();
    if content[0] & 0x80 != 0 {
        content.insert(0, 0);
    }
    content
}

/// version, n, e, d, p, q, dp, dq, qinv of a key.
fn numbers(key: &rsa::PrivateKey) -> Vec<BoxedUint> {
    let [p, q] = [key.primes()[0].as_ref(), key.primes()[1].as_ref()];
    let one = BoxedUint::one();
    let d = key.d();
    let dp = d.rem(&NonZero::new(p.wrapping_sub(&one)).unwrap());
    let dq = d.rem(&NonZero::new(q.wrapping_sub(&one)).unwrap());
    vec![
        BoxedUint::zero(),
        key.n().as_ref().clone(),
        key.e().clone(),
        d.clone(),
        p.clone(),
        q.clone(),
        dp,
        dq,
        key.crt_coefficient().unwrap(),
    ]
}

fn keys() -> Vec<rsa::PrivateKey> {
    [1024, 1031, 2048]
        .into_iter()
        .map(|bits| rsa::PrivateKey::new(&mut UnwrapErr(SysRng), bits).unwrap())
        .collect()
}

#[test]
fn keys_the_crate_makes_read_with_its_public_key() {
    for key in keys() {
        let pkcs1 = key.to_pkcs1_der().unwrap();
        let ours = public_key_spki(pkcs1.as_bytes()).unwrap();
        assert_eq!(Some(ours), reference(pkcs1.as_bytes()));
        // Written again from its numbers, as `encode` writes them: the same key.
        let again = encode(&numbers(&key).iter().map(int).collect::<Vec<_>>());
        assert_eq!(again, pkcs1.as_bytes());
    }
}

#[test]
fn a_changed_number_is_refused_as_the_crate_refuses_it() {
    let one = BoxedUint::one();
    let two = BoxedUint::from(2u64);
    for key in keys() {
        let good = numbers(&key);
        let n_len = key.n().as_ref().to_be_bytes().len();
        let changes: Vec<(&str, usize, BoxedUint)> = vec![
            ("n + 2", 1, good[1].wrapping_add(&two)),
            ("e + 2", 2, good[2].wrapping_add(&two)),
            ("e = 3", 2, BoxedUint::from(3u64)),
            ("e = 1", 2, one.clone()),
            ("e even", 2, good[2].wrapping_add(&one)),
            ("e = 2^33 + 1", 2, BoxedUint::from((1u64 << 33) + 1)),
            ("d + 1", 3, good[3].wrapping_add(&one)),
            ("d = 0", 3, BoxedUint::zero()),
            ("d = n", 3, good[1].clone()),
            ("p = q", 4, good[5].clone()),
            ("p = 1", 4, one.clone()),
            ("q = n", 5, good[1].clone()),
            ("p + 2", 4, good[4].wrapping_add(&two)),
            ("p and q swapped (p)", 4, good[5].clone()),
            ("dp + 1 (not used)", 6, good[6].wrapping_add(&one)),
            ("qinv = 0 (not used)", 8, BoxedUint::zero()),
        ];
        for (case, index, value) in changes {
            let mut numbers = good.clone();
            numbers[index] = value;
            if case.starts_with("p and q swapped") {
                numbers[5] = good[4].clone();
            }
            assert_same_verdict(&encode(&numbers.iter().map(int).collect::<Vec<_>>()), case);
        }
        // d wider than n's encoding, its value unchanged.
        let mut wide: Vec<Vec<u8>> = good.iter().map(int).collect();
        let mut padded = vec![0u8; n_len + 1 - wide[3].len()];
        padded.extend(&wide[3]);
        wide[3] = padded;
        assert_same_verdict(&encode(&wide), "d with leading zeros");
    }
}

/// A key of small numbers: (n, e, d, p, q), CRT values 1.
fn small(key: [u64; 5]) -> Vec<u8> {
    let mut numbers: Vec<Vec<u8>> = vec![vec![0]];
    numbers.extend(key.iter().map(|&number| int(&BoxedUint::from(number))));
    numbers.extend([vec![1], vec![1], vec![1]]);
    encode(&numbers)
}

#[test]
fn each_rule_alone_refuses_what_the_crate_refuses() {
    // Small keys where every other rule holds, so that one rule alone decides.
    let fine = [35, 5, 5, 5, 7];
    assert!(public_key_spki(&small(fine)).is_ok());
    assert_same_verdict(&small(fine), "a small key that holds");
    let big_e_fine = [0x4_00c0_08af, 65537, 0x7ad2_0eb1, 0x2_0027, 0x2_0039];
    assert!(public_key_spki(&small(big_e_fine)).is_ok());
    let refused = [
        ("e = 1", [35, 1, 1, 5, 7]),
        ("e ≥ n", [35, 37, 1, 5, 7]),
        (
            "e > 2^33 - 1",
            [
                0x4_00c0_08af,
                (1 << 33) + 1,
                0x1276_25a9,
                0x2_0027,
                0x2_0039,
            ],
        ),
        ("d ≥ n", [35, 5, 41, 5, 7]),
        ("p = q", [25, 3, 3, 5, 5]),
        ("q wider than half of n", [33, 3, 7, 3, 11]),
        ("p wider than half of n", [33, 3, 7, 11, 3]),
        ("n even", [28, 5, 5, 4, 7]),
        ("p = 1", [35, 5, 5, 1, 35]),
    ];
    for (case, key) in refused {
        assert_same_verdict(&small(key), case);
        assert!(public_key_spki(&small(key)).is_err(), "{case}");
    }
}

#[test]
fn malformed_encodings_are_refused_as_the_crate_refuses_them() {
    let key = &keys()[0];
    let good: Vec<Vec<u8>> = numbers(key).iter().map(int).collect();
    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut version_one = good.clone();
    version_one[0] = vec![1];
    cases.push(("version 1 (multi-prime)", encode(&version_one)));
    let mut negative = good.clone();
    negative[2] = vec![0xff];
    cases.push(("negative e", encode(&negative)));
    let mut empty = good.clone();
    empty[2] = Vec::new();
    cases.push(("empty INTEGER", encode(&empty)));
    cases.push(("eight numbers", encode(&good[..8])));
    let mut ten = good.clone();
    ten.push(vec![1]);
    cases.push(("ten numbers", encode(&ten)));
    let mut trailing = encode(&good);
    trailing.push(0);
    cases.push(("a byte after the key", trailing));
    let mut wrong_tag = encode(&good);
    wrong_tag[0] = 0x31;
    cases.push(("a SET", wrong_tag));
    cases.push(("nothing", Vec::new()));
    // BER's longer length forms, which DER (and the crate) refuse.
    let mut body: Vec<u8> = Vec::new();
    for (index, content) in good.iter().enumerate() {
        if index == 2 {
            body.extend([0x02, 0x81, content.len() as u8]);
            body.extend(content);
        } else {
            body.extend(der::encode(TAG_INTEGER, content));
        }
    }
    cases.push(("e's length in long form", der::encode(TAG_SEQUENCE, &body)));
    let minimal = encode(&good);
    let length = minimal.len() - 4;
    let mut leading_zero = vec![0x30, 0x83, 0x00, (length >> 8) as u8, length as u8];
    leading_zero.extend(&minimal[4..]);
    cases.push(("a length with a leading zero octet", leading_zero));
    for (case, pkcs1) in cases {
        assert_same_verdict(&pkcs1, case);
        assert!(public_key_spki(&pkcs1).is_err(), "{case}");
    }
}

#[test]
fn every_single_byte_changed_gets_the_crates_verdict() {
    let key = &keys()[0];
    let pkcs1 = key.to_pkcs1_der().unwrap();
    let pkcs1 = pkcs1.as_bytes();
    for at in 0..pkcs1.len() {
        for flip in [0x01, 0x80, 0xff] {
            let mut changed = pkcs1.to_vec();
            changed[at] ^= flip;
            assert_same_verdict(&changed, &format!("byte {at} ^ {flip:#04x}"));
        }
    }
}

#[test]
fn the_message_says_what_is_wrong_without_key_material() {
    let error = public_key_spki(&[0x30, 0x00]).unwrap_err();
    assert_eq!(error.kind.code(), "INVALID_KEY");
    assert!(error.to_string().contains("RSA private key"), "{error}");
}
