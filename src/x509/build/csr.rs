//! `createCsr`: a PKCS#10 request (RFC 2986) signed by the subject's key.

use rand_core::CryptoRng;
use serde::Deserialize;
use zeroize::Zeroizing;

use super::extension::{Extension, encode_all, subject_key_identifier};
use super::name_input::{NameInput, encode_name};
use super::san::{SanInput, subject_alt_name};
use super::usage::{KeyUsages, extended_key_usage};
use super::{Created, Problems, sign};
use crate::der::{self, TAG_INTEGER, TAG_SEQUENCE, TAG_SET};
use crate::encoding::InputData;
use crate::error::Result;
use crate::keys::{KeySigner, Passphrase, parse_private_key};
use crate::x509::{KeyIdMethod, key_identifier};

/// pkcs-9-at-extensionRequest (1.2.840.113549.1.9.14), DER.
const EXTENSION_REQUEST: &[u8] = &[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x0e,
];

/// `createCsr`'s options.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct CreateCsrOptions {
    /// The subject's private key (PEM, DER or JWK); it signs the request.
    pub private_key: InputData,
    /// Decrypts an encrypted private key.
    #[serde(default)]
    pub passphrase: Option<Passphrase>,
    pub subject: NameInput,
    #[serde(default)]
    pub subject_alt_names: Vec<SanInput>,
    /// RFC 5280 names: `digitalSignature`, `keyEncipherment`, ...
    #[serde(default)]
    pub key_usage: Vec<String>,
    /// `serverAuth`, `clientAuth`, any other name certkit prints, or dotted OIDs.
    #[serde(default)]
    pub extended_key_usage: Vec<String>,
    /// Requests a subjectKeyIdentifier extension (by `keyIdMethod`, RFC 5280 method 1 by default).
    #[serde(default)]
    pub include_subject_key_identifier: bool,
    #[serde(default)]
    pub key_id_method: Option<KeyIdMethod>,
}

/// Makes and signs a CSR. The requested extensions (extensionRequest) hold what was asked:
/// subjectAltName (critical only for an empty subject), keyUsage (checked against the key
/// type), extendedKeyUsage and, when asked, subjectKeyIdentifier.
pub fn create_csr(
    options: &CreateCsrOptions,
    rng: &mut (impl CryptoRng + ?Sized),
) -> Result<Created> {
    let passphrase = options.passphrase.as_ref().map(Passphrase::as_bytes);
    let bytes = Zeroizing::new(options.private_key.as_bytes().to_vec());
    let key = parse_private_key(&bytes, passphrase).map_err(|e| e.at("privateKey"))?;
    let signer = KeySigner::new(&key, rng).map_err(|e| e.at("privateKey"))?;

    let mut problems = Problems::default();
    let subject = problems.take(encode_name(&options.subject, "subject"));
    let subject_empty = subject.as_deref() == Some(&[0x30, 0x00]);
    let mut extensions = Vec::new();
    let sans = subject_alt_name(&options.subject_alt_names, subject_empty, "subjectAltNames");
    extensions.extend(problems.take(sans).flatten());
    if !options.key_usage.is_empty() {
        let usages = KeyUsages::from_names(&options.key_usage, "keyUsage").and_then(|u| {
            u.check(signer.spki(), None, "keyUsage")?;
            Ok(u)
        });
        extensions.extend(problems.take(usages).map(|u| u.extension()));
    }
    if !options.extended_key_usage.is_empty() {
        let eku = extended_key_usage(&options.extended_key_usage, "extendedKeyUsage");
        extensions.extend(problems.take(eku));
    }
    if options.include_subject_key_identifier {
        let method = options.key_id_method.unwrap_or(KeyIdMethod::Rfc5280Sha1);
        let id = key_identifier(signer.spki(), method)?;
        extensions.push(subject_key_identifier(&id));
    }
    let warnings = problems.finish()?;
    let subject = subject.unwrap_or_default();
    let info = request_info(&subject, signer.spki(), &extensions);
    let der = sign(info, &signer)?;
    Ok(Created::new("CERTIFICATE REQUEST", der, warnings))
}

/// `CertificationRequestInfo ::= SEQUENCE { version 0, subject, subjectPKInfo,
/// attributes [0] IMPLICIT SET OF Attribute }`. The extensionRequest attribute is written
/// only when there are extensions: its `Extensions` must not be empty (RFC 5280 4.1).
fn request_info(subject: &[u8], spki: &[u8], extensions: &[Extension]) -> Vec<u8> {
    let mut content = der::encode(TAG_INTEGER, &[0]);
    content.extend_from_slice(subject);
    content.extend_from_slice(spki);
    let attributes = match encode_all(extensions) {
        Some(list) => {
            let mut attribute = EXTENSION_REQUEST.to_vec();
            attribute.extend(der::encode(TAG_SET, &list));
            der::encode(TAG_SEQUENCE, &attribute)
        }
        None => Vec::new(),
    };
    content.extend(der::encode(0xa0, &attributes));
    der::encode(TAG_SEQUENCE, &content)
}
