//! Reading a PKCS#12 file: PFX → integrity check → AuthenticatedSafe → (decrypted) SafeContents
//! → key and certificates, the certificates put leaf first.

use super::bags::Found;
use super::ber;
use super::mac::MacData;
use super::pbe::{self, Budget, Passwords, algorithm_parts};
use super::{Pkcs12Contents, Pkcs12Protection, SecretText};
use crate::der::{self, TAG_INTEGER, TAG_OCTET_STRING, TAG_SEQUENCE, Tlv};
use crate::encoding::{decode_blocks, pem_encode};
use crate::error::{Error, ErrorKind, Problem, Result};
use crate::keys::private_key_spki;
use crate::object::{ObjectKind, classify};
use crate::x509::{Certificate, decode_certificate};

const OID_DATA: &str = "1.2.840.113549.1.7.1";
const OID_SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
const OID_ENVELOPED_DATA: &str = "1.2.840.113549.1.7.3";
const OID_ENCRYPTED_DATA: &str = "1.2.840.113549.1.7.6";

/// Reads a PKCS#12 file (DER bytes, or its base64) with its passphrase.
pub fn parse_pkcs12(input: &[u8], passphrase: &str) -> Result<Pkcs12Contents> {
    // An indefinite-length outer SEQUENCE is BER that no DER or text detection accepts.
    if input.starts_with(&[0x30, 0x80]) {
        return read_pfx(input, passphrase);
    }
    let (_, blocks) = decode_blocks(input)?;
    let [block] = blocks.as_slice() else {
        return Err(ErrorKind::MultipleObjects {
            count: blocks.len(),
        }
        .into());
    };
    match classify(block) {
        ObjectKind::Pkcs12 | ObjectKind::Unknown => read_pfx(&block.der, passphrase),
        kind => Err(pbe::invalid(&format!(
            "this is {}, not a PKCS#12 file",
            kind.describe()
        ))),
    }
}

fn read_pfx(input: &[u8], passphrase: &str) -> Result<Pkcs12Contents> {
    let der = ber::to_der(input)?;
    let pfx = Tlv::read_exact(&der)
        .and_then(|t| t.with_tag(TAG_SEQUENCE, "a PFX SEQUENCE"))
        .map_err(malformed)?;
    let mut fields = pfx.children();
    let version = fields
        .required("version")
        .and_then(|v| v.with_tag(TAG_INTEGER, "a version INTEGER"))
        .map_err(malformed)?;
    if der::small_uint(version.content) != Some(3) {
        return Err(pbe::invalid("the version is not 3"));
    }
    let auth_safe = fields.required("authSafe").map_err(malformed)?;
    let mac = fields.optional(TAG_SEQUENCE).map_err(malformed)?;
    if !fields.is_empty() {
        return Err(pbe::invalid("unexpected data after the MAC"));
    }
    let (content_type, content) = content_info(&auth_safe).map_err(malformed)?;
    let data = match content_type.as_str() {
        OID_DATA => octets(content).map_err(malformed)?,
        OID_SIGNED_DATA => return Err(pbe::unsupported("public-key integrity (signedData)")),
        other => return Err(pbe::unsupported(&pbe::name_of(other))),
    };

    let mut budget = Budget::default();
    let mut protection = Pkcs12Protection::default();
    let mut problems = Vec::new();
    let mut candidates = vec![Passwords::new(passphrase)];
    if passphrase.is_empty() {
        candidates.push(Passwords::absent()); // how some writers encode "no password"
    }
    let passwords = match mac {
        Some(mac) => {
            let mac = MacData::parse(&mac).map_err(malformed)?;
            protection.mac = Some(mac.info());
            let mut verified = None;
            for candidate in candidates {
                if mac.verify(data, &candidate, &mut budget)? {
                    verified = Some(candidate);
                    break;
                }
            }
            verified.ok_or(ErrorKind::WrongPassphrase)?
        }
        None => {
            problems.push(Problem::warning(ErrorKind::Pkcs12NoMac, "macData"));
            candidates.swap_remove(0)
        }
    };

    let mut found = Found::default();
    let data = ber::to_der(data)?; // after the MAC, which covers the bytes as written
    let safe = Tlv::read_exact(&data)
        .and_then(|t| t.with_tag(TAG_SEQUENCE, "an AuthenticatedSafe"))
        .map_err(malformed)?;
    for item in safe.children() {
        let (content_type, content) = item.and_then(|i| content_info(&i)).map_err(malformed)?;
        match content_type.as_str() {
            OID_DATA => {
                let contents = octets(content).map_err(malformed)?;
                found
                    .collect(contents, &passwords, &mut budget)
                    .map_err(malformed)?;
            }
            OID_ENCRYPTED_DATA => {
                let (algorithm, ciphertext) = encrypted_data(content).map_err(malformed)?;
                let plain = pbe::decrypt(&algorithm, &ciphertext, &passwords, &mut budget)?;
                protection.certificate_encryption = Some(pbe::describe(&algorithm));
                found
                    .collect(&plain, &passwords, &mut budget)
                    .map_err(malformed)?;
            }
            OID_ENVELOPED_DATA => {
                return Err(pbe::unsupported("public-key privacy (envelopedData)"));
            }
            other => return Err(pbe::unsupported(&pbe::name_of(other))),
        }
    }
    problems.append(&mut found.problems);
    assemble(found, protection, problems)
}

/// The key, the certificates in chain order, and the attributes that go with them.
fn assemble(
    found: Found,
    mut protection: Pkcs12Protection,
    mut problems: Vec<Problem>,
) -> Result<Pkcs12Contents> {
    let mut certificates = Vec::with_capacity(found.certificates.len());
    for (index, bag) in found.certificates.iter().enumerate() {
        certificates.push(
            decode_certificate(&bag.der).map_err(|e| e.at(format!("certificates[{index}]")))?,
        );
    }
    if found.keys.len() > 1 {
        let kind = ErrorKind::Pkcs12ExtraKey {
            count: found.keys.len(),
        };
        problems.push(Problem::warning(kind, "privateKey"));
    }
    let key = found.keys.first();
    let key_spki = key.and_then(|key| {
        match private_key_spki(ObjectKind::PrivateKey, &key.pkcs8, None) {
            Ok(spki) => Some(spki),
            Err(error) => {
                // The key is returned as stored; certkit just cannot match it to a certificate.
                problems.push(Problem::warning(error.into_kind(), "privateKey"));
                None
            }
        }
    });
    let leaf = key.and_then(|key| {
        let by_id = key.attributes.local_key_id.as_ref().and_then(|id| {
            found
                .certificates
                .iter()
                .position(|c| c.attributes.local_key_id.as_ref() == Some(id))
        });
        by_id.or_else(|| {
            let spki = key_spki.as_ref()?;
            certificates.iter().position(|c| &c.public_key.spki == spki)
        })
    });
    let (leaf_attributes, order) = {
        let order = chain_order(&certificates, leaf);
        let first = order.first().and_then(|&i| found.certificates.get(i));
        (first.map(|c| c.attributes.clone()), order)
    };
    let mut slots: Vec<Option<Certificate>> = certificates.into_iter().map(Some).collect();
    let certificates: Vec<Certificate> = order
        .iter()
        .filter_map(|&i| slots.get_mut(i).and_then(Option::take))
        .collect();
    if let (Some(spki), Some(first)) = (&key_spki, certificates.first())
        && &first.public_key.spki != spki
    {
        problems.push(Problem::warning(
            ErrorKind::KeyCertificateMismatch,
            "certificates[0]",
        ));
    }
    let attributes = key
        .map(|k| k.attributes.clone())
        .or(leaf_attributes)
        .unwrap_or_default();
    protection.key_encryption = key.map(|k| k.encryption.clone());
    Ok(Pkcs12Contents {
        private_key_pem: key.map(|k| SecretText(pem_encode("PRIVATE KEY", &k.pkcs8).into())),
        certificates,
        friendly_name: attributes.friendly_name,
        local_key_id: attributes.local_key_id.map(hex::encode),
        protection,
        problems,
    })
}

/// Indices of `certificates`: the leaf (or the first certificate that issued none of the
/// others), then its issuers while they are present, then the rest in file order.
fn chain_order(certificates: &[Certificate], leaf: Option<usize>) -> Vec<usize> {
    let issued_another = |i: usize, c: &Certificate| {
        certificates
            .iter()
            .enumerate()
            .any(|(j, other)| j != i && other.issuer.rfc4514 == c.subject.rfc4514)
    };
    let start = leaf.or_else(|| {
        certificates
            .iter()
            .enumerate()
            .position(|(i, c)| !issued_another(i, c))
    });
    let mut order = Vec::with_capacity(certificates.len());
    let mut current = start;
    while let Some(index) = current {
        order.push(index);
        let Some(cert) = certificates.get(index) else {
            break;
        };
        if cert.issuer.rfc4514 == cert.subject.rfc4514 {
            break;
        }
        current = certificates
            .iter()
            .enumerate()
            .position(|(j, c)| !order.contains(&j) && c.subject.rfc4514 == cert.issuer.rfc4514);
    }
    let rest: Vec<usize> = (0..certificates.len())
        .filter(|i| !order.contains(i))
        .collect();
    order.extend(rest);
    order
}

/// ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT ANY }
fn content_info<'a>(tlv: &Tlv<'a>) -> Result<(String, Tlv<'a>)> {
    let seq = tlv.with_tag(TAG_SEQUENCE, "a ContentInfo")?;
    let mut fields = seq.children();
    let oid = fields
        .required("contentType")?
        .with_tag(der::TAG_OID, "a content type OID")?;
    let oid = der::oid_to_string(oid.content).ok_or_else(|| pbe::invalid("a malformed OID"))?;
    let explicit = fields
        .required("content")?
        .with_tag(0xa0, "a [0] content")?;
    Ok((oid, Tlv::read_exact(explicit.content)?))
}

/// An OCTET STRING's content.
fn octets<'a>(tlv: Tlv<'a>) -> Result<&'a [u8]> {
    Ok(tlv.with_tag(TAG_OCTET_STRING, "an OCTET STRING")?.content)
}

/// EncryptedData ::= SEQUENCE { version, EncryptedContentInfo ::= SEQUENCE { contentType,
/// contentEncryptionAlgorithm, encryptedContent [0] IMPLICIT OCTET STRING } }: the algorithm
/// and the ciphertext (a constructed [0] is joined from its segments).
fn encrypted_data(content: Tlv<'_>) -> Result<(Tlv<'_>, Vec<u8>)> {
    let seq = content.with_tag(TAG_SEQUENCE, "EncryptedData")?;
    let mut fields = seq.children();
    fields
        .required("version")?
        .with_tag(TAG_INTEGER, "a version")?;
    let info = fields
        .required("encryptedContentInfo")?
        .with_tag(TAG_SEQUENCE, "an EncryptedContentInfo")?;
    let mut parts = info.children();
    parts
        .required("contentType")?
        .with_tag(der::TAG_OID, "a content type")?;
    let algorithm = parts.required("contentEncryptionAlgorithm")?;
    algorithm_parts(&algorithm)?;
    let encrypted = parts.required("encryptedContent")?;
    let ciphertext = match encrypted.tag {
        0x80 => encrypted.content.to_vec(),
        0xa0 => {
            let mut joined = Vec::new();
            for segment in encrypted.children() {
                joined.extend_from_slice(segment?.with_tag(TAG_OCTET_STRING, "a segment")?.content);
            }
            joined
        }
        _ => {
            return Err(pbe::invalid(
                "the encrypted content is not a [0] OCTET STRING",
            ));
        }
    };
    Ok((algorithm, ciphertext))
}

/// A structural error inside the file is INVALID_PKCS12, whatever layer found it.
#[cold]
fn malformed(error: Error) -> Error {
    match &error.kind {
        ErrorKind::InvalidDer { reason } => pbe::invalid(reason),
        _ => error,
    }
}
