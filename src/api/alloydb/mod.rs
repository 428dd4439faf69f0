//! Google AlloyDB `projects.locations.clusters.generateClientCertificate`: request checks and
//! builder, response checks, and the connectors' refresh rule.

mod parent;
mod request;
mod response;

pub use parent::{check_parent, parent_from_parts};
pub use request::{
    GenerateClientCertificateBody, HttpRequest, build_generate_client_certificate_request,
    check_generate_client_certificate_request, check_request_id, duration_input, random_uuid,
};
pub use response::{
    ResponseCheckOptions, ResponseChecks, ResponseReport,
    check_generate_client_certificate_response, next_refresh,
};
