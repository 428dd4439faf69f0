//! GeneralName (RFC 5280 4.2.1.6), the building block of SANs, AIA, CRL distribution points
//! and name constraints.

use std::net::{Ipv4Addr, Ipv6Addr};

use serde::Serialize;

use super::name::parse_name;
use crate::der::{self, TAG_OID, Tlv};
use crate::error::{ErrorKind, Result};

/// One name of a subjectAltName, issuerAltName, AIA location, CRL distribution point, ...
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct GeneralName {
    /// `dns`, `ip`, `email`, `uri`, `dirName`, `other`, `registeredId`, `x400` or `ediParty`.
    #[serde(rename = "type")]
    pub kind: GeneralNameKind,
    /// The name as text: IPv4 dotted, IPv6 in RFC 5952 form (`2001:db8::1`), a name
    /// constraint's IP range in CIDR form, a directory name as RFC 4514, an otherName's value
    /// as text when it is a string and as `#` + DER hex otherwise.
    pub value: String,
    /// The type OID of an otherName (`1.3.6.1.4.1.311.20.2.3` for a Microsoft UPN).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oid: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum GeneralNameKind {
    Dns,
    Ip,
    Email,
    Uri,
    DirName,
    Other,
    RegisteredId,
    X400,
    EdiParty,
}

/// Where an IP address appears: SANs hold an address, name constraints an address and mask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpForm {
    Address,
    Range,
}

/// Decodes every GeneralName in a constructed element's content.
pub fn general_names(container: &Tlv<'_>, ip: IpForm) -> Result<Vec<GeneralName>> {
    container
        .children()
        .map(|name| general_name(&name?, ip))
        .collect()
}

/// Decodes one GeneralName.
pub fn general_name(tlv: &Tlv<'_>, ip: IpForm) -> Result<GeneralName> {
    let simple = |kind, value| {
        Ok(GeneralName {
            kind,
            value,
            oid: None,
        })
    };
    match tlv.tag {
        0x81 => simple(GeneralNameKind::Email, text(tlv.content)),
        0x82 => simple(GeneralNameKind::Dns, text(tlv.content)),
        0x86 => simple(GeneralNameKind::Uri, text(tlv.content)),
        0x87 => simple(GeneralNameKind::Ip, ip_text(tlv.content, ip)),
        0x88 => simple(GeneralNameKind::RegisteredId, oid_text(tlv.content)?),
        0xa4 => {
            let inner = Tlv::read_exact(tlv.content)?;
            simple(GeneralNameKind::DirName, parse_name(inner.raw)?.rfc4514)
        }
        0xa0 => other_name(tlv),
        0xa3 => simple(
            GeneralNameKind::X400,
            format!("#{}", hex::encode_upper(tlv.raw)),
        ),
        0xa5 => simple(
            GeneralNameKind::EdiParty,
            format!("#{}", hex::encode_upper(tlv.raw)),
        ),
        _ => Err(ErrorKind::InvalidDer {
            reason: format!("unknown GeneralName tag {:#04x}", tlv.tag),
        }
        .into()),
    }
}

fn other_name(tlv: &Tlv<'_>) -> Result<GeneralName> {
    let mut parts = tlv.children();
    let type_id = parts
        .required("otherName type")?
        .with_tag(TAG_OID, "an otherName type OID")?;
    let explicit = parts
        .required("otherName value")?
        .with_tag(0xa0, "an otherName [0] value")?;
    let value = Tlv::read_exact(explicit.content)?;
    let shown = match value.tag {
        0x0c | 0x16 | 0x13 | 0x1a => text(value.content),
        _ => format!("#{}", hex::encode_upper(value.raw)),
    };
    Ok(GeneralName {
        kind: GeneralNameKind::Other,
        value: shown,
        oid: Some(oid_text(type_id.content)?),
    })
}

fn text(bytes: &[u8]) -> String {
    crate::encoding::text_lossy(bytes)
}

fn oid_text(content: &[u8]) -> Result<String> {
    der::oid_to_string(content).ok_or_else(|| {
        ErrorKind::InvalidDer {
            reason: "bad OID".into(),
        }
        .into()
    })
}

fn ip_text(bytes: &[u8], form: IpForm) -> String {
    match (form, bytes.len()) {
        (IpForm::Address, 4) | (IpForm::Range, 4) => ipv4(bytes).to_string(),
        (IpForm::Address, 16) | (IpForm::Range, 16) => ipv6(bytes).to_string(),
        (IpForm::Range, 8) => with_mask(ipv4(&bytes[..4]).to_string(), &bytes[4..]),
        (IpForm::Range, 32) => with_mask(ipv6(&bytes[..16]).to_string(), &bytes[16..]),
        _ => format!("#{}", hex::encode(bytes)),
    }
}

fn ipv4(bytes: &[u8]) -> Ipv4Addr {
    let mut octets = [0u8; 4];
    octets.copy_from_slice(&bytes[..4]);
    Ipv4Addr::from(octets)
}

fn ipv6(bytes: &[u8]) -> Ipv6Addr {
    let mut octets = [0u8; 16];
    octets.copy_from_slice(&bytes[..16]);
    Ipv6Addr::from(octets)
}

/// `address/prefix` when the mask is contiguous, else `address/mask-hex`.
fn with_mask(address: String, mask: &[u8]) -> String {
    let ones: u32 = mask.iter().map(|b| b.count_ones()).sum();
    let contiguous = mask.iter().enumerate().all(|(i, &b)| {
        let expected_ones = (ones as usize).saturating_sub(i * 8).min(8);
        b == (0xffu16 << (8 - expected_ones)) as u8
    });
    if contiguous {
        format!("{address}/{ones}")
    } else {
        format!("{address}/#{}", hex::encode(mask))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(der: &[u8], ip: IpForm) -> GeneralName {
        general_name(&Tlv::read_exact(der).unwrap(), ip).unwrap()
    }

    #[test]
    fn simple_names() {
        assert_eq!(
            one(b"\x82\x0bexample.com", IpForm::Address).value,
            "example.com"
        );
        let ip = one(&[0x87, 4, 192, 0, 2, 1], IpForm::Address);
        assert_eq!(
            (ip.kind, ip.value.as_str()),
            (GeneralNameKind::Ip, "192.0.2.1")
        );
        let mut v6 = vec![0x87, 16, 0x20, 0x01, 0x0d, 0xb8];
        v6.extend([0; 11]);
        v6.push(0x10);
        assert_eq!(one(&v6, IpForm::Address).value, "2001:db8::10");
    }

    #[test]
    fn ranges_use_prefix_lengths() {
        assert_eq!(
            one(&[0x87, 8, 10, 0, 0, 0, 255, 0, 0, 0], IpForm::Range).value,
            "10.0.0.0/8"
        );
        assert_eq!(
            one(&[0x87, 8, 10, 0, 0, 0, 255, 0, 255, 0], IpForm::Range).value,
            "10.0.0.0/#ff00ff00"
        );
        assert_eq!(one(&[0x87, 3, 1, 2, 3], IpForm::Address).value, "#010203");
    }

    #[test]
    fn other_name_upn() {
        let mut content = crate::der::oid_from_string("1.3.6.1.4.1.311.20.2.3").unwrap();
        content.extend(crate::der::encode(
            0xa0,
            &crate::der::encode(0x0c, b"user@example.com"),
        ));
        let der = crate::der::encode(0xa0, &content);
        let name = one(&der, IpForm::Address);
        assert_eq!(name.kind, GeneralNameKind::Other);
        assert_eq!(name.value, "user@example.com");
        assert_eq!(name.oid.as_deref(), Some("1.3.6.1.4.1.311.20.2.3"));
    }
}
