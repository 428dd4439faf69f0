//! SafeContents and their bags (RFC 7292 section 4.2): keys, shrouded keys, certificates, and
//! nested SafeContents, walked with an explicit stack so nesting costs no recursion.

use zeroize::Zeroizing;

use super::pbe::{self, Budget, Passwords, algorithm_parts};
use crate::der::{self, TAG_OCTET_STRING, TAG_OID, TAG_SEQUENCE, TAG_SET, Tlv};
use crate::error::{ErrorKind, Problem, Result};

const OID_KEY_BAG: &str = "1.2.840.113549.1.12.10.1.1";
pub const OID_SHROUDED_KEY_BAG: &str = "1.2.840.113549.1.12.10.1.2";
pub const OID_CERT_BAG: &str = "1.2.840.113549.1.12.10.1.3";
const OID_CRL_BAG: &str = "1.2.840.113549.1.12.10.1.4";
const OID_SECRET_BAG: &str = "1.2.840.113549.1.12.10.1.5";
const OID_SAFE_CONTENTS_BAG: &str = "1.2.840.113549.1.12.10.1.6";
pub const OID_X509_CERTIFICATE: &str = "1.2.840.113549.1.9.22.1";
pub const OID_FRIENDLY_NAME: &str = "1.2.840.113549.1.9.20";
pub const OID_LOCAL_KEY_ID: &str = "1.2.840.113549.1.9.21";
/// Deeper nesting than any writer produces is refused.
const MAX_NESTING: usize = 4;

/// A key found in the file: its PKCS#8 PrivateKeyInfo (decrypted, zeroized on drop).
pub struct FoundKey {
    pub pkcs8: Zeroizing<Vec<u8>>,
    pub attributes: BagAttributes,
    /// How it was encrypted; `none` for a plain keyBag.
    pub encryption: String,
}

/// A certificate found in the file.
pub struct FoundCertificate {
    pub der: Vec<u8>,
    pub attributes: BagAttributes,
}

/// The bag attributes certkit reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BagAttributes {
    pub friendly_name: Option<String>,
    pub local_key_id: Option<Vec<u8>>,
}

/// Everything collected from the file's SafeContents.
#[derive(Default)]
pub struct Found {
    pub keys: Vec<FoundKey>,
    pub certificates: Vec<FoundCertificate>,
    pub problems: Vec<Problem>,
}

impl Found {
    /// Collects the bags of one SafeContents (DER), descending into nested ones.
    pub fn collect(
        &mut self,
        safe_contents: &[u8],
        passwords: &Passwords,
        budget: &mut Budget,
    ) -> Result<()> {
        let safe_contents = super::ber::to_der(safe_contents)?;
        let top = Tlv::read_exact(&safe_contents)?.with_tag(TAG_SEQUENCE, "SafeContents")?;
        let mut stack = vec![(top.children(), 0usize)];
        while let Some((bags, depth)) = stack.last_mut() {
            let depth = *depth;
            let Some(bag) = bags.next_tlv() else {
                stack.pop();
                continue;
            };
            let (oid, value, attributes) = safe_bag(&bag?)?;
            match oid.as_str() {
                OID_SAFE_CONTENTS_BAG => {
                    if depth + 1 >= MAX_NESTING {
                        return Err(pbe::invalid("SafeContents are nested more than 4 deep"));
                    }
                    let nested = value.with_tag(TAG_SEQUENCE, "nested SafeContents")?;
                    stack.push((nested.children(), depth + 1));
                }
                OID_KEY_BAG => self.keys.push(FoundKey {
                    pkcs8: Zeroizing::new(value.raw.to_vec()),
                    attributes,
                    encryption: "none".into(),
                }),
                OID_SHROUDED_KEY_BAG => {
                    let key = shrouded_key(&value, passwords, budget)?;
                    self.keys.push(FoundKey {
                        pkcs8: key.0,
                        attributes,
                        encryption: key.1,
                    });
                }
                OID_CERT_BAG => match certificate(&value)? {
                    Some(der) => self.certificates.push(FoundCertificate { der, attributes }),
                    None => self.skip("certificate that is not X.509"),
                },
                OID_CRL_BAG => self.skip("CRL bag"),
                OID_SECRET_BAG => self.skip("secret bag"),
                _ => self.skip(&format!("bag of type {oid}")),
            }
        }
        Ok(())
    }

    fn skip(&mut self, kind: &str) {
        self.problems.push(Problem::info(
            ErrorKind::Pkcs12BagSkipped {
                kind: kind.to_owned(),
            },
            "bags",
        ));
    }
}

/// SafeBag ::= SEQUENCE { bagId OID, bagValue [0] EXPLICIT ANY, bagAttributes SET OPTIONAL }
fn safe_bag<'a>(bag: &Tlv<'a>) -> Result<(String, Tlv<'a>, BagAttributes)> {
    let seq = bag.with_tag(TAG_SEQUENCE, "a SafeBag")?;
    let mut fields = seq.children();
    let oid = fields.required("bagId")?.with_tag(TAG_OID, "a bag OID")?;
    let oid = der::oid_to_string(oid.content).ok_or_else(|| pbe::invalid("a malformed bag OID"))?;
    let explicit = fields
        .required("bagValue")?
        .with_tag(0xa0, "a [0] bag value")?;
    let value = Tlv::read_exact(explicit.content)?;
    let attributes = match fields.optional(TAG_SET)? {
        Some(set) => attributes(&set)?,
        None => BagAttributes::default(),
    };
    if !fields.is_empty() {
        return Err(pbe::invalid("unexpected data after the bag attributes"));
    }
    Ok((oid, value, attributes))
}

fn attributes(set: &Tlv<'_>) -> Result<BagAttributes> {
    let mut out = BagAttributes::default();
    for attribute in set.children() {
        let attribute = attribute?.with_tag(TAG_SEQUENCE, "an attribute")?;
        let mut fields = attribute.children();
        let oid = fields
            .required("attrId")?
            .with_tag(TAG_OID, "an attribute OID")?;
        let values = fields
            .required("attrValues")?
            .with_tag(TAG_SET, "attribute values")?;
        let Some(first) = values.children().next().transpose()? else {
            continue;
        };
        match der::oid_to_string(oid.content).as_deref() {
            Some(OID_FRIENDLY_NAME) if first.tag == 0x1e => {
                out.friendly_name = Some(bmp_string(first.content));
            }
            Some(OID_LOCAL_KEY_ID) if first.tag == TAG_OCTET_STRING => {
                out.local_key_id = Some(first.content.to_vec());
            }
            _ => {}
        }
    }
    Ok(out)
}

/// A BMPString (UTF-16BE) as text; unpaired surrogates become U+FFFD.
fn bmp_string(content: &[u8]) -> String {
    let units = content.chunks_exact(2).map(|pair| match pair {
        [high, low] => u16::from_be_bytes([*high, *low]),
        _ => 0xfffd,
    });
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm, encryptedData OCTET STRING }
fn shrouded_key(
    value: &Tlv<'_>,
    passwords: &Passwords,
    budget: &mut Budget,
) -> Result<(Zeroizing<Vec<u8>>, String)> {
    let seq = value.with_tag(TAG_SEQUENCE, "an EncryptedPrivateKeyInfo")?;
    let mut fields = seq.children();
    let algorithm = fields.required("encryptionAlgorithm")?;
    algorithm_parts(&algorithm)?;
    let data = fields
        .required("encryptedData")?
        .with_tag(TAG_OCTET_STRING, "an encrypted key OCTET STRING")?;
    let plain = pbe::decrypt(&algorithm, data.content, passwords, budget)?;
    Ok((plain, pbe::describe(&algorithm)))
}

/// CertBag ::= SEQUENCE { certId OID, certValue [0] EXPLICIT OCTET STRING }; `None` when it
/// is not an X.509 certificate.
fn certificate(value: &Tlv<'_>) -> Result<Option<Vec<u8>>> {
    let seq = value.with_tag(TAG_SEQUENCE, "a CertBag")?;
    let mut fields = seq.children();
    let oid = fields
        .required("certId")?
        .with_tag(TAG_OID, "a certificate type OID")?;
    if der::oid_to_string(oid.content).as_deref() != Some(OID_X509_CERTIFICATE) {
        return Ok(None);
    }
    let explicit = fields
        .required("certValue")?
        .with_tag(0xa0, "a [0] certificate")?;
    let octets =
        Tlv::read_exact(explicit.content)?.with_tag(TAG_OCTET_STRING, "an OCTET STRING")?;
    Ok(Some(octets.content.to_vec()))
}
