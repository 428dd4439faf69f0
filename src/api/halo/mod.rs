//! The Halo Cross-Media Measurement `Certificates` service (wfa.measurement.api.v2alpha):
//! names and API IDs, the requests of each method, the revocation rules, and reading a list.

mod grpcurl;
mod names;
mod requests;
mod revocation;
mod summary;

pub use grpcurl::GrpcurlOptions;
pub use names::{HaloName, PARENT_TYPES, decode_api_id, encode_api_id, parse_name};
pub use requests::{
    Method, RpcRequest, SERVICE, build_request, check_request, key_identifier_bytes,
};
pub use revocation::{check_release_hold, check_revocation_transition};
pub use summary::{
    CertificateStatus, KeyIdentifierForms, SummaryOptions, preferred_certificate,
    summarize_certificates,
};
