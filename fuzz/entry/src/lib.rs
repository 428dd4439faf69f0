//! Fuzzing entry points, one per target of `fuzz/fuzz_targets/`, shared by the cargo-fuzz crate
//! and `tests/replay.rs` (which replays the committed corpus and regressions in `cargo test`).
//! Each one feeds arbitrary bytes to the real core functions and ignores their results: an
//! error is a fine answer, a panic (a trap in wasm) is the bug. A crate of its own so that the
//! core's library holds nothing but the library.

use getrandom::SysRng;
use rand_core::UnwrapErr;
use serde_json::Value;

use certkit::api::halo::{self, GrpcurlOptions, Method};
use certkit::api::{alloydb, json_input, proto_json};
use certkit::encoding::InputData;
use certkit::keys::{self, ExportPrivateKeyOptions, Passphrase, PrivateKeyFormat};
use certkit::x509::{self, ChainInput, VerifyChainOptions};
use certkit::{ErrorKind, inspect, time};

/// The passphrase the `key_import` seeds are encrypted with.
pub const PASSPHRASE: &[u8] = b"passphrase";
/// What `chain` splits its input on.
pub const CHAIN_SEPARATOR: &[u8] = b"\n===\n";
/// The key the `alloydb_response` target checks responses against.
const CLIENT_PUBLIC_KEY: &str = include_str!("../../../tests/vectors/fixtures/client.pub.pem");
/// 2030-01-01T00:30:00Z.
const NOW: time::UnixTime = time::UnixTime::from_seconds(1_893_457_800);
/// The CA of the `crl` seeds, and a certificate it issued.
const CRL_ISSUER: &str = include_str!("../../../tests/vectors/crl/ca.pem");
const CRL_SUBJECT: &str = include_str!("../../../tests/vectors/crl/revoked-cert.pem");

/// A fuzz target: any bytes in, a panic is the only failure.
pub type Target = fn(&[u8]);

/// Every target by name, for the replay test.
pub const TARGETS: &[(&str, Target)] = &[
    ("certificate_der", certificate_der),
    ("certificate_text", certificate_text),
    ("bundle", bundle),
    ("csr", csr),
    ("key_import", key_import),
    ("chain", chain),
    ("alloydb_request", alloydb_request),
    ("alloydb_response", alloydb_response),
    ("halo_name", halo_name),
    ("halo_requests", halo_requests),
    ("duration", duration),
    ("pkcs12", pkcs12),
    ("crl", crl),
    ("options", options),
];

/// One DER certificate, through our decoder and through the input detection.
pub fn certificate_der(data: &[u8]) {
    let _ = x509::decode_certificate(data);
    let _ = x509::parse_certificate(data);
}

/// A paste (text): certificates, and everything `inspect` finds.
pub fn certificate_text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = x509::parse_certificates(text.as_bytes());
    let _ = inspect::inspect(text.as_bytes());
}

/// A bundle: concatenated PEM or DER, or PKCS#7.
pub fn bundle(data: &[u8]) {
    let _ = x509::parse_certificates(data);
    let _ = x509::pkcs7_certificates(data);
}

/// A PKCS#10 certificate request.
pub fn csr(data: &[u8]) {
    let _ = x509::parse_csr(data);
    let _ = x509::decode_csr(data);
}

/// Any key; a private key that imports is then written in every format.
pub fn key_import(data: &[u8]) {
    let _ = keys::public_key_spki(data);
    // Reading a private key's public half (without building an RSA signing key) and reading
    // the key must agree: both refuse it, or both give the same public key.
    let half = keys::private_key_text_spki(data, Some(PASSPHRASE)).ok();
    let parsed = keys::parse_private_key(data, Some(PASSPHRASE));
    if !data.trim_ascii_start().starts_with(b"{") {
        let derived = parsed
            .as_ref()
            .ok()
            .and_then(|key| key.public_key_spki().ok());
        assert_eq!(half, derived, "the public half read differs from the key's");
    }
    let Ok(key) = parsed else {
        return;
    };
    let _ = keys::key_pair(&key);
    let passphrase: Option<Passphrase> = serde_json::from_str("\"passphrase\"").ok();
    let formats = [
        PrivateKeyFormat::Pkcs8,
        PrivateKeyFormat::Pkcs1,
        PrivateKeyFormat::Sec1,
        PrivateKeyFormat::Jwk,
        PrivateKeyFormat::Der,
    ];
    for format in formats {
        for passphrase in [None, passphrase.clone()] {
            let options = ExportPrivateKeyOptions {
                format,
                passphrase,
                iterations: Some(1000),
            };
            let _ = keys::export_private_key(&key, &options, &mut UnwrapErr(SysRng));
        }
    }
}

/// Inputs separated by `\n===\n`: the whole list as a chain, then all but the last with the
/// last as the trust anchor. The first byte picks the purpose, subject name and depth limit.
pub fn chain(data: &[u8]) {
    const PURPOSES: [&str; 5] = [
        "any",
        "serverAuth",
        "clientAuth",
        "emailProtection",
        "1.2.3.4",
    ];
    const NAMES: [Option<&str>; 4] = [None, Some("example.com"), Some("192.0.2.1"), Some("::1")];
    const DEPTHS: [Option<u32>; 4] = [None, Some(0), Some(1), Some(6)];
    let selector = usize::from(data.first().copied().unwrap_or_default());
    let parts = split(data, CHAIN_SEPARATOR);
    let inputs: Vec<InputData> = parts.iter().map(|p| InputData::Bytes(p.to_vec())).collect();
    let options = VerifyChainOptions {
        now: Some(NOW),
        purpose: Some(PURPOSES[selector % 5].into()),
        subject_name: NAMES[selector / 5 % 4].map(str::to_owned),
        max_depth: DEPTHS[selector / 20 % 4],
        ..Default::default()
    };
    let _ = x509::verify_chain_input(&ChainInput::Many(inputs.clone()), &options);
    if let Some((anchor, rest)) = inputs.split_last() {
        let options = VerifyChainOptions {
            trust_anchors: vec![anchor.clone()],
            ..options
        };
        let _ = x509::verify_chain_input(&ChainInput::Many(rest.to_vec()), &options);
    }
}

/// A `generateClientCertificate` builder input (JSON).
pub fn alloydb_request(data: &[u8]) {
    let Some(input) = json(data) else { return };
    let _ = alloydb::check_generate_client_certificate_request(&input);
    let _ = alloydb::build_generate_client_certificate_request(&input, &mut UnwrapErr(SysRng));
}

/// A `generateClientCertificate` response (JSON, or JSON text in a string), checked against
/// the fixture key.
pub fn alloydb_response(data: &[u8]) {
    let Some(value) = json(data) else { return };
    let Ok(response) = json_input(&value) else {
        return;
    };
    let options = alloydb::ResponseCheckOptions {
        public_key: InputData::Text(CLIENT_PUBLIC_KEY.into()),
        now: Some(NOW),
        cert_duration: None,
    };
    let _ = alloydb::check_generate_client_certificate_response(&response, &options);
}

/// A Halo resource name, and the text as an API ID.
pub fn halo_name(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = halo::parse_name(&text, "name");
    let _ = halo::decode_api_id(&text);
}

/// A Halo request (JSON) checked and built as every method; the revocation rules on the
/// strings it holds (`[current, requested]`, or `currentState` and `revocationState`).
pub fn halo_requests(data: &[u8]) {
    let Some(input) = json(data) else { return };
    let options = GrpcurlOptions {
        now: Some(NOW),
        ..Default::default()
    };
    for method in Method::ALL {
        let _ = halo::check_request(method, &input, &options);
        let _ = halo::build_request(method, &input, &options);
    }
    let (current, requested) = match &input {
        Value::Array(items) => (items.first(), items.get(1)),
        other => (other.get("currentState"), other.get("revocationState")),
    };
    let current = current.and_then(Value::as_str);
    let requested = requested.and_then(Value::as_str);
    let _ = halo::check_revocation_transition(current, requested);
    let _ = halo::check_release_hold(current);
}

/// A proto3 JSON Duration; one that parses must print to text that parses back to it.
pub fn duration(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(parsed) = proto_json::parse_duration(&text) {
        let printed = proto_json::format_duration(parsed);
        let reparsed = proto_json::parse_duration(&printed);
        assert_eq!(
            reparsed.ok(),
            Some(parsed),
            "{text:?} printed as {printed:?}"
        );
    }
    let _ = time::parse_rfc3339(&text);
}

/// An options object of any shape (cycles, shared values, throwing getters, any depth), built
/// by `options::graph` from the bytes, read by the same explicit-stack walker as JavaScript
/// objects and decoded as every options type. A refusal must name a field under its root.
pub fn options(data: &[u8]) {
    use certkit::options::{self, graph::Graph};
    let (mut graph, root) = Graph::from_bytes(data);
    let tree = match options::read_tree(&mut graph, root, "options") {
        Ok(tree) => tree,
        Err(error) => {
            let field = error.field_text().unwrap_or_default();
            assert!(field.starts_with("options"), "{field}");
            assert!(matches!(
                error.kind,
                ErrorKind::InvalidOptions { .. } | ErrorKind::InputTooLarge { .. }
            ));
            return;
        }
    };
    let _ = tree.to_json();
    let _ = options::decode::<keys::KeySpec>(&tree, "options");
    let _ = options::decode::<ExportPrivateKeyOptions>(&tree, "options");
    let _ = options::decode::<keys::PublicKeyFormat>(&tree, "format");
    let _ = options::decode::<x509::build::CreateCsrOptions>(&tree, "options");
    let _ = options::decode::<x509::build::CreateCertificateOptions>(&tree, "options");
    let _ = options::decode::<VerifyChainOptions>(&tree, "options");
    let _ = options::decode::<ChainInput>(&tree, "chain");
    let _ = options::decode::<x509::KeyIdMethod>(&tree, "method");
    let _ = options::decode::<GrpcurlOptions>(&tree, "options");
    let _ = options::decode::<halo::SummaryOptions>(&tree, "options");
    if let Err(error) = options::decode::<alloydb::ResponseCheckOptions>(&tree, "options") {
        let field = error.field_text().unwrap_or_default();
        // A time that is not one is named as the core names its own fields (`now`).
        let own_field = matches!(error.kind, ErrorKind::InvalidTime { .. }) && field == "now";
        assert!(field.starts_with("options") || own_field, "{field}");
    }
}

/// Parses JSON input; `None` when it is not JSON (nothing to fuzz).
fn json(data: &[u8]) -> Option<Value> {
    serde_json::from_slice(data).ok()
}

/// `data` split on every `separator`; always at least one part.
fn split<'a>(mut data: &'a [u8], separator: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    while let Some(at) = data.windows(separator.len()).position(|w| w == separator) {
        let (Some(head), Some(tail)) = (data.get(..at), data.get(at + separator.len()..)) else {
            break;
        };
        parts.push(head);
        data = tail;
    }
    parts.push(data);
    parts
}

/// A PKCS#12 file, opened with the seeds' passphrase and with an empty one, and through
/// `inspect`.
pub fn pkcs12(data: &[u8]) {
    let _ = certkit::pkcs12::parse_pkcs12(data, "passphrase");
    let _ = certkit::pkcs12::parse_pkcs12(data, "");
    let options = inspect::InspectOptions {
        passphrase: serde_json::from_str("\"passphrase\"").ok(),
    };
    let _ = inspect::inspect_with(data, &options);
}

/// A CRL, its signature checked against the seeds' CA, and a revocation check with it.
pub fn crl(data: &[u8]) {
    let options = x509::ParseCrlOptions {
        issuer: Some(InputData::Text(CRL_ISSUER.into())),
    };
    let _ = x509::parse_crl(data, &x509::ParseCrlOptions::default());
    let Ok(parsed) = x509::parse_crl(data, &options) else {
        return;
    };
    let (Ok(issuer), Ok(subject)) = (
        x509::parse_certificate(CRL_ISSUER.as_bytes()),
        x509::parse_certificate(CRL_SUBJECT.as_bytes()),
    ) else {
        return;
    };
    let _ = x509::check_revocation(&parsed, &subject, &issuer, NOW);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_input_splits_on_the_separator() {
        assert_eq!(
            split(b"a\n===\nb\n===\n", CHAIN_SEPARATOR),
            [&b"a"[..], b"b", b""]
        );
        assert_eq!(split(b"abc", CHAIN_SEPARATOR), [&b"abc"[..]]);
    }
}

#[cfg(test)]
mod now_tests {
    #[test]
    fn now_is_the_time_it_says() {
        assert_eq!(super::NOW.to_string(), "2030-01-01T00:30:00Z");
    }
}
