//! `createCsr`: a PKCS#10 request signed by the subject's key.

use rand_core::CryptoRng;
use rcgen::{CertificateParams, CustomExtension, DistinguishedName};
use serde::Deserialize;
use zeroize::Zeroizing;

use super::extensions::{SanInput, extended_key_usages, key_usages, subject_alt_names};
use super::name_input::{NameInput, encode_name};
use super::{Created, rcgen_error, replace_and_resign};
use crate::der::{self, TAG_OCTET_STRING};
use crate::encoding::InputData;
use crate::error::Result;
use crate::keys::{KeySigner, Passphrase, parse_private_key};
use crate::x509::{KeyIdMethod, key_identifier};

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
    /// `serverAuth`, `clientAuth`, ... or dotted OIDs.
    #[serde(default)]
    pub extended_key_usage: Vec<String>,
    /// Requests a subjectKeyIdentifier extension (by `keyIdMethod`, RFC 5280 method 1 by default).
    #[serde(default)]
    pub include_subject_key_identifier: bool,
    #[serde(default)]
    pub key_id_method: Option<KeyIdMethod>,
}

/// Makes and signs a CSR.
pub fn create_csr(
    options: &CreateCsrOptions,
    rng: &mut (impl CryptoRng + ?Sized),
) -> Result<Created> {
    let passphrase = options.passphrase.as_ref().map(Passphrase::as_bytes);
    let bytes = Zeroizing::new(options.private_key.as_bytes().to_vec());
    let key = parse_private_key(&bytes, passphrase).map_err(|e| e.at("privateKey"))?;
    let subject = encode_name(&options.subject, "subject")?;
    let mut params = CertificateParams::default();
    params.distinguished_name = DistinguishedName::new();
    params.subject_alt_names = subject_alt_names(&options.subject_alt_names, "subjectAltNames")?;
    params.key_usages = key_usages(&options.key_usage, "keyUsage")?;
    params.extended_key_usages =
        extended_key_usages(&options.extended_key_usage, "extendedKeyUsage")?;
    let signer = KeySigner::new(&key, rng)?;
    if options.include_subject_key_identifier {
        let method = options.key_id_method.unwrap_or(KeyIdMethod::Rfc5280Sha1);
        let ski = key_identifier(signer.spki(), method)?;
        params
            .custom_extensions
            .push(CustomExtension::from_oid_content(
                &[2, 5, 29, 14],
                der::encode(TAG_OCTET_STRING, &ski),
            ));
    }
    let request = params
        .serialize_request(&signer.draft())
        .map_err(rcgen_error)?;
    // CertificationRequestInfo: version, subject (1), subjectPKInfo, attributes.
    let der = replace_and_resign(request.der(), &[(1, &subject)], &signer)?;
    Ok(Created::new("CERTIFICATE REQUEST", der))
}
