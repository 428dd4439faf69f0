//! EdDSA verification: Ed25519 (RFC 8032 via ed25519-dalek) and Ed448 (ed448-goldilocks).

use rsa::signature::Verifier;

pub fn verify_ed25519(key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    let Ok(key_bytes) = <[u8; 32]>::try_from(key) else {
        return false;
    };
    let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(&key_bytes) else {
        return false;
    };
    let Ok(sig) = ed25519_dalek::Signature::from_slice(signature) else {
        return false;
    };
    key.verify(message, &sig).is_ok()
}

pub fn verify_ed448(key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    let Ok(key_bytes) = <[u8; 57]>::try_from(key) else {
        return false;
    };
    let Ok(key) = ed448_goldilocks::VerifyingKey::from_bytes(&key_bytes) else {
        return false;
    };
    let Ok(sig) = ed448_goldilocks::Signature::from_slice(signature) else {
        return false;
    };
    key.verify(message, &sig).is_ok()
}
