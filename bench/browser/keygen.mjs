// The key generation and CSR comparisons inside Chromium, driven by sections/browser.mjs:
// the same workloads and timing code as in Node, against this browser's own WebCrypto.
import * as certkit from '/pkg/index.js';
import * as peculiar from '/vendor/peculiar.js';
import { compareBatches, compareRuns } from '/bench/lib/timing.mjs';
import { CERTKIT_CSR, CERTKIT_CURVE, CERTKIT_RSA, csrParticipants, curveParticipants, rsaParticipants } from '/bench/lib/workloads.mjs';

const { subtle } = crypto;

/** One comparison, named by `kind` ('rsa', 'P-256', 'P-384', 'Ed25519', 'csr'); returns its rows. */
globalThis.runComparison = async (kind, quick) => {
  const batches = quick ? { rounds: 3, batchMs: 40, warmupMs: 100 } : { rounds: 7, batchMs: 150, warmupMs: 300 };
  if (kind === 'rsa')
    return { baseline: CERTKIT_RSA, rows: await compareRuns(rsaParticipants({ certkit, subtle }), { runs: quick ? 5 : 60 }) };
  if (kind === 'csr')
    return { baseline: CERTKIT_CSR, rows: await compareBatches(await csrParticipants({ certkit, peculiar, subtle }), batches) };
  return { baseline: CERTKIT_CURVE, rows: await compareBatches(curveParticipants(kind, { certkit, subtle }), batches) };
};
globalThis.pageReady = { crossOriginIsolated };
