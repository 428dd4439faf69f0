//! Names of object identifiers, spelled as OpenSSL spells them.

use super::oid_table::OID_NAMES;

/// OpenSSL's short name (`CN`, `RSA-SHA256`, `ED25519`), if OpenSSL knows the OID.
pub fn short_name(dotted: &str) -> Option<&'static str> {
    lookup(dotted).map(|(_, sn, _)| *sn)
}

/// OpenSSL's long name (`commonName`, `sha256WithRSAEncryption`), if OpenSSL knows the OID.
pub fn long_name(dotted: &str) -> Option<&'static str> {
    lookup(dotted).map(|(_, _, ln)| *ln)
}

/// The OID OpenSSL gives this short or long name (`serverAuth`, `emailProtection`), if any.
pub fn oid_of_name(name: &str) -> Option<&'static str> {
    OID_NAMES
        .iter()
        .find(|(_, sn, ln)| *sn == name || *ln == name)
        .map(|(oid, _, _)| *oid)
}

fn lookup(dotted: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    OID_NAMES
        .binary_search_by(|(oid, _, _)| (*oid).cmp(dotted))
        .ok()
        .and_then(|i| OID_NAMES.get(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(OID_NAMES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn names_match_openssl() {
        assert_eq!(short_name("2.5.4.3"), Some("CN"));
        assert_eq!(
            long_name("1.2.840.113549.1.1.11"),
            Some("sha256WithRSAEncryption")
        );
        assert_eq!(short_name("0.9.2342.19200300.100.1.25"), Some("DC"));
        assert_eq!(short_name("1.2.3.4"), None);
    }

    #[test]
    fn every_short_name_leads_back_to_its_oid() {
        for (oid, sn, _) in OID_NAMES {
            assert_eq!(oid_of_name(sn), Some(*oid), "{sn}");
        }
    }
}
