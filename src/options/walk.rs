//! Copies a caller's value into an [`OptionValue`] tree with an explicit stack: no recursion on
//! caller-shaped data, a depth cap, cycle detection, and budgets for the number of values and
//! the bytes copied. Every refusal names the path of the value it is about.

use super::OptionValue;
use crate::error::{Error, ErrorKind, Result};

/// Deepest nesting accepted; no option or request of certkit is deeper than a handful.
pub const MAX_DEPTH: usize = 64;
/// Most values (each property, item and leaf) in one object.
pub const MAX_VALUES: usize = 1 << 20;
/// Most bytes of text and binary data copied out of one object.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;

/// What one value of the caller is. The host reads it without throwing: whatever the caller's
/// getters or proxy traps do becomes `Threw`.
#[derive(Debug, PartialEq)]
pub enum Kind {
    /// `undefined`: a property left out; `null` inside an array.
    Absent,
    Null,
    Bool(bool),
    Number(f64),
    BigInt(String),
    Text(String),
    Bytes(Vec<u8>),
    /// An array of this length (holes read as absent).
    Array(usize),
    /// An object with these own enumerable string keys, in order.
    Object(Vec<String>),
    /// A text or byte value of this many bytes, more than the budget left: not copied.
    TooLarge(usize),
    /// A value no option can hold, described for the user ("a function", "an Int16Array").
    Unsupported(&'static str),
    /// Reading it threw (a getter, a proxy trap, a revoked proxy).
    Threw,
}

/// A host's values (JavaScript in the wasm build, a synthetic graph in the fuzz target).
pub trait Source {
    type Node;
    /// What `node` is; text and bytes longer than `budget` bytes are `TooLarge`, not copied.
    fn kind(&mut self, node: &Self::Node, budget: usize) -> Kind;
    /// Item `index` of an array; `None` when reading it threw.
    fn item(&mut self, array: &Self::Node, index: usize) -> Option<Self::Node>;
    /// Property `key` of an object; `None` when reading it threw.
    fn property(&mut self, object: &Self::Node, key: &str) -> Option<Self::Node>;
    /// Whether two nodes are the same object (identity, not equality).
    fn same(&mut self, a: &Self::Node, b: &Self::Node) -> bool;
}

/// Reads `root` into a tree. `field` is its path for messages (`options`, or `""` for a request
/// body, whose own fields then read `parent`, `certificate.x509Der`).
pub fn read_tree<S: Source>(source: &mut S, root: S::Node, field: &str) -> Result<OptionValue> {
    Walker {
        source,
        path: field.to_owned(),
        values: 0,
        bytes_left: MAX_BYTES,
    }
    .run(root)
}

struct Frame<N> {
    node: N,
    /// Length of `path` before this container's children add their segment.
    path_len: usize,
    next: usize,
    body: Body,
}

enum Body {
    Array {
        len: usize,
        items: Vec<OptionValue>,
    },
    Object {
        keys: Vec<String>,
        entries: Vec<(String, OptionValue)>,
    },
}

struct Walker<'s, S: Source> {
    source: &'s mut S,
    path: String,
    values: usize,
    bytes_left: usize,
}

impl<S: Source> Walker<'_, S> {
    fn run(mut self, root: S::Node) -> Result<OptionValue> {
        let mut stack: Vec<Frame<S::Node>> = Vec::new();
        let mut current = root;
        loop {
            // Visit `current`: a leaf gives a value, a container opens a frame.
            let mut value = match self.visit(&current, &stack)? {
                Visit::Leaf(value) => Some(value),
                Visit::Absent => None,
                Visit::Open(body) => {
                    let path_len = self.path.len();
                    stack.push(Frame {
                        node: current,
                        path_len,
                        next: 0,
                        body,
                    });
                    None
                }
            };
            // Hand finished values up, closing frames, until a child is left to visit.
            loop {
                let Some(top) = stack.last_mut() else {
                    return Ok(value.unwrap_or(OptionValue::Null));
                };
                self.path.truncate(top.path_len);
                if let Some(done) = value.take() {
                    match &mut top.body {
                        Body::Array { items, .. } => items.push(done),
                        Body::Object { keys, entries } => {
                            let key = keys.get(top.next - 1).cloned().unwrap_or_default();
                            entries.push((key, done));
                        }
                    }
                } else if let Body::Array { items, .. } = &mut top.body
                    && top.next > items.len()
                {
                    items.push(OptionValue::Null); // an absent item is null, as in JSON
                }
                let index = top.next;
                let child = match &top.body {
                    Body::Array { len, .. } if index < *len => {
                        push_index(&mut self.path, index);
                        Some(self.source.item(&top.node, index))
                    }
                    Body::Object { keys, .. } if index < keys.len() => {
                        let key = keys.get(index).map(String::as_str).unwrap_or_default();
                        push_key(&mut self.path, key);
                        Some(self.source.property(&top.node, key))
                    }
                    _ => None,
                };
                match child {
                    Some(Some(node)) => {
                        top.next += 1;
                        current = node;
                        break;
                    }
                    Some(None) => return Err(self.refuse("reading this value threw an exception")),
                    None => {
                        let Some(frame) = stack.pop() else {
                            return Ok(OptionValue::Null);
                        };
                        self.path.truncate(frame.path_len);
                        value = Some(match frame.body {
                            Body::Array { items, .. } => OptionValue::Array(items),
                            Body::Object { entries, .. } => OptionValue::Object(entries),
                        });
                    }
                }
            }
        }
    }

    fn visit(&mut self, node: &S::Node, stack: &[Frame<S::Node>]) -> Result<Visit> {
        self.count(1)?;
        let kind = self.source.kind(node, self.bytes_left);
        Ok(Visit::Leaf(match kind {
            Kind::Absent => return Ok(Visit::Absent),
            Kind::Null => OptionValue::Null,
            Kind::Bool(b) => OptionValue::Bool(b),
            Kind::Number(n) => OptionValue::Number(n),
            Kind::BigInt(text) => OptionValue::BigInt(text),
            Kind::Text(text) => {
                self.spend(text.len())?;
                OptionValue::Text(text)
            }
            Kind::Bytes(bytes) => {
                self.spend(bytes.len())?;
                OptionValue::Bytes(bytes)
            }
            Kind::TooLarge(size) => return Err(self.too_large(size)),
            Kind::Unsupported(what) => {
                return Err(self.refuse(&format!("{what} is not a value certkit can read here")));
            }
            Kind::Threw => return Err(self.refuse("reading this value threw an exception")),
            Kind::Array(len) => {
                self.open(node, stack, len)?;
                return Ok(Visit::Open(Body::Array {
                    len,
                    items: Vec::with_capacity(len.min(1024)),
                }));
            }
            Kind::Object(keys) => {
                self.open(node, stack, keys.len())?;
                return Ok(Visit::Open(Body::Object {
                    entries: Vec::with_capacity(keys.len()),
                    keys,
                }));
            }
        }))
    }

    /// Checks that a container may be entered: depth, cycles, and its size in the budget.
    fn open(&mut self, node: &S::Node, stack: &[Frame<S::Node>], children: usize) -> Result<()> {
        if stack.len() >= MAX_DEPTH {
            return Err(self.refuse(&format!("it is nested more than {MAX_DEPTH} levels deep")));
        }
        if stack
            .iter()
            .any(|frame| self.source.same(&frame.node, node))
        {
            return Err(self.refuse("it contains itself (a cycle)"));
        }
        // Each child is counted again when visited; this stops a huge array before its items.
        if children > MAX_VALUES.saturating_sub(self.values) {
            return Err(self.refuse(&format!(
                "it holds {children} values, more than the {MAX_VALUES} allowed"
            )));
        }
        Ok(())
    }

    fn count(&mut self, n: usize) -> Result<()> {
        self.values += n;
        if self.values > MAX_VALUES {
            return Err(self.refuse(&format!("more than {MAX_VALUES} values in all")));
        }
        Ok(())
    }

    fn spend(&mut self, size: usize) -> Result<()> {
        match self.bytes_left.checked_sub(size) {
            Some(left) => {
                self.bytes_left = left;
                Ok(())
            }
            None => Err(self.too_large(size)),
        }
    }

    #[cold]
    fn too_large(&self, size: usize) -> Error {
        Error::new(ErrorKind::InputTooLarge {
            size,
            limit: MAX_BYTES,
        })
        .at(self.field())
    }

    #[cold]
    fn refuse(&self, reason: &str) -> Error {
        Error::new(ErrorKind::InvalidOptions {
            reason: reason.to_owned(),
        })
        .at(self.field())
    }

    fn field(&self) -> String {
        if self.path.is_empty() {
            "$".to_owned()
        } else {
            self.path.clone()
        }
    }
}

enum Visit {
    Leaf(OptionValue),
    Absent,
    Open(Body),
}

/// Appends `.key` (or `key` at the root of a request body).
pub(super) fn push_key(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
}

pub(super) fn push_index(path: &mut String, index: usize) {
    path.push('[');
    path.push_str(&index.to_string());
    path.push(']');
}
