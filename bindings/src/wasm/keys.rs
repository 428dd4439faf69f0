//! Exports for keys, CSRs and certificates. The random source is the browser's or Node's
//! `crypto.getRandomValues`, through getrandom.

use getrandom::SysRng;
use rand_core::UnwrapErr;
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use super::convert::{error_to_js, from_js, input_bytes, optional_text_arg, output};
use certkit::keys::{self, ExportPrivateKeyOptions, KeySpec, PublicKeyFormat, RsaGenerator};
use certkit::x509::build::{self, CreateCertificateOptions, CreateCsrOptions};

#[wasm_bindgen(js_name = generateKeyPairNow, unchecked_return_type = "Tape<KeyPair>")]
pub fn generate_key_pair_now(
    #[wasm_bindgen(unchecked_param_type = "KeySpec")] spec: JsValue,
) -> Result<JsValue, JsValue> {
    let spec: KeySpec = from_js(spec, "options")?;
    output(keys::generate_key(spec, &mut UnwrapErr(SysRng)).and_then(|key| keys::key_pair(&key)))
}

#[wasm_bindgen(js_name = keyPairFromPrivateKey, unchecked_return_type = "Tape<KeyPair>")]
pub fn key_pair_from_private_key(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | undefined")] passphrase: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = Zeroizing::new(input_bytes(&key, "privateKey")?);
    let passphrase = optional_text_arg(&passphrase, "passphrase")?.map(Zeroizing::new);
    let key = keys::parse_private_key(&bytes, passphrase.as_deref().map(String::as_bytes));
    output(
        key.map_err(|e| e.at("privateKey"))
            .and_then(|k| keys::key_pair(&k)),
    )
}

#[wasm_bindgen(js_name = exportPrivateKey, unchecked_return_type = "Tape<string | Uint8Array>")]
pub fn export_private_key(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ExportPrivateKeyOptions")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | undefined")] current_passphrase: JsValue,
) -> Result<JsValue, JsValue> {
    let options: ExportPrivateKeyOptions = from_js(options, "options")?;
    let bytes = Zeroizing::new(input_bytes(&key, "key")?);
    let current =
        optional_text_arg(&current_passphrase, "options.keyPassphrase")?.map(Zeroizing::new);
    let key = keys::parse_private_key(&bytes, current.as_deref().map(String::as_bytes))
        .map_err(|e| error_to_js(e.at("key")))?;
    output(keys::export_private_key(
        &key,
        &options,
        &mut UnwrapErr(SysRng),
    ))
}

#[wasm_bindgen(js_name = exportPublicKey, unchecked_return_type = "Tape<string | Uint8Array>")]
pub fn export_public_key(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PublicKeyFormat")] format: JsValue,
) -> Result<JsValue, JsValue> {
    let format: PublicKeyFormat = from_js(format, "format")?;
    let bytes = Zeroizing::new(input_bytes(&key, "key")?);
    output(
        keys::public_key_spki(&bytes)
            .map_err(|e| e.at("key"))
            .and_then(|spki| keys::export_public_key(&spki, format)),
    )
}

#[wasm_bindgen(js_name = createCsr, unchecked_return_type = "Tape<Created>")]
pub fn create_csr(
    #[wasm_bindgen(unchecked_param_type = "CreateCsrOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options: CreateCsrOptions = from_js(options, "options")?;
    output(build::create_csr(&options, &mut UnwrapErr(SysRng)))
}

#[wasm_bindgen(js_name = createCertificate, unchecked_return_type = "Tape<Created>")]
pub fn create_certificate(
    #[wasm_bindgen(unchecked_param_type = "CreateCertificateOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options: CreateCertificateOptions = from_js(options, "options")?;
    output(build::create_certificate(&options, &mut UnwrapErr(SysRng)))
}

/// RSA key generation one prime-search window at a time, for progress and cancellation.
#[wasm_bindgen]
pub struct RsaKeyGenerator {
    inner: RsaGenerator,
    done: Option<certkit::keys::PrivateKey>,
}

#[wasm_bindgen]
impl RsaKeyGenerator {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "number")] modulus_length: JsValue,
    ) -> Result<RsaKeyGenerator, JsValue> {
        // A plain `u32` parameter would silently truncate 2048.5 or wrap -1.
        let bits = modulus_length
            .as_f64()
            .filter(|n| n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n))
            .ok_or_else(|| {
                let kind = certkit::ErrorKind::InvalidInputType {
                    expected: "a whole number of bits: 2048, 3072 or 4096",
                };
                error_to_js(certkit::Error::new(kind).at("modulusLength"))
            })?;
        let inner =
            RsaGenerator::new(bits as u32).map_err(|e| error_to_js(e.at("modulusLength")))?;
        Ok(Self { inner, done: None })
    }

    /// Searches one window; true once the key is ready.
    pub fn step(&mut self) -> Result<bool, JsValue> {
        if self.done.is_none() {
            self.done = self
                .inner
                .step(&mut UnwrapErr(SysRng))
                .map_err(error_to_js)?;
        }
        Ok(self.done.is_some())
    }

    /// Primes found so far (0–2).
    #[wasm_bindgen(getter, js_name = primesFound)]
    pub fn primes_found(&self) -> u32 {
        if self.done.is_some() {
            2
        } else {
            self.inner.progress().0 as u32
        }
    }

    /// Sieve windows searched so far.
    #[wasm_bindgen(getter)]
    pub fn attempts(&self) -> u32 {
        self.inner.progress().1
    }

    /// The finished key pair; throws if `step` has not returned true.
    #[wasm_bindgen(unchecked_return_type = "Tape<KeyPair>")]
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        let key = self.done.take().ok_or_else(|| {
            error_to_js(
                certkit::ErrorKind::Internal {
                    reason: "the key is not ready yet".into(),
                }
                .into(),
            )
        })?;
        output(keys::key_pair(&key))
    }
}
