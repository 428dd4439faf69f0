//! Keys: import from every common format, the public key of anything that has one, and (with
//! `generate`, `export`, `sign`) making and using keys.
//!
//! Private key material lives only inside [`PrivateKey`], whose parts zeroize on drop, and
//! never appears in errors or `Debug` output.

#[cfg(feature = "full")]
mod ec_encoding;
#[cfg(feature = "full")]
mod export;
#[cfg(feature = "full")]
mod generate;
mod import;
mod jwk;
#[cfg(feature = "full")]
mod offered;
#[cfg(feature = "full")]
mod pair;
#[cfg(feature = "full")]
mod prime_sieve;
mod rsa_private;
#[cfg(feature = "full")]
mod sign;
mod spki;

#[cfg(feature = "full")]
pub use export::{
    DEFAULT_PBKDF2_ITERATIONS, ExportPrivateKeyOptions, Exported, PrivateKeyFormat,
    PublicKeyFormat, export_private_key, export_public_key, pkcs8_der,
};
#[cfg(feature = "full")]
pub use generate::{KeySpec, RsaGenerator, generate_key};
pub(crate) use import::{MAX_PBKDF2_ITERATIONS, check_key_derivation_cost};
pub use import::{
    parse_private_key, private_key_from_der, private_key_spki, private_key_text_spki,
    public_key_spki,
};
pub use jwk::{Jwk, private_jwk, public_jwk};
#[cfg(feature = "full")]
pub use offered::{OFFERED_KEYS, OfferedKey};
#[cfg(feature = "full")]
pub use pair::{KeyPair, key_pair};
#[cfg(feature = "full")]
pub use sign::KeySigner;
pub use spki::rsa_spki;

use std::fmt;

/// A passphrase from an options object, zeroized when dropped.
#[derive(Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(transparent)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(type = "string"))]
pub struct Passphrase(zeroize::Zeroizing<String>);

impl Passphrase {
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(redacted)")
    }
}

/// A private key of an algorithm certkit can use. Its public key is derived once, on first
/// use: for ECDSA that is a scalar multiplication, the dominant cost of making a CSR.
pub struct PrivateKey(pub(crate) Secret, std::cell::OnceCell<Vec<u8>>);

/// The key material itself. Each type zeroizes its memory when dropped.
pub(crate) enum Secret {
    Rsa(Box<rsa::PrivateKey>),
    P256(p256::SecretKey),
    P384(p384::SecretKey),
    P521(p521::SecretKey),
    Ed25519(Box<ed25519_dalek::SigningKey>),
}

impl PrivateKey {
    /// `RSA`, `ECDSA` or `Ed25519`, as WebCrypto names them.
    pub fn algorithm(&self) -> &'static str {
        match &self.0 {
            Secret::Rsa(_) => "RSA",
            Secret::P256(_) | Secret::P384(_) | Secret::P521(_) => "ECDSA",
            Secret::Ed25519(_) => "Ed25519",
        }
    }

    pub(crate) fn new(secret: Secret) -> Self {
        Self(secret, std::cell::OnceCell::new())
    }

    /// The private scalar of an EC key, big-endian at the curve's size; `None` for other keys.
    pub(crate) fn ec_scalar(&self) -> Option<zeroize::Zeroizing<Vec<u8>>> {
        let bytes = match &self.0 {
            Secret::P256(k) => k.to_bytes().to_vec(),
            Secret::P384(k) => k.to_bytes().to_vec(),
            Secret::P521(k) => k.to_bytes().to_vec(),
            Secret::Rsa(_) | Secret::Ed25519(_) => return None,
        };
        Some(zeroize::Zeroizing::new(bytes))
    }

    /// The SubjectPublicKeyInfo of the matching public key, DER.
    pub fn public_key_spki(&self) -> crate::Result<Vec<u8>> {
        if let Some(spki) = self.1.get() {
            return Ok(spki.clone());
        }
        let spki = self.derive_public_key_spki()?;
        Ok(self.1.get_or_init(|| spki).clone())
    }

    fn derive_public_key_spki(&self) -> crate::Result<Vec<u8>> {
        use rsa::pkcs8::EncodePublicKey;
        let der = match &self.0 {
            Secret::Rsa(key) => key.to_public_key().to_public_key_der(),
            Secret::P256(key) => key.public_key().to_public_key_der(),
            Secret::P384(key) => key.public_key().to_public_key_der(),
            Secret::P521(key) => key.public_key().to_public_key_der(),
            Secret::Ed25519(key) => key.verifying_key().to_public_key_der(),
        };
        der.map(|d| d.into_vec()).map_err(|e| {
            crate::ErrorKind::Internal {
                reason: format!("encoding a public key: {e}"),
            }
            .into()
        })
    }
}

/// An encoder failing on a key certkit made or read: a bug, never the caller's input.
#[cold]
fn internal(what: &str) -> crate::Error {
    crate::ErrorKind::Internal {
        reason: format!("{what} failed"),
    }
    .into()
}

impl fmt::Debug for PrivateKey {
    /// Names the algorithm only: key material never reaches logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PrivateKey({}, redacted)", self.algorithm())
    }
}

#[cfg(test)]
mod tests {
    use getrandom::SysRng;
    use rand_core::UnwrapErr;

    use super::*;

    fn sample_keys() -> Vec<PrivateKey> {
        let mut rng = UnwrapErr(SysRng);
        let specs = [
            KeySpec::Ecdsa {
                named_curve: "P-256".into(),
            },
            KeySpec::Ecdsa {
                named_curve: "P-384".into(),
            },
            KeySpec::Ed25519,
        ];
        specs
            .into_iter()
            .map(|spec| generate_key(spec, &mut rng).unwrap())
            .collect()
    }

    #[test]
    fn debug_output_never_shows_key_material() {
        for key in sample_keys() {
            let der = pkcs8_der(&key).unwrap();
            let shown = format!("{key:?}");
            assert!(shown.contains("redacted"));
            assert!(!shown.contains(&hex::encode(&der[der.len() - 16..])));
        }
        let passphrase: Passphrase = serde_json::from_str("\"hunter2\"").unwrap();
        assert!(!format!("{passphrase:?}").contains("hunter2"));
    }

    /// Compiles only if every holder of private key material wipes it when dropped.
    #[test]
    fn every_holder_of_key_material_is_zeroized_on_drop() {
        fn wiped_on_drop<T: zeroize::ZeroizeOnDrop + ?Sized>() {}
        wiped_on_drop::<rsa::PrivateKey>();
        wiped_on_drop::<p256::SecretKey>();
        wiped_on_drop::<p384::SecretKey>();
        wiped_on_drop::<p521::SecretKey>();
        wiped_on_drop::<ed25519_dalek::SigningKey>();
        wiped_on_drop::<zeroize::Zeroizing<String>>(); // Passphrase
        wiped_on_drop::<KeyPair>();
        wiped_on_drop::<Jwk>();
        wiped_on_drop::<crate::encoding::InputData>();
        wiped_on_drop::<zeroize::Zeroizing<Vec<u8>>>(); // Block::der, decoded base64, Exported
    }

    /// Reading takes an RSA key's public half without building its signing key
    /// (`rsa_private`): in every form a key is exported in, what reading finds is the public key
    /// the signing key derives, and what `parse_private_key` finds too.
    #[test]
    fn the_public_half_read_is_the_signing_keys_in_every_form() {
        let mut rng = UnwrapErr(SysRng);
        let mut keys = sample_keys();
        let rsa = KeySpec::Rsa {
            modulus_length: 2048,
        };
        keys.push(generate_key(rsa, &mut rng).unwrap());
        let passphrase: Passphrase = serde_json::from_str("\"correct horse\"").unwrap();
        for key in keys {
            let expected = key.public_key_spki().unwrap();
            let forms = [
                (PrivateKeyFormat::Pkcs8, None),
                (PrivateKeyFormat::Pkcs8, Some(passphrase.clone())),
                (PrivateKeyFormat::Der, None),
                (PrivateKeyFormat::Pkcs1, None),
                (PrivateKeyFormat::Sec1, None),
                (PrivateKeyFormat::Jwk, None),
            ];
            let mut read = 0;
            for (format, passphrase) in forms {
                let options = ExportPrivateKeyOptions {
                    format,
                    passphrase: passphrase.clone(),
                    iterations: Some(1_000),
                };
                // PKCS#1 is for RSA keys only, SEC 1 for EC keys only.
                let Ok(exported) = export_private_key(&key, &options, &mut rng) else {
                    continue;
                };
                let bytes = match exported {
                    Exported::Text(text) => text.as_bytes().to_vec(),
                    Exported::Bytes(bytes) => bytes.to_vec(),
                };
                let secret = passphrase.as_ref().map(Passphrase::as_bytes);
                let half = if format == PrivateKeyFormat::Jwk {
                    public_key_spki(&bytes).unwrap()
                } else {
                    private_key_text_spki(&bytes, secret).unwrap()
                };
                assert_eq!(half, expected, "{} as {format:?}", key.algorithm());
                let parsed = parse_private_key(&bytes, secret).unwrap();
                assert_eq!(parsed.public_key_spki().unwrap(), expected);
                read += 1;
            }
            assert!(read >= 4, "{}: {read} forms", key.algorithm());
        }
    }

    #[test]
    fn errors_about_broken_private_keys_never_quote_them() {
        for key in sample_keys() {
            let der = pkcs8_der(&key).unwrap();
            for cut in [der.len() - 1, der.len() / 2] {
                let mut broken = der[..cut].to_vec();
                broken.extend([0u8; 3]);
                let pem = crate::encoding::pem_encode("PRIVATE KEY", &broken);
                let error = parse_private_key(pem.as_bytes(), None).unwrap_err();
                let everything = format!(
                    "{error} {error:?} {}",
                    serde_json::to_string(&error.all_problems()).unwrap()
                );
                let body: String = pem.lines().nth(1).unwrap().chars().take(24).collect();
                assert!(!everything.contains(&body), "{everything}");
                assert!(!everything.contains(&hex::encode(&der[der.len() - 8..])));
            }
        }
        let jwk = r#"{"kty":"EC","crv":"P-256","d":"not-a-secret-but-quoted?","x":1}"#;
        let error = parse_private_key(jwk.as_bytes(), None).unwrap_err();
        assert!(!error.to_string().contains("not-a-secret"));
    }
}
