/**
 * The reading half of the API: parse, inspect, verify chains, CRLs, key identifiers. The whole
 * package (`certkit`) re-exports it from `api.ts`; the lean entry `certkit/inspect` is this
 * module bound to the lean wasm module (scripts/bundle-entries.mjs points `./wasm/certkit.js` at
 * it), so both give the same results from the same code.
 * @module
 */
import * as wasm from './wasm/certkit.js';
import type { Certificate, CertificateRequest, ChainReport, Crl, Inspection, KeyIdMethod, KeyIdentifiers } from './wasm/certkit.js';
import { fromTape } from './tape.js';
import { guard } from './errors.js';
import { optionsOf } from './options.js';
import { toRfc3339 } from './time.js';
import { keyText, type CertInput, type KeyInput, type TimeInput } from './inputs.js';

export type {
  AccessDescription,
  AlgorithmName,
  Attribute,
  BasicConstraints,
  Certificate,
  CertificateRequest,
  ChainLink,
  ChainReport,
  Crl,
  DistributionPoint,
  Extension,
  ExtensionValue,
  Fingerprints,
  GeneralName,
  GeneralNameKind,
  GeneralSubtree,
  GrpcStatus,
  InspectedItem,
  Inspection,
  IssuedBy,
  IssuingDistributionPoint,
  KeyIdMethod,
  KeyIdentifierForms,
  KeyIdentifiers,
  LinkSignature,
  MacInfo,
  Name,
  ObjectKind,
  Pkcs12Protection,
  Pkcs12Summary,
  Policy,
  PolicyMapping,
  PolicyQualifier,
  Problem,
  PublicKeyInfo,
  Purpose,
  RequestAttribute,
  RevokedCertificate,
  Severity,
  SignatureStatus,
  SignedCertificateTimestamp,
} from './wasm/certkit.js';
export { CertkitError } from './errors.js';
export type { ErrorCode } from './errors.js';
export type { CertInput, KeyInput, TimeInput } from './inputs.js';

/** Options of {@link verifyChain}. */
export interface VerifyChainOptions {
  /** Certificates the chain must lead to. Without them, a self-signed root ends the chain. */
  trustAnchors?: CertInput[];
  /** When validity is checked; the current time by default. */
  now?: TimeInput;
  /** The leaf must carry this public key (or the key of this certificate, CSR or private key). */
  leafPublicKey?: CertInput;
  /**
   * What the leaf must be good for: `'serverAuth'` (TLS server, with the CA/Browser Forum web
   * PKI profile), `'clientAuth'`, `'any'` (the default), an extended key usage name such as
   * `'emailProtection'`, or a dotted OID. Checked on the leaf and on every CA of the path.
   */
  purpose?: 'serverAuth' | 'clientAuth' | 'any' | (string & {});
  /** DNS name or IP address the leaf must be valid for (its subject alternative names). */
  subjectName?: string;
  /** Most intermediate CAs between leaf and anchor (self-issued ones not counted). */
  maxDepth?: number;
  /**
   * CRLs to apply (PEM, DER or base64; one input may hold several). A certificate a CRL of its
   * issuer lists fails its link with `CERTIFICATE_REVOKED`; a CRL of an issuer on the path that
   * cannot be used (bad signature, not yet valid, ...) fails closed with `REVOCATION_UNKNOWN`;
   * a CRL past its nextUpdate is applied with a warning; one of another issuer is noted.
   */
  crls?: CertInput[];
}

/** Options of {@link inspect}. */
export interface InspectOptions {
  /**
   * Opens PKCS#12 files and encrypted private keys in the input. Their private keys are still
   * never returned: only their certificates and public keys.
   */
  passphrase?: string;
}

/** Options of {@link parseCrl}. */
export interface ParseCrlOptions {
  /** The issuer's certificate: the CRL's signature is checked with its key (`Crl.signature`). */
  issuer?: CertInput;
}

// ---- Inspect -------------------------------------------------------------------------------

/** Parses input that holds exactly one certificate. */
export function parseCertificate(input: CertInput): Certificate {
  return guard(() => fromTape(wasm.parseCertificate(input)));
}

/**
 * Parses every certificate of a bundle, in order: concatenated PEM, DER back to back, or
 * PKCS#7 (`.p7b`, PEM or DER). PEM blocks of other known kinds (private and public keys, CSRs,
 * CRLs) are skipped, as OpenSSL does when it loads a bundle, so a `fullchain + key` file works;
 * a block that should be a certificate and does not decode throws naming its position (`[2]`).
 * Use {@link inspect} to see every block.
 */
export function parseCertificates(input: CertInput): Certificate[] {
  return guard(() => fromTape(wasm.parseCertificates(input)));
}

/** Parses a PKCS#10 certificate request and checks its signature (`signatureValid`). */
export function parseCsr(input: CertInput): CertificateRequest {
  return guard(() => fromTape(wasm.parseCsr(input)));
}

/**
 * Decodes everything in the input, whatever it is: certificates, bundles, CSRs, CRLs, public
 * keys, private keys (only their public part is returned), PKCS#12 files (with `passphrase`).
 * Per-object failures are reported in the item's `error`; it throws only when nothing can be read.
 */
export function inspect(input: CertInput, options: InspectOptions = {}): Inspection {
  const checked = optionsOf(options, 'options');
  return guard(() => fromTape(wasm.inspect(input, checked)));
}

/**
 * Parses a certificate revocation list (v1 or v2; PEM `X509 CRL`, DER or base64): issuer,
 * thisUpdate / nextUpdate, CRL number, delta indicator, issuing distribution point, every
 * revoked entry with its date and reason, every extension. With `issuer`, its `signature` says
 * whether that certificate's key verifies it.
 */
export function parseCrl(input: CertInput, options: ParseCrlOptions = {}): Crl {
  const checked = optionsOf(options, 'options');
  return guard(() => fromTape(wasm.parseCrl(input, checked)));
}

/**
 * Validates a chain (any input order): `ok` is true only when a path from the leaf to a trust
 * anchor (or, without `trustAnchors`, to a self-signed certificate of the input) validates
 * completely: every signature verified, validity at `now`, CA constraints, name constraints,
 * `purpose`, `subjectName` and critical extensions. Each link explains the verdict: issuer
 * name, key identifiers, signature, validity, CA constraints. Indices count certificates across
 * the inputs.
 */
export function verifyChain(chain: CertInput | CertInput[], options: VerifyChainOptions = {}): ChainReport {
  const { now, ...rest } = optionsOf(options, 'options');
  return guard(() => fromTape(wasm.verifyChain(chain, { ...rest, now: toRfc3339(now, 'now') })));
}

/**
 * Bytes of certkit's WebAssembly memory. It grows on demand and never shrinks: a value that
 * stops changing after a warm-up shows that nothing leaks. For monitoring and tests.
 */
export function wasmMemoryBytes(): number {
  return wasm.wasmMemoryBytes();
}

// ---- Key identifiers ---------------------------------------------------------------------

/** The Subject Key Identifier (hex) of the key in a certificate, CSR, public or private key (PEM, DER or JWK). */
export function subjectKeyIdentifier(key: KeyInput, method: KeyIdMethod = 'rfc5280-sha1'): string {
  return guard(() => wasm.subjectKeyIdentifier(keyText(key), method));
}

/** The key identifier of the key by every method at once. */
export function keyIdentifiers(key: KeyInput): KeyIdentifiers {
  return guard(() => fromTape(wasm.keyIdentifiers(keyText(key))));
}

/**
 * Which method produced the subjectKeyIdentifier of a certificate or CSR, or `'unknown'`.
 * Throws `NO_SUBJECT_KEY_IDENTIFIER` when it has none.
 */
export function identifyKeyIdMethod(certificate: CertInput): KeyIdMethod | 'unknown' {
  return guard(() => fromTape(wasm.identifyKeyIdMethod(certificate)));
}
