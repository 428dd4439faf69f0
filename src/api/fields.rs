//! Reading a JSON request object field by field for the `check*` functions: every wrong type,
//! missing field and unknown field becomes a problem with its JSON path, never a failure.

use serde_json::{Map, Value};

use crate::error::{ErrorKind, Problem};

/// A request or response given either as a JSON value or as JSON text (as users paste it).
pub fn json_input(value: &Value) -> Result<std::borrow::Cow<'_, Value>, Problem> {
    match value {
        Value::String(text) if text.trim_start().starts_with(['{', '[']) => {
            serde_json::from_str(text)
                .map(std::borrow::Cow::Owned)
                // A syntax error message names a position, never the text around it.
                .map_err(|e| {
                    Problem::error(
                        ErrorKind::InvalidJson {
                            reason: e.to_string(),
                        },
                        "$",
                    )
                })
        }
        other => Ok(std::borrow::Cow::Borrowed(other)),
    }
}

/// The fields of one JSON object, and the problems found reading them.
pub struct Fields<'a> {
    object: Option<&'a Map<String, Value>>,
    prefix: String,
    read: Vec<&'static str>,
    pub problems: Vec<Problem>,
}

impl<'a> Fields<'a> {
    /// Starts reading `value`, which must be an object; `prefix` is its JSON path (`""` at the root).
    pub fn new(value: &'a Value, prefix: &str) -> Self {
        let mut problems = Vec::new();
        let object = value.as_object();
        if object.is_none() {
            let field = if prefix.is_empty() {
                "$".to_owned()
            } else {
                prefix.to_owned()
            };
            problems.push(Problem::error(
                ErrorKind::InvalidFieldType {
                    expected: "an object",
                },
                field,
            ));
        }
        Self {
            object,
            prefix: prefix.to_owned(),
            read: Vec::new(),
            problems,
        }
    }

    /// The JSON path of a field of this object.
    pub fn path(&self, name: &str) -> String {
        if self.prefix.is_empty() {
            name.to_owned()
        } else {
            format!("{}.{name}", self.prefix)
        }
    }

    /// A field's raw value; `null` counts as absent.
    pub fn value(&mut self, name: &'static str) -> Option<&'a Value> {
        self.read.push(name);
        self.object?.get(name).filter(|v| !v.is_null())
    }

    pub fn string(&mut self, name: &'static str) -> Option<&'a str> {
        let value = self.value(name)?;
        let text = value.as_str();
        if text.is_none() {
            self.wrong_type(name, "a string");
        }
        text
    }

    pub fn boolean(&mut self, name: &'static str) -> Option<bool> {
        let value = self.value(name)?;
        let flag = value.as_bool();
        if flag.is_none() {
            self.wrong_type(name, "true or false");
        }
        flag
    }

    /// A required string: reports it missing.
    pub fn required_string(&mut self, name: &'static str) -> Option<&'a str> {
        let present = self
            .object
            .is_some_and(|o| o.get(name).is_some_and(|v| !v.is_null()));
        if !present && self.object.is_some() {
            self.problems.push(Problem::error(
                ErrorKind::MissingField {
                    name: name.to_owned(),
                },
                self.path(name),
            ));
        }
        self.string(name)
    }

    pub fn wrong_type(&mut self, name: &str, expected: &'static str) {
        self.problems.push(Problem::error(
            ErrorKind::InvalidFieldType { expected },
            self.path(name),
        ));
    }

    /// Reports every field that was not read, and returns the problems.
    pub fn finish(mut self, severity_error: bool) -> Vec<Problem> {
        if let Some(object) = self.object {
            for key in object.keys().filter(|k| !self.read.contains(&k.as_str())) {
                let kind = ErrorKind::UnknownField {
                    name: key.chars().take(64).collect(),
                };
                let problem = if severity_error {
                    Problem::error(kind, self.path(key))
                } else {
                    Problem::info(kind, self.path(key))
                };
                self.problems.push(problem);
            }
        }
        self.problems
    }
}
