//! The two remote APIs certkit speaks: AlloyDB `generateClientCertificate` and the Halo
//! `Certificates` service. All their rules live here; see REMOTE-APIS.md.

pub mod alloydb;
mod fields;
pub mod halo;

pub use fields::json_input;
pub mod proto_json;
pub mod shell;
