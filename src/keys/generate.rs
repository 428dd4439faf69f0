//! Making new keys. RSA key generation is split into steps (one prime-search window each), so
//! that a caller can report progress and stop between steps.

use crypto_bigint::{BitOps, BoxedUint, RandomBits};
use crypto_primes::{Flavor, is_prime};
use ed25519_dalek::SigningKey as Ed25519SigningKey;
use rand_core::CryptoRng;
use rsa::Generate;
use rsa::traits::PublicKeyParts;
use serde::Deserialize;
use zeroize::Zeroize;

use super::offered::rsa_size_offered;
use super::prime_sieve::PrimeSieve;
use super::{PrivateKey, Secret};
use crate::error::{ErrorKind, Result};

/// What key to make, as the API's options spell it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "algorithm", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum KeySpec {
    #[serde(rename = "RSA", rename_all = "camelCase")]
    Rsa {
        /// 2048 (default), 3072 or 4096 bits; the public exponent is 65537.
        #[serde(default = "default_modulus")]
        modulus_length: u32,
    },
    /// `P-256` or `P-384`.
    #[serde(rename = "ECDSA", rename_all = "camelCase")]
    Ecdsa { named_curve: String },
    #[serde(rename = "Ed25519")]
    Ed25519,
}

fn default_modulus() -> u32 {
    2048
}

/// Makes a key at once (RSA included: use [`RsaGenerator`] to report progress).
pub fn generate_key(spec: KeySpec, rng: &mut (impl CryptoRng + ?Sized)) -> Result<PrivateKey> {
    match spec {
        KeySpec::Rsa { modulus_length } => {
            let mut generator = RsaGenerator::new(modulus_length)?;
            loop {
                if let Some(key) = generator.step(rng)? {
                    return Ok(key);
                }
            }
        }
        KeySpec::Ecdsa { named_curve } => match named_curve.as_str() {
            "P-256" => Ok(PrivateKey::new(Secret::P256(
                p256::SecretKey::generate_from_rng(rng),
            ))),
            "P-384" => Ok(PrivateKey::new(Secret::P384(
                p384::SecretKey::generate_from_rng(rng),
            ))),
            other => Err(ErrorKind::UnsupportedCurve {
                curve: other.chars().take(40).collect(),
            }
            .into()),
        },
        KeySpec::Ed25519 => Ok(PrivateKey::new(Secret::Ed25519(Box::new(
            Ed25519SigningKey::generate(rng),
        )))),
    }
}

/// Candidates tested per step: a few tens of milliseconds even for 4096-bit keys in wasm.
const CANDIDATES_PER_STEP: u32 = 4;

/// RSA key generation in steps: each step tests a few prime candidates from a sieve.
pub struct RsaGenerator {
    prime_bits: u32,
    modulus_bits: u32,
    primes: Vec<BoxedUint>,
    sieve: Option<PrimeSieve>,
    attempts: u32,
}

impl RsaGenerator {
    pub fn new(modulus_bits: u32) -> Result<Self> {
        if !rsa_size_offered(modulus_bits) {
            let kind = if modulus_bits < 2048 {
                ErrorKind::RsaKeyTooSmall { bits: modulus_bits }
            } else {
                ErrorKind::UnsupportedKeySize { bits: modulus_bits }
            };
            return Err(kind.into());
        }
        Ok(Self {
            prime_bits: modulus_bits / 2,
            modulus_bits,
            primes: Vec::new(),
            sieve: None,
            attempts: 0,
        })
    }

    /// Primes found so far (0, 1 or 2) and candidates tested.
    pub fn progress(&self) -> (usize, u32) {
        (self.primes.len(), self.attempts)
    }

    /// Tests a few candidates; returns the key once both primes are found.
    pub fn step(&mut self, rng: &mut (impl CryptoRng + ?Sized)) -> Result<Option<PrivateKey>> {
        if let Some(prime) = self.search(rng) {
            // Distinct primes far apart (FIPS 186-5 B.3.3): the top 100 bits must differ.
            let distinct = self
                .primes
                .first()
                .is_none_or(|p| top_bits_differ(p, &prime, self.prime_bits));
            if distinct {
                self.primes.push(prime);
            }
        }
        if self.primes.len() < 2 {
            return Ok(None);
        }
        let q = self.primes.pop().unwrap_or_default();
        let p = self.primes.pop().unwrap_or_default();
        match rsa::PrivateKey::from_p_q(p, q, BoxedUint::from(65_537u64)) {
            Ok(key) if key.as_public_key().n().bit_width_vartime() == self.modulus_bits => {
                Ok(Some(PrivateKey::new(Secret::Rsa(Box::new(key)))))
            }
            // e shares a factor with p-1 or q-1 (rare): start over with new primes.
            _ => Ok(None),
        }
    }
}

impl RsaGenerator {
    /// The next prime among a few candidates, starting a new sieve when one runs dry.
    fn search(&mut self, rng: &mut (impl CryptoRng + ?Sized)) -> Option<BoxedUint> {
        for _ in 0..CANDIDATES_PER_STEP {
            let sieve = match &mut self.sieve {
                Some(sieve) => sieve,
                None => self.sieve.insert(new_sieve(rng, self.prime_bits)),
            };
            let Some(candidate) = sieve.next_candidate() else {
                self.sieve = None;
                continue;
            };
            self.attempts += 1;
            if is_prime(Flavor::Any, &candidate) {
                self.sieve = None;
                return Some(candidate);
            }
        }
        None
    }
}

impl Drop for RsaGenerator {
    fn drop(&mut self) {
        for prime in &mut self.primes {
            prime.zeroize();
        }
    }
}

/// A sieve from a random odd start with the top two bits set, as the rsa crate does.
fn new_sieve(rng: &mut (impl CryptoRng + ?Sized), bits: u32) -> PrimeSieve {
    let mut start = BoxedUint::random_bits(rng, bits);
    start.set_bit_vartime(0, true);
    start.set_bit_vartime(bits - 1, true);
    start.set_bit_vartime(bits - 2, true);
    PrimeSieve::new(start)
}

fn top_bits_differ(a: &BoxedUint, b: &BoxedUint, bits: u32) -> bool {
    let shift = bits.saturating_sub(100);
    a.shr_vartime(shift) != b.shr_vartime(shift)
}

#[cfg(test)]
mod tests {
    use super::*;
    use getrandom::SysRng;
    use rand_core::UnwrapErr;

    #[test]
    fn every_kind_generates() {
        let mut rng = UnwrapErr(SysRng);
        for spec in [
            KeySpec::Ecdsa {
                named_curve: "P-256".into(),
            },
            KeySpec::Ecdsa {
                named_curve: "P-384".into(),
            },
            KeySpec::Ed25519,
            KeySpec::Rsa {
                modulus_length: 2048,
            },
        ] {
            let key = generate_key(spec.clone(), &mut rng).unwrap();
            assert!(!key.public_key_spki().unwrap().is_empty());
        }
    }

    #[test]
    fn unknown_curves_are_refused() {
        let spec = KeySpec::Ecdsa {
            named_curve: "secp256k1".into(),
        };
        assert_eq!(
            generate_key(spec, &mut UnwrapErr(SysRng))
                .unwrap_err()
                .code(),
            "UNSUPPORTED_CURVE"
        );
    }

    #[test]
    fn rsa_sizes_are_checked() {
        assert_eq!(
            RsaGenerator::new(1024).err().map(|e| e.code()),
            Some("RSA_KEY_TOO_SMALL")
        );
        assert_eq!(
            RsaGenerator::new(2047).err().map(|e| e.code()),
            Some("RSA_KEY_TOO_SMALL")
        );
        assert_eq!(
            RsaGenerator::new(8192).err().map(|e| e.code()),
            Some("UNSUPPORTED_KEY_SIZE")
        );
    }
}
