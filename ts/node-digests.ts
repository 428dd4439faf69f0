/**
 * Node's native SHA-1 and SHA-256 for the digests that are only output (certificate
 * fingerprints, SPKI pins): faster than SHA in wasm (~4 µs of a typical certificate's parse).
 * Loading Node's crypto module costs ~2.5 ms, a tenth of a cold start, so the entries switch to
 * it only after `RESULTS_BEFORE_NODE_DIGESTS` results: a script or CLI run that reads a few
 * certificates never pays for it, and one that reads thousands pays once. Used only when
 * `process.getBuiltinModule` and `crypto.hash` exist (Node 20.16+, 22.3+) and give the known
 * answers; otherwise wasm keeps digesting, with the same results.
 * @module
 */
import { DIGEST_SHA1_HEX, DIGEST_SHA256_BASE64, DIGEST_SHA256_HEX } from './generated/tape-words.js';
import { afterResults, type Digester, setDigester } from './tape.js';
import { deferDigests } from './wasm/certkit.js';

/**
 * Results read with wasm's digests before Node's: the load's ~2.5 ms over the ~4 µs each
 * result saves is ~600 results, so a run that stops early spends at most about twice the best
 * choice in hindsight.
 */
export const RESULTS_BEFORE_NODE_DIGESTS = 512;

// `crypto.hash` and `process.getBuiltinModule` are newer than some Node 20 releases.
type OneShotHash = (algorithm: string, data: Uint8Array, encoding: 'hex' | 'base64') => string;
type BuiltinLoader = (id: 'node:crypto') => { hash?: OneShotHash } | undefined;

/** The text of each `DIGEST_*` kind, made by `hash`. */
function digesterOf(hash: OneShotHash): Digester {
  return (kind, data) => {
    switch (kind) {
      case DIGEST_SHA1_HEX:
        return hash('sha1', data, 'hex');
      case DIGEST_SHA256_HEX:
        return hash('sha256', data, 'hex');
      case DIGEST_SHA256_BASE64:
        return hash('sha256', data, 'base64');
      default:
        throw new Error(`certkit: unknown digest ${kind} in a result`);
    }
  };
}

/** Whether a digester gives the published answers for "abc" (FIPS builds may refuse SHA-1). */
function knownAnswersHold(digest: Digester): boolean {
  try {
    const abc = new TextEncoder().encode('abc');
    return (
      digest(DIGEST_SHA1_HEX, abc) === 'a9993e364706816aba3e25717850c26c9cd0d89d' &&
      digest(DIGEST_SHA256_HEX, abc) === 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' &&
      digest(DIGEST_SHA256_BASE64, abc) === 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='
    );
  } catch {
    return false;
  }
}

/** Hands the module's output digests to Node when Node's digests hold; wasm's otherwise. */
export function useNodeDigests(): void {
  const load = (process as unknown as { getBuiltinModule?: BuiltinLoader }).getBuiltinModule;
  const hash = load?.('node:crypto')?.hash;
  if (hash === undefined) return;
  const digest = digesterOf(hash);
  if (!knownAnswersHold(digest)) return;
  setDigester(digest);
  deferDigests(true);
}

/** `useNodeDigests` once `RESULTS_BEFORE_NODE_DIGESTS` results have been read. */
export function useNodeDigestsLater(): void {
  afterResults(RESULTS_BEFORE_NODE_DIGESTS, useNodeDigests);
}
