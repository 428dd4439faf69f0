//! ECDSA verification over a precomputed digest, on the four curves certkit knows.

use rsa::signature::hazmat::PrehashVerifier;

use super::Curve;

/// Verifies with the RustCrypto crate of one curve, whose field is `$size` octets.
macro_rules! verify_on {
    ($curve:ident, $size:literal, $point:expr, $digest:expr, $signature:expr) => {{
        let key = $curve::ecdsa::VerifyingKey::from_sec1_bytes($point).ok();
        let signature = fixed_size($signature, $size)
            .and_then(|bytes| $curve::ecdsa::Signature::from_slice(&bytes).ok());
        match (key, signature) {
            (Some(key), Some(signature)) => key
                .verify_prehash(&pad_prehash($digest, $size / 2), &signature)
                .is_ok(),
            _ => false,
        }
    }};
}

pub fn verify(curve: Curve, point: &[u8], digest: &[u8], signature: &[u8]) -> bool {
    match curve {
        Curve::P256 => verify_on!(p256, 32, point, digest, signature),
        Curve::P384 => verify_on!(p384, 48, point, digest, signature),
        Curve::P521 => verify_on!(p521, 66, point, digest, signature),
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

/// r ‖ s, each as `size` octets, from the strict DER signature: one reader (`sig_value`) for
/// every curve instead of the ecdsa crate's DER decoding instantiated per curve.
fn fixed_size(signature: &[u8], size: usize) -> Option<Vec<u8>> {
    let (r, s) = super::sig_value::scalars(signature, size)?;
    let mut out = vec![0u8; 2 * size];
    out.get_mut(size - r.len()..size)?.copy_from_slice(&r);
    out.get_mut(2 * size - s.len()..)?.copy_from_slice(&s);
    Some(out)
}

#[cfg(test)]
mod tests {
    use p256::ecdsa::signature::hazmat::PrehashSigner;
    use sha2::{Digest, Sha256};

    use super::*;

    /// The verdict the ecdsa crate's own DER reading gave, which `fixed_size` replaced.
    fn by_der(point: &[u8], digest: &[u8], signature: &[u8]) -> bool {
        let Ok(key) = p256::ecdsa::VerifyingKey::from_sec1_bytes(point) else {
            return false;
        };
        let Ok(sig) = p256::ecdsa::Signature::from_der(signature) else {
            return false;
        };
        key.verify_prehash(digest, &sig).is_ok()
    }

    #[test]
    fn the_shared_der_reader_agrees_with_the_ecdsa_crate() {
        let seed = Sha256::digest(b"certkit p256 key");
        let signer = p256::ecdsa::SigningKey::from_slice(&seed).unwrap();
        let point = signer
            .verifying_key()
            .to_sec1_point(false)
            .as_bytes()
            .to_vec();
        let order = hex::decode("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")
            .unwrap();
        for message in [b"a".as_slice(), b"certkit", b"ecdsa"] {
            let digest = Sha256::digest(message).to_vec();
            let signature: p256::ecdsa::Signature = signer.sign_prehash(&digest).unwrap();
            let der = signature.to_der().as_bytes().to_vec();
            let (r, s) = (
                signature.r().to_bytes().to_vec(),
                signature.s().to_bytes().to_vec(),
            );
            let mut long_form = vec![0x30, 0x81];
            long_form.extend_from_slice(&der[1..]);
            let mut padded_r = vec![0x30, der[1] + 1, 0x02, der[3] + 1, 0x00];
            padded_r.extend_from_slice(&der[4..]);
            let variants = [
                der.clone(),
                long_form,
                padded_r,
                [&der[..], &[0]].concat(),
                super::super::sig_value::encode(&s, &r),
                super::super::sig_value::encode(&[0], &s),
                super::super::sig_value::encode(&r, &order),
                super::super::sig_value::encode(&order, &s),
                super::super::sig_value::encode(&[&[1u8][..], &r].concat(), &s),
            ];
            for (index, variant) in variants.iter().enumerate() {
                let ours = verify(Curve::P256, &point, &digest, variant);
                assert_eq!(ours, by_der(&point, &digest, variant), "variant {index}");
                assert_eq!(ours, index == 0, "variant {index}");
            }
        }
    }
}
