//! Where in the input a problem is: a JSON path kept as segments (`certificate`, `x509Der`;
//! `pemCertificateChain`, `[1]`), so that a report reused under another name is rebased, never
//! rewritten as text.

use std::fmt;

use serde::{Serialize, Serializer};

/// A JSON path such as `certificate.x509Der` or `pemCertificateChain[1]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldPath(Vec<Segment>);

/// One step of a [`FieldPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

impl FieldPath {
    /// Reads the text form (`a.b[3].c`). Text that is not a path stays one key, as written.
    pub fn parse(text: &str) -> Self {
        Self::try_parse(text).unwrap_or_else(|| Self(vec![Segment::Key(text.to_owned())]))
    }

    fn try_parse(text: &str) -> Option<Self> {
        let mut segments = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('[') {
                let (digits, tail) = after.split_once(']')?;
                segments.push(Segment::Index(digits.parse().ok()?));
                rest = tail;
            } else {
                let rest_key = if segments.is_empty() {
                    rest
                } else {
                    rest.strip_prefix('.')?
                };
                let end = rest_key.find(['.', '[']).unwrap_or(rest_key.len());
                let (key, tail) = rest_key.split_at(end);
                if key.is_empty() {
                    return None;
                }
                segments.push(Segment::Key(key.to_owned()));
                rest = tail;
            }
        }
        Some(Self(segments))
    }

    /// This path with `index` appended: `chain` → `chain[3]`.
    pub fn index(mut self, index: usize) -> Self {
        self.0.push(Segment::Index(index));
        self
    }

    /// This path with `key` appended: `certificate` → `certificate.x509Der`.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.0.push(Segment::Key(key.into()));
        self
    }

    /// `parent` followed by this path: `x509Der` within `certificate`.
    pub fn within(self, parent: &FieldPath) -> Self {
        let mut segments = parent.0.clone();
        segments.extend(self.0);
        Self(segments)
    }

    /// Whether this path begins with `prefix` (segment by segment).
    pub fn starts_with(&self, prefix: &FieldPath) -> bool {
        self.0.starts_with(&prefix.0)
    }

    /// The same place under another name: the `from` prefix replaced by `to`, as when a chain
    /// report about `chain[1]` is given back as `pemCertificateChain[1]`. Unchanged when the
    /// path does not begin with `from`.
    pub fn rebase(self, from: &FieldPath, to: &FieldPath) -> Self {
        if !self.starts_with(from) {
            return self;
        }
        let mut segments = to.0.clone();
        segments.extend(self.0.into_iter().skip(from.0.len()));
        Self(segments)
    }

    pub fn segments(&self) -> &[Segment] {
        &self.0
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (position, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if position == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

impl Serialize for FieldPath {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl From<&str> for FieldPath {
    fn from(text: &str) -> Self {
        Self::parse(text)
    }
}

impl From<String> for FieldPath {
    fn from(text: String) -> Self {
        Self::parse(&text)
    }
}

impl From<&String> for FieldPath {
    fn from(text: &String) -> Self {
        Self::parse(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips() {
        for text in [
            "certDuration",
            "certificate.x509Der",
            "pemCertificateChain[1]",
            "[2]",
            "a[0].b[10].c",
        ] {
            assert_eq!(FieldPath::parse(text).to_string(), text);
        }
        assert_eq!(FieldPath::parse("not a [path").to_string(), "not a [path");
        assert_eq!(FieldPath::parse("not a [path").segments().len(), 1);
    }

    #[test]
    fn rebase_replaces_a_prefix_only() {
        let chain = FieldPath::from("chain");
        let renamed = FieldPath::from("pemCertificateChain");
        let at = FieldPath::from("chain").index(3).key("x");
        assert_eq!(
            at.rebase(&chain, &renamed).to_string(),
            "pemCertificateChain[3].x"
        );
        let anchor = FieldPath::from("trustAnchors").index(0);
        assert_eq!(
            FieldPath::from("trustAnchors[0]")
                .rebase(&anchor, &"caCert".into())
                .to_string(),
            "caCert"
        );
        assert_eq!(
            FieldPath::from("chainX[1]")
                .rebase(&chain, &renamed)
                .to_string(),
            "chainX[1]"
        );
    }

    #[test]
    fn within_prefixes() {
        let path = FieldPath::from("[1]").within(&"pemCertificateChain".into());
        assert_eq!(path.to_string(), "pemCertificateChain[1]");
        assert_eq!(
            FieldPath::from("x509Der")
                .within(&"certificate".into())
                .to_string(),
            "certificate.x509Der"
        );
    }
}
