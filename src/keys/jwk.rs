//! JSON Web Keys (RFC 7517/7518; OKP for Ed25519 per RFC 8037), in and out. RSA keys travel
//! through their PKCS#1 encoding, EC and Ed25519 keys through their raw scalars and points.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rsa::pkcs1::EncodeRsaPrivateKey;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::import::ReadKey;
use super::spki::rsa_spki;
use super::{PrivateKey, Secret, internal};
use crate::der::{self, TAG_INTEGER, TAG_SEQUENCE, Tlv};
use crate::error::{Error, ErrorKind, Result};

/// A JSON Web Key. Private members are zeroized when the value is dropped.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Jwk {
    /// `RSA`, `EC` or `OKP`.
    pub kty: String,
    /// `P-256`, `P-384`, `P-521` (EC) or `Ed25519` (OKP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crv: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub d: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dp: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dq: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qi: Option<String>,
    /// Members certkit does not use (`kid`, `alg`, `use`, `key_ops`, `ext`) are accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    #[serde(default, rename = "use", skip_serializing_if = "Option::is_none")]
    pub use_: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_ops: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ext: Option<bool>,
}

/// Public members as they are; private members only as `redacted`.
impl std::fmt::Debug for Jwk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let redacted = |member: &Option<String>| member.as_ref().map(|_| "redacted");
        f.debug_struct("Jwk")
            .field("kty", &self.kty)
            .field("crv", &self.crv)
            .field("n", &self.n)
            .field("e", &self.e)
            .field("x", &self.x)
            .field("y", &self.y)
            .field("d", &redacted(&self.d))
            .field("p", &redacted(&self.p))
            .field("q", &redacted(&self.q))
            .field("dp", &redacted(&self.dp))
            .field("dq", &redacted(&self.dq))
            .field("qi", &redacted(&self.qi))
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

impl Jwk {
    fn of_type(kty: &str, crv: Option<&str>) -> Self {
        let mut jwk = Self::default();
        jwk.kty = kty.to_owned();
        jwk.crv = crv.map(str::to_owned);
        jwk
    }
}

/// The private JWK of a key.
pub fn private_jwk(key: &PrivateKey) -> Result<Jwk> {
    let mut jwk = public_jwk(&key.public_key_spki()?)?;
    match &key.0 {
        Secret::Rsa(rsa_key) => {
            let der = rsa_key
                .to_pkcs1_der()
                .map_err(|_| internal("PKCS#1 encoding"))?;
            let ints = integers(der.as_bytes())?;
            let [_, _, _, d, p, q, dp, dq, qi] = ints.as_slice() else {
                return Err(internal("PKCS#1 layout"));
            };
            jwk.d = Some(b64(d));
            jwk.p = Some(b64(p));
            jwk.q = Some(b64(q));
            jwk.dp = Some(b64(dp));
            jwk.dq = Some(b64(dq));
            jwk.qi = Some(b64(qi));
        }
        Secret::P256(_) | Secret::P384(_) | Secret::P521(_) => {
            jwk.d = key.ec_scalar().map(|scalar| b64(&scalar));
        }
        Secret::Ed25519(k) => jwk.d = Some(b64(&Zeroizing::new(k.to_bytes().to_vec()))),
    }
    Ok(jwk)
}

/// The public JWK of a SubjectPublicKeyInfo.
pub fn public_jwk(spki: &[u8]) -> Result<Jwk> {
    let info = crate::x509::describe_spki(spki)?;
    let parts = crate::x509::spki_parts(spki)?;
    match (info.algorithm, info.curve.as_deref()) {
        ("rsa", _) => {
            let ints = integers(parts.key)?;
            let [n, e] = ints.as_slice() else {
                return Err(internal("RSAPublicKey layout"));
            };
            let mut jwk = Jwk::of_type("RSA", None);
            jwk.n = Some(b64(n));
            jwk.e = Some(b64(e));
            Ok(jwk)
        }
        ("ec", Some(curve @ ("P-256" | "P-384" | "P-521"))) => {
            let (x, y) = match parts.key.split_first() {
                Some((4, xy)) if xy.len() % 2 == 0 => xy.split_at(xy.len() / 2),
                _ => {
                    return Err(ErrorKind::InvalidKey {
                        reason: "the EC point is not uncompressed".into(),
                    }
                    .into());
                }
            };
            let mut jwk = Jwk::of_type("EC", Some(curve));
            jwk.x = Some(b64(x));
            jwk.y = Some(b64(y));
            Ok(jwk)
        }
        ("ed25519", _) => {
            let mut jwk = Jwk::of_type("OKP", Some("Ed25519"));
            jwk.x = Some(b64(parts.key));
            Ok(jwk)
        }
        (algorithm, _) => Err(ErrorKind::UnsupportedKeyAlgorithm {
            algorithm: algorithm.to_owned(),
        }
        .into()),
    }
}

/// A member's bytes, base64url-decoded into memory that is wiped when dropped.
fn secret_member(member: &Option<String>, name: &str) -> Result<Zeroizing<Vec<u8>>> {
    let text = member.as_deref().ok_or_else(|| missing(name))?;
    URL_SAFE_NO_PAD
        .decode(text.trim_end_matches('='))
        .map(Zeroizing::new)
        .map_err(|_| bad_member(name))
}

/// The PKCS#1 RSAPrivateKey an RSA JWK's members spell.
fn rsa_pkcs1(jwk: &Jwk) -> Result<Zeroizing<Vec<u8>>> {
    let members = [
        ("n", &jwk.n),
        ("e", &jwk.e),
        ("d", &jwk.d),
        ("p", &jwk.p),
        ("q", &jwk.q),
        ("dp", &jwk.dp),
        ("dq", &jwk.dq),
        ("qi", &jwk.qi),
    ];
    let mut elements = vec![secret_integer(&[0])]; // version 0: two primes
    for (name, member) in members {
        elements.push(secret_integer(&secret_member(member, name)?));
    }
    // Sized once: growing it would leave copies of the key in freed memory.
    let mut content = Zeroizing::new(Vec::with_capacity(elements.iter().map(|e| e.len()).sum()));
    for element in &elements {
        content.extend_from_slice(element);
    }
    Ok(Zeroizing::new(der::encode(TAG_SEQUENCE, &content)))
}

/// A private key from its JWK.
pub fn private_key_from_jwk(jwk: &Jwk) -> Result<PrivateKey> {
    let (key, _) = read_private_jwk(jwk)?;
    key.into_signing_key()
        .map_err(|_| bad_member("RSA parameters"))
}

/// A private key (see `ReadKey`) from its JWK, with its public half, checked against the JWK's
/// public members.
fn read_private_jwk(jwk: &Jwk) -> Result<(ReadKey, Vec<u8>)> {
    let secret = match (jwk.kty.as_str(), jwk.crv.as_deref()) {
        ("RSA", _) => {
            let key = ReadKey::Rsa(rsa_pkcs1(jwk)?);
            let spki = key
                .public_half()
                .map_err(|_| bad_member("RSA parameters"))?;
            return checked_against_public_members(jwk, key, spki);
        }
        ("EC", Some("P-256")) => Secret::P256(
            p256::SecretKey::from_slice(&secret_member(&jwk.d, "d")?)
                .map_err(|_| bad_member("d"))?,
        ),
        ("EC", Some("P-384")) => Secret::P384(
            p384::SecretKey::from_slice(&secret_member(&jwk.d, "d")?)
                .map_err(|_| bad_member("d"))?,
        ),
        ("EC", Some("P-521")) => Secret::P521(
            p521::SecretKey::from_slice(&secret_member(&jwk.d, "d")?)
                .map_err(|_| bad_member("d"))?,
        ),
        ("OKP", Some("Ed25519")) => {
            let d = secret_member(&jwk.d, "d")?;
            let seed: [u8; 32] = d.as_slice().try_into().map_err(|_| bad_member("d"))?;
            let key = ed25519_dalek::SigningKey::from_bytes(&Zeroizing::new(seed));
            Secret::Ed25519(Box::new(key))
        }
        (kty, crv) => {
            let algorithm = format!(
                "JWK kty {kty}{}",
                crv.map(|c| format!(" crv {c}")).unwrap_or_default()
            );
            return Err(ErrorKind::UnsupportedKeyAlgorithm { algorithm }.into());
        }
    };
    let key = ReadKey::Other(PrivateKey::new(secret));
    let spki = key.public_half()?;
    checked_against_public_members(jwk, key, spki)
}

/// A JWK whose public members disagree with its private ones is corrupt.
fn checked_against_public_members(
    jwk: &Jwk,
    key: ReadKey,
    spki: Vec<u8>,
) -> Result<(ReadKey, Vec<u8>)> {
    let derived = public_jwk(&spki)?;
    let differs = |given: &Option<String>, derived: &Option<String>| {
        given
            .as_deref()
            .is_some_and(|g| Some(g.trim_end_matches('=')) != derived.as_deref())
    };
    if differs(&jwk.x, &derived.x) || differs(&jwk.y, &derived.y) || differs(&jwk.n, &derived.n) {
        let reason = "the JWK's public members do not match its private key".into();
        return Err(ErrorKind::InvalidKey { reason }.into());
    }
    Ok((key, spki))
}

/// The SubjectPublicKeyInfo of a public (or private) JWK.
pub fn spki_from_jwk(jwk: &Jwk) -> Result<Vec<u8>> {
    if jwk.d.is_some() {
        return read_private_jwk(jwk).map(|(_, spki)| spki);
    }
    let need = |member: &Option<String>, name: &str| -> Result<Vec<u8>> {
        let text = member.as_deref().ok_or_else(|| missing(name))?;
        URL_SAFE_NO_PAD
            .decode(text.trim_end_matches('='))
            .map_err(|_| bad_member(name))
    };
    match (jwk.kty.as_str(), jwk.crv.as_deref()) {
        ("RSA", _) => {
            let mut content = der::encode(TAG_INTEGER, &der::unsigned_integer(&need(&jwk.n, "n")?));
            content.extend(der::encode(
                TAG_INTEGER,
                &der::unsigned_integer(&need(&jwk.e, "e")?),
            ));
            Ok(rsa_spki(&der::encode(TAG_SEQUENCE, &content)))
        }
        ("EC", Some(curve)) => {
            let mut point = vec![4u8];
            point.extend(need(&jwk.x, "x")?);
            point.extend(need(&jwk.y, "y")?);
            ec_spki(curve, &point)
        }
        ("OKP", Some("Ed25519")) => {
            use rsa::pkcs8::EncodePublicKey;
            let x: [u8; 32] = need(&jwk.x, "x")?.try_into().map_err(|_| bad_member("x"))?;
            let key = ed25519_dalek::VerifyingKey::from_bytes(&x).map_err(|_| bad_member("x"))?;
            key.to_public_key_der()
                .map(|d| d.into_vec())
                .map_err(|_| internal("SPKI encoding"))
        }
        (kty, _) => Err(ErrorKind::UnsupportedKeyAlgorithm {
            algorithm: format!("JWK kty {kty}"),
        }
        .into()),
    }
}

fn ec_spki(curve: &str, point: &[u8]) -> Result<Vec<u8>> {
    use rsa::pkcs8::EncodePublicKey;
    let der = match curve {
        "P-256" => p256::PublicKey::from_sec1_bytes(point)
            .map_err(|_| bad_member("x/y"))?
            .to_public_key_der(),
        "P-384" => p384::PublicKey::from_sec1_bytes(point)
            .map_err(|_| bad_member("x/y"))?
            .to_public_key_der(),
        "P-521" => p521::PublicKey::from_sec1_bytes(point)
            .map_err(|_| bad_member("x/y"))?
            .to_public_key_der(),
        other => {
            return Err(ErrorKind::UnsupportedCurve {
                curve: other.to_owned(),
            }
            .into());
        }
    };
    der.map(|d| d.into_vec())
        .map_err(|_| internal("SPKI encoding"))
}

/// The magnitudes of a SEQUENCE of INTEGERs (leading zeros dropped, as JWK wants).
fn integers(der: &[u8]) -> Result<Vec<Zeroizing<Vec<u8>>>> {
    let seq = Tlv::read_exact(der)?.with_tag(TAG_SEQUENCE, "a SEQUENCE of INTEGERs")?;
    seq.children()
        .map(|i| {
            Ok(Zeroizing::new(
                der::integer_magnitude(i?.with_tag(TAG_INTEGER, "an INTEGER")?.content)
                    .1
                    .into_owned(),
            ))
        })
        .collect()
}

/// The INTEGER element of a private key member, in memory wiped when dropped
/// (`der::unsigned_integer` writes public numbers).
fn secret_integer(magnitude: &[u8]) -> Zeroizing<Vec<u8>> {
    let start = magnitude.iter().take_while(|&&b| b == 0).count();
    let significant = magnitude.get(start..).unwrap_or_default();
    let mut content = Zeroizing::new(Vec::with_capacity(significant.len() + 1));
    if significant.first().is_none_or(|b| b & 0x80 != 0) {
        content.push(0);
    }
    content.extend_from_slice(significant);
    Zeroizing::new(der::encode(TAG_INTEGER, &content))
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cold]
fn missing(member: &str) -> Error {
    ErrorKind::InvalidKey {
        reason: format!("the JWK has no `{member}` member"),
    }
    .into()
}

#[cold]
fn bad_member(member: &str) -> Error {
    ErrorKind::InvalidKey {
        reason: format!("the JWK member `{member}` is not valid"),
    }
    .into()
}
