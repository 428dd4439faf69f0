//! A sieve over odd candidates that skips multiples of the small primes, so that only likely
//! primes reach the costly primality test. Own code rather than crypto-primes' sieve: its
//! precomputed reciprocal table alone is 25 kB of the gzipped wasm, and the small primes here
//! are found at run time in microseconds.

use std::sync::OnceLock;

use crypto_bigint::{BoxedUint, Word};

/// Odd primes below this bound sieve the candidates (2,063 of them).
const SMALL_PRIME_BOUND: u32 = 18_000;
/// How far past its start a sieve looks before the caller draws a new start.
const MAX_OFFSET: u32 = 1 << 16;

/// Odd candidates `start, start + 2, ...` with no factor below `SMALL_PRIME_BOUND`.
pub struct PrimeSieve {
    start: BoxedUint,
    bits: u32,
    offset: u32,
    /// `(start + offset) mod p` for each small prime `p`.
    residues: Vec<u32>,
}

impl PrimeSieve {
    /// `start` must be odd; candidates keep its bit length.
    pub fn new(start: BoxedUint) -> Self {
        let bytes = start.to_be_bytes();
        let residues = small_primes()
            .iter()
            .map(|&p| bytes.iter().fold(0, |r, &b| (r << 8 | u32::from(b)) % p))
            .collect();
        let bits = start.bit_width_vartime();
        Self {
            start,
            bits,
            offset: 0,
            residues,
        }
    }

    /// The next candidate, or `None` once this window is used up.
    pub fn next_candidate(&mut self) -> Option<BoxedUint> {
        while self.offset < MAX_OFFSET {
            let clear = self.residues.iter().all(|&r| r != 0);
            let offset = self.offset;
            self.advance();
            if clear {
                let candidate = add_small(&self.start, offset);
                return (candidate.bit_width_vartime() == self.bits).then_some(candidate);
            }
        }
        None
    }

    /// Moves every residue two steps on (to the next odd number).
    fn advance(&mut self) {
        self.offset += 2;
        for (r, &p) in self.residues.iter_mut().zip(small_primes()) {
            *r += 2;
            if *r >= p {
                *r -= p;
            }
        }
    }
}

/// `value + small`, with the carry carried through the words.
fn add_small(value: &BoxedUint, small: u32) -> BoxedUint {
    let mut sum = value.clone();
    let mut carry = Word::from(small);
    for word in sum.as_mut_words() {
        let (next, overflow) = word.overflowing_add(carry);
        *word = next;
        carry = Word::from(overflow);
        if carry == 0 {
            break;
        }
    }
    sum
}

/// The odd primes below `SMALL_PRIME_BOUND` (sieve of Eratosthenes, once per process).
fn small_primes() -> &'static [u32] {
    static PRIMES: OnceLock<Vec<u32>> = OnceLock::new();
    PRIMES.get_or_init(|| {
        let bound = SMALL_PRIME_BOUND as usize;
        let mut composite = vec![false; bound];
        let mut primes = Vec::new();
        for n in (3..bound).step_by(2) {
            if composite[n] {
                continue;
            }
            primes.push(n as u32);
            for multiple in (n * n..bound).step_by(2 * n) {
                composite[multiple] = true;
            }
        }
        primes
    })
}

#[cfg(test)]
mod tests {
    use crypto_bigint::BitOps;

    use super::*;

    #[test]
    fn small_primes_are_the_odd_primes_below_the_bound() {
        let primes = small_primes();
        assert_eq!(&primes[..6], &[3, 5, 7, 11, 13, 17]);
        assert_eq!(primes.len(), 2_063); // π(18000) = 2064, less the prime 2
        assert!(
            primes
                .iter()
                .all(|&p| (2..p).take_while(|d| d * d <= p).all(|d| p % d != 0))
        );
    }

    #[test]
    fn candidates_have_no_small_factor_and_keep_their_length() {
        // 2^127 + 1 and onwards: candidates are odd, 128-bit, and coprime to every small prime.
        let mut start = BoxedUint::one_with_precision(128);
        start.set_bit_vartime(127, true);
        let mut sieve = PrimeSieve::new(start.clone());
        let mut previous = start;
        for _ in 0..50 {
            let candidate = sieve.next_candidate().unwrap();
            assert_eq!(candidate.bit_width_vartime(), 128);
            assert!(candidate >= previous);
            let bytes = candidate.to_be_bytes();
            for &p in small_primes() {
                assert_ne!(bytes.iter().fold(0, |r, &b| (r << 8 | u32::from(b)) % p), 0);
            }
            previous = candidate;
        }
    }

    #[test]
    fn carries_cross_words() {
        let mut value = BoxedUint::zero_with_precision(128);
        for bit in 0..64 {
            value.set_bit_vartime(bit, true);
        }
        let sum = add_small(&value, 1);
        assert!(sum.bit_vartime(64));
        assert_eq!(sum.bit_width_vartime(), 65);
    }
}
