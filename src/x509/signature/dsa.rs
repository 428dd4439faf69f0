//! DSA verification (FIPS 186-4 §4.7), for reading old certificates and CSRs; trust policy
//! refuses DSA in chains. Written over crypto-bigint's Montgomery `pow` and `mul`, the code RSA
//! verification links anyway: the dsa crate brought its own division and inversion, 7 kB of
//! `certkit/inspect`'s gzipped wasm. `tests` checks every answer against the dsa crate (a
//! dev-dependency); OpenSSL's DSA CSRs are checked in `tests/js`.

use crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams};
use crypto_bigint::{BoxedUint, Odd};

use super::{SignatureStatus, sig_value};
use crate::der::{self, TAG_INTEGER, Tlv};

/// The (L, N) sizes of FIPS 186-4 §4.2 that certkit checks, in bits of p and q.
const SIZES: [(usize, usize); 4] = [(1024, 160), (2048, 224), (2048, 256), (3072, 256)];

/// `parameters` is Dss-Parms `SEQUENCE { p, q, g }`, `key` the DER INTEGER y.
pub fn verify(
    parameters: &Tlv<'_>,
    key: &[u8],
    digest: &[u8],
    signature: &[u8],
) -> SignatureStatus {
    let Some(key) = DsaKey::read(parameters, key) else {
        return SignatureStatus::Invalid;
    };
    let Some((r, s)) = sig_value::scalars(signature, key.q_len) else {
        return SignatureStatus::Invalid;
    };
    SignatureStatus::from_valid(key.verifies(digest, &r, &s).unwrap_or(false))
}

struct DsaKey {
    q: BoxedMontyParams,
    /// q's Montgomery parameters at p's precision, to reduce a number below p mod q.
    q_wide: BoxedMontyParams,
    q_int: BoxedUint,
    /// q's length in octets.
    q_len: usize,
    g: BoxedMontyForm,
    y: BoxedMontyForm,
}

impl DsaKey {
    /// The key, when p and q have one of the FIPS sizes (each rounded up to 32 bits, as the dsa
    /// crate read them), p is odd, 0 < g < p (`magnitude` refuses 0), and y is in the order-q
    /// subgroup (y ≥ 2, y^q = 1).
    fn read(parameters: &Tlv<'_>, key: &[u8]) -> Option<Self> {
        let mut parts = parameters.children();
        let mut next = || magnitude(&parts.next_tlv()?.ok()?);
        let (p, q, g) = (next()?, next()?, next()?);
        let y = magnitude(&Tlv::read_exact(key).ok()?)?;
        let aligned = |bytes: &[u8]| bytes.len().div_ceil(4) * 32;
        let (p_bits, q_bits) = (aligned(&p), aligned(&q));
        if !SIZES.contains(&(p_bits, q_bits)) {
            return None;
        }
        let (p_bits, q_bits) = (p_bits as u32, q_bits as u32);
        let p_int = BoxedUint::from_be_slice(&p, p_bits).ok()?;
        let q_int = BoxedUint::from_be_slice(&q, q_bits).ok()?;
        let wide = |bytes: &[u8]| BoxedUint::from_be_slice(bytes, p_bits).ok();
        let (g_int, y_int) = (wide(&g)?, wide(&y)?);
        let two = wide(&[2])?;
        if g_int >= p_int || y_int < two || y_int >= p_int {
            return None;
        }
        let p_params = BoxedMontyParams::new_vartime(Option::from(Odd::new(p_int))?);
        let q_wide = BoxedMontyParams::new_vartime(Option::from(Odd::new(wide(&q)?))?);
        let q_params = BoxedMontyParams::new_vartime(Option::from(Odd::new(q_int.clone()))?);
        let y = BoxedMontyForm::new(y_int, &p_params);
        if y.pow(&q_int) != BoxedMontyForm::one(&p_params) {
            return None;
        }
        Some(Self {
            g: BoxedMontyForm::new(g_int, &p_params),
            y,
            q: q_params,
            q_wide,
            q_len: q.len(),
            q_int,
        })
    }

    /// FIPS 186-4 §4.7: 0 < r, s < q; w = s⁻¹; u1 = z·w, u2 = r·w mod q, with z the leftmost
    /// min(N, outlen) bits of the digest; valid when (g^u1 · y^u2 mod p) mod q = r.
    fn verifies(&self, digest: &[u8], r: &[u8], s: &[u8]) -> Option<bool> {
        let q_bits = self.q_int.bits_precision();
        let scalar = |bytes: &[u8]| BoxedUint::from_be_slice(bytes, q_bits).ok();
        let (r_int, s_int) = (scalar(r)?, scalar(s)?);
        let zero = scalar(&[])?;
        if r_int == zero || s_int == zero || r_int >= self.q_int || s_int >= self.q_int {
            return Some(false);
        }
        let z_len = (self.q_int.bit_width_vartime() / 8) as usize;
        let z = scalar(digest.get(..z_len).unwrap_or(digest))?;
        let modulo_q = |value: BoxedUint| BoxedMontyForm::new(value, &self.q);
        let q_minus_2 = self.q_int.wrapping_sub(&scalar(&[2])?);
        let w = modulo_q(s_int).pow(&q_minus_2);
        let u1 = modulo_q(z).mul(&w).retrieve();
        let u2 = modulo_q(r_int.clone()).mul(&w).retrieve();
        let v_mod_p = self.g.pow(&u1).mul(&self.y.pow(&u2)).retrieve();
        let v = BoxedMontyForm::new(v_mod_p, &self.q_wide).retrieve();
        Some(BoxedUint::from_be_slice(&v.to_be_bytes_trimmed_vartime(), q_bits).ok()? == r_int)
    }
}

/// A positive INTEGER's magnitude (no more than 3072 bits).
fn magnitude(tlv: &Tlv<'_>) -> Option<Vec<u8>> {
    if tlv.tag != TAG_INTEGER {
        return None;
    }
    let (negative, magnitude) = der::integer_magnitude(tlv.content);
    (!negative && !magnitude.is_empty() && magnitude.len() <= 384).then(|| magnitude.into_owned())
}

#[cfg(test)]
mod tests;
