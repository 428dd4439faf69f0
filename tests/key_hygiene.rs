#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: panics are failures

//! Key hygiene: private key material never shows in `Debug` output or in errors, whatever is
//! wrong with the key. Each key's secret is searched for as hex, base64 and base64url, and as
//! the base64 a leaked PEM would carry.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use certkit::encoding::{self, InputData};
use certkit::keys::{self, ExportPrivateKeyOptions, KeySpec};
use certkit::x509::build::{CreateCertificateOptions, CreateCsrOptions};
use getrandom::SysRng;
use rand_core::UnwrapErr;

const RSA_PKCS8: &str = include_str!("vectors/fixtures/throwaway-private.key.pem");
const PASSPHRASE: &str = "correct horse battery staple";

/// A private key as PKCS#8 PEM, with the text forms of its secret to search for.
struct Secret {
    pem: String,
    der: Vec<u8>,
    fragments: Vec<String>,
}

fn secret_of(key: &keys::PrivateKey) -> Secret {
    let pair = keys::key_pair(key).unwrap();
    let der = encoding::decode_blocks(pair.private_key_pem.as_bytes())
        .unwrap()
        .1[0]
        .der
        .to_vec();
    let d = URL_SAFE_NO_PAD
        .decode(pair.private_key_jwk.d.as_deref().unwrap())
        .unwrap();
    let start = der.windows(d.len()).position(|w| w == d).unwrap();
    let end = start + d.len();
    // The base64 characters of the PKCS#8 that hold only the secret's bytes.
    let der_base64 = STANDARD.encode(&der);
    let in_pem = der_base64[start.div_ceil(3) * 4..end / 3 * 4].to_owned();
    let mut fragments = vec![
        hex::encode(&d),
        hex::encode_upper(&d),
        STANDARD.encode(&d),
        URL_SAFE_NO_PAD.encode(&d),
        in_pem,
    ];
    for p in [&pair.private_key_jwk.p, &pair.private_key_jwk.q] {
        fragments.extend(p.clone());
    }
    // Any 12-character window is enough to call it a leak.
    let windows = fragments
        .iter()
        .flat_map(|f| {
            let chars: Vec<char> = f.chars().collect();
            chars
                .chunks(12)
                .filter(|c| c.len() == 12)
                .map(|c| c.iter().collect::<String>())
                .collect::<Vec<_>>()
        })
        .collect();
    Secret {
        pem: pair.private_key_pem.clone(),
        der,
        fragments: windows,
    }
}

fn keys_of_every_kind() -> Vec<Secret> {
    let mut rng = UnwrapErr(SysRng);
    let rsa = keys::parse_private_key(RSA_PKCS8.as_bytes(), None).unwrap();
    let mut secrets = vec![secret_of(&rsa)];
    for spec in [
        KeySpec::Ecdsa {
            named_curve: "P-256".into(),
        },
        KeySpec::Ecdsa {
            named_curve: "P-384".into(),
        },
        KeySpec::Ed25519,
    ] {
        secrets.push(secret_of(&keys::generate_key(spec, &mut rng).unwrap()));
    }
    secrets
}

#[track_caller]
fn assert_no_secret(text: &str, secret: &Secret, what: &str) {
    for fragment in &secret.fragments {
        assert!(
            !text.contains(fragment.as_str()),
            "{what} shows key material ({fragment}): {text}"
        );
    }
    assert!(!text.contains(PASSPHRASE), "{what} shows the passphrase");
}

fn error_text(error: &certkit::Error) -> String {
    format!("{error} | {error:?} | {:?}", error.all_problems())
}

#[test]
fn debug_output_never_shows_a_private_key() {
    let mut rng = UnwrapErr(SysRng);
    for secret in keys_of_every_kind() {
        let key = keys::parse_private_key(secret.pem.as_bytes(), None).unwrap();
        let pair = keys::key_pair(&key).unwrap();
        assert_no_secret(&format!("{key:?}"), &secret, "PrivateKey");
        assert_no_secret(&format!("{pair:?}"), &secret, "KeyPair");
        assert!(format!("{pair:?}").contains(&pair.subject_key_identifier));
        assert_no_secret(&format!("{:?}", pair.private_key_jwk), &secret, "Jwk");
        let (_, blocks) = encoding::decode_blocks(secret.pem.as_bytes()).unwrap();
        assert_no_secret(&format!("{blocks:?}"), &secret, "Block");
        let input = InputData::Text(secret.pem.clone());
        assert_no_secret(&format!("{input:?}"), &secret, "InputData");
        let bytes = InputData::Bytes(secret.der.clone());
        assert_no_secret(&format!("{bytes:?}"), &secret, "InputData bytes");

        let csr: CreateCsrOptions = serde_json::from_value(serde_json::json!({
            "privateKey": secret.pem, "passphrase": PASSPHRASE, "subject": "CN=x",
        }))
        .unwrap();
        assert_no_secret(&format!("{csr:?}"), &secret, "CreateCsrOptions");
        let cert: CreateCertificateOptions = serde_json::from_value(serde_json::json!({
            "privateKey": secret.pem, "subject": "CN=x",
            "issuer": { "certificate": "x", "privateKey": secret.pem, "passphrase": PASSPHRASE },
        }))
        .unwrap();
        assert_no_secret(&format!("{cert:?}"), &secret, "CreateCertificateOptions");
        let export: ExportPrivateKeyOptions = serde_json::from_value(serde_json::json!({
            "format": "pkcs8", "passphrase": PASSPHRASE, "iterations": 1000,
        }))
        .unwrap();
        assert_no_secret(&format!("{export:?}"), &secret, "ExportPrivateKeyOptions");
        let exported = keys::export_private_key(&key, &export, &mut rng).unwrap();
        let _ = exported; // encrypted output is the user's to keep; it is not Debug-printed here
    }
}

/// Every way a private key can be broken: truncated, a byte flipped in the secret, garbage
/// appended, the wrong PEM label, the wrong passphrase, a JWK whose members disagree.
fn broken_keys(secret: &Secret) -> Vec<(String, Vec<u8>, Option<&'static str>)> {
    let mut broken = Vec::new();
    let pem = |der: &[u8]| encoding::pem_encode("PRIVATE KEY", der).into_bytes();
    for cut in [
        secret.der.len() / 2,
        secret.der.len() - 1,
        secret.der.len() - 10,
    ] {
        broken.push((format!("cut at {cut}"), pem(&secret.der[..cut]), None));
    }
    for at in (20..secret.der.len()).step_by(7) {
        let mut flipped = secret.der.clone();
        flipped[at] ^= 0x5a;
        broken.push((format!("byte {at} flipped"), pem(&flipped), None));
    }
    let mut trailing = secret.der.clone();
    trailing.extend_from_slice(&[0x04, 0x02, 0xde, 0xad]);
    broken.push(("trailing bytes".into(), pem(&trailing), None));
    let relabelled = secret.pem.replace("PRIVATE KEY", "CERTIFICATE");
    broken.push(("labelled CERTIFICATE".into(), relabelled.into_bytes(), None));
    let rsa_label = secret.pem.replace("PRIVATE KEY", "RSA PRIVATE KEY");
    broken.push((
        "labelled RSA PRIVATE KEY".into(),
        rsa_label.into_bytes(),
        None,
    ));
    broken.push((
        "DER with a passphrase".into(),
        secret.der.clone(),
        Some(PASSPHRASE),
    ));
    broken
}

#[test]
fn errors_for_broken_private_keys_never_show_key_material() {
    let mut rng = UnwrapErr(SysRng);
    let mut checked = 0;
    for secret in keys_of_every_kind() {
        let key = keys::parse_private_key(secret.pem.as_bytes(), None).unwrap();
        for (what, input, passphrase) in broken_keys(&secret) {
            let passphrase = passphrase.map(str::as_bytes);
            if let Err(error) = keys::parse_private_key(&input, passphrase) {
                assert_no_secret(&error_text(&error), &secret, &what);
                checked += 1;
            }
            let csr: CreateCsrOptions = serde_json::from_value(serde_json::json!({
                "privateKey": String::from_utf8_lossy(&input), "subject": "CN=x",
            }))
            .unwrap();
            if let Err(error) = certkit::x509::build::create_csr(&csr, &mut rng) {
                assert_no_secret(&error_text(&error), &secret, &format!("createCsr, {what}"));
            }
        }
        // An encrypted key opened with the wrong passphrase.
        let encrypted = keys::export_private_key(
            &key,
            &serde_json::from_value(serde_json::json!({
                "format": "pkcs8", "passphrase": PASSPHRASE, "iterations": 1000,
            }))
            .unwrap(),
            &mut rng,
        )
        .unwrap();
        let keys::Exported::Text(encrypted) = encrypted else {
            panic!("PKCS#8 PEM is text")
        };
        let error = keys::parse_private_key(encrypted.as_bytes(), Some(b"wrong")).unwrap_err();
        assert_eq!(error.code(), "WRONG_PASSPHRASE");
        assert_no_secret(&error_text(&error), &secret, "wrong passphrase");
        // A JWK whose private member does not match its public one.
        let mut jwk = keys::key_pair(&key).unwrap().private_key_jwk.clone();
        // Its first character changed to another one (an `A` kept as `A` would still match).
        let changed = |text: String| {
            let other = if text.starts_with('A') { 'B' } else { 'A' };
            format!("{other}{}", &text[1..])
        };
        jwk.x = jwk.x.clone().map(changed);
        jwk.n = jwk.n.clone().map(changed);
        let text = serde_json::to_string(&jwk).unwrap();
        let error = keys::parse_private_key(text.as_bytes(), None).unwrap_err();
        assert_no_secret(&error_text(&error), &secret, "mismatched JWK");
        checked += 2;
    }
    // Most broken keys must actually be refused, or the test proves nothing.
    assert!(checked > 100, "only {checked} broken keys were refused");
}
