/**
 * Keys, CSRs and certificates. Key generation returns a Promise: RSA uses WebCrypto where it
 * exists (it finds primes fastest) and otherwise certkit's own wasm generator, in a Web Worker
 * when called from a page, stepping with yields elsewhere. The result has the same shape either way.
 * @module
 */
import * as wasm from './wasm/certkit.js';
import type { Created, KeyPair, PublicKeyFormat } from './wasm/certkit.js';
import { fromTape } from './tape.js';
import { type CertkitError, guard, raise, toCertkitError } from './errors.js';
import { optionsOf } from './options.js';
import { toRfc3339 } from './time.js';
import { keyText, type CertInput, type KeyInput, type TimeInput } from './inputs.js';

/** What {@link generateKeyPair} makes. */
export type KeySpec =
  | { algorithm: 'RSA'; modulusLength?: 2048 | 3072 | 4096 }
  | { algorithm: 'ECDSA'; namedCurve: 'P-256' | 'P-384' }
  | { algorithm: 'Ed25519' };

/** Progress of a key generation. */
export interface KeyGenerationProgress {
  phase: 'started' | 'searching' | 'done';
  /** `webcrypto` or `wasm`. */
  engine: 'webcrypto' | 'wasm';
  /** RSA primes found so far (0–2; wasm engine only). */
  primesFound: number;
  /** Prime-search windows tried so far (wasm engine only). */
  attempts: number;
  elapsedMs: number;
}

/** Options of {@link generateKeyPair} besides the key spec. */
export interface GenerateKeyPairControls {
  /** Stops the generation; the Promise rejects with `CertkitError` code `CANCELLED`. */
  signal?: AbortSignal;
  onProgress?: (progress: KeyGenerationProgress) => void;
  /** `auto` (default): WebCrypto for RSA when available, else wasm. */
  engine?: 'auto' | 'webcrypto' | 'wasm';
}

export type GenerateKeyPairOptions = KeySpec & GenerateKeyPairControls;

/** Options of {@link exportPrivateKey}. */
export interface ExportPrivateKeyOptions {
  format: 'pkcs8' | 'pkcs1' | 'sec1' | 'jwk' | 'der';
  /** Encrypts the output (pkcs8 and der): PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC. */
  passphrase?: string;
  /** PBKDF2 iterations when encrypting; 600,000 by default. */
  iterations?: number;
  /** Decrypts the input key when it is an encrypted PKCS#8. */
  keyPassphrase?: string;
}

/** Options of {@link createCsr}. */
export type CreateCsrOptions = Omit<wasm.CreateCsrOptions, 'privateKey'> & { privateKey: KeyInput };

/** Options of {@link createCertificate}. */
export type CreateCertificateOptions = Omit<
  wasm.CreateCertificateOptions,
  'privateKey' | 'publicKey' | 'issuer' | 'notBefore' | 'notAfter' | 'now'
> & {
  privateKey?: KeyInput;
  publicKey?: KeyInput;
  issuer?: { certificate: CertInput; privateKey: KeyInput; passphrase?: string };
  notBefore?: TimeInput;
  notAfter?: TimeInput;
  /** The time defaults are counted from; the current time by default. */
  now?: TimeInput;
};

const RSA_STEPS_PER_YIELD = 1;

/** Makes a key pair: RSA 2048/3072/4096 (e = 65537), ECDSA P-256/P-384, or Ed25519. */
export async function generateKeyPair(options: GenerateKeyPairOptions): Promise<KeyPair> {
  const { signal, onProgress, engine = 'auto', ...spec } = optionsOf(options, 'options', true);
  throwIfAborted(signal);
  if (spec.algorithm !== 'RSA') return guard(() => fromTape(wasm.generateKeyPairNow(spec)));
  const bits = spec.modulusLength ?? 2048;
  guard(() => new wasm.RsaKeyGenerator(bits)).free(); // refuses bad sizes with the core's codes
  const subtle = globalThis.crypto?.subtle;
  if (engine === 'webcrypto' && !subtle) {
    throw raise('WEBCRYPTO_UNAVAILABLE', 'engine', {});
  }
  const started = Date.now();
  const report = (phase: KeyGenerationProgress['phase'], engineUsed: KeyGenerationProgress['engine'], primesFound = 0, attempts = 0) =>
    onProgress?.({ phase, engine: engineUsed, primesFound, attempts, elapsedMs: Date.now() - started });
  if (engine !== 'wasm' && subtle) {
    report('started', 'webcrypto');
    const keyPair = await rsaWithWebCrypto(subtle, bits, signal);
    report('done', 'webcrypto', 2);
    return keyPair;
  }
  report('started', 'wasm');
  const keyPair = canUseWorker() ? await rsaInWorker(bits, signal, report) : await rsaStepping(bits, signal, report);
  report('done', 'wasm', 2);
  return keyPair;
}

/** Every form of a private key and its public key (PEM, JWK, key identifier). */
export function importPrivateKey(key: KeyInput, options: { passphrase?: string } = {}): KeyPair {
  const { passphrase } = optionsOf(options, 'options', false, ['passphrase']);
  return guard(() => fromTape(wasm.keyPairFromPrivateKey(keyText(key), passphrase)));
}

/** Writes a private key as PKCS#8 (optionally encrypted), PKCS#1, SEC1, JWK text or DER bytes. */
export function exportPrivateKey(key: KeyInput, options: ExportPrivateKeyOptions): string | Uint8Array {
  const { keyPassphrase, ...rest } = optionsOf(options, 'options', true);
  return guard(() => fromTape(wasm.exportPrivateKey(keyText(key), rest, keyPassphrase)));
}

/** Writes the public key of a key, certificate or CSR as SPKI PEM, PKCS#1 PEM, JWK text or DER. */
export function exportPublicKey(key: KeyInput, options: { format: PublicKeyFormat }): string | Uint8Array {
  const { format } = optionsOf(options, 'options', true, ['format']);
  return guard(() => fromTape(wasm.exportPublicKey(keyText(key), format)));
}

/** Makes a PKCS#10 CSR signed by `privateKey`. */
export function createCsr(options: CreateCsrOptions): Created {
  const checked = optionsOf(options, 'options', true);
  return guard(() => fromTape(wasm.createCsr({ ...checked, privateKey: keyText(checked.privateKey) })));
}

/**
 * Makes a certificate: self-signed, or issued by `issuer`. Random positive 16-byte serial,
 * valid from now for a year by default (ten years for a CA, and never past the issuer's notAfter
 * unless `notAfter` says so), subjectKeyIdentifier by `keyIdMethod` (RFC 5280 method 1),
 * authorityKeyIdentifier from the issuer's (a self-signed CA has none unless
 * `includeAuthorityKeyIdentifier`). From a `csr`, its subject and requested subjectAltName,
 * keyUsage, extendedKeyUsage and subjectKeyIdentifier are copied byte for byte unless given.
 * Forbidden combinations (keyCertSign without `isCa`, keyEncipherment on an EC key, ...) throw
 * with their own code; `warnings` holds what did not stop it, such as outliving the issuer.
 */
export function createCertificate(options: CreateCertificateOptions): Created {
  const { privateKey, publicKey, issuer, notBefore, notAfter, now, ...rest } = optionsOf(options, 'options', true);
  const wire: wasm.CreateCertificateOptions = {
    ...rest,
    now: toRfc3339(now, 'now'),
    ...(privateKey !== undefined && { privateKey: keyText(privateKey) }),
    ...(publicKey !== undefined && { publicKey: keyText(publicKey) }),
    ...(issuer !== undefined && { issuer: issuerWire(issuer) }),
    ...(notBefore !== undefined && { notBefore: toRfc3339(notBefore, 'notBefore') }),
    ...(notAfter !== undefined && { notAfter: toRfc3339(notAfter, 'notAfter') }),
  };
  return guard(() => fromTape(wasm.createCertificate(wire)));
}

function issuerWire(issuer: NonNullable<CreateCertificateOptions['issuer']>) {
  const checked = optionsOf(issuer, 'issuer', true);
  return { ...checked, privateKey: keyText(checked.privateKey) };
}

async function rsaWithWebCrypto(subtle: SubtleCrypto, bits: number, signal?: AbortSignal): Promise<KeyPair> {
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  const pair = await subtle.generateKey(algorithm, true, ['sign', 'verify']);
  throwIfAborted(signal);
  const pkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey));
  try {
    return guard(() => fromTape(wasm.keyPairFromPrivateKey(pkcs8, undefined)));
  } finally {
    pkcs8.fill(0);
  }
}

type Reporter = (phase: KeyGenerationProgress['phase'], engine: 'wasm', primesFound: number, attempts: number) => void;

/** The wasm generator on this thread, yielding to the event loop between prime-search windows. */
async function rsaStepping(bits: number, signal: AbortSignal | undefined, report: Reporter): Promise<KeyPair> {
  const generator = guard(() => new wasm.RsaKeyGenerator(bits));
  try {
    for (;;) {
      for (let i = 0; i < RSA_STEPS_PER_YIELD; i++) {
        if (guard(() => generator.step())) return guard(() => fromTape(generator.finish()));
      }
      report('searching', 'wasm', generator.primesFound, generator.attempts);
      await new Promise((resolve) => setTimeout(resolve, 0));
      throwIfAborted(signal);
    }
  } finally {
    generator.free();
  }
}

function canUseWorker(): boolean {
  return typeof Worker !== 'undefined' && typeof document !== 'undefined';
}

/** The wasm generator in a module Web Worker shipped with the package. */
function rsaInWorker(bits: number, signal: AbortSignal | undefined, report: Reporter): Promise<KeyPair> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./keygen-worker.js', import.meta.url), { type: 'module' });
    const stop = () => {
      worker.terminate();
      reject(cancelled());
    };
    signal?.addEventListener('abort', stop, { once: true });
    const done = () => {
      signal?.removeEventListener('abort', stop);
      worker.terminate();
    };
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.kind === 'progress') report('searching', 'wasm', message.primesFound, message.attempts);
      else if (message.kind === 'done') {
        done();
        resolve(message.keyPair);
      } else {
        done();
        reject(toCertkitError(message.error));
      }
    };
    worker.onerror = (event) => {
      done();
      reject(raise('INTERNAL', undefined, { reason: `the key generation worker failed: ${event.message}` }));
    };
    worker.postMessage({ bits });
  });
}

/** What the worker sends back. */
export type WorkerMessage =
  | { kind: 'progress'; primesFound: number; attempts: number }
  | { kind: 'done'; keyPair: KeyPair }
  | { kind: 'error'; error: unknown };

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw cancelled();
}

function cancelled(): CertkitError {
  return raise('CANCELLED', undefined, {});
}
