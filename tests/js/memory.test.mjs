// Memory: 200,000 mixed parse/check calls in one process (2,000,000 with CERTKIT_LONG=1). After
// a warm-up, certkit's wasm memory must stop growing (it never shrinks, so any leak across the
// boundary shows as growth) and the process's RSS must stay flat.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as certkit from '../../pkg/node.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

const LONG = process.env.CERTKIT_LONG === '1';
const ROUNDS = 10;
const CALLS = LONG ? 2_000_000 : 200_000;
const fixture = (name) => readFileSync(new URL(`../vectors/fixtures/${name}`, import.meta.url), 'utf8');

const chainPem = readFileSync(new URL('../../www/src/samples/sample-chain.pem', import.meta.url), 'utf8');
const leafPem = `${chainPem.split('-----END CERTIFICATE-----')[0]}-----END CERTIFICATE-----\n`;
const leafDer = certkit.parseCertificate(leafPem).der;
const csrPem = fixture('client.csr.pem');
const publicKeyPem = fixture('client.pub.pem');
const parent = 'projects/my-project/locations/us-central1/clusters/my-cluster';

/** The calls of one round, cheapest most often, the errors included (thrown errors must not leak either). */
const calls = [
  () => certkit.parseCertificate(leafDer),
  () => certkit.parseCertificate(leafPem),
  () => certkit.parseCsr(csrPem),
  () => certkit.subjectKeyIdentifier(publicKeyPem),
  () => certkit.keyIdentifiers(leafPem),
  () => certkit.alloydb.checkGenerateClientCertificateRequest({ parent, publicKey: publicKeyPem, certDuration: '3600s' }),
  () => certkit.halo.parseName('dataProviders/AAAAAAAAAHs/certificates/AAAAAAAAAck'),
  () => certkit.halo.checkRevocationTransition('HOLD', 'REVOKED'),
  () => expectThrow(() => certkit.parseCertificate(leafDer.subarray(0, 100))),
  () => expectThrow(() => certkit.alloydb.buildGenerateClientCertificateRequest({ parent: 'nope' })),
  () => expectThrow(() => certkit.importPrivateKey('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n')),
];
/** Heavier calls (chain signatures), every 200th call. */
const heavy = [() => certkit.inspect(chainPem), () => certkit.verifyChain(chainPem, { now: '2027-01-01T00:00:00Z' })];

function expectThrow(fn) {
  try {
    fn();
  } catch (error) {
    if (error instanceof certkit.CertkitError) return;
    throw error;
  }
  throw new Error('expected a CertkitError');
}

const MiB = 1024 * 1024;

test(`${CALLS.toLocaleString('en')} calls: wasm memory and RSS stop growing after warm-up`, (t) => {
  const perRound = CALLS / ROUNDS;
  const samples = [];
  let done = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (let i = 0; i < perRound; i++) {
      const call = i % 200 === 199 ? heavy[((i / 200) % heavy.length) | 0] : calls[i % calls.length];
      const result = call();
      if (result === null) throw new Error('no result');
      done++;
    }
    gc();
    const sample = { round, wasm: certkit.wasmMemoryBytes(), rss: process.memoryUsage().rss, ms: Math.round(performance.now() - start) };
    samples.push(sample);
    t.diagnostic(
      `round ${round}: ${perRound} calls in ${sample.ms} ms, wasm ${(sample.wasm / MiB).toFixed(2)} MiB, RSS ${(sample.rss / MiB).toFixed(1)} MiB`,
    );
  }
  assert.equal(done, CALLS);
  // Rounds 0-1 are warm-up (allocator pools, JIT). After that, wasm memory may not grow at all
  // and RSS by at most 32 MiB (GC timing), however many calls follow.
  const warm = samples[1];
  const last = samples.at(-1);
  assert.ok(last.wasm <= warm.wasm, `wasm memory grew from ${warm.wasm} to ${last.wasm} bytes after warm-up`);
  const rssGrowth = Math.max(...samples.slice(2).map((s) => s.rss)) - warm.rss;
  assert.ok(rssGrowth < 32 * MiB, `RSS grew by ${(rssGrowth / MiB).toFixed(1)} MiB after warm-up`);
});
