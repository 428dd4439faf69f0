//! The signature algorithms certkit trusts in a certification path, handed to rustls-webpki as
//! its `SignatureVerificationAlgorithm`s and verified with the RustCrypto code of
//! `x509::signature`. What is left out is refused by the engine: SHA-1 and MD5, DSA, RSA keys
//! under 2048 bits, curves other than P-256, P-384, P-521 and secp256k1.

use std::fmt;

use rustls_pki_types::{
    AlgorithmIdentifier, InvalidSignature, SignatureVerificationAlgorithm, alg_id,
};

use crate::x509::signature::{
    Curve, Hash, SignatureScheme, SignatureStatus, SignerKey, verify_with,
};

/// Smallest RSA modulus trusted in a path, in bits.
pub const MIN_RSA_BITS: usize = 2048;

struct Algorithm {
    name: &'static str,
    public_key: AlgorithmIdentifier,
    signature: AlgorithmIdentifier,
    scheme: SignatureScheme,
    key: KeyFamily,
}

#[derive(Clone, Copy)]
enum KeyFamily {
    Rsa,
    Ec(Curve),
    Ed25519,
    Ed448,
}

impl fmt::Debug for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl SignatureVerificationAlgorithm for Algorithm {
    fn verify_signature(
        &self,
        public_key: &[u8],
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), InvalidSignature> {
        let key = match self.key {
            KeyFamily::Rsa => {
                if rsa_bits(public_key).is_none_or(|bits| bits < MIN_RSA_BITS) {
                    return Err(InvalidSignature);
                }
                SignerKey::Rsa(public_key)
            }
            KeyFamily::Ec(curve) => SignerKey::Ec {
                curve,
                point: public_key,
            },
            KeyFamily::Ed25519 => SignerKey::Ed25519(public_key),
            KeyFamily::Ed448 => SignerKey::Ed448(public_key),
        };
        match verify_with(self.scheme, &key, message, signature) {
            SignatureStatus::Valid => Ok(()),
            _ => Err(InvalidSignature),
        }
    }

    fn public_key_alg_id(&self) -> AlgorithmIdentifier {
        self.public_key
    }

    fn signature_alg_id(&self) -> AlgorithmIdentifier {
        self.signature
    }

    fn fips(&self) -> bool {
        false
    }
}

/// Modulus size of a PKCS#1 RSAPublicKey, in bits.
pub fn rsa_bits(pkcs1: &[u8]) -> Option<usize> {
    use crate::der::{TAG_INTEGER, TAG_SEQUENCE, Tlv, integer_magnitude};
    let seq = Tlv::read_exact(pkcs1)
        .ok()?
        .with_tag(TAG_SEQUENCE, "RSAPublicKey")
        .ok()?;
    let modulus = seq
        .children()
        .next()?
        .ok()?
        .with_tag(TAG_INTEGER, "modulus")
        .ok()?;
    let (negative, magnitude) = integer_magnitude(modulus.content);
    let first = *magnitude.first()?;
    (!negative).then(|| magnitude.len() * 8 - first.leading_zeros() as usize)
}

const SECP256K1_SHA256: AlgorithmIdentifier = alg_id::ECDSA_SHA256;

macro_rules! algorithms {
    ($($name:ident: $key:expr, $public:expr, $sig:expr, $scheme:expr;)*) => {
        $(static $name: Algorithm = Algorithm {
            name: stringify!($name),
            public_key: $public,
            signature: $sig,
            scheme: $scheme,
            key: $key,
        };)*
        /// Every algorithm the engine may use, most common first.
        pub static TRUSTED: &[&dyn SignatureVerificationAlgorithm] = &[$(&$name),*];
    };
}

use KeyFamily as K;
use SignatureScheme as S;

algorithms! {
    ECDSA_P256_SHA256: K::Ec(Curve::P256), alg_id::ECDSA_P256, alg_id::ECDSA_SHA256, S::Ecdsa(Hash::Sha256);
    RSA_PKCS1_SHA256: K::Rsa, alg_id::RSA_ENCRYPTION, alg_id::RSA_PKCS1_SHA256, S::RsaPkcs1(Hash::Sha256);
    ECDSA_P384_SHA384: K::Ec(Curve::P384), alg_id::ECDSA_P384, alg_id::ECDSA_SHA384, S::Ecdsa(Hash::Sha384);
    RSA_PKCS1_SHA384: K::Rsa, alg_id::RSA_ENCRYPTION, alg_id::RSA_PKCS1_SHA384, S::RsaPkcs1(Hash::Sha384);
    RSA_PKCS1_SHA512: K::Rsa, alg_id::RSA_ENCRYPTION, alg_id::RSA_PKCS1_SHA512, S::RsaPkcs1(Hash::Sha512);
    RSA_PSS_SHA256: K::Rsa, alg_id::RSA_ENCRYPTION, alg_id::RSA_PSS_SHA256, S::RsaPss { hash: Hash::Sha256, salt: 32 };
    RSA_PSS_SHA384: K::Rsa, alg_id::RSA_ENCRYPTION, alg_id::RSA_PSS_SHA384, S::RsaPss { hash: Hash::Sha384, salt: 48 };
    RSA_PSS_SHA512: K::Rsa, alg_id::RSA_ENCRYPTION, alg_id::RSA_PSS_SHA512, S::RsaPss { hash: Hash::Sha512, salt: 64 };
    ED25519: K::Ed25519, alg_id::ED25519, alg_id::ED25519, S::Ed25519;
    ED448: K::Ed448, alg_id::ED448, alg_id::ED448, S::Ed448;
    ECDSA_P256_SHA384: K::Ec(Curve::P256), alg_id::ECDSA_P256, alg_id::ECDSA_SHA384, S::Ecdsa(Hash::Sha384);
    ECDSA_P256_SHA512: K::Ec(Curve::P256), alg_id::ECDSA_P256, alg_id::ECDSA_SHA512, S::Ecdsa(Hash::Sha512);
    ECDSA_P384_SHA256: K::Ec(Curve::P384), alg_id::ECDSA_P384, alg_id::ECDSA_SHA256, S::Ecdsa(Hash::Sha256);
    ECDSA_P384_SHA512: K::Ec(Curve::P384), alg_id::ECDSA_P384, alg_id::ECDSA_SHA512, S::Ecdsa(Hash::Sha512);
    ECDSA_P521_SHA256: K::Ec(Curve::P521), alg_id::ECDSA_P521, alg_id::ECDSA_SHA256, S::Ecdsa(Hash::Sha256);
    ECDSA_P521_SHA384: K::Ec(Curve::P521), alg_id::ECDSA_P521, alg_id::ECDSA_SHA384, S::Ecdsa(Hash::Sha384);
    ECDSA_P521_SHA512: K::Ec(Curve::P521), alg_id::ECDSA_P521, alg_id::ECDSA_SHA512, S::Ecdsa(Hash::Sha512);
    ECDSA_SECP256K1_SHA256: K::Ec(Curve::Secp256k1), alg_id::ECDSA_P256K1, SECP256K1_SHA256, S::Ecdsa(Hash::Sha256);
}

/// Why a signature scheme that certkit can verify is still not trusted in a path, if it is not.
pub fn distrust_reason(scheme: SignatureScheme, key: &SignerKey<'_>) -> Option<String> {
    if scheme.hash() == Some(Hash::Sha1) {
        return Some("it is made with SHA-1, which is broken for signatures".into());
    }
    if let SignatureScheme::Dsa(_) = scheme {
        return Some("it is a DSA signature, which certkit does not trust in a chain".into());
    }
    if let SignerKey::Rsa(key) | SignerKey::RsaPss(key) = key
        && let Some(bits) = rsa_bits(key)
        && bits < MIN_RSA_BITS
    {
        return Some(format!(
            "the issuer's RSA key has {bits} bits, fewer than the {MIN_RSA_BITS} certkit trusts"
        ));
    }
    None
}
