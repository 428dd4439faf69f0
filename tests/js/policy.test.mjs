// The parsing policy (ARCHITECTURE.md, "Parsing policy"): one certificate per row, crafted
// byte by byte and signed for real, read by certkit and by OpenSSL (`x509 -text`, `asn1parse`,
// `verify`). Each case asserts certkit's verdict and OpenSSL's; the rows where they differ say
// so, so a change on either side fails here first.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createCsr, generateKeyPair, parseCertificate, parseCsr } from '../../pkg/node.js';
import { bool, certificate, extension, name, pemOf, seq, tlv, utc, utf8 } from './der-craft.mjs';
import { tempDir } from './helpers.mjs';

const dir = tempDir('certkit-policy-');
let files = 0;
const ascii = (text) => new TextEncoder().encode(text);

/** OpenSSL's view of a DER certificate: does `x509 -text` read it, its text, and `verify`'s answer. */
function openssl(der) {
  const file = join(dir, `${files++}.der`);
  writeFileSync(file, der);
  const run = (args) => spawnSync('openssl', args, { encoding: 'utf8' });
  const text = run(['x509', '-inform', 'DER', '-in', file, '-noout', '-text']);
  const asn1 = run(['asn1parse', '-inform', 'DER', '-in', file]);
  let verify;
  if (text.status === 0) {
    writeFileSync(`${file}.pem`, pemOf(der));
    const answer = run(['verify', '-check_ss_sig', '-partial_chain', '-CAfile', `${file}.pem`, `${file}.pem`]);
    verify = { ok: answer.status === 0, output: answer.stdout + answer.stderr };
  }
  return { reads: text.status === 0, text: text.stdout, asn1Reads: asn1.status === 0, verify };
}

const codes = (cert) => cert.problems.map((p) => `${p.severity} ${p.code} ${p.field}`);

function refused(der, reasonPattern) {
  assert.throws(
    () => parseCertificate(der),
    (error) => {
      assert.equal(error.code, 'INVALID_CERTIFICATE');
      assert.match(error.message, reasonPattern);
      return true;
    },
  );
}

test('a well-formed certificate: read with no problem by certkit and OpenSSL', () => {
  const der = certificate();
  const cert = parseCertificate(der);
  assert.deepEqual(cert.problems, []);
  assert.equal(cert.selfSigned, true);
  const theirs = openssl(der);
  assert.ok(theirs.reads && theirs.verify.ok, theirs.verify?.output);
});

// ---- Refused: what X.690 makes impossible -------------------------------------------------

test('refused: an INTEGER with no content octets (OpenSSL refuses too)', () => {
  const der = certificate({ serial: tlv(0x02, []) });
  refused(der, /serialNumber INTEGER has no content octets/);
  const theirs = openssl(der);
  assert.equal(theirs.reads, false);
  assert.equal(theirs.asn1Reads, true, 'the structure itself is well formed');
});

test('refused: a UTF8String name value that is not UTF-8 (OpenSSL refuses too)', () => {
  const der = certificate({ subject: name(tlv(0x0c, [0x61, 0xc3, 0x28])) });
  refused(der, /subject: .*not valid UTF-8/);
  assert.equal(openssl(der).reads, false);
});

test('refused: a name value of a type names do not hold (OCTET STRING, INTEGER, [0]; OpenSSL refuses too)', () => {
  for (const value of [tlv(0x04, [1]), tlv(0x02, [5]), tlv(0x80, ascii('x')), tlv(0x1a, ascii('visible'))]) {
    const der = certificate({ subject: name(value) });
    refused(der, /subject: .*not of a string type/);
    assert.equal(openssl(der).reads, false, `tag ${value[0]}`);
  }
});

test('refused: a name value tag in the long form, or a constructed string (OpenSSL reads both: a named difference)', () => {
  const longForm = certificate({ subject: name(tlv([0x1f, 0x0c], ascii('x'))) });
  refused(longForm, /subject: .*long \(high-tag-number\) form/);
  assert.equal(openssl(longForm).reads, true, 'OpenSSL reads a UTF8String tag written in the long form');
  const constructed = certificate({ subject: name(tlv(0x2c, utf8('x'))) });
  refused(constructed, /subject: .*constructed string/);
  assert.equal(openssl(constructed).reads, true, 'OpenSSL reads BER constructed strings in names');
});

// ---- Read, and reported with its own code -------------------------------------------------

test('reported: a length not in its shortest form (NON_DER_LENGTH); OpenSSL reads it', () => {
  const der = certificate({ serial: tlv(0x02, [0x01, 0x23], { longForm: true }) });
  const cert = parseCertificate(der);
  assert.deepEqual(codes(cert), ['warning NON_DER_LENGTH serialNumber']);
  assert.equal(cert.serialNumber, '123');
  assert.equal(cert.fingerprints.sha256, createHash('sha256').update(der).digest('hex'), 'the fingerprint is over the bytes given');
  assert.equal(cert.selfSigned, true);
  const theirs = openssl(der);
  assert.ok(theirs.reads && theirs.asn1Reads);
  assert.match(theirs.text, /Serial Number: 291 \(0x123\)/);
  assert.ok(theirs.verify.ok, 'OpenSSL verifies the signature over the bytes as given');
});

test('reported: a BOOLEAN TRUE other than 0xFF (NON_DER_BOOLEAN); read as TRUE, as OpenSSL does', () => {
  const der = certificate({ extensions: [extension('2.5.29.19', seq(bool(0x01)), bool(0x01))] });
  const cert = parseCertificate(der);
  assert.deepEqual(codes(cert), ['warning NON_DER_BOOLEAN extensions[0]', 'warning NON_DER_BOOLEAN extensions[0]']);
  assert.deepEqual(cert.basicConstraints, { ca: true });
  assert.equal(cert.extensions[0].critical, true);
  const theirs = openssl(der);
  assert.ok(theirs.reads);
  assert.match(theirs.text, /Basic Constraints: critical\s+CA:TRUE/);
});

test('reported: validity times not in DER form (NON_DER_TIME); OpenSSL reads them and refuses them in verify', () => {
  for (const [notBefore, expected] of [
    [utc('2501010000Z'), '2025-01-01T00:00:00Z'],
    [utc('250101000000+0100'), '2024-12-31T23:00:00Z'],
    [tlv(0x18, ascii('20250101000000.10Z')), '2025-01-01T00:00:00Z'],
  ]) {
    const der = certificate({ validity: seq(notBefore, utc('350101000000Z')) });
    const cert = parseCertificate(der);
    assert.deepEqual(codes(cert), ['warning NON_DER_TIME notBefore']);
    assert.equal(cert.notBefore, expected);
    const theirs = openssl(der);
    assert.ok(theirs.reads);
    const printed = theirs.text.match(/Not Before: (.*)/)[1];
    assert.equal(new Date(printed).toISOString().replace(/\.\d+Z$/, 'Z'), expected, 'same time, fraction truncated');
    assert.equal(theirs.verify.ok, false);
    assert.match(theirs.verify.output, /format error in certificate's notBefore field/);
  }
});

test('reported: an extension given twice (DUPLICATE_EXTENSION); the first one is used, as OpenSSL does', () => {
  const der = certificate({ extensions: [extension('2.5.29.19', seq(bool(0xff)), bool(0xff)), extension('2.5.29.19', seq())] });
  const cert = parseCertificate(der);
  assert.deepEqual(codes(cert), ['warning DUPLICATE_EXTENSION extensions[1]']);
  assert.deepEqual(cert.basicConstraints, { ca: true });
  assert.equal(cert.extensions.length, 2, 'both stay visible');
  const theirs = openssl(der);
  assert.ok(theirs.reads);
  assert.match(theirs.text, /Basic Constraints: critical\s+CA:TRUE\s+X509v3 Basic Constraints: \s*\n\s+CA:FALSE/);
});

test('reported: a signature BIT STRING with unused bits is read and its signature is invalid, as OpenSSL says', () => {
  const der = certificate({ signatureBits: 1 });
  const cert = parseCertificate(der);
  assert.deepEqual(codes(cert), ['error SIGNATURE_UNUSED_BITS signature']);
  assert.equal(cert.selfSigned, false);
  const theirs = openssl(der);
  assert.ok(theirs.reads);
  assert.equal(theirs.verify.ok, false);
  assert.match(theirs.verify.output, /certificate signature failure/);
});

test('reported: an extension that fails to decode stays visible as {oid, critical, der} with an error naming it', () => {
  const broken = [0x30, 0x03, 0x82, 0x05, 0x61];
  const der = certificate({ extensions: [extension('2.5.29.17', broken)] });
  const cert = parseCertificate(der);
  assert.deepEqual(codes(cert), ['error MALFORMED_EXTENSION extensions[0]']);
  assert.match(cert.problems[0].message, /2\.5\.29\.17/);
  const [ext] = cert.extensions;
  assert.equal(ext.oid, '2.5.29.17');
  assert.equal(ext.critical, false);
  assert.equal(ext.value, undefined);
  assert.deepEqual([...ext.der], broken);
  assert.deepEqual(cert.subjectAltNames, []);
  const theirs = openssl(der);
  assert.ok(theirs.reads, 'OpenSSL reads the certificate and prints the value raw');
  assert.match(theirs.text, /Subject Alternative Name: \s*\n\s+0\.\.\.a/);
});

test('a CSR follows the same policy: a signature BIT STRING with unused bits is read and invalid, as OpenSSL says', async () => {
  const key = await generateKeyPair({ algorithm: 'ECDSA', namedCurve: 'P-256' });
  const der = createCsr({ privateKey: key.privateKeyPem, subject: 'CN=policy csr' }).der;
  // The signature BIT STRING is the last element: its unused-bits octet follows its header.
  const header = der[1] & 0x80 ? 2 + (der[1] & 0x7f) : 2;
  let at = header;
  const next = (pos) => {
    const first = der[pos + 1];
    const n = first & 0x80 ? first & 0x7f : 0;
    let len = n ? 0 : first;
    for (let i = 0; i < n; i++) len = len * 256 + der[pos + 2 + i];
    return pos + 2 + n + len;
  };
  at = next(next(at));
  const unusedAt = at + (der[at + 1] & 0x80 ? 2 + (der[at + 1] & 0x7f) : 2);
  const bits = der.slice();
  bits[unusedAt] = 1;
  const csr = parseCsr(bits);
  assert.equal(csr.signatureValid, false);
  assert.ok(csr.problems.some((p) => p.code === 'SIGNATURE_UNUSED_BITS' && p.severity === 'error'));
  const file = join(dir, 'unused.csr');
  writeFileSync(file, bits);
  const theirs = spawnSync('openssl', ['req', '-inform', 'DER', '-in', file, '-noout', '-verify'], { encoding: 'utf8' });
  assert.match(theirs.stdout + theirs.stderr, /invalid bit string bits left/, 'OpenSSL reads it and refuses the signature');
  assert.equal(parseCsr(der).problems.length, 0, 'the CSR as made has no problem');
});
