//! RevokeCertificate: `{ name, revocationState }`, by the revocation rules (`currentState`,
//! when given, is checked against them).

use serde::Serialize;

use super::resource::certificate_name;
use super::revocation::{RevocationState, check_revocation_transition};
use crate::api::fields::Fields;
use crate::error::Problem;

/// RevokeCertificateRequest in proto3 JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RevokeCertificateRequest {
    pub name: String,
    pub revocation_state: RevocationState,
}

pub fn read(
    fields: &mut Fields<'_>,
    problems: &mut Vec<Problem>,
) -> Option<RevokeCertificateRequest> {
    let name = certificate_name(fields, problems);
    let requested = fields.string("revocationState");
    let current = fields.string("currentState");
    problems.extend(check_revocation_transition(current, requested));
    // An unknown or missing state is an error above: no request is built then.
    let revocation_state = requested.and_then(RevocationState::from_name)?;
    name.map(|name| RevokeCertificateRequest {
        name,
        revocation_state,
    })
}
