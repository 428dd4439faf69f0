//! The parsing policy (ARCHITECTURE.md, "Parsing policy") applied to a certificate's encoding:
//! what DER forbids but BER allows is read and reported as a problem with its own code; what
//! X.690 makes impossible is refused. Structure is checked by `RawCertificate::parse`; this is
//! the pass over every element (`crate::der_scan`) and over the validity times and signature.

use super::certificate::RawCertificate;
use crate::der::Tlv;
use crate::der_scan::{self, FindingKind};
use crate::error::{ErrorKind, Problem, Result};
use crate::time::parse_asn1_time;

/// The encoding problems of a certificate that parsed; an error for an impossible element.
pub fn encoding_problems(raw: &RawCertificate<'_>) -> Result<Vec<Problem>> {
    let mut problems = Vec::new();
    for finding in der_scan::scan(raw.der) {
        let offset = finding.offset;
        let field = locate(raw, offset);
        match finding.kind {
            FindingKind::EmptyInteger => {
                return Err(ErrorKind::InvalidDer {
                    reason: format!("{field}: an INTEGER with no content octets at byte {offset}"),
                }
                .into());
            }
            FindingKind::NonMinimalLength => {
                problems.push(Problem::warning(ErrorKind::NonDerLength { offset }, field));
            }
            FindingKind::NonDerBoolean => {
                problems.push(Problem::warning(ErrorKind::NonDerBoolean { offset }, field));
            }
        }
    }
    for (time, field) in raw.validity_times.iter().zip(["notBefore", "notAfter"]) {
        if let Some((_, false)) = parse_asn1_time(time.tag, time.content) {
            let value = String::from_utf8_lossy(time.content)
                .chars()
                .take(32)
                .collect();
            problems.push(Problem::warning(ErrorKind::NonDerTime { value }, field));
        }
    }
    if raw.signature_unused_bits != 0 {
        let bits = raw.signature_unused_bits;
        problems.push(Problem::error(
            ErrorKind::SignatureUnusedBits { bits },
            "signature",
        ));
    }
    Ok(problems)
}

/// The certificate field the byte at `offset` belongs to, as a problem's `field`.
fn locate(raw: &RawCertificate<'_>, offset: usize) -> String {
    let base = raw.der.as_ptr() as usize;
    let inside = |part: &[u8]| {
        let start = (part.as_ptr() as usize).wrapping_sub(base);
        offset >= start && offset - start < part.len()
    };
    if let Some(extensions) = &raw.extensions
        && inside(extensions.raw)
    {
        let index = extensions
            .children()
            .map_while(|e| e.ok())
            .position(|e| inside(e.raw));
        return index.map_or_else(|| "extensions".to_owned(), |i| format!("extensions[{i}]"));
    }
    for (time, name) in raw.validity_times.iter().zip(["notBefore", "notAfter"]) {
        if inside(time.raw) {
            return name.to_owned();
        }
    }
    let tbs_fields = Tlv::read_exact(raw.tbs).map(|tbs| tbs.children());
    let mut names = TBS_FIELDS.iter().skip(usize::from(raw.version == 1));
    for field in tbs_fields.into_iter().flatten().map_while(|f| f.ok()) {
        let name = names.next().copied().unwrap_or("tbsCertificate");
        if inside(field.raw) {
            return name.to_owned();
        }
    }
    if inside(raw.signature_algorithm.raw) {
        return "signatureAlgorithm".to_owned();
    }
    if inside(raw.tbs) {
        "tbsCertificate"
    } else {
        "der"
    }
    .to_owned()
}

/// The fields of tbsCertificate in order, as `Certificate` names them.
const TBS_FIELDS: &[&str] = &[
    "version",
    "serialNumber",
    "signatureAlgorithm",
    "issuer",
    "validity",
    "subject",
    "publicKey",
];
