// The Node entries hand the digests that are only output (fingerprints, SPKI pins) to Node's
// crypto.hash when its known answers hold (ts/node-digests.ts), but only after
// RESULTS_BEFORE_NODE_DIGESTS results: loading Node's crypto is a tenth of a cold start. Here
// crypto.hash is counted, so the test sees when the entries use it; a child process without
// crypto.hash (wasm digests, the reference) must read every certificate the same; OpenSSL's
// fingerprints are checked too; and a fresh process that reads a few certificates never loads
// Node's crypto module.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { test } from 'node:test';
import { RESULTS_BEFORE_NODE_DIGESTS } from '../../pkg/node-digests.js';

const require = createRequire(import.meta.url);
const crypto = require('node:crypto');
const nodeHash = crypto.hash;
let hashed = 0;
crypto.hash = (...args) => {
  hashed++;
  return nodeHash(...args);
};
syncBuiltinESMExports();

const entries = ['./pkg/node.js', './pkg/inspect-node.js'];
const files = ['inter.pem', 'leaf-no-ski.pem', 'entity-expired.pem', 'leaf-bad-signature.pem'].map(
  (name) => `tests/vectors/fixtures/${name}`,
);
const digestsOf = (parseCertificates) =>
  files.map((file) => parseCertificates(readFileSync(file, 'utf8')).map((c) => [c.fingerprints, c.publicKey.sha256Pin]));

// Prints each entry's digests of each file; run with and without crypto.hash.
const script = `
  const { readFileSync } = await import('node:fs');
  const out = {};
  for (const entry of ${JSON.stringify(entries)}) {
    const { parseCertificates } = await import(entry);
    out[entry] = ${JSON.stringify(files)}.map((file) =>
      parseCertificates(readFileSync(file, 'utf8')).map((c) => [c.fingerprints, c.publicKey.sha256Pin]));
  }
  console.log(JSON.stringify(out));`;
const withoutHash = `
  const { createRequire, syncBuiltinESMExports } = await import('node:module');
  delete createRequire(process.cwd() + '/')('node:crypto').hash;
  syncBuiltinESMExports();
  if ((await import('node:crypto')).hash !== undefined) throw new Error('crypto.hash still there');`;

test("the Node entries digest with Node's crypto.hash after enough results, and read the same as wasm's digests", async () => {
  // The reference has no crypto.hash (the script throws if it cannot take it away).
  const reference = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', withoutHash + script], { encoding: 'utf8' }));
  const { X509Certificate } = await import('node:crypto');
  const pem = readFileSync(files[0], 'utf8');
  for (const entry of entries) {
    const { parseCertificates, parseCertificate } = await import(`../../${entry.slice(2)}`);
    const before = hashed;
    const early = digestsOf(parseCertificates);
    assert.equal(hashed, before, `${entry}: the first results are digested by wasm`);
    assert.deepEqual(early, reference[entry]);
    for (let read = files.length; read < RESULTS_BEFORE_NODE_DIGESTS; read++) parseCertificate(pem);
    assert.ok(hashed > before, `${entry}: Node's digests after ${RESULTS_BEFORE_NODE_DIGESTS} results`);
    const switched = hashed;
    const late = digestsOf(parseCertificates);
    const certificates = late.flat().length;
    assert.equal(hashed - switched, 3 * certificates, `${entry}: three digests per certificate, all by Node`);
    assert.deepEqual(late, reference[entry]);
    for (const [index, file] of files.entries()) {
      const x509 = new X509Certificate(readFileSync(file));
      const [fingerprints] = late[index][0];
      assert.equal(fingerprints.sha256, x509.fingerprint256.replaceAll(':', '').toLowerCase());
      assert.equal(fingerprints.sha1, x509.fingerprint.replaceAll(':', '').toLowerCase());
    }
  }
});

test("a process that reads a few certificates never loads Node's crypto module", () => {
  for (const entry of entries) {
    const script = `
      const { readFileSync } = await import('node:fs');
      const pem = readFileSync(${JSON.stringify(files[0])}, 'utf8');
      const cryptoLoaded = () => process.moduleLoadList.includes('NativeModule crypto');
      const { parseCertificate } = await import(${JSON.stringify(entry)});
      for (let i = 0; i < 3; i++) parseCertificate(pem);
      const early = cryptoLoaded();
      for (let i = 3; i < ${RESULTS_BEFORE_NODE_DIGESTS}; i++) parseCertificate(pem);
      console.log(JSON.stringify([early, cryptoLoaded()]));`;
    const loaded = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
    assert.deepEqual(loaded, [false, true], `${entry}: crypto loaded [after 3 results, after ${RESULTS_BEFORE_NODE_DIGESTS}]`);
  }
});
