//! Writing a PKCS#12 file the way `openssl pkcs12 -export` does: the certificates in one
//! encrypted SafeContents (leaf first), the key in a shrouded key bag in a plain one, the leaf
//! and the key tied by localKeyId (the SHA-1 of the leaf), then the MAC over both.

use rand_core::CryptoRng;
use sha1::{Digest, Sha1};

use super::bags::{
    OID_CERT_BAG, OID_FRIENDLY_NAME, OID_LOCAL_KEY_ID, OID_SHROUDED_KEY_BAG, OID_X509_CERTIFICATE,
};
use super::mac::mac_data;
use super::pbe::{self, Hash, Passwords};
use super::{DEFAULT_ITERATIONS, ExportPkcs12Options, Pkcs12Compatibility};
use crate::der::{self, TAG_INTEGER, TAG_OCTET_STRING, TAG_SEQUENCE, TAG_SET};
use crate::error::{Error, ErrorKind, Result};
use crate::keys::{parse_private_key, pkcs8_der};
use crate::x509::{Certificate, parse_certificates};

const OID_DATA: &str = "1.2.840.113549.1.7.1";
const OID_ENCRYPTED_DATA: &str = "1.2.840.113549.1.7.6";

/// Writes the key and its certificates (leaf first) as a PKCS#12 file (DER).
pub fn export_pkcs12(
    options: &ExportPkcs12Options,
    rng: &mut (impl CryptoRng + ?Sized),
) -> Result<Vec<u8>> {
    if options.passphrase.as_str().is_empty() {
        return Err(Error::new(ErrorKind::InvalidOptions {
            reason: "the passphrase is empty: a PKCS#12 file without one protects nothing".into(),
        })
        .at("passphrase"));
    }
    let key =
        parse_private_key(options.private_key.as_bytes(), None).map_err(|e| e.at("privateKey"))?;
    let mut certificates: Vec<Certificate> = Vec::new();
    for (index, input) in options.certificates.iter().enumerate() {
        let parsed = parse_certificates(input.as_bytes());
        certificates.extend(parsed.map_err(|e| e.at(format!("certificates[{index}]")))?);
    }
    let Some(leaf) = certificates.first() else {
        return Err(Error::new(ErrorKind::NoCertificate).at("certificates"));
    };
    if key.public_key_spki()? != leaf.public_key.spki {
        return Err(Error::new(ErrorKind::KeyCertificateMismatch).at("certificates[0]"));
    }

    let passwords = Passwords::new(options.passphrase.as_str());
    let compatibility = options.compatibility.unwrap_or_default();
    let encrypt = |plain: &[u8], rng: &mut _| match compatibility {
        Pkcs12Compatibility::Modern => {
            pbe::encrypt_pbes2(plain, &passwords, DEFAULT_ITERATIONS, rng)
        }
        Pkcs12Compatibility::Legacy => {
            pbe::encrypt_3des(plain, &passwords, DEFAULT_ITERATIONS, rng)
        }
    };
    let local_key_id = Sha1::digest(&leaf.der).to_vec();
    let leaf_attributes = attributes(options.friendly_name.as_deref(), &local_key_id);

    let mut cert_bags = Vec::new();
    for (index, certificate) in certificates.iter().enumerate() {
        let attributes = (index == 0).then_some(leaf_attributes.as_slice());
        cert_bags.extend(certificate_bag(&certificate.der, attributes));
    }
    let (algorithm, ciphertext) = encrypt(&der::encode(TAG_SEQUENCE, &cert_bags), rng)?;
    let certificates_info =
        content_info(OID_ENCRYPTED_DATA, &encrypted_data(&algorithm, &ciphertext));

    let pkcs8 = pkcs8_der(&key)?;
    let (algorithm, ciphertext) = encrypt(&pkcs8, rng)?;
    let mut shrouded = algorithm;
    shrouded.extend(der::encode(TAG_OCTET_STRING, &ciphertext));
    let key_bag = safe_bag(
        OID_SHROUDED_KEY_BAG,
        &der::encode(TAG_SEQUENCE, &shrouded),
        Some(&leaf_attributes),
    );
    let key_info = content_info(
        OID_DATA,
        &der::encode(TAG_OCTET_STRING, &der::encode(TAG_SEQUENCE, &key_bag)),
    );

    let mut safe = certificates_info;
    safe.extend(key_info);
    let authenticated_safe = der::encode(TAG_SEQUENCE, &safe);
    let (hash, salt_len) = match compatibility {
        Pkcs12Compatibility::Modern => (Hash::Sha256, 16),
        Pkcs12Compatibility::Legacy => (Hash::Sha1, 8),
    };
    let mac = mac_data(
        hash,
        &authenticated_safe,
        &passwords,
        salt_len,
        DEFAULT_ITERATIONS,
        rng,
    )?;

    let mut pfx = der::encode(TAG_INTEGER, &[3]);
    pfx.extend(content_info(
        OID_DATA,
        &der::encode(TAG_OCTET_STRING, &authenticated_safe),
    ));
    pfx.extend(mac);
    Ok(der::encode(TAG_SEQUENCE, &pfx))
}

/// ContentInfo ::= SEQUENCE { contentType, content [0] EXPLICIT }
fn content_info(content_type: &str, content: &[u8]) -> Vec<u8> {
    let mut out = der::oid_from_string(content_type).unwrap_or_default();
    out.extend(der::encode(0xa0, content));
    der::encode(TAG_SEQUENCE, &out)
}

/// EncryptedData version 0 over SafeContents (`data`), ciphertext as [0] IMPLICIT.
fn encrypted_data(algorithm: &[u8], ciphertext: &[u8]) -> Vec<u8> {
    let mut info = der::oid_from_string(OID_DATA).unwrap_or_default();
    info.extend_from_slice(algorithm);
    info.extend(der::encode(0x80, ciphertext));
    let mut out = der::encode(TAG_INTEGER, &[0]);
    out.extend(der::encode(TAG_SEQUENCE, &info));
    der::encode(TAG_SEQUENCE, &out)
}

fn certificate_bag(certificate: &[u8], attributes: Option<&[u8]>) -> Vec<u8> {
    let mut bag = der::oid_from_string(OID_X509_CERTIFICATE).unwrap_or_default();
    bag.extend(der::encode(
        0xa0,
        &der::encode(TAG_OCTET_STRING, certificate),
    ));
    safe_bag(OID_CERT_BAG, &der::encode(TAG_SEQUENCE, &bag), attributes)
}

/// SafeBag ::= SEQUENCE { bagId, bagValue [0] EXPLICIT, bagAttributes SET OPTIONAL }.
fn safe_bag(bag_id: &str, value: &[u8], attributes: Option<&[u8]>) -> Vec<u8> {
    let mut bag = der::oid_from_string(bag_id).unwrap_or_default();
    bag.extend(der::encode(0xa0, value));
    if let Some(attributes) = attributes {
        bag.extend_from_slice(attributes);
    }
    der::encode(TAG_SEQUENCE, &bag)
}

/// The bag attributes SET: friendlyName (BMPString) when given, then localKeyId, as OpenSSL.
fn attributes(friendly_name: Option<&str>, local_key_id: &[u8]) -> Vec<u8> {
    let attribute = |oid: &str, value: Vec<u8>| {
        let mut out = der::oid_from_string(oid).unwrap_or_default();
        out.extend(der::encode(TAG_SET, &value));
        der::encode(TAG_SEQUENCE, &out)
    };
    let mut set = Vec::new();
    if let Some(name) = friendly_name {
        let bmp: Vec<u8> = name.encode_utf16().flat_map(u16::to_be_bytes).collect();
        set.extend(attribute(OID_FRIENDLY_NAME, der::encode(0x1e, &bmp)));
    }
    set.extend(attribute(
        OID_LOCAL_KEY_ID,
        der::encode(TAG_OCTET_STRING, local_key_id),
    ));
    der::encode(TAG_SET, &set)
}
