//! ECDSA verification over a precomputed digest, on the four curves certkit knows.

use rsa::signature::hazmat::PrehashVerifier;

use super::Curve;

pub fn verify(curve: Curve, point: &[u8], digest: &[u8], signature: &[u8]) -> bool {
    match curve {
        Curve::P256 => p256_verify(point, &pad_prehash(digest, 16), signature),
        Curve::P384 => p384_verify(point, &pad_prehash(digest, 24), signature),
        Curve::P521 => p521_verify(point, &pad_prehash(digest, 33), signature),
        Curve::Secp256k1 => super::secp256k1::verify(point, digest, signature),
    }
}

/// The ecdsa crate refuses a digest shorter than half the field; ECDSA itself uses a short
/// digest as the integer it is, which leading zero bytes leave unchanged.
fn pad_prehash(digest: &[u8], min_len: usize) -> Vec<u8> {
    let mut padded = vec![0u8; min_len.saturating_sub(digest.len())];
    padded.extend_from_slice(digest);
    padded
}

fn p256_verify(point: &[u8], digest: &[u8], signature: &[u8]) -> bool {
    let Ok(key) = p256::ecdsa::VerifyingKey::from_sec1_bytes(point) else {
        return false;
    };
    let Ok(sig) = p256::ecdsa::Signature::from_der(signature) else {
        return false;
    };
    key.verify_prehash(digest, &sig).is_ok()
}

fn p384_verify(point: &[u8], digest: &[u8], signature: &[u8]) -> bool {
    let Ok(key) = p384::ecdsa::VerifyingKey::from_sec1_bytes(point) else {
        return false;
    };
    let Ok(sig) = p384::ecdsa::Signature::from_der(signature) else {
        return false;
    };
    key.verify_prehash(digest, &sig).is_ok()
}

fn p521_verify(point: &[u8], digest: &[u8], signature: &[u8]) -> bool {
    let Ok(key) = p521::ecdsa::VerifyingKey::from_sec1_bytes(point) else {
        return false;
    };
    let Ok(sig) = p521::ecdsa::Signature::from_der(signature) else {
        return false;
    };
    key.verify_prehash(digest, &sig).is_ok()
}
