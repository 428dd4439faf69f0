//! Making CSRs and certificates. certkit writes the to-be-signed structure itself with its DER
//! writer (`crate::der::encode`): names are copied or encoded byte-exact (repeated attributes,
//! multi-valued RDNs, the CA's own string types), extensions come from typed inputs or are
//! copied from a CSR byte for byte, and the result is signed once by certkit's key type.
//! ARCHITECTURE.md says why neither rcgen nor x509-cert's builder does this job.

mod certificate;
mod csr;
mod extension;
mod issuer;
mod name_forms;
mod name_input;
mod san;
mod serial;
mod tbs;
mod usage;

#[cfg(test)]
mod tests;

pub use certificate::{CreateCertificateOptions, IssuerInput, create_certificate};
pub use csr::{CreateCsrOptions, create_csr};
pub use name_input::{NameFields, NameInput, OneOrMany, encode_name, parse_rfc4514};
pub use san::{SanInput, SanKind};

use rand_core::CryptoRng;
use serde::Serialize;

use crate::der::{self, TAG_BIT_STRING, TAG_SEQUENCE};
use crate::encoding::pem_encode;
use crate::error::{Error, Problem, Result};
use crate::keys::KeySigner;

/// A CSR or certificate just made, and what a user should know about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Created {
    pub pem: String,
    #[serde(with = "serde_bytes")]
    #[cfg_attr(feature = "ts", tsify(type = "Uint8Array"))]
    pub der: Vec<u8>,
    /// Findings that did not stop the build, such as a certificate outliving its issuer.
    pub warnings: Vec<Problem>,
}

impl Created {
    fn new(label: &str, der: Vec<u8>, warnings: Vec<Problem>) -> Self {
        Self {
            pem: pem_encode(label, &der),
            der,
            warnings,
        }
    }
}

/// `SEQUENCE { toBeSigned, signatureAlgorithm, signature BIT STRING }`, as certificates and
/// CSRs are: one signature over the exact bytes written.
fn sign<R: CryptoRng + ?Sized>(
    to_be_signed: Vec<u8>,
    signer: &KeySigner<'_, R>,
) -> Result<Vec<u8>> {
    let signature = signer.sign(&to_be_signed)?;
    let mut bits = Vec::with_capacity(signature.len() + 1);
    bits.push(0); // no unused bits
    bits.extend(signature);
    let mut content = to_be_signed;
    content.extend_from_slice(signer.algorithm());
    content.extend(der::encode(TAG_BIT_STRING, &bits));
    Ok(der::encode(TAG_SEQUENCE, &content))
}

/// The error a builder throws for these problems, if any is an error.
fn reject(problems: Vec<Problem>) -> Result<()> {
    match Error::from_problems(problems) {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// Collects every problem of several independent checks, so one call reports them all.
#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    /// The value, or `None` after noting the error's problems.
    fn take<T>(&mut self, result: Result<T>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.0.extend(error.into_problems());
                None
            }
        }
    }

    fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    /// Fails with every error so far; returns the warnings otherwise.
    fn finish(self) -> Result<Vec<Problem>> {
        Error::unless_errors(self.0)
    }
}
