//! A Halo request: each method's reader (one file per method) gives its problems and its typed
//! proto3 JSON body; here they become a gRPC call and a ready `grpcurl` command line.

use serde::Serialize;
use serde_json::Value;

use super::grpcurl::{GrpcurlOptions, grpcurl};
use super::method::{Method, SERVICE};
use super::{create, get, list, release, revoke};
use crate::api::fields::Fields;
use crate::error::{Error, ErrorKind, Problem, Result};

/// A gRPC call ready to make, and the same as a `grpcurl` command line.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct RpcRequest {
    pub service: String,
    /// `GetCertificate`, `CreateCertificate`, `ListCertificates`, `RevokeCertificate` or
    /// `ReleaseCertificateHold`.
    pub method: String,
    /// The proto3 JSON body as text.
    pub body: String,
    #[cfg_attr(feature = "ts", tsify(type = "Record<string, unknown>"))]
    pub body_json: Value,
    pub grpcurl: String,
}

/// The body of one method's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
enum Body {
    Get(get::GetCertificateRequest),
    Create(create::CreateCertificateRequest),
    List(list::ListCertificatesRequest),
    Revoke(revoke::RevokeCertificateRequest),
    Release(release::ReleaseCertificateHoldRequest),
}

/// Every problem of a request input, none thrown.
pub fn check_request(method: Method, input: &Value, options: &GrpcurlOptions) -> Vec<Problem> {
    analyze(method, input, options).0
}

/// The request; throws one error carrying every problem when any is an error.
pub fn build_request(
    method: Method,
    input: &Value,
    options: &GrpcurlOptions,
) -> Result<RpcRequest> {
    let (problems, body) = analyze(method, input, options);
    if let Some(error) = Error::from_problems(problems) {
        return Err(error);
    }
    let internal = |reason: String| Error::new(ErrorKind::Internal { reason });
    let body = body.ok_or_else(|| internal("a request without errors has a body".into()))?;
    let body_json = serde_json::to_value(&body).map_err(|e| internal(e.to_string()))?;
    let body_text = body_json.to_string();
    Ok(RpcRequest {
        service: SERVICE.into(),
        method: method.name().into(),
        grpcurl: grpcurl(method, &body_text, options),
        body: body_text,
        body_json,
    })
}

fn analyze(
    method: Method,
    input: &Value,
    options: &GrpcurlOptions,
) -> (Vec<Problem>, Option<Body>) {
    let mut fields = Fields::new(input, "");
    let mut problems = Vec::new();
    let body = match method {
        Method::Get => get::read(&mut fields, &mut problems).map(Body::Get),
        Method::Create => create::read(&mut fields, options.now, &mut problems).map(Body::Create),
        Method::List => list::read(&mut fields, &mut problems).map(Body::List),
        Method::Revoke => revoke::read(&mut fields, &mut problems).map(Body::Revoke),
        Method::Release => release::read(&mut fields, &mut problems).map(Body::Release),
    };
    let mut all = fields.finish(true);
    all.extend(problems);
    (all, body)
}
