#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: panics are failures

//! Hostile input against every parser of the core: each call must return (an error or a value)
//! without panicking, whatever the bytes.

use certkit::der::{self, TAG_INTEGER, TAG_SEQUENCE, Tlv};
use certkit::encoding::{self, InputData};
use certkit::x509::{self, ChainInput, VerifyChainOptions};
use certkit::{inspect, keys};

const SAMPLE_CHAIN: &str = include_str!("../www/src/samples/sample-chain.pem");

/// Every entry point that takes untrusted bytes.
fn parse_everything(input: &[u8]) {
    let _ = x509::parse_certificate(input);
    let _ = x509::parse_certificates(input);
    let _ = x509::parse_csr(input);
    let _ = inspect::inspect(input);
    let _ = keys::public_key_spki(input);
    let _ = keys::parse_private_key(input, Some(b"passphrase"));
    let _ = x509::identify_key_id_method(input);
    let chain = ChainInput::One(InputData::Bytes(input.to_vec()));
    let options = VerifyChainOptions {
        now: Some(certkit::time::parse_rfc3339("2030-01-01T00:00:00Z").unwrap()),
        ..Default::default()
    };
    let _ = x509::verify_chain_input(&chain, &options);
}

fn leaf_der() -> Vec<u8> {
    let (_, blocks) = encoding::decode_blocks(SAMPLE_CHAIN.as_bytes()).unwrap();
    blocks[0].der.to_vec()
}

/// A small deterministic generator, so failures reproduce.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

#[test]
fn truncated_der_at_every_length() {
    let der = leaf_der();
    for len in 0..der.len() {
        let cut = &der[..len];
        assert!(x509::parse_certificate(cut).is_err(), "length {len} parsed");
        parse_everything(cut);
    }
    assert!(x509::parse_certificate(&der).is_ok());
}

#[test]
fn every_single_byte_flip_of_a_real_certificate() {
    let der = leaf_der();
    for i in 0..der.len() {
        let mut flipped = der.clone();
        flipped[i] ^= 0xff;
        parse_everything(&flipped);
    }
}

#[test]
fn garbage_inside_pem_armor() {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for n in [0, 1, 3, 4, 64, 1000] {
        let body: String = rng
            .bytes(n)
            .iter()
            .map(|b| char::from(b'!' + b % 90))
            .collect();
        let pem = format!("-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n");
        assert!(x509::parse_certificate(pem.as_bytes()).is_err());
        parse_everything(pem.as_bytes());
    }
    let valid_base64_of_junk = encoding::pem_encode("CERTIFICATE", &rng.bytes(500));
    assert!(x509::parse_certificate(valid_base64_of_junk.as_bytes()).is_err());
    for bad in [
        "-----BEGIN CERTIFICATE",
        "-----BEGIN -----\n-----END -----",
        "-----BEGIN X-----\n\u{0}\u{ff}\n-----END Y-----",
    ] {
        assert!(x509::parse_certificate(bad.as_bytes()).is_err());
    }
}

#[test]
fn random_bytes_up_to_ten_megabytes() {
    let mut rng = XorShift(42);
    for n in [1, 2, 16, 1024, 65_536, 10 * 1024 * 1024] {
        let mut bytes = rng.bytes(n);
        parse_everything(&bytes);
        bytes[0] = 0x30; // looks like a SEQUENCE
        parse_everything(&bytes);
    }
}

#[test]
fn input_over_the_cap_is_refused_up_front() {
    let big = vec![b'A'; encoding::MAX_INPUT_BYTES + 1];
    assert_eq!(
        x509::parse_certificate(&big).unwrap_err().code(),
        "INPUT_TOO_LARGE"
    );
}

/// `depth` SEQUENCEs, each holding the next, built without quadratic copying.
fn nested_sequences(depth: usize) -> Vec<u8> {
    let mut content_lens = vec![0usize];
    for _ in 0..depth {
        let inner = *content_lens.last().unwrap();
        content_lens.push(header_len(inner) + inner);
    }
    let mut out = Vec::with_capacity(content_lens[depth]);
    for level in (0..depth).rev() {
        let len = content_lens[level];
        out.extend_from_slice(&der::encode(TAG_SEQUENCE, &[])[..1]);
        out.extend(length_bytes(len));
    }
    out
}

fn header_len(len: usize) -> usize {
    1 + length_bytes(len).len()
}

fn length_bytes(len: usize) -> Vec<u8> {
    let encoded = der::encode(TAG_SEQUENCE, &vec![0; len]);
    encoded[1..encoded.len() - len].to_vec()
}

#[test]
fn a_hundred_thousand_nested_sequences() {
    let nested = nested_sequences(100_000);
    assert!(
        Tlv::read_exact(&nested).is_ok(),
        "the structure is well formed"
    );
    parse_everything(&nested);
    let indefinite: Vec<u8> = std::iter::repeat_n([0x30, 0x80], 100_000)
        .flatten()
        .collect();
    parse_everything(&indefinite);
}

#[test]
fn a_hundred_kilobyte_integer_as_serial_number() {
    let der = leaf_der();
    let cert = Tlv::read_exact(&der).unwrap();
    let mut parts = cert.children();
    let tbs = parts.next().unwrap().unwrap();
    let rest: Vec<u8> = parts
        .map(|p| p.unwrap().raw.to_vec())
        .collect::<Vec<_>>()
        .concat();
    let mut fields: Vec<Vec<u8>> = tbs.children().map(|f| f.unwrap().raw.to_vec()).collect();
    let mut huge = vec![0x7f];
    huge.extend(vec![0xab; 100 * 1024]);
    fields[1] = der::encode(TAG_INTEGER, &huge);
    let tbs = der::encode(TAG_SEQUENCE, &fields.concat());
    let forged = der::encode(TAG_SEQUENCE, &[tbs, rest].concat());
    let cert = x509::parse_certificate(&forged).expect("a huge serial still parses");
    assert_eq!(cert.serial_number.len(), 2 * (100 * 1024 + 1));
    assert!(
        cert.problems
            .iter()
            .any(|p| p.code() == "SERIAL_NUMBER_TOO_LONG")
    );
    parse_everything(&forged);
}

#[test]
fn pem_with_wrong_labels_and_non_utf8_text() {
    let der = leaf_der();
    let wrong = encoding::pem_encode("PRIVATE KEY", &der);
    assert_eq!(
        x509::parse_certificate(wrong.as_bytes())
            .unwrap_err()
            .code(),
        "NOT_A_CERTIFICATE"
    );
    let mut latin1 = b"caf\xe9 \xff\xfe notes\n".to_vec();
    latin1.extend(encoding::pem_encode("CERTIFICATE", &der).as_bytes());
    latin1.extend(b"\xc3\x28 trailing");
    assert!(x509::parse_certificate(&latin1).is_ok());
    parse_everything(&latin1);
}
