//! The Halo Cross-Media Measurement `Certificates` service (wfa.measurement.api.v2alpha):
//! names and API IDs, the requests of each method, the revocation rules, and reading a list.

mod create;
mod get;
mod grpcurl;
mod key_id_input;
mod list;
mod method;
mod names;
mod release;
mod requests;
mod resource;
mod revocation;
mod revoke;
mod summary;

pub use grpcurl::GrpcurlOptions;
pub use key_id_input::key_identifier_bytes;
pub use method::{Method, SERVICE};
pub use names::{HaloName, PARENT_TYPES, decode_api_id, encode_api_id, parse_name};
pub use requests::{RpcRequest, build_request, check_request};
pub use revocation::{RevocationState, check_release_hold, check_revocation_transition};
pub use summary::{
    CertificateStatus, KeyIdentifierForms, SummaryOptions, preferred_certificate,
    summarize_certificates,
};
