//! The path of a value in the options tree, as an error names it (`options.issuer.privateKey`).

use std::fmt;

use crate::options::walk::{push_index, push_key};

/// Where a value sits: a linked list on the stack, written out only for an error.
#[derive(Clone, Copy)]
pub enum Path<'a> {
    Root(&'a str),
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// The path written out, with or without the root's own name.
    pub(super) fn render(&self, with_root: bool) -> String {
        let mut segments = Vec::new();
        let mut at = self;
        let root = loop {
            match at {
                Path::Root(root) => break *root,
                Path::Key(parent, _) | Path::Index(parent, _) => {
                    segments.push(at);
                    at = parent;
                }
            }
        };
        let mut out = if with_root {
            root.to_owned()
        } else {
            String::new()
        };
        for segment in segments.iter().rev() {
            match segment {
                Path::Key(_, key) => push_key(&mut out, key),
                Path::Index(_, index) => push_index(&mut out, *index),
                Path::Root(_) => {}
            }
        }
        if out.is_empty() { "$".into() } else { out }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(true))
    }
}
