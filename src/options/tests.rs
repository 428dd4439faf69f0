#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::graph::{Graph, Node};
use super::*;
use crate::encoding::InputData;
use crate::keys::{ExportPrivateKeyOptions, KeySpec, PrivateKeyFormat};
use crate::x509::build::CreateCsrOptions;
use crate::x509::{ChainInput, KeyIdMethod};

fn object(graph: &mut Graph, entries: &[(&str, Node)]) -> usize {
    let children = entries
        .iter()
        .map(|(key, node)| (key.to_string(), graph.add(node.clone())))
        .collect();
    graph.add(Node::Object(children))
}

fn text(value: &str) -> Node {
    Node::Text(value.to_owned())
}

fn refused(result: crate::Result<OptionValue>) -> (String, String, &'static str) {
    let error = result.unwrap_err();
    (
        error.field_text().unwrap_or_default(),
        error.kind.to_string(),
        error.code(),
    )
}

#[test]
fn a_cycle_is_refused_at_its_path() {
    let mut graph = Graph::default();
    let root = object(&mut graph, &[("format", text("pkcs8"))]);
    let inner = graph.add(Node::Object(vec![("back".into(), root)]));
    if let Node::Object(entries) = &mut graph.nodes[root] {
        entries.push(("self".into(), inner));
    }
    let (field, message, code) = refused(read_tree(&mut graph, root, "options"));
    assert_eq!(
        (field.as_str(), code),
        ("options.self.back", "INVALID_OPTIONS")
    );
    assert!(message.contains("cycle"), "{message}");
}

#[test]
fn shared_values_are_not_cycles() {
    let mut graph = Graph::default();
    let shared = graph.add(text("CN=x"));
    let list = graph.add(Node::Array(vec![shared, shared, shared]));
    let root = graph.add(Node::Object(vec![("a".into(), list), ("b".into(), list)]));
    let tree = read_tree(&mut graph, root, "options").unwrap();
    let OptionValue::Object(entries) = &tree else {
        panic!("{tree:?}")
    };
    assert_eq!(entries.len(), 2);
}

#[test]
fn depth_is_capped_without_recursion() {
    let mut graph = Graph::default();
    let leaf = graph.add(Node::Null);
    let within = graph.nest(leaf, MAX_DEPTH);
    assert!(read_tree(&mut graph, within, "options").is_ok());
    let deep = graph.nest(leaf, 100_000);
    let (field, message, code) = refused(read_tree(&mut graph, deep, "options"));
    assert_eq!(code, "INVALID_OPTIONS");
    assert_eq!(field, format!("options{}", "[0]".repeat(MAX_DEPTH)));
    assert!(message.contains("64 levels"), "{message}");
}

#[test]
fn getters_that_throw_and_odd_values_are_named() {
    let mut graph = Graph::default();
    let root = object(
        &mut graph,
        &[
            ("format", text("pkcs8")),
            ("passphrase", Node::ThrowingGetter),
        ],
    );
    let (field, message, _) = refused(read_tree(&mut graph, root, "options"));
    assert_eq!(field, "options.passphrase");
    assert!(message.contains("threw"));

    let root = object(&mut graph, &[("subject", Node::Unsupported("a function"))]);
    let (field, message, _) = refused(read_tree(&mut graph, root, "options"));
    assert_eq!(field, "options.subject");
    assert!(message.contains("a function"));
}

#[test]
fn sizes_are_budgeted_before_anything_is_copied() {
    let mut graph = Graph::default();
    let big = graph.add(Node::Text("x".repeat(MAX_BYTES + 1)));
    let root = graph.add(Node::Object(vec![("privateKey".into(), big)]));
    let (field, _, code) = refused(read_tree(&mut graph, root, "options"));
    assert_eq!(
        (field.as_str(), code),
        ("options.privateKey", "INPUT_TOO_LARGE")
    );

    // An array claiming four billion items is refused before its first item is read.
    struct Huge;
    impl Source for Huge {
        type Node = ();
        fn kind(&mut self, _: &(), _: usize) -> Kind {
            Kind::Array(u32::MAX as usize)
        }
        fn item(&mut self, _: &(), _: usize) -> Option<()> {
            panic!("no item may be read")
        }
        fn property(&mut self, _: &(), _: &str) -> Option<()> {
            None
        }
        fn same(&mut self, _: &(), _: &()) -> bool {
            false
        }
    }
    let (field, _, code) = refused(read_tree(&mut Huge, (), "chain"));
    assert_eq!((field.as_str(), code), ("chain", "INVALID_OPTIONS"));
}

#[test]
fn absent_properties_are_left_out_and_absent_items_are_null() {
    let mut graph = Graph::default();
    let absent = graph.add(Node::Absent);
    let one = graph.add(Node::Number(1.0));
    let list = graph.add(Node::Array(vec![absent, one, absent]));
    let root = graph.add(Node::Object(vec![("a".into(), absent), ("b".into(), list)]));
    let tree = read_tree(&mut graph, root, "").unwrap();
    assert_eq!(tree.to_json().to_string(), r#"{"b":[null,1,null]}"#);
}

#[test]
fn decodes_the_real_option_types() {
    let mut graph = Graph::default();
    let root = object(
        &mut graph,
        &[
            ("format", text("pkcs8")),
            ("passphrase", text("hunter2")),
            ("iterations", Node::Number(1000.0)),
        ],
    );
    let options: ExportPrivateKeyOptions = read(&mut graph, root, "options").unwrap();
    assert_eq!(options.format, PrivateKeyFormat::Pkcs8);
    assert_eq!(options.iterations, Some(1000));

    let root = object(
        &mut graph,
        &[
            ("algorithm", text("RSA")),
            ("modulusLength", Node::Number(3072.0)),
        ],
    );
    let spec: KeySpec = read(&mut graph, root, "options").unwrap();
    assert_eq!(
        spec,
        KeySpec::Rsa {
            modulus_length: 3072
        }
    );

    let key = graph.add(Node::Bytes(vec![0x30, 0x00]));
    let pem = graph.add(text("-----BEGIN CERTIFICATE-----"));
    let list = graph.add(Node::Array(vec![key, pem]));
    let chain: ChainInput = read(&mut graph, list, "chain").unwrap();
    let ChainInput::Many(items) = chain else {
        panic!("not a list")
    };
    assert_eq!(items[0].as_bytes(), [0x30, 0x00]);
    assert!(matches!(items[1], InputData::Text(_)));

    let method = graph.add(text("rfc7093-sha256"));
    let method: KeyIdMethod = read(&mut graph, method, "method").unwrap();
    assert_eq!(method, KeyIdMethod::Rfc7093Sha256);

    let sans = graph.add(Node::Array(vec![pem]));
    let root = object(
        &mut graph,
        &[("privateKey", text("k")), ("subject", text("CN=x"))],
    );
    if let Node::Object(entries) = &mut graph.nodes[root] {
        entries.push(("subjectAltNames".into(), sans));
    }
    let csr: CreateCsrOptions = read(&mut graph, root, "options").unwrap();
    assert_eq!(csr.subject_alt_names.len(), 1);
}

#[test]
fn decode_errors_name_the_field_and_never_quote_the_value() {
    let mut graph = Graph::default();
    type Case<'a> = (Vec<(&'a str, Node)>, &'a str, &'a str);
    let cases: Vec<Case> = vec![
        (
            vec![("format", text("pkcs8")), ("formt", text("der"))],
            "options.formt",
            "`formt` is not an option",
        ),
        (
            vec![
                ("format", text("pkcs8")),
                ("iterations", text("SECRET-VALUE")),
            ],
            "options.iterations",
            "expected a whole number of at least 0, got a string",
        ),
        (
            vec![(
                "format",
                text("SECRET-FORMAT-VALUE-THAT-IS-LONGER-THAN-FORTY-CHARACTERS"),
            )],
            "options.format",
            "is not one of",
        ),
        (
            vec![("passphrase", text("x"))],
            "options",
            "`format` is required",
        ),
        (
            vec![("format", Node::Number(3.0))],
            "options.format",
            "expected one of the accepted names, got the number 3",
        ),
        (
            vec![("format", text("pkcs8")), ("iterations", Node::Number(1.5))],
            "options.iterations",
            "expected a whole number of at least 0, got a number with a fractional part",
        ),
        (
            vec![
                ("format", text("pkcs8")),
                ("iterations", Node::Number(f64::NAN)),
            ],
            "options.iterations",
            "got NaN",
        ),
        (
            vec![
                ("format", text("pkcs8")),
                ("iterations", Node::Number(1e300)),
            ],
            "options.iterations",
            "got a number beyond ±2^53",
        ),
        (
            vec![("format", Node::Number(-7.0))],
            "options.format",
            "got the number -7",
        ),
    ];
    for (entries, field, message) in cases {
        let root = object(&mut graph, &entries);
        let error = read::<_, ExportPrivateKeyOptions>(&mut graph, root, "options").unwrap_err();
        assert_eq!(error.code(), "INVALID_OPTIONS");
        assert_eq!(error.field_text().as_deref(), Some(field), "{error:?}");
        let text = error.kind.to_string();
        assert!(text.contains(message), "{text}");
        assert!(
            !text.contains("SECRET-VALUE") && !text.contains("CHARACTERS"),
            "{text}"
        );
    }

    let root = object(
        &mut graph,
        &[("privateKey", Node::Number(1.0)), ("subject", text("CN=x"))],
    );
    let error = read::<_, CreateCsrOptions>(&mut graph, root, "options").unwrap_err();
    assert_eq!(error.field_text().as_deref(), Some("options.privateKey"));
    assert!(
        error.kind.to_string().contains("a string or a Uint8Array"),
        "{error}"
    );

    let root = object(
        &mut graph,
        &[
            ("algorithm", text("RSA")),
            ("modulusLength", Node::Number(2048.5)),
        ],
    );
    let error = read::<_, KeySpec>(&mut graph, root, "options").unwrap_err();
    assert_eq!(error.code(), "INVALID_OPTIONS");
    assert!(!error.kind.to_string().contains("u32"), "{error}");
}

#[test]
fn generated_graphs_never_panic() {
    // The fuzz target's graphs (fuzz/entry: `options`), from a few thousand byte strings.
    for seed in 0u32..2000 {
        let data: Vec<u8> = (0..64u32)
            .map(|i| (seed.wrapping_mul(2_654_435_761).rotate_left(i) >> 24) as u8)
            .collect();
        let (mut graph, root) = Graph::from_bytes(&data);
        if let Ok(tree) = read_tree(&mut graph, root, "options") {
            let _ = decode::<CreateCsrOptions>(&tree, "options");
            let _ = decode::<ChainInput>(&tree, "chain");
            let _ = tree.to_json();
        }
    }
}

#[test]
fn times_are_read_once_and_a_bad_one_is_invalid_time_at_its_field() {
    use crate::x509::VerifyChainOptions;
    let with_now =
        |now: &str| OptionValue::Object(vec![("now".into(), OptionValue::Text(now.into()))]);
    let options: VerifyChainOptions =
        decode(&with_now("2026-01-31T13:00:00+01:00"), "options").unwrap();
    assert_eq!(
        options.now.map(|t| t.to_string()).as_deref(),
        Some("2026-01-31T12:00:00Z")
    );
    let error = decode::<VerifyChainOptions>(&with_now("yesterday"), "options").unwrap_err();
    assert_eq!(error.code(), "INVALID_TIME");
    assert_eq!(error.field_text().as_deref(), Some("now"));
    let number = OptionValue::Object(vec![("now".into(), OptionValue::Number(5.0))]);
    let error = decode::<VerifyChainOptions>(&number, "options").unwrap_err();
    assert_eq!(error.code(), "INVALID_OPTIONS");
}
