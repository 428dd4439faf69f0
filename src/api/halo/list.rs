//! ListCertificates: `{ parent, pageSize?, filter?, pageToken? }`, with the page size the server
//! would use, and a page token checked against the request that returned it (`previous`).

use serde::Serialize;
use serde_json::Value;

use super::key_id_input::key_identifier_bytes;
use super::resource::parent;
use crate::api::fields::Fields;
use crate::encoding::base64_encode;
use crate::error::{ErrorKind, Problem};

const DEFAULT_PAGE_SIZE: i64 = 50;
const MAX_PAGE_SIZE: i64 = 1000;

/// ListCertificatesRequest in proto3 JSON (fields in the order the body always had).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListCertificatesRequest {
    pub parent: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<Filter>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_token: Option<String>,
}

/// ListCertificatesRequest.Filter: SKIs as standard base64 (proto3 JSON bytes), ORed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Filter {
    pub subject_key_identifiers: Vec<String>,
}

pub fn read(
    fields: &mut Fields<'_>,
    problems: &mut Vec<Problem>,
) -> Option<ListCertificatesRequest> {
    let parent = parent(fields, problems);
    let page_size = page_size(fields, problems);
    let filter = filter(fields.value("filter"), "filter", problems);
    let token = fields.string("pageToken");
    if let Some(token) = token
        && (token.is_empty()
            || !token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
    {
        problems.push(Problem::error(ErrorKind::InvalidPageToken, "pageToken"));
    }
    match (token, fields.value("previous")) {
        (Some(_), Some(previous)) => {
            let same_parent = previous.get("parent").and_then(Value::as_str) == parent.as_deref();
            let previous_filter = filter_of(previous.get("filter"), "previous.filter");
            if !same_parent || previous_filter != filter {
                problems.push(Problem::error(ErrorKind::PageTokenMismatch, "pageToken"));
            }
        }
        (Some(_), None) => problems.push(Problem::info(ErrorKind::PageTokenUnchecked, "pageToken")),
        _ => {}
    }
    Some(ListCertificatesRequest {
        parent: parent?,
        page_size,
        filter,
        page_token: token.map(str::to_owned),
    })
}

/// `pageSize` as sent: absent or 0 leaves the server's default, above the maximum it is coerced.
fn page_size(fields: &mut Fields<'_>, problems: &mut Vec<Problem>) -> Option<i64> {
    let default = || {
        let kind = ErrorKind::DefaultPageSize {
            size: DEFAULT_PAGE_SIZE,
        };
        Problem::info(kind, "pageSize")
    };
    let Some(value) = fields.value("pageSize") else {
        problems.push(default());
        return None;
    };
    match value.as_i64() {
        Some(size) if size < 0 => {
            problems.push(Problem::error(ErrorKind::NegativePageSize, "pageSize"));
            None
        }
        Some(0) => {
            problems.push(default());
            None
        }
        Some(size) if size > MAX_PAGE_SIZE => {
            let kind = ErrorKind::PageSizeCoerced {
                size,
                max: MAX_PAGE_SIZE,
            };
            problems.push(Problem::warning(kind, "pageSize"));
            Some(MAX_PAGE_SIZE)
        }
        Some(size) => Some(size),
        None => {
            fields.wrong_type("pageSize", "a whole number");
            None
        }
    }
}

/// The filter of a request given before (`previous.filter`), its problems not reported.
fn filter_of(value: Option<&Value>, field: &str) -> Option<Filter> {
    filter(value, field, &mut Vec::new())
}

/// The filter, or `None` when it filters nothing.
fn filter(value: Option<&Value>, field: &str, problems: &mut Vec<Problem>) -> Option<Filter> {
    let value = value.filter(|v| !v.is_null())?;
    let mut filter = Fields::new(value, field);
    let items = filter.value("subjectKeyIdentifiers");
    problems.extend(filter.finish(true));
    let items = match items {
        Some(Value::Array(items)) => items,
        Some(_) => {
            problems.push(Problem::error(
                ErrorKind::InvalidFieldType {
                    expected: "an array",
                },
                format!("{field}.subjectKeyIdentifiers"),
            ));
            return None;
        }
        None => return None,
    };
    let mut encoded = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match key_identifier_bytes(item) {
            Some(bytes) => encoded.push(base64_encode(&bytes)),
            None => problems.push(Problem::error(
                ErrorKind::InvalidKeyIdentifier,
                format!("{field}.subjectKeyIdentifiers[{i}]"),
            )),
        }
    }
    (!encoded.is_empty()).then_some(Filter {
        subject_key_identifiers: encoded,
    })
}
