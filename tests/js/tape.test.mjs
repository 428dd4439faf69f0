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

test('long text arguments reach wasm intact: PEM with emoji, accents and a lone surrogate around it', async () => {
  // Strings of 256 UTF-16 units and more go through TextEncoder.encodeInto (bindings/src/wasm/text.rs);
  // shorter ones through wasm-bindgen's own copy. Both must give the text's UTF-8, a lone surrogate as U+FFFD.
  const key = await generateKeyPair({ algorithm: 'Ed25519' });
  const { pem, der } = createCertificate({ privateKey: key.privateKeyPem, subject: { commonName: 'text.example' } });
  const around = `Zertifikat für 😀 証明書 \ud800 ${'é'.repeat(300)}\n`;
  // Over 1 MiB of scratch (350,000 units and more): ASCII text gets a buffer of its own, other
  // text wasm-bindgen's way.
  const large = [`${' '.repeat(400_000)}${pem}`, `${'é'.repeat(400_000)}\n${pem}`];
  for (const text of [pem, `${around}${pem}${around}`, ...large]) {
    const cert = parseCertificate(text);
    assert.deepEqual(cert.der, der);
    assert.equal(cert.subject.rfc4514, 'CN=text.example');
    // The same text as UTF-8 bytes (Node writes a lone surrogate as U+FFFD too) reads the same.
    assert.deepEqual(parseCertificate(new Uint8Array(Buffer.from(text, 'utf8'))).der, der);
  }
  // Text that is not a certificate still says where it went wrong, whatever path it took.
  for (const length of [100, 5000]) {
    assert.throws(
      () => parseCertificate(`🙂${'a'.repeat(length)}`),
      (e) => typeof e.code === 'string' && e.code.length > 0,
    );
  }
});
