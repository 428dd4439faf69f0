//! The keys certkit makes, as one table: key generation accepts exactly these, and the CLI and
//! the web app offer them (through `KEY_SPECS`, generated into `ts/generated/key-specs.ts`).

/// One key certkit makes: an id for menus and `--algorithm`, a label for people, and the
/// `KeySpec` fields that ask for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfferedKey {
    pub id: &'static str,
    pub label: &'static str,
    /// `RSA`, `ECDSA` or `Ed25519`, as `KeySpec.algorithm` spells it.
    pub algorithm: &'static str,
    /// RSA only.
    pub modulus_length: Option<u32>,
    /// ECDSA only.
    pub named_curve: Option<&'static str>,
}

/// Every key certkit makes, in the order menus list them.
pub const OFFERED_KEYS: &[OfferedKey] = &[
    rsa("rsa-2048", "RSA 2048", 2048),
    rsa("rsa-3072", "RSA 3072", 3072),
    rsa("rsa-4096", "RSA 4096", 4096),
    ecdsa("p-256", "ECDSA P-256", "P-256"),
    ecdsa("p-384", "ECDSA P-384", "P-384"),
    OfferedKey {
        id: "ed25519",
        label: "Ed25519",
        algorithm: "Ed25519",
        modulus_length: None,
        named_curve: None,
    },
];

/// Whether certkit makes RSA keys of `bits` bits.
pub fn rsa_size_offered(bits: u32) -> bool {
    OFFERED_KEYS.iter().any(|k| k.modulus_length == Some(bits))
}

const fn rsa(id: &'static str, label: &'static str, bits: u32) -> OfferedKey {
    OfferedKey {
        id,
        label,
        algorithm: "RSA",
        modulus_length: Some(bits),
        named_curve: None,
    }
}

const fn ecdsa(id: &'static str, label: &'static str, curve: &'static str) -> OfferedKey {
    OfferedKey {
        id,
        label,
        algorithm: "ECDSA",
        modulus_length: None,
        named_curve: Some(curve),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use getrandom::SysRng;
    use rand_core::UnwrapErr;

    use super::*;
    use crate::keys::{KeySpec, generate_key};

    /// The table's entry as the `KeySpec` the API takes (through its JSON, as callers send it).
    fn spec(key: &OfferedKey) -> KeySpec {
        let json = serde_json::json!({
            "algorithm": key.algorithm,
            "modulusLength": key.modulus_length,
            "namedCurve": key.named_curve,
        });
        let mut object = json.as_object().unwrap().clone();
        object.retain(|_, v| !v.is_null());
        serde_json::from_value(object.into()).unwrap()
    }

    #[test]
    fn every_offered_key_is_made_and_ids_are_unique() {
        let mut ids: Vec<_> = OFFERED_KEYS.iter().map(|k| k.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), OFFERED_KEYS.len());
        for key in OFFERED_KEYS
            .iter()
            .filter(|k| k.modulus_length != Some(4096))
        {
            let made = generate_key(spec(key), &mut UnwrapErr(SysRng));
            assert!(made.is_ok(), "{}: {:?}", key.id, made.err());
        }
    }

    #[test]
    fn nothing_else_is_made() {
        assert!(rsa_size_offered(3072) && !rsa_size_offered(1024) && !rsa_size_offered(8192));
        let p521 = KeySpec::Ecdsa {
            named_curve: "P-521".into(),
        };
        let refused = generate_key(p521, &mut UnwrapErr(SysRng)).unwrap_err();
        assert_eq!(refused.code(), "UNSUPPORTED_CURVE");
    }
}
