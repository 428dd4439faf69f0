//! PKCS#7 / CMS SignedData bundles (`.p7b`): the certificates they carry, in order.

use crate::der::{self, TAG_OID, TAG_SEQUENCE, TAG_SET, Tlv};
use crate::error::{ErrorKind, Result};

const OID_SIGNED_DATA: &str = "1.2.840.113549.1.7.2";

/// The DER of every certificate in a SignedData ContentInfo. Other certificate choices
/// (attribute certificates, `[0]`..`[3]`) are skipped; they are not X.509 certificates.
pub fn pkcs7_certificates(der: &[u8]) -> Result<Vec<&[u8]>> {
    let content_info = Tlv::read_exact(der)?.with_tag(TAG_SEQUENCE, "a ContentInfo SEQUENCE")?;
    let mut fields = content_info.children();
    let content_type = fields
        .required("contentType")?
        .with_tag(TAG_OID, "a content type OID")?;
    if der::oid_to_string(content_type.content).as_deref() != Some(OID_SIGNED_DATA) {
        return Err(ErrorKind::InvalidPkcs7 {
            reason: "it is not SignedData".into(),
        }
        .into());
    }
    let explicit = fields
        .required("content")?
        .with_tag(0xa0, "an explicit [0] content")?;
    let signed_data =
        Tlv::read_exact(explicit.content)?.with_tag(TAG_SEQUENCE, "a SignedData SEQUENCE")?;
    let mut parts = signed_data.children();
    parts.required("version")?;
    parts
        .required("digestAlgorithms")?
        .with_tag(TAG_SET, "a digestAlgorithms SET")?;
    parts
        .required("encapContentInfo")?
        .with_tag(TAG_SEQUENCE, "an encapContentInfo")?;
    let Some(certificates) = parts.optional(0xa0)? else {
        return Ok(Vec::new());
    };
    certificates
        .children()
        .filter(|c| !matches!(c, Ok(t) if t.tag != TAG_SEQUENCE))
        .map(|c| c.map(|t| t.raw))
        .collect()
}
