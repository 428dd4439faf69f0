//! Every combination the builders refuse, each with its code and field, and all of a call's
//! problems reported at once.

use serde_json::{Value, json};

use super::{ca, certificate, csr, key, refused};

#[test]
fn key_usage_is_checked_against_the_key_and_the_ca_flag() {
    let cases: [(&str, Value, &str, &str); 9] = [
        (
            "P-256",
            json!({"isCa": true, "keyUsage": ["digitalSignature"]}),
            "CA_WITHOUT_KEY_CERT_SIGN",
            "keyUsage",
        ),
        (
            "P-256",
            json!({"keyUsage": ["digitalSignature", "keyCertSign"]}),
            "KEY_CERT_SIGN_WITHOUT_CA",
            "keyUsage[1]",
        ),
        (
            "P-256",
            json!({"keyUsage": ["keyEncipherment"]}),
            "KEY_USAGE_NOT_FOR_KEY",
            "keyUsage[0]",
        ),
        (
            "P-384",
            json!({"keyUsage": ["digitalSignature", "dataEncipherment"]}),
            "KEY_USAGE_NOT_FOR_KEY",
            "keyUsage[1]",
        ),
        (
            "ed25519",
            json!({"keyUsage": ["keyEncipherment"]}),
            "KEY_USAGE_NOT_FOR_KEY",
            "keyUsage[0]",
        ),
        (
            "ed25519",
            json!({"keyUsage": ["keyAgreement"]}),
            "KEY_USAGE_NOT_FOR_KEY",
            "keyUsage[0]",
        ),
        (
            "rsa",
            json!({"keyUsage": ["keyAgreement"]}),
            "KEY_USAGE_NOT_FOR_KEY",
            "keyUsage[0]",
        ),
        (
            "P-256",
            json!({"keyUsage": ["encipherOnly"]}),
            "KEY_USAGE_NEEDS_KEY_AGREEMENT",
            "keyUsage[0]",
        ),
        (
            "P-256",
            json!({"keyUsage": ["keyAgreement", "encipherOnly", "decipherOnly"]}),
            "ENCIPHER_AND_DECIPHER_ONLY",
            "keyUsage",
        ),
    ];
    for (spec, options, code, field) in cases {
        let mut all = json!({ "privateKey": key(spec), "subject": "CN=x" });
        if let (Value::Object(base), Value::Object(extra)) = (&mut all, options.clone()) {
            base.extend(extra);
        }
        assert_eq!(refused(certificate(all), code), field, "{spec} {options}");
    }
    // The same key-type rules hold for a CSR.
    let request = csr(
        json!({ "privateKey": key("ed25519"), "subject": "CN=x", "keyUsage": ["keyAgreement"] }),
    );
    assert_eq!(refused(request, "KEY_USAGE_NOT_FOR_KEY"), "keyUsage[0]");
    // Allowed: RSA keyEncipherment, EC keyAgreement, Ed25519 signing.
    for (spec, usage) in [
        ("rsa", "keyEncipherment"),
        ("P-256", "keyAgreement"),
        ("ed25519", "nonRepudiation"),
    ] {
        certificate(json!({ "privateKey": key(spec), "subject": "CN=x", "keyUsage": [usage] }))
            .unwrap();
    }
}

#[test]
fn other_forbidden_combinations_have_their_own_codes() {
    let leaf = |extra: Value| {
        let mut all = json!({ "privateKey": key("P-256"), "subject": "CN=x" });
        if let (Value::Object(base), Value::Object(extra)) = (&mut all, extra) {
            base.extend(extra);
        }
        certificate(all)
    };
    assert_eq!(
        refused(leaf(json!({"pathLength": 1})), "PATH_LENGTH_WITHOUT_CA"),
        "pathLength"
    );
    assert_eq!(
        refused(
            leaf(json!({"includeAuthorityKeyIdentifier": false})),
            "AUTHORITY_KEY_IDENTIFIER_REQUIRED"
        ),
        "includeAuthorityKeyIdentifier"
    );
    let serial = "ff".repeat(20);
    assert_eq!(
        refused(
            leaf(json!({"serialNumber": serial})),
            "SERIAL_NUMBER_TOO_LONG"
        ),
        "serialNumber"
    );
    assert_eq!(
        refused(
            leaf(json!({"serialNumber": "0"})),
            "SERIAL_NUMBER_NOT_POSITIVE"
        ),
        "serialNumber"
    );
    assert_eq!(
        refused(
            leaf(json!({"extendedKeyUsage": ["webAuth"]})),
            "UNKNOWN_EXTENDED_KEY_USAGE"
        ),
        "extendedKeyUsage[0]"
    );
    let other_key = csr(json!({ "privateKey": key("P-256"), "subject": "CN=y" }))
        .unwrap()
        .pem;
    assert_eq!(
        refused(leaf(json!({"csr": other_key})), "CSR_KEY_MISMATCH"),
        "privateKey"
    );

    let (ca_pem, ca_key) = ca("P-256", json!({ "pathLength": 0 }));
    let below = certificate(json!({
        "publicKey": key("P-256"), "subject": "CN=sub CA", "isCa": true,
        "issuer": { "certificate": ca_pem, "privateKey": ca_key },
    }));
    assert_eq!(refused(below, "ISSUER_PATH_LENGTH_EXCEEDED"), "isCa");
}

#[test]
fn every_problem_is_reported_at_once() {
    let error = certificate(json!({
        "privateKey": key("ed25519"), "subject": "CN=x", "pathLength": 2,
        "keyUsage": ["keyEncipherment"], "subjectAltNames": ["bad name"], "serialNumber": "00",
    }))
    .unwrap_err();
    let mut codes: Vec<_> = error.into_problems().iter().map(|p| p.code()).collect();
    codes.sort_unstable();
    assert_eq!(
        codes,
        [
            "INVALID_SUBJECT_ALT_NAME",
            "KEY_USAGE_NOT_FOR_KEY",
            "PATH_LENGTH_WITHOUT_CA",
            "SERIAL_NUMBER_NOT_POSITIVE"
        ]
    );
}
