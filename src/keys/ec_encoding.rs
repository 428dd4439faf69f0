//! EC private keys written from the scalar and the key's cached public key. The crates'
//! encoders derive the public key again, a scalar multiplication each time (as long as the
//! rest of making a P-256 key pair); the bytes are the same as theirs.

use zeroize::Zeroizing;

use super::{PrivateKey, internal};
use crate::der::{self, TAG_BIT_STRING, TAG_INTEGER, TAG_OCTET_STRING, TAG_SEQUENCE};
use crate::error::Result;
use crate::x509::spki_parts;

const TAG_PARAMETERS: u8 = 0xa0;
const TAG_PUBLIC_KEY: u8 = 0xa1;

/// Where an RFC 5915 ECPrivateKey goes. A SEC1 file names its curve inside the key; in PKCS#8
/// the algorithm identifier names it and the inner key leaves it out, as OpenSSL writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EcWrapping {
    Sec1,
    Pkcs8,
}

/// The DER of an EC private key in `wrapping`. The curve and the algorithm identifier come
/// from the key's own SubjectPublicKeyInfo, so nothing here knows curve OIDs.
pub(super) fn ec_private_key_der(
    key: &PrivateKey,
    wrapping: EcWrapping,
) -> Result<Zeroizing<Vec<u8>>> {
    let scalar = key
        .ec_scalar()
        .ok_or_else(|| internal("EC encoding of a non-EC key"))?;
    let spki = key.public_key_spki()?;
    let parts = spki_parts(&spki)?;
    let curve = parts
        .parameters
        .ok_or_else(|| internal("EC encoding without a named curve"))?
        .raw;
    let mut bits = Vec::with_capacity(parts.key.len() + 1);
    bits.push(0);
    bits.extend_from_slice(parts.key);
    let public_key = der::encode(TAG_PUBLIC_KEY, &der::encode(TAG_BIT_STRING, &bits));
    let private_key = Zeroizing::new(der::encode(TAG_OCTET_STRING, &scalar));

    // Sized up front so that no reallocation leaves a copy of the scalar behind.
    let mut fields = Zeroizing::new(Vec::with_capacity(
        3 + private_key.len() + curve.len() + 2 + public_key.len(),
    ));
    fields.extend(der::encode(TAG_INTEGER, &[1]));
    fields.extend_from_slice(&private_key);
    if wrapping == EcWrapping::Sec1 {
        fields.extend(der::encode(TAG_PARAMETERS, curve));
    }
    fields.extend(public_key);
    let ec_private_key = Zeroizing::new(der::encode(TAG_SEQUENCE, &fields));
    if wrapping == EcWrapping::Sec1 {
        return Ok(ec_private_key);
    }

    let wrapped = Zeroizing::new(der::encode(TAG_OCTET_STRING, &ec_private_key));
    let mut info = Zeroizing::new(Vec::with_capacity(
        3 + parts.algorithm.len() + wrapped.len(),
    ));
    info.extend(der::encode(TAG_INTEGER, &[0]));
    info.extend_from_slice(parts.algorithm);
    info.extend_from_slice(&wrapped);
    Ok(Zeroizing::new(der::encode(TAG_SEQUENCE, &info)))
}

#[cfg(test)]
mod tests {
    use getrandom::SysRng;
    use rand_core::UnwrapErr;
    use rsa::pkcs8::EncodePrivateKey;

    use super::*;
    use crate::keys::{KeySpec, Secret, generate_key};

    /// Byte for byte what p256/p384/p521 write, for keys made here and keys imported.
    #[test]
    fn same_bytes_as_the_crates_encoders() {
        let mut rng = UnwrapErr(SysRng);
        for curve in ["P-256", "P-384"] {
            for _ in 0..8 {
                let spec = KeySpec::Ecdsa {
                    named_curve: curve.into(),
                };
                let key = generate_key(spec, &mut rng).unwrap();
                let (pkcs8, sec1) = match &key.0 {
                    Secret::P256(k) => (k.to_pkcs8_der().unwrap(), k.to_sec1_der().unwrap()),
                    Secret::P384(k) => (k.to_pkcs8_der().unwrap(), k.to_sec1_der().unwrap()),
                    _ => unreachable!(),
                };
                let ours = |w| ec_private_key_der(&key, w).unwrap();
                assert_eq!(ours(EcWrapping::Pkcs8).as_slice(), pkcs8.as_bytes());
                assert_eq!(ours(EcWrapping::Sec1).as_slice(), sec1.as_slice());
            }
        }
        let mut scalar = [7u8; 66];
        scalar[0] = 1; // below the order, whose top byte is 0x01
        let p521 = p521::SecretKey::from_slice(&scalar).unwrap();
        let (pkcs8, sec1) = (p521.to_pkcs8_der().unwrap(), p521.to_sec1_der().unwrap());
        let key = PrivateKey::new(Secret::P521(p521));
        let ours = |w| ec_private_key_der(&key, w).unwrap();
        assert_eq!(ours(EcWrapping::Pkcs8).as_slice(), pkcs8.as_bytes());
        assert_eq!(ours(EcWrapping::Sec1).as_slice(), sec1.as_slice());
    }

    #[test]
    fn other_keys_are_not_ec() {
        let key = generate_key(KeySpec::Ed25519, &mut UnwrapErr(SysRng)).unwrap();
        assert!(ec_private_key_der(&key, EcWrapping::Pkcs8).is_err());
    }
}
