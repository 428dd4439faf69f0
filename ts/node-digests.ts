/**
 * Node's native SHA-1 and SHA-256 for the digests that are only output (certificate
 * fingerprints, SPKI pins): several times faster than SHA in wasm (~3 µs against ~7 µs for a
 * typical certificate's three). Used only when `crypto.hash` exists (Node 20.12+, 21.7+) and
 * gives the known answers; otherwise wasm keeps digesting, with the same results.
 * @module
 */
import * as crypto from 'node:crypto';
import { DIGEST_SHA1_HEX, DIGEST_SHA256_BASE64, DIGEST_SHA256_HEX } from './generated/tape-words.js';
import { type Digester, setDigester } from './tape.js';
import { deferDigests } from './wasm/certkit.js';

// `crypto.hash` is newer than the @types/node this package builds against.
type OneShotHash = (algorithm: string, data: Uint8Array, encoding: 'hex' | 'base64') => string;
const hash = (crypto as unknown as { hash?: OneShotHash }).hash;

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
  if (hash === undefined) return;
  const digest = digesterOf(hash);
  if (!knownAnswersHold(digest)) return;
  setDigester(digest);
  deferDigests(true);
}
