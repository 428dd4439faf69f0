#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: panics are failures

//! CRLs made by `openssl ca -gencrl` (tests/vectors/crl, remade by
//! scripts/make-pkcs12-crl-fixtures.sh): fields, signatures, and the revocation check that
//! chain validation uses.

mod common;

use certkit::encoding::InputData;
use certkit::time::parse_rfc3339;
use certkit::x509::{
    Certificate, Crl, ParseCrlOptions, RevocationStatus, SignatureStatus, check_revocation,
    decode_crl, parse_certificate, parse_crl,
};
use common::vector;

fn crl(name: &str) -> Crl {
    parse_crl(&vector(&format!("crl/{name}")), &ParseCrlOptions::default()).unwrap()
}

fn cert(path: &str) -> Certificate {
    parse_certificate(&vector(path)).unwrap()
}

fn now() -> certkit::time::UnixTime {
    parse_rfc3339("2030-01-01T00:00:00Z").unwrap()
}

#[test]
fn fields_of_v1_and_v2_crls() {
    let v1 = crl("v1-empty.pem");
    assert_eq!(v1.version, 1);
    assert_eq!(v1.issuer.rfc4514, "CN=CRL Test CA");
    assert_eq!(v1.this_update, "2025-01-01T00:00:00Z");
    assert_eq!(v1.next_update.as_deref(), Some("2099-01-01T00:00:00Z"));
    assert!(v1.revoked.is_empty() && v1.extensions.is_empty() && v1.crl_number.is_none());
    assert_eq!(v1.signature_algorithm.name, "ecdsa-with-SHA256");

    let empty = crl("empty.pem");
    assert_eq!(empty.version, 2);
    assert_eq!(empty.crl_number.as_deref(), Some("1"));
    let ca = cert("crl/ca.pem");
    assert_eq!(
        empty.authority_key_identifier,
        ca.subject_key_identifier().cloned()
    );

    let revoked = crl("revoked.pem");
    assert_eq!(revoked.crl_number.as_deref(), Some("2"));
    assert_eq!(revoked.revoked.len(), 1);
    let entry = &revoked.revoked[0];
    assert_eq!(
        entry.serial_number,
        cert("crl/revoked-cert.pem").serial_number
    );
    assert_eq!(entry.reason.as_deref(), Some("keyCompromise"));
    assert!(entry.revocation_date.ends_with('Z'));
    // DER and PEM read the same.
    let der = parse_crl(&vector("crl/revoked.der"), &ParseCrlOptions::default()).unwrap();
    assert_eq!(der, revoked);

    let expired = crl("expired.pem");
    assert_eq!(expired.next_update.as_deref(), Some("2021-01-01T00:00:00Z"));
    let reasons: Vec<_> = expired
        .revoked
        .iter()
        .map(|e| e.reason.as_deref())
        .collect();
    assert_eq!(reasons, [Some("keyCompromise"), Some("certificateHold")]);
    // The hold instruction is an entry extension certkit keeps undecoded.
    assert!(
        expired.revoked[1]
            .extensions
            .iter()
            .any(|e| e.oid == "2.5.29.23" && e.value.is_none())
    );
}

#[test]
fn the_signature_is_checked_against_a_given_issuer() {
    let with_issuer = |issuer: &str| ParseCrlOptions {
        issuer: Some(InputData::Bytes(vector(issuer))),
    };
    let checked = parse_crl(&vector("crl/revoked.pem"), &with_issuer("crl/ca.pem")).unwrap();
    assert_eq!(checked.signature, Some(SignatureStatus::Valid));
    let other = parse_crl(
        &vector("crl/revoked.pem"),
        &with_issuer("fixtures/root.pem"),
    )
    .unwrap();
    assert_eq!(other.signature, Some(SignatureStatus::Invalid));
    assert_eq!(crl("revoked.pem").signature, None);
    let error = parse_crl(&vector("crl/revoked.pem"), &with_issuer("crl/revoked.pem")).unwrap_err();
    assert_eq!(error.field_text().as_deref(), Some("issuer"));
}

#[test]
fn revocation_answers_for_each_certificate() {
    let ca = cert("crl/ca.pem");
    let good = cert("crl/good.pem");
    let revoked = cert("crl/revoked-cert.pem");
    let held = cert("crl/held-cert.pem");
    let check = |crl_name: &str, c: &Certificate| check_revocation(&crl(crl_name), c, &ca, now());

    let answer = check("revoked.pem", &revoked);
    assert_eq!(answer.status, RevocationStatus::Revoked);
    assert_eq!(
        answer.entry.unwrap().reason.as_deref(),
        Some("keyCompromise")
    );
    assert!(answer.problems.is_empty());

    let answer = check("revoked.pem", &good);
    assert_eq!(
        (answer.status, answer.problems.len()),
        (RevocationStatus::Good, 0)
    );
    assert_eq!(check("empty.pem", &revoked).status, RevocationStatus::Good);
    assert_eq!(
        check("v1-empty.pem", &revoked).status,
        RevocationStatus::Good
    );

    // Past nextUpdate: still applied, with a warning.
    let answer = check("expired.pem", &held);
    assert_eq!(answer.status, RevocationStatus::Revoked);
    assert_eq!(
        answer.entry.unwrap().reason.as_deref(),
        Some("certificateHold")
    );
    assert_eq!(answer.problems[0].code(), "CRL_EXPIRED");
    let answer = check("expired.pem", &good);
    assert_eq!(answer.status, RevocationStatus::Good);
    assert_eq!(answer.problems[0].code(), "CRL_EXPIRED");

    // Before thisUpdate the CRL cannot be used.
    let early = parse_rfc3339("2024-06-01T00:00:00Z").unwrap();
    let answer = check_revocation(&crl("revoked.pem"), &revoked, &ca, early);
    assert_eq!(answer.status, RevocationStatus::Unknown);
    assert_eq!(answer.problems[0].code(), "CRL_NOT_YET_VALID");
}

#[test]
fn a_crl_of_another_issuer_or_altered_does_not_count() {
    let ca = cert("crl/ca.pem");
    let revoked = cert("crl/revoked-cert.pem");
    // Another issuer: the fixture chain's root did not sign this CRL and is not the issuer.
    let root = cert("fixtures/root.pem");
    let answer = check_revocation(&crl("revoked.pem"), &revoked, &root, now());
    assert_eq!(answer.status, RevocationStatus::NotApplicable);
    assert_eq!(answer.problems[0].code(), "CRL_ISSUER_MISMATCH");

    // One bit of the signature flipped: the entry must not be believed.
    let mut der = crl("revoked.pem").der;
    let last = der.len() - 1;
    der[last] ^= 1;
    let altered = decode_crl(&der).unwrap();
    let answer = check_revocation(&altered, &revoked, &ca, now());
    assert_eq!(answer.status, RevocationStatus::Unknown);
    assert_eq!(answer.problems[0].code(), "CRL_SIGNATURE_INVALID");
    assert!(answer.entry.is_none());
}

#[test]
fn truncated_crls_are_coded_errors() {
    let der = vector("crl/revoked.der");
    for cut in 0..der.len() {
        let error = parse_crl(&der[..cut], &ParseCrlOptions::default()).unwrap_err();
        assert!(
            matches!(
                error.code(),
                "INVALID_CRL"
                    | "NOT_A_CRL"
                    | "EMPTY_INPUT"
                    | "UNRECOGNIZED_ENCODING"
                    | "INVALID_BASE64"
            ),
            "cut at {cut}: {}",
            error.code()
        );
    }
    let error = parse_crl(&vector("fixtures/leaf.pem"), &ParseCrlOptions::default()).unwrap_err();
    assert_eq!(error.code(), "NOT_A_CRL");
}
