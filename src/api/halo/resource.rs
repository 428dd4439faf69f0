//! The resource-name fields of the requests: `parent` (a principal) and `name` (a certificate).

use super::names::parse_name;
use crate::api::fields::Fields;
use crate::error::{ErrorKind, Problem};

/// `parent`: a principal's resource name (`dataProviders/{id}`, ...), not a certificate's.
pub fn parent(fields: &mut Fields<'_>, problems: &mut Vec<Problem>) -> Option<String> {
    resource_name(fields, "parent", false, problems)
}

/// `name`: a certificate's resource name (`{parent}/certificates/{id}`).
pub fn certificate_name(fields: &mut Fields<'_>, problems: &mut Vec<Problem>) -> Option<String> {
    resource_name(fields, "name", true, problems)
}

/// The field's text when present (the body carries it even when a problem is found: a
/// request with errors is never built); its problems pushed.
fn resource_name(
    fields: &mut Fields<'_>,
    field: &'static str,
    certificate: bool,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let text = fields.required_string(field)?;
    match parse_name(text, field) {
        Ok(name) if name.certificate_id.is_some() == certificate => problems.extend(name.problems),
        Ok(_) => problems.push(Problem::error(
            ErrorKind::InvalidHaloName {
                value: text.chars().take(120).collect(),
            },
            field,
        )),
        Err(error) => problems.push(error.into_problem()),
    }
    Some(text.to_owned())
}
