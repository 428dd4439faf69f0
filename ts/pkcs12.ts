/**
 * PKCS#12 files (`.p12`, `.pfx`): a private key and its certificates under a passphrase, as
 * browsers, Java keystores, curl and system keychains take them.
 * @module
 */
import * as wasm from './wasm/certkit.js';
import type { Pkcs12Contents } from './wasm/certkit.js';
import { fromTape } from './tape.js';
import { guard } from './errors.js';
import { optionsOf } from './options.js';
import { keyText, type KeyInput } from './inputs.js';
import type { CertInput } from './inputs.js';

/** Options of {@link exportPkcs12}. */
export interface ExportPkcs12Options {
  /** The private key (PEM or DER PKCS#8, PKCS#1, SEC1, or a JWK). */
  privateKey: KeyInput;
  /** Leaf first: the first certificate must carry the key's public key; then its chain. */
  certificates: CertInput[];
  passphrase: string;
  /** The name keychains and keystores show (the friendlyName of the key and the leaf). */
  friendlyName?: string;
  /**
   * `modern` (default): PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) and an HMAC-SHA256 MAC, as
   * OpenSSL 3 writes. `legacy`: pbeWithSHA1And3-KeyTripleDES-CBC and an HMAC-SHA1 MAC, for
   * older Java, macOS and Windows. 2048 iterations, OpenSSL's default.
   */
  compatibility?: 'modern' | 'legacy';
}

/**
 * Writes a private key and its certificates (leaf first) as a PKCS#12 file (DER bytes). Throws
 * `KEY_CERTIFICATE_MISMATCH` when the key does not belong to the first certificate.
 */
export function exportPkcs12(options: ExportPkcs12Options): Uint8Array {
  const checked = optionsOf(options, 'options', true);
  return guard(() => fromTape(wasm.exportPkcs12({ ...checked, privateKey: keyText(checked.privateKey) })));
}

/**
 * Reads a PKCS#12 file (DER bytes, or its base64) with its passphrase. The integrity check
 * (MAC) is verified before anything is decrypted: a wrong passphrase throws `WRONG_PASSPHRASE`.
 * Certificates come leaf first when they form a chain.
 */
export function parsePkcs12(input: Uint8Array | string, passphrase: string): Pkcs12Contents {
  return guard(() => fromTape(wasm.parsePkcs12(input, passphrase)));
}
