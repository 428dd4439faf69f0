//! The RFC 7292 PBE schemes: pbeWithSHA1And3-KeyTripleDES-CBC (read and written), 2-key 3DES
//! and RC2 (read), each keyed by the RFC 7292 derivation with SHA-1, in CBC mode.

use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockModeDecrypt, BlockModeEncrypt, InnerIvInit, KeyIvInit};
use rand_core::CryptoRng;
use zeroize::Zeroizing;

use super::{
    Hash, OID_PBE_SHA1_3DES, Passwords, Purpose, internal, pkcs12_kdf, too_costly_or_invalid,
    uint_content,
};
use crate::der::{self, TAG_INTEGER, TAG_OCTET_STRING, TAG_SEQUENCE, Tlv};
use crate::error::{Error, ErrorKind, Result};

/// pbeWithSHA1And3-KeyTripleDES-CBC, for readers that know nothing newer.
pub fn encrypt_3des(
    plain: &[u8],
    passwords: &Passwords,
    iterations: u32,
    rng: &mut (impl CryptoRng + ?Sized),
) -> Result<(Vec<u8>, Vec<u8>)> {
    let mut salt = [0u8; 8];
    rng.fill_bytes(&mut salt);
    let key = pkcs12_kdf(
        Hash::Sha1,
        &passwords.bmp,
        &salt,
        Purpose::Key,
        iterations,
        24,
    );
    let iv = pkcs12_kdf(
        Hash::Sha1,
        &passwords.bmp,
        &salt,
        Purpose::Iv,
        iterations,
        8,
    );
    let ciphertext = cbc::Encryptor::<des::TdesEde3>::new_from_slices(&key, &iv)
        .map_err(|_| internal("3DES key setup"))?
        .encrypt_padded_vec::<Pkcs7>(plain);
    let mut params = der::encode(TAG_OCTET_STRING, &salt);
    params.extend(der::encode(TAG_INTEGER, &uint_content(iterations)));
    let mut algorithm = der::oid_from_string(OID_PBE_SHA1_3DES).unwrap_or_default();
    algorithm.extend(der::encode(TAG_SEQUENCE, &params));
    Ok((der::encode(TAG_SEQUENCE, &algorithm), ciphertext))
}

#[derive(Clone, Copy)]
pub(super) enum Cipher {
    TripleDes3,
    TripleDes2,
    Rc2 { bits: usize },
}

pub(super) fn cbc_decrypt(
    cipher: Cipher,
    key: &[u8],
    iv: &[u8],
    ciphertext: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let mut buffer = Zeroizing::new(ciphertext.to_vec());
    let len = match cipher {
        Cipher::TripleDes3 => cbc::Decryptor::<des::TdesEde3>::new_from_slices(key, iv)
            .map_err(|_| internal("3DES key setup"))?
            .decrypt_padded::<Pkcs7>(&mut buffer)
            .map(<[u8]>::len),
        Cipher::TripleDes2 => cbc::Decryptor::<des::TdesEde2>::new_from_slices(key, iv)
            .map_err(|_| internal("3DES key setup"))?
            .decrypt_padded::<Pkcs7>(&mut buffer)
            .map(<[u8]>::len),
        Cipher::Rc2 { bits } => {
            let rc2 = rc2::Rc2::new_with_eff_key_len(key, bits);
            cbc::Decryptor::<rc2::Rc2>::inner_iv_slice_init(rc2, iv)
                .map_err(|_| internal("RC2 key setup"))?
                .decrypt_padded::<Pkcs7>(&mut buffer)
                .map(<[u8]>::len)
        }
    };
    // Bad padding: the key, so the passphrase, is wrong (or the data is corrupt).
    let len = len.map_err(|_| Error::new(ErrorKind::WrongPassphrase))?;
    buffer.truncate(len);
    Ok(buffer)
}

/// pkcs-12PbeParams: the salt and the iteration count.
pub(super) fn legacy_params<'a>(params: &Tlv<'a>) -> Result<(&'a [u8], u32)> {
    let seq = params.with_tag(TAG_SEQUENCE, "PBE parameters")?;
    let mut fields = seq.children();
    let salt = fields
        .required("salt")?
        .with_tag(TAG_OCTET_STRING, "a salt OCTET STRING")?;
    let iterations = fields
        .required("iterations")?
        .with_tag(TAG_INTEGER, "an iteration count")?;
    let iterations = der::small_uint(iterations.content)
        .and_then(|n| u32::try_from(n).ok())
        .filter(|&n| n >= 1)
        .ok_or_else(|| too_costly_or_invalid(iterations.content))?;
    Ok((salt.content, iterations))
}
