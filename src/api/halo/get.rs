//! GetCertificate: `{ name }`.

use serde::Serialize;

use super::resource::certificate_name;
use crate::api::fields::Fields;
use crate::error::Problem;

/// GetCertificateRequest in proto3 JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GetCertificateRequest {
    pub name: String,
}

pub fn read(fields: &mut Fields<'_>, problems: &mut Vec<Problem>) -> Option<GetCertificateRequest> {
    certificate_name(fields, problems).map(|name| GetCertificateRequest { name })
}
