//! Halo resource names (`{parent}/certificates/{certificate}`) and API IDs: 11 characters of
//! unpadded base64url holding a positive 64-bit big-endian integer (`AAAAAAAAAHs` is 123).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;

use crate::error::{Error, ErrorKind, Problem, Result};

pub const PARENT_TYPES: [&str; 4] = [
    "dataProviders",
    "duchies",
    "measurementConsumers",
    "modelProviders",
];

/// A parsed certificate or parent name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct HaloName {
    /// `dataProviders`, `duchies`, `measurementConsumers` or `modelProviders`.
    pub parent_type: String,
    pub parent_id: String,
    /// `dataProviders/{id}` and so on.
    pub parent: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_id: Option<String>,
    /// The certificate ID is the `preferred` alias.
    pub preferred: bool,
    /// The parent ID decoded as an API ID (decimal), when it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_api_id: Option<String>,
    /// The certificate ID decoded as an API ID (decimal), when it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_api_id: Option<String>,
    /// Notes that are not errors: IDs that are not API IDs, the unresolved `preferred` alias.
    pub problems: Vec<Problem>,
}

/// Parses `{parent}` or `{parent}/certificates/{certificate}`; errors for malformed names.
pub fn parse_name(name: &str, field: &str) -> Result<HaloName> {
    let invalid = || {
        Error::new(ErrorKind::InvalidHaloName {
            value: name.chars().take(120).collect(),
        })
        .at(field)
    };
    let segments: Vec<&str> = name.split('/').collect();
    let (parent_type, parent_id, certificate_id) = match segments.as_slice() {
        [kind, id] => (*kind, *id, None),
        [kind, id, "certificates", certificate] => (*kind, *id, Some(*certificate)),
        _ => return Err(invalid()),
    };
    if !PARENT_TYPES.contains(&parent_type) || parent_id.is_empty() || certificate_id == Some("") {
        return Err(invalid());
    }
    let mut problems = Vec::new();
    let parent_api_id = decode_api_id(parent_id).ok();
    // Duchy IDs are plain strings in the reference server; other parents use API IDs.
    if parent_api_id.is_none() && parent_type != "duchies" {
        problems.push(Problem::info(
            ErrorKind::NotAnApiId {
                id: parent_id.chars().take(40).collect(),
            },
            field,
        ));
    }
    let preferred = certificate_id == Some("preferred");
    if preferred {
        problems.push(Problem::info(ErrorKind::PreferredAliasUnresolved, field));
    }
    let certificate_api_id = certificate_id
        .filter(|_| !preferred)
        .and_then(|id| decode_api_id(id).ok());
    if let Some(id) = certificate_id.filter(|_| !preferred)
        && certificate_api_id.is_none()
    {
        problems.push(Problem::info(
            ErrorKind::NotAnApiId {
                id: id.chars().take(40).collect(),
            },
            field,
        ));
    }
    Ok(HaloName {
        parent_type: parent_type.to_owned(),
        parent_id: parent_id.to_owned(),
        parent: format!("{parent_type}/{parent_id}"),
        certificate_id: certificate_id.map(str::to_owned),
        preferred,
        parent_api_id: parent_api_id.map(|n| n.to_string()),
        certificate_api_id: certificate_api_id.map(|n| n.to_string()),
        problems,
    })
}

/// The API ID of a positive 64-bit integer.
pub fn encode_api_id(value: u64) -> Result<String> {
    if value == 0 || value > i64::MAX as u64 {
        return Err(ErrorKind::ApiIdOutOfRange {
            value: value.to_string(),
        }
        .into());
    }
    Ok(URL_SAFE_NO_PAD.encode(value.to_be_bytes()))
}

/// The integer an API ID holds.
pub fn decode_api_id(id: &str) -> Result<u64> {
    let invalid = || {
        Error::from(ErrorKind::InvalidApiId {
            value: id.chars().take(40).collect(),
        })
    };
    if id.len() != 11 {
        return Err(invalid());
    }
    let bytes = URL_SAFE_NO_PAD.decode(id).map_err(|_| invalid())?;
    let array: [u8; 8] = bytes.try_into().map_err(|_| invalid())?;
    let value = u64::from_be_bytes(array);
    if value == 0 || value > i64::MAX as u64 {
        return Err(ErrorKind::ApiIdOutOfRange {
            value: value.to_string(),
        }
        .into());
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_ids_round_trip() {
        assert_eq!(encode_api_id(123).unwrap(), "AAAAAAAAAHs");
        assert_eq!(decode_api_id("AAAAAAAAAHs").unwrap(), 123);
        assert_eq!(
            decode_api_id(&encode_api_id(i64::MAX as u64).unwrap()).unwrap(),
            i64::MAX as u64
        );
        assert_eq!(
            decode_api_id("mc-123").unwrap_err().code(),
            "INVALID_API_ID"
        );
        assert_eq!(
            decode_api_id("AAAAAAAAAAA").unwrap_err().code(),
            "API_ID_OUT_OF_RANGE"
        );
        assert_eq!(
            decode_api_id("_________8").unwrap_err().code(),
            "INVALID_API_ID"
        );
        assert_eq!(encode_api_id(0).unwrap_err().code(), "API_ID_OUT_OF_RANGE");
    }

    #[test]
    fn names() {
        let name = parse_name("measurementConsumers/mc-123/certificates/cert-456", "name").unwrap();
        assert_eq!(
            (name.parent.as_str(), name.certificate_id.as_deref()),
            ("measurementConsumers/mc-123", Some("cert-456"))
        );
        assert_eq!(
            name.problems.iter().map(|p| p.code()).collect::<Vec<_>>(),
            ["NOT_AN_API_ID", "NOT_AN_API_ID"]
        );
        let preferred =
            parse_name("dataProviders/AAAAAAAAAHs/certificates/preferred", "name").unwrap();
        assert!(preferred.preferred);
        assert_eq!(preferred.parent_api_id.as_deref(), Some("123"));
        assert!(
            parse_name("duchies/worker1", "parent")
                .unwrap()
                .problems
                .is_empty()
        );
        for bad in [
            "",
            "dataProviders",
            "dataProviders/",
            "others/x",
            "dataProviders/x/certificates/",
            "dataProviders/x/keys/y",
            "dataProviders/a/b/certificates/c",
        ] {
            assert_eq!(
                parse_name(bad, "name").unwrap_err().code(),
                "INVALID_HALO_NAME",
                "{bad}"
            );
        }
    }
}
