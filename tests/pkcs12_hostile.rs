#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: panics are failures

//! Hostile PKCS#12 files: huge iteration counts refused before any work, every truncation of a
//! real file a coded error, SafeContents nested beyond a small depth, and other objects.

mod common;

use certkit::der::{self, TAG_INTEGER, TAG_OCTET_STRING, TAG_SEQUENCE};
use certkit::pkcs12::parse_pkcs12;
use common::{code, fixture, vector};

const PASSPHRASE: &str = "passphrase";

/// A PFX around `auth_safe` (the AuthenticatedSafe DER) with MacData of `mac_iterations`.
fn pfx(auth_safe: &[u8], mac_iterations: &[u8]) -> Vec<u8> {
    let data_oid = der::oid_from_string("1.2.840.113549.1.7.1").unwrap();
    let mut info = data_oid.clone();
    info.extend(der::encode(0xa0, &der::encode(TAG_OCTET_STRING, auth_safe)));
    let mut algorithm = der::oid_from_string("2.16.840.1.101.3.4.2.1").unwrap();
    algorithm.extend([0x05, 0x00]);
    let mut digest_info = der::encode(TAG_SEQUENCE, &algorithm);
    digest_info.extend(der::encode(TAG_OCTET_STRING, &[0; 32]));
    let mut mac = der::encode(TAG_SEQUENCE, &digest_info);
    mac.extend(der::encode(TAG_OCTET_STRING, &[1; 8]));
    mac.extend(der::encode(TAG_INTEGER, mac_iterations));
    let mut out = der::encode(TAG_INTEGER, &[3]);
    out.extend(der::encode(TAG_SEQUENCE, &info));
    out.extend(der::encode(TAG_SEQUENCE, &mac));
    der::encode(TAG_SEQUENCE, &out)
}

#[test]
fn huge_iteration_counts_are_refused_before_any_work() {
    let started = std::time::Instant::now();
    for count in [
        &[0x7f, 0xff, 0xff, 0xff][..],
        &[0x00, 0xff, 0xff, 0xff, 0xff],
        &[0x01, 0, 0, 0, 0, 0, 0, 0, 0],
    ] {
        assert_eq!(
            code(parse_pkcs12(&pfx(&[0x30, 0x00], count), "x")),
            "KEY_ENCRYPTION_TOO_COSTLY"
        );
    }
    // Zero and negative counts are malformed, not costly.
    assert_eq!(
        code(parse_pkcs12(&pfx(&[0x30, 0x00], &[0x00]), "x")),
        "INVALID_PKCS12"
    );
    assert_eq!(
        code(parse_pkcs12(&pfx(&[0x30, 0x00], &[0xff]), "x")),
        "INVALID_PKCS12"
    );
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn every_truncation_of_a_real_file_is_a_coded_error() {
    let data = vector("pkcs12/openssl-one-iteration.p12");
    for cut in (0..data.len()).step_by(7) {
        let Err(error) = parse_pkcs12(&data[..cut], PASSPHRASE) else {
            panic!("a file cut at {cut} was read");
        };
        assert!(
            matches!(
                error.code(),
                "INVALID_PKCS12"
                    | "UNRECOGNIZED_ENCODING"
                    | "EMPTY_INPUT"
                    | "INVALID_BASE64"
                    | "WRONG_PASSPHRASE"
            ),
            "cut at {cut}: {}",
            error.code()
        );
    }
}

/// SafeContents nesting `depth` safeContentsBags inside each other.
fn nested_bags(depth: usize) -> Vec<u8> {
    let bag_oid = der::oid_from_string("1.2.840.113549.1.12.10.1.6").unwrap();
    let mut contents = der::encode(TAG_SEQUENCE, &[]);
    for _ in 0..depth {
        let mut bag = bag_oid.clone();
        bag.extend(der::encode(0xa0, &contents));
        contents = der::encode(TAG_SEQUENCE, &der::encode(TAG_SEQUENCE, &bag));
    }
    contents
}

#[test]
fn nested_bags_beyond_a_small_depth_are_refused_without_recursion() {
    let data_oid = der::oid_from_string("1.2.840.113549.1.7.1").unwrap();
    let no_mac_pfx = |safe_contents: Vec<u8>| {
        let mut item = data_oid.clone();
        item.extend(der::encode(
            0xa0,
            &der::encode(TAG_OCTET_STRING, &safe_contents),
        ));
        let auth_safe = der::encode(TAG_SEQUENCE, &der::encode(TAG_SEQUENCE, &item));
        let mut info = data_oid.clone();
        info.extend(der::encode(
            0xa0,
            &der::encode(TAG_OCTET_STRING, &auth_safe),
        ));
        let mut out = der::encode(TAG_INTEGER, &[3]);
        out.extend(der::encode(TAG_SEQUENCE, &info));
        der::encode(TAG_SEQUENCE, &out)
    };
    let shallow = parse_pkcs12(&no_mac_pfx(nested_bags(2)), "x").unwrap();
    assert!(shallow.certificates.is_empty() && shallow.private_key_pem.is_none());
    for depth in [5, 10_000] {
        assert_eq!(
            code(parse_pkcs12(&no_mac_pfx(nested_bags(depth)), "x")),
            "INVALID_PKCS12",
            "{depth}"
        );
    }
}

#[test]
fn other_objects_are_not_pkcs12_files() {
    assert_eq!(
        code(parse_pkcs12(fixture("leaf.pem").as_bytes(), "x")),
        "INVALID_PKCS12"
    );
    assert_eq!(code(parse_pkcs12(b"", "x")), "EMPTY_INPUT");
}
