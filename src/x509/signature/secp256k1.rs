//! ECDSA verification on secp256k1 (SEC 1 §4.1.4) with crypto-bigint's fixed-size Montgomery
//! arithmetic. k256's constant-time field, its point formulas and its square root's addition
//! chain were 66 kB of each wasm module (22 kB gzip) for a curve X.509 rarely sees. Verification
//! handles only public values, so variable time is fine here. It is slower: 1.5–2 ms per
//! signature in Node against k256's 0.5–0.7 ms (the heap-allocated `BoxedMontyForm` RSA uses was
//! 2 kB smaller and 2.4 ms). `tests` checks every answer against k256 (a dev-dependency);
//! OpenSSL's secp256k1 certificates and CSRs are checked in `tests/js`.

use crypto_bigint::modular::{FixedMontyForm, FixedMontyParams};
use crypto_bigint::{Odd, U256};

use super::sig_value;

type Fe = FixedMontyForm<{ U256::LIMBS }>;
type Params = FixedMontyParams<{ U256::LIMBS }>;
const P: &str = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F";
const N: &str = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141";
const GX: &str = "79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798";
const GY: &str = "483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8";
/// (p + 1) / 4: p ≡ 3 (mod 4), so a square's root is this power of it.
const SQRT_EXPONENT: &str = "3FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFBFFFFF0C";
/// p − 2 and n − 2: inverses by Fermat, with the `pow` RSA already links.
const P_MINUS_2: &str = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2D";
const N_MINUS_2: &str = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD036413F";

/// Whether `signature` (DER ECDSA-Sig-Value) over `digest` verifies with the SEC 1 `point`.
pub fn verify(point: &[u8], digest: &[u8], signature: &[u8]) -> bool {
    verify_checked(point, digest, signature).unwrap_or(false)
}

fn verify_checked(point: &[u8], digest: &[u8], signature: &[u8]) -> Option<bool> {
    let curve = &SECP256K1;
    let (r, s) = sig_value::scalars(signature, 32)?;
    let (r, s) = (uint(&r)?, uint(&s)?);
    let in_range = |v: &U256| *v != U256::ZERO && v < &curve.n_int;
    if !in_range(&r) || !in_range(&s) {
        return Some(false);
    }
    let q = curve.public_point(point)?;
    // bits2int: the leftmost 256 bits of the digest; `Fe::new` reduces it mod n.
    let leftmost = digest.get(..32).unwrap_or(digest);
    let e = Fe::new(&uint(leftmost)?, &curve.n);
    let w = Fe::new(&s, &curve.n).pow_vartime(&curve.n_minus_2);
    let u1 = e.mul(&w).retrieve();
    let u2 = Fe::new(&r, &curve.n).mul(&w).retrieve();
    let Some(sum) = curve.shamir(&u1, &curve.generator, &u2, &q) else {
        return Some(false);
    };
    let x = curve.affine_x(&sum);
    // x < p < 2n, so one subtraction reduces it mod n.
    let v = if x >= curve.n_int {
        x.wrapping_sub(&curve.n_int)
    } else {
        x
    };
    Some(v == r)
}

/// A big-endian number of at most 32 bytes.
fn uint(bytes: &[u8]) -> Option<U256> {
    let mut padded = [0u8; 32];
    padded
        .get_mut(32usize.checked_sub(bytes.len())?..)?
        .copy_from_slice(bytes);
    Some(U256::from_be_slice(&padded))
}

fn is_zero(value: &Fe) -> bool {
    // Zero's Montgomery form is zero; the forms are kept reduced.
    *value.as_montgomery() == U256::ZERO
}

fn is_odd(value: &Fe) -> bool {
    value.retrieve().as_words()[0] & 1 == 1
}

/// A point in Jacobian coordinates (x = X/Z², y = Y/Z³); the point at infinity is `None`.
#[derive(Clone)]
struct Point {
    x: Fe,
    y: Fe,
    z: Fe,
}

struct Curve {
    p: Params,
    n: Params,
    p_int: U256,
    n_int: U256,
    generator: Point,
    seven: Fe,
    sqrt_exponent: U256,
    p_minus_2: U256,
    n_minus_2: U256,
}

/// Made at compile time: `new_vartime` at run time was 7 kB of wasm.
const P_PARAMS: Params = Params::new_vartime(Odd::<U256>::from_be_hex(P));
const N_PARAMS: Params = Params::new_vartime(Odd::<U256>::from_be_hex(N));

const SECP256K1: Curve = Curve {
    p: P_PARAMS,
    n: N_PARAMS,
    p_int: U256::from_be_hex(P),
    n_int: U256::from_be_hex(N),
    generator: Point {
        x: Fe::new(&U256::from_be_hex(GX), &P_PARAMS),
        y: Fe::new(&U256::from_be_hex(GY), &P_PARAMS),
        z: Fe::one(&P_PARAMS),
    },
    seven: Fe::new(&U256::from_u8(7), &P_PARAMS),
    sqrt_exponent: U256::from_be_hex(SQRT_EXPONENT),
    p_minus_2: U256::from_be_hex(P_MINUS_2),
    n_minus_2: U256::from_be_hex(N_MINUS_2),
};

impl Curve {
    fn element(&self, value: &U256) -> Fe {
        Fe::new(value, &self.p)
    }

    fn affine(&self, x: Fe, y: Fe) -> Point {
        Point {
            x,
            y,
            z: Fe::one(&self.p),
        }
    }

    /// x³ + 7, the right side of the curve's equation.
    fn right_side(&self, x: &Fe) -> Fe {
        x.square().mul(x).add(&self.seven)
    }

    /// A SEC 1 public key (uncompressed `04 x y` or compressed `02|03 x`) on the curve.
    fn public_point(&self, encoded: &[u8]) -> Option<Point> {
        let coordinate = |bytes: &[u8]| {
            let value = uint(bytes)?;
            (value < self.p_int).then(|| self.element(&value))
        };
        match encoded {
            [0x04, rest @ ..] if rest.len() == 64 => {
                let (x, y) = (coordinate(&rest[..32])?, coordinate(&rest[32..])?);
                let on_curve = is_zero(&y.square().sub(&self.right_side(&x)));
                on_curve.then(|| self.affine(x, y))
            }
            [tag @ (0x02 | 0x03), rest @ ..] if rest.len() == 32 => {
                let x = coordinate(rest)?;
                let alpha = self.right_side(&x);
                let root = alpha.pow_vartime(&self.sqrt_exponent);
                if !is_zero(&root.square().sub(&alpha)) {
                    return None;
                }
                let odd = is_odd(&root);
                let y = if odd == (*tag == 0x03) {
                    root
                } else {
                    root.neg()
                };
                (is_odd(&y) == (*tag == 0x03)).then(|| self.affine(x, y))
            }
            _ => None,
        }
    }

    /// u1·g + u2·q, one doubling per bit for both (Shamir's trick).
    fn shamir(&self, u1: &U256, g: &Point, u2: &U256, q: &Point) -> Option<Point> {
        let both = self.add(g, q);
        let (b1, b2) = (u1.to_be_bytes(), u2.to_be_bytes());
        let mut acc: Option<Point> = None;
        for (byte1, byte2) in b1.iter().zip(b2.iter()) {
            for bit in (0..8).rev() {
                acc = acc.and_then(|a| self.double(&a));
                let addend = match ((byte1 >> bit) & 1, (byte2 >> bit) & 1) {
                    (0, 0) => continue,
                    (1, 0) => Some(g),
                    (0, _) => Some(q),
                    _ => both.as_ref(),
                };
                acc = match (acc, addend) {
                    (None, addend) => addend.cloned(),
                    (acc, None) => acc,
                    (Some(a), Some(b)) => self.add(&a, b),
                };
            }
        }
        acc
    }

    /// 2·a (dbl-2009-l, a = 0).
    fn double(&self, a: &Point) -> Option<Point> {
        if is_zero(&a.y) {
            return None;
        }
        let xx = a.x.square();
        let yy = a.y.square();
        let yyyy = yy.square();
        let d = a.x.add(&yy).square().sub(&xx).sub(&yyyy).double();
        let e = xx.double().add(&xx);
        let x = e.square().sub(&d.double());
        let eight_yyyy = yyyy.double().double().double();
        let y = e.mul(&d.sub(&x)).sub(&eight_yyyy);
        let z = a.y.mul(&a.z).double();
        Some(Point { x, y, z })
    }

    /// a + b (add-2007-bl without its shortcuts), the doubling when they are one point.
    fn add(&self, a: &Point, b: &Point) -> Option<Point> {
        let z1z1 = a.z.square();
        let z2z2 = b.z.square();
        let u1 = a.x.mul(&z2z2);
        let u2 = b.x.mul(&z1z1);
        let s1 = a.y.mul(&b.z).mul(&z2z2);
        let s2 = b.y.mul(&a.z).mul(&z1z1);
        let h = u2.sub(&u1);
        let r = s2.sub(&s1);
        if is_zero(&h) {
            return if is_zero(&r) { self.double(a) } else { None };
        }
        let hh = h.square();
        let hhh = h.mul(&hh);
        let v = u1.mul(&hh);
        let x = r.square().sub(&hhh).sub(&v.double());
        let y = r.mul(&v.sub(&x)).sub(&s1.mul(&hhh));
        let z = a.z.mul(&b.z).mul(&h);
        Some(Point { x, y, z })
    }

    /// The affine x of a finite point, as an integer below p.
    fn affine_x(&self, point: &Point) -> U256 {
        let z_inverse_squared = point.z.square().pow_vartime(&self.p_minus_2);
        point.x.mul(&z_inverse_squared).retrieve()
    }
}

#[cfg(test)]
mod tests;
