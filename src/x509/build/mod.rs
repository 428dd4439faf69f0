//! Making CSRs and certificates. rcgen assembles the structure (validity, serial, extensions)
//! and signs through our key type; certkit then writes the names itself, byte-exact, and signs
//! the result again with the same key. Exact names matter: verifiers such as webpki compare an
//! issuer name with its CA's subject byte for byte, and rcgen can hold neither repeated
//! attributes (`DC=example,DC=com`) nor a CA's original string types.

mod certificate;
mod csr;
mod extensions;
mod name_input;

pub use certificate::{CreateCertificateOptions, IssuerInput, create_certificate};
pub use csr::{CreateCsrOptions, create_csr};
pub use extensions::SanInput;
pub use name_input::{NameFields, NameInput, OneOrMany, encode_name, parse_rfc4514};

use rcgen::SigningKey;
use serde::Serialize;

use crate::der::{self, TAG_BIT_STRING, TAG_SEQUENCE, Tlv};
use crate::encoding::pem_encode;
use crate::error::{ErrorKind, Result};

/// A CSR or certificate just made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Created {
    pub pem: String,
    #[serde(with = "serde_bytes")]
    #[cfg_attr(feature = "ts", tsify(type = "Uint8Array"))]
    pub der: Vec<u8>,
}

impl Created {
    fn new(label: &str, der: Vec<u8>) -> Self {
        Self {
            pem: pem_encode(label, &der),
            der,
        }
    }
}

/// Replaces children of the signed part (by index) and signs again: `Signed ::= SEQUENCE {
/// toBeSigned, signatureAlgorithm, signature BIT STRING }`, as certificates and CSRs are.
fn replace_and_resign(
    signed: &[u8],
    replacements: &[(usize, &[u8])],
    signer: &impl SigningKey,
) -> Result<Vec<u8>> {
    let outer = Tlv::read_exact(signed)?;
    let mut parts = outer.children();
    let to_be_signed = parts.required("to-be-signed part")?;
    let algorithm = parts.required("signature algorithm")?;
    let mut fields: Vec<&[u8]> = to_be_signed
        .children()
        .map(|f| f.map(|f| f.raw))
        .collect::<Result<_>>()?;
    for &(index, bytes) in replacements {
        let slot = fields.get_mut(index).ok_or_else(|| ErrorKind::Internal {
            reason: "unexpected structure".into(),
        })?;
        *slot = bytes;
    }
    let tbs = der::encode(TAG_SEQUENCE, &fields.concat());
    let signature = signer.sign(&tbs).map_err(|_| ErrorKind::SigningFailed)?;
    let mut bits = vec![0u8];
    bits.extend(signature);
    let mut content = tbs;
    content.extend_from_slice(algorithm.raw);
    content.extend(der::encode(TAG_BIT_STRING, &bits));
    Ok(der::encode(TAG_SEQUENCE, &content))
}

fn rcgen_error(error: rcgen::Error) -> crate::Error {
    ErrorKind::BuildFailed {
        reason: error.to_string(),
    }
    .into()
}
