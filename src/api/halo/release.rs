//! ReleaseCertificateHold: `{ name }`, allowed only from HOLD (`currentState`, when given).

use serde::Serialize;

use super::resource::certificate_name;
use super::revocation::check_release_hold;
use crate::api::fields::Fields;
use crate::error::{ErrorKind, Problem};

/// ReleaseCertificateHoldRequest in proto3 JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReleaseCertificateHoldRequest {
    pub name: String,
}

pub fn read(
    fields: &mut Fields<'_>,
    problems: &mut Vec<Problem>,
) -> Option<ReleaseCertificateHoldRequest> {
    let name = certificate_name(fields, problems);
    match fields.string("currentState") {
        Some(current) => problems.extend(check_release_hold(Some(current))),
        None => problems.push(Problem::info(
            ErrorKind::CurrentStateUnknown,
            "currentState",
        )),
    }
    name.map(|name| ReleaseCertificateHoldRequest { name })
}
