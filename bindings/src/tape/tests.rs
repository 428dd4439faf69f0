//! The tape against a decoder written like `ts/tape.ts`'s, in Rust.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::*;

/// The decoder of `ts/tape.ts`, in Rust: `undefined` as the text "<undefined>", bytes as
/// `{"bytes": [...]}`, a deferred digest as its text (made by the core, as Node's SHA makes it).
fn decode(encoded: &Encoded) -> Value {
    let strings: Vec<u16> = encoded.strings.encode_utf16().collect();
    let mut at = 0;
    let value = read(&encoded.words, &mut at, &strings, &encoded.bytes);
    assert_eq!(at, encoded.words.len(), "trailing words");
    value
}

fn read(words: &[u32], at: &mut usize, strings: &[u16], bytes: &[u8]) -> Value {
    let mut next = || {
        *at += 1;
        words[*at - 1] as usize
    };
    let text = |start: usize, len: usize| String::from_utf16(&strings[start..start + len]).unwrap();
    match next() as u32 {
        UNDEFINED => json!("<undefined>"),
        FALSE => json!(false),
        TRUE => json!(true),
        UINT => json!(next()),
        NUMBER => {
            let (lo, hi) = (next() as u64, next() as u64);
            json!(f64::from_bits(hi << 32 | lo))
        }
        STRING => {
            let (start, len) = (next(), next());
            json!(text(start, len))
        }
        BYTES => {
            let (start, len) = (next(), next());
            json!({ "bytes": bytes[start..start + len] })
        }
        DIGEST => {
            use certkit::output_digest::{Digested, OutputDigest};
            let kind = match next() as u32 {
                DIGEST_SHA1_HEX => OutputDigest::Sha1Hex,
                DIGEST_SHA256_HEX => OutputDigest::Sha256Hex,
                DIGEST_SHA256_BASE64 => OutputDigest::Sha256Base64,
                other => panic!("unknown digest {other}"),
            };
            let (start, len) = (next(), next());
            serde_json::to_value(Digested(kind, &bytes[start..start + len])).unwrap()
        }
        ARRAY => {
            let n = next();
            Value::Array((0..n).map(|_| read(words, at, strings, bytes)).collect())
        }
        SHAPED => {
            let shape = shape_keys(next() as u32).expect("a known shape");
            let mut object = serde_json::Map::new();
            for expected in shape {
                *at += 1;
                assert_eq!(words[*at - 1], expected, "the shape's key");
                object.insert(
                    key_name(expected).unwrap().to_owned(),
                    read(words, at, strings, bytes),
                );
            }
            Value::Object(object)
        }
        OBJECT => {
            let n = next();
            let mut object = serde_json::Map::new();
            for _ in 0..n {
                *at += 1;
                let key = match words[*at - 1] {
                    DYNAMIC_KEY => {
                        *at += 2;
                        text(words[*at - 2] as usize, words[*at - 1] as usize)
                    }
                    id => key_name(id).unwrap().to_owned(),
                };
                object.insert(key, read(words, at, strings, bytes));
            }
            Value::Object(object)
        }
        other => panic!("unknown word {other}"),
    }
}

#[derive(Serialize)]
struct Sample<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<u8>,
    missing: Option<u8>,
    #[serde(with = "serde_bytes")]
    der: &'a [u8],
    list: Vec<f64>,
    flag: bool,
}

#[test]
fn structs_arrays_numbers_and_bytes_round_trip() {
    let sample = Sample {
        name: "é1",
        skipped: None,
        missing: None,
        der: &[1, 2, 3],
        list: vec![7.0, -1.5, 4_294_967_296.0, 0.25],
        flag: true,
    };
    assert_eq!(
        decode(&encode(&sample).unwrap()).to_string(),
        json!({
            "name": "é1", "missing": "<undefined>", "der": { "bytes": [1, 2, 3] },
            "list": [7, -1.5, 4_294_967_296.0, 0.25], "flag": true,
        })
        .to_string()
    );
    // Field names are ids after the first use; the same name, the same id.
    let first = encode(&sample).unwrap();
    assert_eq!(first, encode(&sample).unwrap());
    // Buffers of an earlier, larger tape are cleared before reuse, not appended to.
    let larger = encode(&vec![sample.name; 300]).unwrap();
    assert_eq!(first, encode_reusing(&sample, larger).unwrap());
    // Buffers over the cap are let go.
    let huge = Encoded {
        bytes: Vec::with_capacity(KEPT_BYTES + 1),
        ..Encoded::default()
    };
    let reused = encode_reusing(&sample, huge).unwrap();
    assert_eq!(first, reused);
    assert!(reused.bytes.capacity() <= KEPT_BYTES);
}

#[test]
fn integers_beyond_2_pow_53_are_refused_not_rounded() {
    let safe = MAX_SAFE_INTEGER;
    assert_eq!(decode(&encode(&safe).unwrap()), json!(safe as f64));
    assert_eq!(
        decode(&encode(&-(safe as i64)).unwrap()),
        json!(-(safe as f64))
    );
    let refused = [
        encode(&(safe + 1)),
        encode(&u64::MAX),
        encode(&(safe as i64 + 1)),
        encode(&-(safe as i64 + 1)),
        encode(&i64::MIN),
        encode(&vec![Some(1u64), Some(u64::MAX)]),
    ];
    for result in refused {
        assert!(
            matches!(result, Err(TapeError(ref refusal)) if matches!(**refusal, Refusal::UnsafeInteger(_))),
            "{result:?}"
        );
    }
    assert_eq!(
        encode(&i64::MIN),
        Err(TapeError(Box::new(Refusal::UnsafeInteger(
            "-9223372036854775808".into()
        ))))
    );
    // Floats are numbers already: they cross as they are.
    assert_eq!(decode(&encode(&1e300).unwrap()), json!(1e300));
}

#[test]
fn map_keys_are_text_and_offsets_count_utf16_units() {
    let map = BTreeMap::from([("a😀".to_string(), "x"), ("b".to_string(), "ÿ")]);
    let buffer = encode(&map).unwrap();
    assert_eq!(decode(&buffer), json!({ "a😀": "x", "b": "ÿ" }));
    // "a😀" is 3 UTF-16 units (the emoji is a surrogate pair), so "x" starts at 3.
    let words = &buffer.words;
    let expected = [
        OBJECT,
        2,
        DYNAMIC_KEY,
        0,
        3,
        STRING,
        3,
        1,
        DYNAMIC_KEY,
        4,
        1,
        STRING,
        5,
        1,
    ];
    assert_eq!(words, &expected);
    assert!(encode(&BTreeMap::from([(vec![1u8], 1)])).is_err());
}

#[test]
fn enums_are_tagged_as_serde_json_tags_them() {
    #[derive(Serialize)]
    #[serde(tag = "type", rename_all = "camelCase")]
    enum Tagged {
        Basic { ca: bool },
    }
    #[derive(Serialize)]
    enum External {
        Pair(u8, u8),
        Unit,
        Wrapped(String),
        Fields { a: u8 },
    }
    let cases = [
        (
            encode(&Tagged::Basic { ca: false }),
            json!({ "type": "basic", "ca": false }),
        ),
        (encode(&External::Pair(1, 2)), json!({ "Pair": [1, 2] })),
        (encode(&External::Unit), json!("Unit")),
        (
            encode(&External::Wrapped("w".into())),
            json!({ "Wrapped": "w" }),
        ),
        (
            encode(&External::Fields { a: 3 }),
            json!({ "Fields": { "a": 3 } }),
        ),
        (encode(&()), json!("<undefined>")),
    ];
    for (buffer, expected) in cases {
        assert_eq!(decode(&buffer.unwrap()), expected);
    }
}

/// A value serialized through `collect_str`, as the model's PEM and hex text is.
struct Written<'a>(&'a str);

impl Serialize for Written<'_> {
    fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

#[test]
fn text_written_in_place_reads_as_the_same_strings() {
    let value = (
        Written("é😀"),
        "after",
        Written(""),
        Written("-----BEGIN X-----\n"),
    );
    let written = encode(&value).unwrap();
    let plain = encode(&("é😀", "after", "", "-----BEGIN X-----\n")).unwrap();
    assert_eq!(written, plain);
    assert_eq!(
        decode(&written),
        json!(["é😀", "after", "", "-----BEGIN X-----\n"])
    );
}

#[test]
fn deferred_digests_read_as_the_digests_and_share_the_der() {
    let pem = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/fixtures/inter.pem"
    ))
    .unwrap();
    let certificate = certkit::x509::parse_certificate(&pem).unwrap();
    let plain = encode(&certificate).unwrap();
    let before = certkit::output_digest::set_deferred(true);
    let deferred = encode(&certificate);
    certkit::output_digest::set_deferred(before);
    let deferred = deferred.unwrap();
    let fingerprint = decode(&plain)["fingerprints"]["sha256"].clone();
    let pin = decode(&plain)["publicKey"]["sha256Pin"].clone();
    for text in [&fingerprint, &pin] {
        let text = text.as_str().unwrap();
        assert!(plain.strings.contains(text) && !deferred.strings.contains(text));
    }
    assert_eq!(decode(&deferred), decode(&plain));
    // The DER digested twice and output once is in the byte table once, as without digests.
    assert_eq!(deferred.bytes.len(), plain.bytes.len());
}

#[test]
fn bytes_output_twice_are_two_views_but_a_digest_shares_them() {
    let run = [7u8; 200];
    let twice = encode(&(serde_bytes::Bytes::new(&run), serde_bytes::Bytes::new(&run))).unwrap();
    assert_eq!(twice.bytes.len(), 400, "each BYTES its own copy");
}

#[test]
fn structs_are_shaped_by_the_fields_they_wrote() {
    #[derive(Serialize)]
    enum Kind {
        Inner { deep: Sample<'static> },
    }
    #[derive(Serialize)]
    struct Outer {
        first: Sample<'static>,
        kind: Kind,
        second: Sample<'static>,
    }
    let value = Outer {
        first: sample_of(None),
        kind: Kind::Inner {
            deep: sample_of(Some(1)),
        },
        second: sample_of(None),
    };
    let encoded = encode(&value).unwrap();
    let decoded = decode(&encoded);
    assert_eq!(decoded["first"], decoded["second"]);
    assert_eq!(decoded["kind"]["Inner"]["deep"]["skipped"], 1);
    assert_eq!(decoded["second"]["name"], "n");
    // The outer struct is SHAPED, its shape the ids of first, kind and second.
    assert_eq!(encoded.words[0], SHAPED);
    let outer = shape_keys(encoded.words[1]).unwrap();
    let names: Vec<_> = outer.iter().map(|id| key_name(*id).unwrap()).collect();
    assert_eq!(names, ["first", "kind", "second"]);
    // The same fields are the same shape; a field more is another one.
    let shape_of = |sample: Sample<'static>| encode(&sample).unwrap().words[1];
    assert_eq!(shape_of(sample_of(None)), shape_of(sample_of(None)));
    assert_ne!(shape_of(sample_of(None)), shape_of(sample_of(Some(2))));
}

fn sample_of(skipped: Option<u8>) -> Sample<'static> {
    Sample {
        name: "n",
        skipped,
        missing: None,
        der: b"\x01",
        list: vec![],
        flag: false,
    }
}

#[test]
fn bytes_compare_as_equal_only_when_equal() {
    let base: Vec<u8> = (0..=255).collect();
    for len in [0, 1, 7, 8, 9, 64, 255] {
        let a = &base[..len];
        assert!(super::same_bytes(a, a));
        for at in 0..len {
            let mut b = a.to_vec();
            b[at] ^= 1;
            assert!(!super::same_bytes(a, &b), "length {len}, byte {at}");
        }
        assert!(!super::same_bytes(a, &base[..len + 1]));
    }
}
