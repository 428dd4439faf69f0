//! The DER `SEQUENCE { r INTEGER, s INTEGER }` of ECDSA and DSA signatures (RFC 3279 §2.2.2,
//! §2.2.3), read strictly.

use crate::der;

/// The magnitudes of r and s, each at most `max_len` octets. The bytes must be exactly what DER
/// writes for those two numbers (as OpenSSL asks), so no other encoding of one signature
/// verifies: minimal INTEGERs, lengths in their shortest form (the encoding scan finds longer
/// ones, which the reader takes), and nothing else.
pub fn scalars(signature: &[u8], max_len: usize) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut parts = der::UnsignedSequence::strict(signature)?;
    let mut next = || {
        let magnitude = parts.next_unsigned()?;
        (magnitude.len() <= max_len).then(|| magnitude.to_vec())
    };
    let (r, s) = (next()?, next()?);
    parts.is_empty().then_some((r, s))
}

/// The DER signature of these magnitudes (tests write signatures with it).
#[cfg(test)]
pub fn encode(r: &[u8], s: &[u8]) -> Vec<u8> {
    use crate::der::{TAG_INTEGER, TAG_SEQUENCE};
    let mut content = Vec::new();
    for magnitude in [r, s] {
        der::push_element(
            &mut content,
            &[TAG_INTEGER],
            &der::unsigned_integer(magnitude),
        );
    }
    der::encode(TAG_SEQUENCE, &content)
}
