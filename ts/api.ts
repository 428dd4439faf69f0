/**
 * The typed public API, identical in every environment. Entry points (`index`, `node`) load
 * the wasm module first, then re-export this.
 * @module
 */
import * as wasm from './wasm/certkit.js';
import type { Certificate } from './wasm/certkit.js';
import { guard } from './errors.js';

export type {
  AlgorithmName,
  Attribute,
  Certificate,
  Fingerprints,
  GrpcStatus,
  Name,
  Problem,
  PublicKeyInfo,
  Severity,
} from './wasm/certkit.js';
export { CertkitError } from './errors.js';

/** PEM text (any label, CRLF or LF, text around the armor), bare base64 of DER, or DER / PEM bytes. */
export type CertInput = string | Uint8Array;

/** Parses input that holds exactly one certificate. */
export function parseCertificate(input: CertInput): Certificate {
  return guard(() => wasm.parseCertificate(input));
}

/** Parses every certificate of a bundle (concatenated PEM or DER), in order. */
export function parseCertificates(input: CertInput): Certificate[] {
  return guard(() => wasm.parseCertificates(input));
}
