//! A synthetic host for [`Source`]: nodes in an arena whose children are indices, so cycles,
//! shared nodes, throwing getters and any depth can be built. The fuzz target `options` builds
//! one from arbitrary bytes; unit tests build them by hand. Not part of the API.

use super::{Kind, Source};

/// One value of the graph.
#[derive(Debug, Clone)]
pub enum Node {
    Absent,
    Null,
    Bool(bool),
    Number(f64),
    BigInt(String),
    Text(String),
    Bytes(Vec<u8>),
    Array(Vec<usize>),
    Object(Vec<(String, usize)>),
    /// A property whose getter throws.
    ThrowingGetter,
    Unsupported(&'static str),
}

/// An arena of nodes; node ids are indices.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    pub nodes: Vec<Node>,
}

impl Graph {
    /// Adds a node and returns its id.
    pub fn add(&mut self, node: Node) -> usize {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    /// `depth` arrays, each holding the next, around `inner`; returns the outermost.
    pub fn nest(&mut self, inner: usize, depth: usize) -> usize {
        (0..depth).fold(inner, |child, _| self.add(Node::Array(vec![child])))
    }

    /// A graph from fuzz bytes: a little program of node-making instructions. Children refer
    /// to node ids modulo the node count, so cycles and shared nodes come naturally.
    pub fn from_bytes(data: &[u8]) -> (Self, usize) {
        let mut graph = Self::default();
        let mut bytes = data.iter().copied();
        let mut next = move || bytes.next();
        let mut pending: Vec<(usize, Vec<u8>)> = Vec::new();
        while let Some(op) = next() {
            let arg = next().unwrap_or(0);
            let node = match op % 13 {
                0 => Node::Null,
                1 => Node::Bool(arg & 1 == 1),
                2 => Node::Number(f64::from(arg) - 100.0),
                3 => Node::Number(f64::from_bits(
                    u64::from(arg).wrapping_mul(0x9e37_79b9_7f4a_7c15),
                )),
                4 => Node::Text(
                    WORDS
                        .get(usize::from(arg) % WORDS.len())
                        .copied()
                        .unwrap_or("")
                        .to_owned(),
                ),
                5 => Node::Text((0..arg).filter_map(|_| next()).map(char::from).collect()),
                6 => Node::Bytes((0..arg).filter_map(|_| next()).collect()),
                7 => Node::BigInt(format!("{}{}", arg, "0".repeat(usize::from(arg % 30)))),
                8 | 9 => {
                    let refs: Vec<u8> = (0..arg % 8).filter_map(|_| next()).collect();
                    let id = graph.add(if op % 13 == 8 {
                        Node::Array(Vec::new())
                    } else {
                        Node::Object(Vec::new())
                    });
                    pending.push((id, refs));
                    continue;
                }
                10 => Node::Absent,
                11 => match arg % 3 {
                    0 => Node::ThrowingGetter,
                    1 => Node::Unsupported("a function"),
                    _ => Node::Unsupported("a symbol"),
                },
                _ => {
                    let inner = graph.nodes.len().saturating_sub(1);
                    graph.nest(inner, usize::from(arg));
                    continue;
                }
            };
            graph.add(node);
        }
        if graph.nodes.is_empty() {
            graph.add(Node::Object(Vec::new()));
        }
        let count = graph.nodes.len();
        for (id, refs) in pending {
            let children: Vec<(String, usize)> = refs
                .iter()
                .enumerate()
                .map(|(i, &r)| {
                    let key = WORDS
                        .get((usize::from(r) + i) % WORDS.len())
                        .copied()
                        .unwrap_or("");
                    (key.to_owned(), usize::from(r) % count)
                })
                .collect();
            if let Some(node) = graph.nodes.get_mut(id) {
                *node = match node {
                    Node::Array(_) => Node::Array(children.into_iter().map(|(_, c)| c).collect()),
                    _ => Node::Object(children),
                };
            }
        }
        let root = graph.nodes.len() - 1;
        (graph, root)
    }
}

/// Option names and values certkit knows, so fuzzed objects often get past the field names.
const WORDS: &[&str] = &[
    "format",
    "passphrase",
    "iterations",
    "algorithm",
    "modulusLength",
    "namedCurve",
    "privateKey",
    "subject",
    "subjectAltNames",
    "keyUsage",
    "extendedKeyUsage",
    "issuer",
    "certificate",
    "csr",
    "publicKey",
    "notBefore",
    "notAfter",
    "now",
    "isCa",
    "pathLength",
    "keyIdMethod",
    "includeSubjectKeyIdentifier",
    "trustAnchors",
    "leafPublicKey",
    "commonName",
    "organization",
    "endpoint",
    "expiringWithinDays",
    "certDuration",
    "RSA",
    "ECDSA",
    "Ed25519",
    "P-256",
    "pkcs8",
    "der",
    "jwk",
    "spki",
    "CN=x",
    "rfc5280-sha1",
    "2030-01-01T00:00:00Z",
    "digitalSignature",
    "serverAuth",
    "example.com",
];

impl Source for Graph {
    type Node = usize;

    fn kind(&mut self, node: &usize, budget: usize) -> Kind {
        let Some(node) = self.nodes.get(*node) else {
            return Kind::Threw;
        };
        match node {
            Node::Absent => Kind::Absent,
            Node::Null => Kind::Null,
            Node::Bool(b) => Kind::Bool(*b),
            Node::Number(n) => Kind::Number(*n),
            Node::BigInt(text) => Kind::BigInt(text.clone()),
            Node::Text(text) if text.len() > budget => Kind::TooLarge(text.len()),
            Node::Text(text) => Kind::Text(text.clone()),
            Node::Bytes(bytes) if bytes.len() > budget => Kind::TooLarge(bytes.len()),
            Node::Bytes(bytes) => Kind::Bytes(bytes.clone()),
            Node::Array(items) => Kind::Array(items.len()),
            Node::Object(entries) => Kind::Object(entries.iter().map(|(k, _)| k.clone()).collect()),
            Node::ThrowingGetter => Kind::Threw,
            Node::Unsupported(what) => Kind::Unsupported(what),
        }
    }

    fn item(&mut self, array: &usize, index: usize) -> Option<usize> {
        match self.nodes.get(*array)? {
            Node::Array(items) => items.get(index).copied(),
            _ => None,
        }
    }

    fn property(&mut self, object: &usize, key: &str) -> Option<usize> {
        match self.nodes.get(*object)? {
            Node::Object(entries) => {
                let (_, child) = entries.iter().find(|(k, _)| k == key)?;
                match self.nodes.get(*child)? {
                    Node::ThrowingGetter => None,
                    _ => Some(*child),
                }
            }
            _ => None,
        }
    }

    fn same(&mut self, a: &usize, b: &usize) -> bool {
        a == b
    }
}
