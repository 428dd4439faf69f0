//! The Halo methods certkit builds requests for, by gRPC name: the one table the bindings, the
//! shared vectors and the generated TypeScript (`ts/generated/halo-methods.ts`) read.

pub const SERVICE: &str = "wfa.measurement.api.v2alpha.Certificates";

/// The Halo methods certkit builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Create,
    List,
    Revoke,
    Release,
}

impl Method {
    /// Every method, in the order the service declares them.
    pub const ALL: [Self; 5] = [
        Self::Get,
        Self::Create,
        Self::List,
        Self::Revoke,
        Self::Release,
    ];

    /// The gRPC method name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Get => "GetCertificate",
            Self::Create => "CreateCertificate",
            Self::List => "ListCertificates",
            Self::Revoke => "RevokeCertificate",
            Self::Release => "ReleaseCertificateHold",
        }
    }

    /// The method of a gRPC method name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for method in Method::ALL {
            assert_eq!(Method::from_name(method.name()), Some(method));
        }
        assert_eq!(Method::from_name("DeleteCertificate"), None);
    }
}
