//! The public half of a PKCS#1 RSAPrivateKey (RFC 8017 §A.1.2), checked against the private
//! half, for reading: `inspect`, key identifiers and PKCS#12 contents only need the public key.
//! Building the rsa crate's `PrivateKey` (what signing and export need) also precomputes its CRT
//! values and brings the crate's whole key validation: 17.3 kB gzip of `certkit/inspect`,
//! measured, in a module that never signs. The checks are the crate's, so that a key this reads
//! is one the whole package can sign with: two primes; n odd; e odd, 2 < e < 2^33 and e < n;
//! d < n; p and q odd, distinct, at least 3 and at most half of n's bits; p·q = n; and
//! d·e ≡ 1 mod (p − 1) and mod (q − 1). Like the crate, the stored CRT values are read but not
//! used (signing computes its own).

use crypto_bigint::{BoxedUint, ConcatenatingMul, Integer, NonZero};
use zeroize::Zeroizing;

use super::spki::rsa_spki;
use crate::der::{self, TAG_INTEGER, TAG_SEQUENCE};
use crate::error::{ErrorKind, Result};

/// The SubjectPublicKeyInfo of the key, or `INVALID_KEY` when it does not decode or its parts
/// do not belong together.
pub(super) fn public_key_spki(pkcs1: &[u8]) -> Result<Vec<u8>> {
    let parts = read_parts(pkcs1).ok_or_else(inconsistent)?;
    if !consistent(&parts) {
        return Err(inconsistent());
    }
    let mut public = der::encode(TAG_INTEGER, &der::unsigned_integer(parts.n));
    public.extend(der::encode(TAG_INTEGER, &der::unsigned_integer(parts.e)));
    Ok(rsa_spki(&der::encode(TAG_SEQUENCE, &public)))
}

/// The one message for an RSA private key that does not decode or hold together, here and when
/// the rsa crate builds a signing key.
#[cold]
pub(super) fn inconsistent() -> crate::Error {
    ErrorKind::InvalidKey {
        reason: "the RSA private key does not decode or is inconsistent".into(),
    }
    .into()
}

/// The magnitudes of the key's numbers, borrowed from its DER.
struct Parts<'a> {
    n: &'a [u8],
    e: &'a [u8],
    d: &'a [u8],
    p: &'a [u8],
    q: &'a [u8],
}

/// The nine INTEGERs of a two-prime key, each a non-negative number in its DER form, and
/// nothing after them, in strict DER as the crate reads it.
fn read_parts(pkcs1: &[u8]) -> Option<Parts<'_>> {
    let mut fields = der::UnsignedSequence::strict(pkcs1)?;
    let mut next = || fields.next_unsigned();
    // Version 0 is two-prime; 1 (multi-prime) is refused, as the rsa crate does.
    if !next()?.is_empty() {
        return None;
    }
    let (n, e, d, p, q) = (next()?, next()?, next()?, next()?, next()?);
    for _crt_value in 0..3 {
        next()?;
    }
    if !fields.is_empty() {
        return None;
    }
    Some(Parts { n, e, d, p, q })
}

/// The rsa crate's rules for a two-prime key (see the module's documentation).
fn consistent(parts: &Parts<'_>) -> bool {
    const MAX_EXPONENT: u64 = (1 << 33) - 1;
    let n = BoxedUint::from_be_slice_vartime(parts.n);
    let e = BoxedUint::from_be_slice_vartime(parts.e);
    let d: Zeroizing<BoxedUint> = Zeroizing::new(BoxedUint::from_be_slice_vartime(parts.d));
    let p: Zeroizing<BoxedUint> = Zeroizing::new(BoxedUint::from_be_slice_vartime(parts.p));
    let q: Zeroizing<BoxedUint> = Zeroizing::new(BoxedUint::from_be_slice_vartime(parts.q));
    let two = BoxedUint::from(2u64);
    let n_bits = n.bit_width_vartime();
    let prime_bits = n_bits.div_ceil(2);
    // e must be odd too, and p and q odd and above 2: the congruences and p·q = n with n odd
    // already ask that.
    let public_ok = n.is_odd().to_bool() && e > two && e <= BoxedUint::from(MAX_EXPONENT) && e < n;
    // d < n, and p·q = n below, also keep d, p and q within n's width, as the crate reads them.
    if !public_ok || *d >= n {
        return false;
    }
    let balanced = |prime: &BoxedUint| prime.bit_width() <= prime_bits;
    if !balanced(&p) || !balanced(&q) || *p == *q || p.concatenating_mul(&*q) != n {
        return false;
    }
    let de = Zeroizing::new(d.concatenating_mul(&e));
    [&*p, &*q].iter().all(|prime| {
        let Some(modulus) = NonZero::new(prime.wrapping_sub(BoxedUint::one())).into_option() else {
            return false;
        };
        de.rem(&modulus).is_one().to_bool()
    })
}

#[cfg(test)]
mod tests;
