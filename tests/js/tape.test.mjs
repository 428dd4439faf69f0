// Results cross from wasm as tapes (bindings/src/tape.rs, ts/tape.ts). Text with characters outside the
// BMP (two UTF-16 units each) shifts every later string offset; a wrong offset would garble
// everything after it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCertificate, generateKeyPair, parseCertificate } from '../../pkg/node.js';

test('strings with surrogate pairs, accents and CJK come back intact, and so does everything after them', async () => {
  const key = await generateKeyPair({ algorithm: 'Ed25519' });
  const made = createCertificate({
    privateKey: key.privateKeyPem,
    subject: { commonName: 'Ünïcødé 😀 証明書 𝔘', organization: '🔐 Org' },
    subjectAltNames: ['after.example.com'],
  });
  const cert = parseCertificate(made.der);
  const value = (type) => cert.subject.attributes.find((a) => a.type === type)?.value;
  assert.equal(value('CN'), 'Ünïcødé 😀 証明書 𝔘');
  assert.equal(value('O'), '🔐 Org');
  assert.deepEqual(cert.subjectAltNames, [{ type: 'dns', value: 'after.example.com' }]);
  assert.equal(cert.der.length, made.der.length);
  assert.ok(cert.der instanceof Uint8Array && cert.der.every((b, i) => b === made.der[i]));
  assert.match(cert.fingerprints.sha256, /^[0-9a-f]{64}$/);
});
