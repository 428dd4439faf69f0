#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: panics are failures

//! PKCS#12 files made by OpenSSL and by Java's keytool (tests/vectors/pkcs12, remade by
//! scripts/make-pkcs12-crl-fixtures.sh), files certkit writes read back, and the same files as
//! BER with indefinite lengths. Hostile files are in `pkcs12_hostile.rs`.

mod common;

use certkit::der::{self, TAG_OCTET_STRING};
use certkit::pkcs12::{ExportPkcs12Options, Pkcs12Contents, export_pkcs12, parse_pkcs12};
use certkit::x509::parse_certificate;
use common::{code, fixture, vector};
use getrandom::SysRng;
use rand_core::UnwrapErr;

const PASSPHRASE: &str = "passphrase";

/// The chain's common names, in the order certkit returns them.
fn names(contents: &Pkcs12Contents) -> Vec<String> {
    contents
        .certificates
        .iter()
        .map(|c| c.subject.rfc4514.clone())
        .collect()
}

const CHAIN: [&str; 3] = [
    "CN=client",
    "O=AlloyDB Test,CN=Cluster Intermediate",
    "O=AlloyDB Test,CN=Cluster CA",
];

fn key_spki() -> Vec<u8> {
    certkit::keys::public_key_spki(fixture("throwaway-private.key.pem").as_bytes()).unwrap()
}

fn assert_full(contents: &Pkcs12Contents, file: &str) {
    assert_eq!(names(contents), CHAIN, "{file}");
    let pem = contents.private_key_pem.as_ref().expect(file);
    assert_eq!(
        certkit::keys::public_key_spki(pem.0.as_bytes()).unwrap(),
        key_spki(),
        "{file}"
    );
    assert!(contents.local_key_id.is_some(), "{file}");
    assert!(
        !contents.problems.iter().any(|p| p.is_error()),
        "{file}: {:?}",
        contents.problems
    );
}

#[test]
fn files_from_openssl_and_keytool_are_read_with_the_chain_leaf_first() {
    let cases = [
        (
            "openssl-default.p12",
            "sha256",
            "PBES2 (PBKDF2 hmacWithSHA256, aes-256-cbc), 2048 iterations",
        ),
        (
            "openssl-3des.p12",
            "sha1",
            "pbeWithSHA1And3-KeyTripleDES-CBC, 2048 iterations",
        ),
        (
            "openssl-rc2-40.p12",
            "sha1",
            "pbeWithSHA1And3-KeyTripleDES-CBC, 2048 iterations",
        ),
        (
            "openssl-aes128-sha512.p12",
            "sha512",
            "PBES2 (PBKDF2 hmacWithSHA256, aes-128-cbc), 2048 iterations",
        ),
        (
            "openssl-one-iteration.p12",
            "sha256",
            "PBES2 (PBKDF2 hmacWithSHA256, aes-256-cbc), 1 iterations",
        ),
        (
            "keytool-default.p12",
            "sha256",
            "PBES2 (PBKDF2 hmacWithSHA256, aes-256-cbc), 10000 iterations",
        ),
        (
            "keytool-legacy.p12",
            "sha1",
            "pbeWithSHA1And3-KeyTripleDES-CBC, 50000 iterations",
        ),
    ];
    for (file, mac, key_encryption) in cases {
        let contents = parse_pkcs12(&vector(&format!("pkcs12/{file}")), PASSPHRASE).unwrap();
        assert_full(&contents, file);
        assert_eq!(
            contents.protection.mac.as_ref().unwrap().algorithm,
            mac,
            "{file}"
        );
        assert_eq!(
            contents.protection.key_encryption.as_deref(),
            Some(key_encryption),
            "{file}"
        );
    }
    let rc2 = parse_pkcs12(&vector("pkcs12/openssl-rc2-40.p12"), PASSPHRASE).unwrap();
    assert_eq!(
        rc2.protection.certificate_encryption.as_deref(),
        Some("pbeWithSHA1And40BitRC2-CBC, 2048 iterations")
    );
    let keytool = parse_pkcs12(&vector("pkcs12/keytool-legacy.p12"), PASSPHRASE).unwrap();
    assert_eq!(
        keytool.protection.certificate_encryption.as_deref(),
        Some("pbeWithSHA1And40BitRC2-CBC, 50000 iterations")
    );
    let openssl = parse_pkcs12(&vector("pkcs12/openssl-default.p12"), PASSPHRASE).unwrap();
    assert_eq!(openssl.friendly_name.as_deref(), Some("client key"));
    // localKeyId is the SHA-1 of the leaf, as OpenSSL writes it.
    assert_eq!(
        openssl.local_key_id.as_deref(),
        Some(openssl.certificates[0].fingerprints().sha1.as_str())
    );
}

#[test]
fn a_wrong_passphrase_is_refused_by_the_mac_before_anything_is_decrypted() {
    for file in [
        "openssl-default.p12",
        "openssl-3des.p12",
        "openssl-rc2-40.p12",
        "keytool-default.p12",
        "keytool-legacy.p12",
        "openssl-certs-only.p12",
    ] {
        let data = vector(&format!("pkcs12/{file}"));
        assert_eq!(
            code(parse_pkcs12(&data, "wrong")),
            "WRONG_PASSPHRASE",
            "{file}"
        );
        assert_eq!(code(parse_pkcs12(&data, "")), "WRONG_PASSPHRASE", "{file}");
    }
}

#[test]
fn a_file_without_mac_is_read_with_a_warning_and_a_wrong_passphrase_still_fails() {
    let data = vector("pkcs12/openssl-nomac.p12");
    let contents = parse_pkcs12(&data, PASSPHRASE).unwrap();
    assert_full(&contents, "nomac");
    assert!(contents.protection.mac.is_none());
    assert!(
        contents
            .problems
            .iter()
            .any(|p| p.code() == "PKCS12_NO_MAC")
    );
    assert_eq!(code(parse_pkcs12(&data, "wrong")), "WRONG_PASSPHRASE");
}

#[test]
fn files_with_only_certificates_or_only_a_key() {
    let certs = parse_pkcs12(&vector("pkcs12/openssl-certs-only.p12"), PASSPHRASE).unwrap();
    assert!(certs.private_key_pem.is_none());
    assert_eq!(names(&certs), &CHAIN[1..]);
    let key = parse_pkcs12(&vector("pkcs12/openssl-key-only.p12"), PASSPHRASE).unwrap();
    assert!(key.certificates.is_empty());
    assert!(key.private_key_pem.is_some());
    let generated = parse_pkcs12(&vector("pkcs12/keytool-genkeypair.p12"), PASSPHRASE).unwrap();
    assert_eq!(names(&generated), ["CN=keytool generated"]);
    assert!(generated.problems.is_empty(), "{:?}", generated.problems);
}

fn export(compatibility: &str, certificates: &[&str]) -> certkit::Result<Vec<u8>> {
    let options = serde_json::json!({
        "privateKey": fixture("throwaway-private.key.pem"),
        "certificates": certificates.iter().map(|n| fixture(n)).collect::<Vec<_>>(),
        "passphrase": "pässphrase €",
        "friendlyName": "my client",
        "compatibility": compatibility,
    });
    let options: ExportPkcs12Options = serde_json::from_value(options).unwrap();
    export_pkcs12(&options, &mut UnwrapErr(SysRng))
}

#[test]
fn certkit_files_read_back_in_both_compatibilities() {
    for (mode, mac, encryption) in [
        (
            "modern",
            "sha256",
            "PBES2 (PBKDF2 hmacWithSHA256, aes-256-cbc), 2048 iterations",
        ),
        (
            "legacy",
            "sha1",
            "pbeWithSHA1And3-KeyTripleDES-CBC, 2048 iterations",
        ),
    ] {
        // The chain given out of order after the leaf still comes back leaf first.
        let p12 = export(mode, &["leaf.pem", "root.pem", "inter.pem"]).unwrap();
        let contents = parse_pkcs12(&p12, "pässphrase €").unwrap();
        assert_full(&contents, mode);
        assert_eq!(contents.friendly_name.as_deref(), Some("my client"));
        let mac_info = contents.protection.mac.as_ref().unwrap();
        assert_eq!(
            (mac_info.algorithm.as_str(), mac_info.iterations),
            (mac, 2048)
        );
        assert_eq!(
            contents.protection.key_encryption.as_deref(),
            Some(encryption)
        );
        assert_eq!(
            contents.protection.certificate_encryption.as_deref(),
            Some(encryption)
        );
        assert_eq!(code(parse_pkcs12(&p12, "passphrase")), "WRONG_PASSPHRASE");
    }
}

#[test]
fn export_refuses_a_key_that_is_not_the_first_certificates() {
    let error = export("modern", &["inter.pem", "leaf.pem"]).unwrap_err();
    assert_eq!(
        (error.code(), error.field_text().as_deref()),
        ("KEY_CERTIFICATE_MISMATCH", Some("certificates[0]"))
    );
    let error = export("modern", &["leaf-other-key.pem"]).unwrap_err();
    assert_eq!(error.code(), "KEY_CERTIFICATE_MISMATCH");
    assert_eq!(code(export("modern", &[])), "NO_CERTIFICATE");
    let leaf = parse_certificate(fixture("leaf.pem").as_bytes()).unwrap();
    assert_eq!(leaf.subject.rfc4514, "CN=client");
}

/// `der` as BER the way streaming writers produce it: every constructed element with an
/// indefinite length, long OCTET STRINGs cut into constructed segments.
fn indefinite(der: &[u8]) -> Vec<u8> {
    let tlv = der::Tlv::read_exact(der).unwrap();
    if tlv.is_constructed() {
        let mut out = vec![tlv.tag, 0x80];
        for child in tlv.children() {
            out.extend(indefinite(child.unwrap().raw));
        }
        out.extend([0, 0]);
        out
    } else if tlv.tag == TAG_OCTET_STRING && tlv.content.len() > 100 {
        let mut out = vec![0x24, 0x80];
        for chunk in tlv.content.chunks(100) {
            out.extend(der::encode(TAG_OCTET_STRING, chunk));
        }
        out.extend([0, 0]);
        out
    } else {
        tlv.raw.to_vec()
    }
}

#[test]
fn ber_files_with_indefinite_lengths_read_like_their_der() {
    for file in ["openssl-default.p12", "keytool-legacy.p12"] {
        let der = vector(&format!("pkcs12/{file}"));
        let ber = indefinite(&der);
        assert_ne!(ber, der);
        assert_eq!(&ber[..2], &[0x30, 0x80]);
        let contents = parse_pkcs12(&ber, PASSPHRASE).unwrap();
        assert_full(&contents, file);
        assert_eq!(code(parse_pkcs12(&ber, "wrong")), "WRONG_PASSPHRASE");
        for cut in (0..ber.len()).step_by(97) {
            assert!(
                parse_pkcs12(&ber[..cut], PASSPHRASE).is_err(),
                "cut at {cut}"
            );
        }
    }
}
