//! What the builders write: extensions, key identifiers, names, validity, and what a CSR asks
//! for. Every combination they refuse, each with its code and field, is in `refusals.rs`.

mod refusals;

use getrandom::SysRng;
use rand_core::UnwrapErr;
use serde_json::{Value, json};

use super::*;
use crate::keys::{KeySpec, generate_key, pkcs8_der};
use crate::x509::extensions::KeyUsage;
use crate::x509::{Certificate, RawCertificate, parse_certificate, parse_csr};

const RSA_KEY: &str = include_str!("../../../../tests/vectors/fixtures/throwaway-private.key.pem");
const NOW: &str = "2026-06-01T00:00:00Z";

fn key(spec: &str) -> String {
    let spec = match spec {
        "ed25519" => KeySpec::Ed25519,
        "rsa" => return RSA_KEY.to_owned(),
        curve => KeySpec::Ecdsa {
            named_curve: curve.into(),
        },
    };
    let key = generate_key(spec, &mut UnwrapErr(SysRng)).unwrap();
    crate::encoding::pem_encode("PRIVATE KEY", &pkcs8_der(&key).unwrap())
}

fn certificate(options: Value) -> Result<Created> {
    let mut options = options;
    options["now"] = json!(NOW);
    let options: CreateCertificateOptions = serde_json::from_value(options).unwrap();
    create_certificate(&options, &mut UnwrapErr(SysRng))
}

fn csr(options: Value) -> Result<Created> {
    let options: CreateCsrOptions = serde_json::from_value(options).unwrap();
    create_csr(&options, &mut UnwrapErr(SysRng))
}

fn parsed(created: &Created) -> Certificate {
    parse_certificate(&created.der).unwrap()
}

fn extension<'a>(
    cert: &'a Certificate,
    oid: &str,
) -> Option<&'a crate::x509::extensions::Extension> {
    cert.extensions.iter().find(|e| e.oid == oid)
}

/// A CA (self-signed) and its key.
fn ca(key_spec: &str, extra: Value) -> (String, String) {
    let key = key(key_spec);
    let mut options = json!({ "privateKey": key, "subject": "CN=Test CA,O=certkit", "isCa": true });
    if let (Value::Object(base), Value::Object(extra)) = (&mut options, extra) {
        base.extend(extra);
    }
    (certificate(options).unwrap().pem, key)
}

/// The code and field of the first problem with this code, for asserting on refusals.
fn refused(result: Result<Created>, code: &str) -> String {
    let error = result.expect_err("should be refused");
    let problem = error
        .all_problems()
        .into_iter()
        .find(|p| p.code() == code)
        .unwrap_or_else(|| panic!("no {code} in {:?}", error.all_problems()));
    problem.field_text().unwrap_or_default()
}

#[test]
fn a_self_signed_leaf_has_an_authority_key_identifier_and_a_non_critical_san() {
    let created = certificate(json!({
        "privateKey": key("P-256"), "subject": "CN=leaf,DC=example,DC=com",
        "subjectAltNames": ["leaf.example.com"], "extendedKeyUsage": ["clientAuth"],
    }))
    .unwrap();
    let cert = parsed(&created);
    assert_eq!(cert.subject.rfc4514, "CN=leaf,DC=example,DC=com");
    assert!(cert.authority_key_identifier().is_some());
    assert_eq!(
        cert.authority_key_identifier(),
        cert.subject_key_identifier()
    );
    assert!(!extension(&cert, "2.5.29.17").unwrap().critical);
    assert!(extension(&cert, "2.5.29.19").unwrap().critical);
    assert!(cert.self_signed);
    assert!(created.warnings.is_empty());
}

#[test]
fn a_self_signed_ca_has_no_authority_key_identifier_unless_asked() {
    let cert = parse_certificate(ca("P-256", json!({})).0.as_bytes()).unwrap();
    assert_eq!(cert.authority_key_identifier(), None);
    assert_eq!(
        cert.key_usage(),
        Some(
            &[
                KeyUsage::DigitalSignature,
                KeyUsage::KeyCertSign,
                KeyUsage::CrlSign
            ][..]
        )
    );
    // An empty list (a form with nothing ticked) gets the CA default too.
    let empty = parse_certificate(ca("P-256", json!({ "keyUsage": [] })).0.as_bytes()).unwrap();
    assert_eq!(empty.key_usage(), cert.key_usage());
    let asked = ca("ed25519", json!({ "includeAuthorityKeyIdentifier": true }));
    let cert = parse_certificate(asked.0.as_bytes()).unwrap();
    assert_eq!(
        cert.authority_key_identifier(),
        cert.subject_key_identifier()
    );
}

#[test]
fn an_issued_certificate_copies_the_issuer_name_and_key_identifier_exactly() {
    let (ca_pem, ca_key) = ca("P-384", json!({ "keyIdMethod": "rfc7093-sha256" }));
    let ca_cert = parse_certificate(ca_pem.as_bytes()).unwrap();
    let created = certificate(json!({
        "publicKey": key("ed25519"), "subject": {"commonName": "leaf"},
        "issuer": { "certificate": ca_pem, "privateKey": ca_key },
    }))
    .unwrap();
    let raw_ca = RawCertificate::parse(&ca_cert.der).unwrap();
    let raw = RawCertificate::parse(&created.der).unwrap();
    assert_eq!(raw.issuer, raw_ca.subject);
    let cert = parsed(&created);
    assert_eq!(
        cert.authority_key_identifier(),
        ca_cert.subject_key_identifier()
    );
    let algorithm = raw.signature_algorithm;
    let status = crate::x509::verify_signature(raw_ca.spki, &algorithm, raw.tbs, &cert.signature);
    assert_eq!(status, crate::x509::SignatureStatus::Valid);
}

#[test]
fn an_empty_subject_needs_a_critical_san() {
    let (ca_pem, ca_key) = ca("P-256", json!({}));
    let issuer = json!({ "certificate": ca_pem, "privateKey": ca_key });
    let created = certificate(json!({
        "publicKey": key("P-256"), "subject": {}, "issuer": issuer,
        "subjectAltNames": ["spiffe://example.org/workload"],
    }))
    .unwrap();
    assert!(extension(&parsed(&created), "2.5.29.17").unwrap().critical);
    let without =
        certificate(json!({ "publicKey": key("P-256"), "subject": {}, "issuer": issuer }));
    assert_eq!(refused(without, "EMPTY_SUBJECT_WITHOUT_SAN"), "subject");
    let self_signed = certificate(json!({
        "privateKey": key("P-256"), "subject": {}, "subjectAltNames": ["a.example.com"],
    }));
    assert_eq!(refused(self_signed, "EMPTY_ISSUER_NAME"), "subject");
}

#[test]
fn a_certificate_outliving_its_issuer_is_a_warning() {
    let (ca_pem, ca_key) = ca("P-256", json!({ "notAfter": "2027-01-01T00:00:00Z" }));
    let created = certificate(json!({
        "publicKey": key("P-256"), "subject": "CN=leaf", "notAfter": "2028-01-01T00:00:00Z",
        "issuer": { "certificate": ca_pem, "privateKey": ca_key },
    }))
    .unwrap();
    let codes: Vec<_> = created
        .warnings
        .iter()
        .map(|p| (p.code(), p.field_text()))
        .collect();
    assert_eq!(
        codes,
        [("CERTIFICATE_OUTLIVES_ISSUER", Some("notAfter".to_owned()))]
    );
    // Without an explicit notAfter the default year stops where the issuer does.
    let (ca_pem, ca_key) = ca("P-256", json!({ "notAfter": "2026-09-01T00:00:00Z" }));
    let created = certificate(json!({
        "publicKey": key("P-256"), "subject": "CN=leaf",
        "issuer": { "certificate": ca_pem, "privateKey": ca_key },
    }))
    .unwrap();
    assert!(created.warnings.is_empty());
    assert_eq!(ends(&parsed(&created)), "2026-09-01T00:00:00Z");
}

#[test]
fn a_ca_lives_ten_years_by_default_and_a_leaf_one() {
    let (ca_pem, ca_key) = ca("P-256", json!({}));
    let ca_cert = parse_certificate(ca_pem.as_bytes()).unwrap();
    assert_eq!(
        ends(&ca_cert),
        "2036-05-31T00:00:00Z",
        "3652 days after {NOW}"
    );
    let leaf = certificate(json!({
        "publicKey": key("P-256"), "subject": "CN=leaf",
        "issuer": { "certificate": ca_pem, "privateKey": ca_key },
    }))
    .unwrap();
    assert_eq!(ends(&parsed(&leaf)), "2027-06-01T00:00:00Z");
    let self_signed =
        certificate(json!({ "privateKey": key("P-256"), "subject": "CN=self" })).unwrap();
    assert_eq!(ends(&parsed(&self_signed)), "2027-06-01T00:00:00Z");
}

/// notAfter as RFC 3339 text.
fn ends(cert: &Certificate) -> String {
    cert.not_after.to_string()
}

#[test]
fn issuing_from_a_csr_copies_its_requested_extensions_byte_for_byte() {
    let (ca_pem, ca_key) = ca("P-256", json!({}));
    let request = csr(json!({
        "privateKey": key("P-256"), "subject": "CN=requester,O=Example",
        "subjectAltNames": [
            "URI:mailto:pt@example.com", "URI:tel:+15555550100", "RID:1.2.3.4",
            "otherName:1.3.6.1.4.1.311.20.2.3;UTF8:user@example.com", "dirName:CN=dir",
            {"type": "ip", "value": "2001:db8::1"}
        ],
        "keyUsage": ["digitalSignature", "keyAgreement"],
        "extendedKeyUsage": ["msSmartcardLogin", "1.3.6.1.5.5.7.3.17", "1.2.3.18446744073709551617"],
        "includeSubjectKeyIdentifier": true, "keyIdMethod": "rfc7093-sha512",
    }))
    .unwrap();
    let created = certificate(json!({
        "csr": request.pem, "issuer": { "certificate": ca_pem, "privateKey": ca_key },
    }))
    .unwrap();
    let requested = parse_csr(request.pem.as_bytes()).unwrap();
    let cert = parsed(&created);
    assert_eq!(cert.subject.rfc4514, "CN=requester,O=Example");
    for wanted in &requested.extensions {
        let got = extension(&cert, &wanted.oid).unwrap();
        assert_eq!(got.der, wanted.der, "{}", wanted.oid);
    }
    assert!(created.warnings.is_empty(), "{:?}", created.warnings);
    // Given options replace what the CSR asks for.
    let (ca_pem, ca_key) = ca("ed25519", json!({}));
    let overridden = certificate(json!({
        "csr": request.pem, "subjectAltNames": ["b.example.com"], "extendedKeyUsage": ["clientAuth"],
        "issuer": { "certificate": ca_pem, "privateKey": ca_key },
    }))
    .unwrap();
    let cert = parsed(&overridden);
    assert_eq!(cert.subject_alt_names().len(), 1);
    assert_eq!(cert.subject_alt_names()[0].value, "b.example.com");
    let purposes: Vec<_> = cert
        .extended_key_usage()
        .unwrap()
        .iter()
        .map(|p| p.oid.clone())
        .collect();
    assert_eq!(purposes, ["1.3.6.1.5.5.7.3.2"]);
}
