// The Node entries hand the digests that are only output (fingerprints, SPKI pins) to Node's
// crypto.hash when its known answers hold (ts/node-digests.ts). Here crypto.hash is counted, so
// the test sees the entries use it, and a child process without crypto.hash (wasm digests, the
// reference) must read every certificate the same; OpenSSL's fingerprints are checked too.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
const crypto = require('node:crypto');
const nodeHash = crypto.hash;
let hashed = 0;
crypto.hash = (...args) => {
  hashed++;
  return nodeHash(...args);
};
syncBuiltinESMExports();

const files = ['inter.pem', 'leaf-no-ski.pem', 'entity-expired.pem', 'leaf-bad-signature.pem'].map(
  (name) => `tests/vectors/fixtures/${name}`,
);

// Prints each entry's digests of each file; run with and without crypto.hash.
const script = `
  const { readFileSync } = await import('node:fs');
  const out = {};
  for (const entry of ['./pkg/node.js', './pkg/inspect-node.js']) {
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

test("the Node entries digest with Node's crypto.hash, and read the same as wasm's digests", () => {
  // The reference has no crypto.hash (the script throws if it cannot take it away).
  const reference = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', withoutHash + script], { encoding: 'utf8' }));
  const before = hashed;
  const ours = {};
  return (async () => {
    const { readFileSync } = await import('node:fs');
    const { X509Certificate } = await import('node:crypto');
    for (const entry of ['./pkg/node.js', './pkg/inspect-node.js']) {
      const { parseCertificates } = await import(`../../${entry.slice(2)}`);
      ours[entry] = files.map((file) => parseCertificates(readFileSync(file, 'utf8')).map((c) => [c.fingerprints, c.publicKey.sha256Pin]));
    }
    const certificates = ours['./pkg/node.js'].flat().length;
    // Three digests per certificate per entry, plus each entry's three known answers.
    assert.equal(hashed - before, 2 * (3 * certificates + 3));
    assert.deepEqual(ours, reference);
    for (const [index, file] of files.entries()) {
      const x509 = new X509Certificate(readFileSync(file));
      const [fingerprints] = ours['./pkg/node.js'][index][0];
      assert.equal(fingerprints.sha256, x509.fingerprint256.replaceAll(':', '').toLowerCase());
      assert.equal(fingerprints.sha1, x509.fingerprint.replaceAll(':', '').toLowerCase());
    }
  })();
});
