//! The `grpcurl` command line of a Halo request: mutual TLS flags, the proto files (the
//! Kingdom serves no reflection), the body and the method, with shell placeholders for what the
//! caller did not give.

use std::borrow::Cow;

use serde::Deserialize;

use super::method::{Method, SERVICE};
use crate::api::shell::{Arg, command_lines};
use crate::time::UnixTime;

/// Where and how `grpcurl` connects: mutual TLS with the caller's certificate, as the Kingdom's
/// public API requires. What is not given becomes a shell placeholder (`"${CLIENT_CERT:?…}"`)
/// that names what to put there and stops the shell, with that text, until it is set.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct GrpcurlOptions {
    /// `host:port` of the Kingdom's public API.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// `-cert`: the caller's client certificate (PEM file).
    #[serde(default, alias = "clientCertificate")]
    pub cert: Option<String>,
    /// `-key`: its private key (PEM file).
    #[serde(default, alias = "clientKey")]
    pub key: Option<String>,
    /// `-cacert`: the CA certificate that issued the Kingdom's server certificate (PEM file).
    #[serde(default, alias = "caCertificate")]
    pub cacert: Option<String>,
    /// An API key, sent as `x-api-key` metadata (MeasurementConsumers may use one).
    #[serde(default)]
    pub api_key: Option<String>,
    /// `-import-path` folders holding `wfa/measurement/api/v2alpha/certificates_service.proto`
    /// and the `google/api` protos it imports: the Kingdom serves no reflection. `[]` leaves the
    /// proto flags out, for a server that does.
    #[serde(default)]
    pub import_paths: Option<Vec<String>>,
    /// RFC 3339; the TypeScript layer fills in the current time.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(type = "string | undefined"))]
    pub now: Option<UnixTime>,
}

/// The proto file grpcurl reads the service from, relative to an import path.
const SERVICE_PROTO: &str = "wfa/measurement/api/v2alpha/certificates_service.proto";

/// A shell placeholder for what was not given: `"${NAME:?set NAME to …}"` expands to the value
/// once set, and until then stops the shell with that text instead of running grpcurl.
fn placeholder(variable: &str, what: &str) -> Arg<'static> {
    Arg::Raw(Cow::Owned(format!(
        "\"${{{variable}:?set {variable} to {what}}}\""
    )))
}

fn flag<'a>(name: &'static str, value: Arg<'a>) -> Vec<Arg<'a>> {
    vec![Arg::Quoted(name.into()), value]
}

pub fn grpcurl(method: Method, body: &str, options: &GrpcurlOptions) -> String {
    let given_or = |value: &Option<String>, variable: &str, what: &str| match value {
        Some(text) => Arg::Quoted(Cow::Owned(text.clone())),
        None => placeholder(variable, what),
    };
    let mut lines = vec![
        flag(
            "-cert",
            given_or(
                &options.cert,
                "CLIENT_CERT",
                "your client certificate PEM file",
            ),
        ),
        flag(
            "-key",
            given_or(
                &options.key,
                "CLIENT_KEY",
                "the private key PEM file of that certificate",
            ),
        ),
        flag(
            "-cacert",
            given_or(
                &options.cacert,
                "KINGDOM_CA",
                "the PEM file of the CA that issued the Kingdom server certificate",
            ),
        ),
    ];
    if let Some(key) = &options.api_key {
        lines.push(flag("-H", Arg::Quoted(format!("x-api-key: {key}").into())));
    }
    match &options.import_paths {
        Some(paths) if paths.is_empty() => {}
        Some(paths) => {
            for path in paths {
                lines.push(flag("-import-path", Arg::Quoted(path.as_str().into())));
            }
            lines.push(flag("-proto", Arg::Quoted(SERVICE_PROTO.into())));
        }
        None => {
            lines.push(flag(
                "-import-path",
                placeholder(
                    "HALO_API_PROTOS",
                    "the src/main/proto folder of cross-media-measurement-api",
                ),
            ));
            lines.push(flag(
                "-import-path",
                placeholder(
                    "GOOGLEAPIS_PROTOS",
                    "a googleapis checkout, for the google/api protos",
                ),
            ));
            lines.push(flag("-proto", Arg::Quoted(SERVICE_PROTO.into())));
        }
    }
    lines.push(flag("-d", Arg::Quoted(body.into())));
    lines.push(vec![
        given_or(
            &options.endpoint,
            "KINGDOM_API",
            "the host:port of the Kingdom public API",
        ),
        Arg::Quoted(format!("{SERVICE}/{}", method.name()).into()),
    ]);
    command_lines("grpcurl", &lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_given_is_a_named_placeholder() {
        let line = grpcurl(Method::Get, r#"{"name":"x"}"#, &GrpcurlOptions::default());
        for variable in [
            "CLIENT_CERT",
            "CLIENT_KEY",
            "KINGDOM_CA",
            "KINGDOM_API",
            "HALO_API_PROTOS",
        ] {
            assert!(
                line.contains(&format!("\"${{{variable}:?set {variable} to ")),
                "{line}"
            );
        }
        assert!(line.ends_with(" wfa.measurement.api.v2alpha.Certificates/GetCertificate"));
    }

    #[test]
    fn given_values_are_quoted_and_reflection_drops_the_proto_flags() {
        let options = GrpcurlOptions {
            endpoint: Some("kingdom.example:8443".into()),
            cert: Some("my cert's.pem".into()),
            key: Some("key.pem".into()),
            cacert: Some("ca.pem".into()),
            import_paths: Some(Vec::new()),
            ..GrpcurlOptions::default()
        };
        let line = grpcurl(Method::List, "{}", &options);
        assert!(line.contains("-cert 'my cert'\\''s.pem'"), "{line}");
        assert!(!line.contains("-proto") && !line.contains("${"), "{line}");
    }
}
