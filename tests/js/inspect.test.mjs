// CSRs, bundles (PEM, DER, PKCS#7), inspect() on mixed input, and key identifiers by every
// method, each cross-checked with openssl.
import assert from 'node:assert/strict';
import { createHash, createPublicKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  identifyKeyIdMethod,
  inspect,
  keyIdentifiers,
  parseCertificate,
  parseCertificates,
  parseCsr,
  subjectKeyIdentifier,
} from '../../pkg/node.js';
import { debianCaCertificates } from './corpus.mjs';
import { openssl } from './helpers.mjs';
import { OpensslCa, pem } from './openssl-ca.mjs';

const ca = new OpensslCa();
const { root, inter, leaf } = ca.hierarchy();
const chainPem = pem(leaf.cert) + pem(inter.cert) + pem(root.cert);
const derOf = (path) => openssl(['x509', '-in', path, '-outform', 'DER'], { encoding: 'buffer' });

test('a CSR with extensions and a challenge password, checked against openssl req', () => {
  const key = ca.key('p-256');
  const cfg = ca.path('csr.cnf');
  writeFileSync(
    cfg,
    `[req]\ndistinguished_name = dn\nattributes = attrs\nprompt = no\n[dn]\nO = CSR Org\nCN = csr.example.com\n[attrs]\nchallengePassword = s3cret-pass\n[ext]
subjectAltName = DNS:csr.example.com, IP:192.0.2.7\nkeyUsage = digitalSignature\nextendedKeyUsage = clientAuth\nsubjectKeyIdentifier = hash\n`,
  );
  const path = ca.path('rich.csr');
  openssl(['req', '-new', '-key', key, '-config', cfg, '-reqexts', 'ext', '-out', path]);
  openssl(['req', '-in', path, '-noout', '-verify']);
  const csr = parseCsr(readFileSync(path, 'utf8'));
  assert.equal(csr.signatureValid, true);
  assert.equal(
    csr.subject.rfc4514,
    openssl(['req', '-in', path, '-noout', '-subject', '-nameopt', 'RFC2253']).trim().replace('subject=', ''),
  );
  assert.deepEqual(
    csr.subjectAltNames.map((n) => `${n.type}:${n.value}`),
    ['dns:csr.example.com', 'ip:192.0.2.7'],
  );
  assert.deepEqual(csr.keyUsage, ['digitalSignature']);
  assert.deepEqual(
    csr.extendedKeyUsage.map((p) => p.name),
    ['clientAuth'],
  );
  assert.equal(csr.subjectKeyIdentifier, subjectKeyIdentifier(readFileSync(key)));
  assert.equal(csr.publicKey.curve, 'P-256');
  assert.deepEqual(
    csr.attributes.map((a) => [a.name, a.values]),
    [['challengePassword', ['s3cret-pass']]],
  );
});

test('a CSR whose signature was altered is reported invalid, not thrown', () => {
  const path = ca.csr({ key: ca.key('rsa-2048'), subject: '/CN=tamper' });
  const der = openssl(['req', '-in', path, '-outform', 'DER'], { encoding: 'buffer' });
  der[der.length - 3] ^= 0xff;
  const csr = parseCsr(new Uint8Array(der));
  assert.equal(csr.signatureValid, false);
  assert.equal(csr.signatureStatus, 'invalid');
  assert.throws(() => parseCsr(chainPem), { code: 'MULTIPLE_OBJECTS' });
  assert.throws(() => parseCsr(pem(leaf.cert)), { code: 'NOT_A_CSR' });
});

test('bundles: PEM, DER back to back, and PKCS#7 in PEM and DER keep their order', () => {
  const expected = parseCertificates(chainPem).map((c) => c.fingerprints.sha256);
  assert.equal(expected.length, 3);
  const der = Buffer.concat([derOf(leaf.cert), derOf(inter.cert), derOf(root.cert)]);
  assert.deepEqual(
    parseCertificates(new Uint8Array(der)).map((c) => c.fingerprints.sha256),
    expected,
  );
  const bundle = ca.path('bundle.pem');
  writeFileSync(bundle, chainPem);
  const p7b = openssl(['crl2pkcs7', '-nocrl', '-certfile', bundle]);
  assert.deepEqual(
    parseCertificates(p7b).map((c) => c.fingerprints.sha256),
    expected,
  );
  const p7bDer = openssl(['crl2pkcs7', '-nocrl', '-certfile', bundle, '-outform', 'DER'], { encoding: 'buffer' });
  assert.deepEqual(
    parseCertificates(new Uint8Array(p7bDer)).map((c) => c.fingerprints.sha256),
    expected,
  );
  const item = inspect(p7b).items[0];
  assert.equal(item.kind, 'pkcs7');
  assert.equal(item.certificates.length, 3);
});

test('a key in a bundle is skipped by parseCertificates (as OpenSSL does), and inspect shows every object', () => {
  const mixed = pem(leaf.cert) + readFileSync(leaf.key, 'utf8') + pem(inter.cert);
  assert.deepEqual(
    parseCertificates(mixed).map((c) => c.fingerprints.sha256),
    [pem(leaf.cert), pem(inter.cert)].map((p) => parseCertificate(p).fingerprints.sha256),
  );
  assert.throws(
    () => parseCertificates(readFileSync(leaf.key, 'utf8')),
    (e) => e.code === 'NOT_A_CERTIFICATE' && /private key/.test(e.message),
  );
  const report = inspect(mixed);
  assert.deepEqual(
    report.items.map((i) => i.kind),
    ['certificate', 'privateKey', 'certificate'],
  );
  const keyItem = report.items[1];
  assert.equal(keyItem.publicKey.algorithm, 'rsa');
  assert.deepEqual(keyItem.publicKey.spki, report.items[0].certificates[0].publicKey.spki);
  assert.ok(!JSON.stringify(report).includes(readFileSync(leaf.key, 'utf8').split('\n')[2]), 'no private key bytes in the output');
});

test('inspect: CSR, public key, encrypted key, garbage block', () => {
  const csrPath = ca.csr({ key: leaf.key, subject: '/CN=x' });
  const pub = openssl(['pkey', '-in', leaf.key, '-pubout']);
  const enc = openssl(['pkcs8', '-topk8', '-in', leaf.key, '-passout', 'pass:secret', '-v2', 'aes-256-cbc']);
  const broken = '-----BEGIN CERTIFICATE-----\nMAMCAQU=\n-----END CERTIFICATE-----\n';
  const report = inspect(pem(csrPath) + pub + enc + broken);
  assert.deepEqual(
    report.items.map((i) => i.kind),
    ['certificateRequest', 'publicKey', 'encryptedPrivateKey', 'certificate'],
  );
  assert.equal(report.items[0].certificateRequest.signatureValid, true);
  assert.equal(report.items[1].publicKey.bits, 2048);
  assert.equal(report.items[2].error.code, 'PASSPHRASE_REQUIRED');
  assert.equal(report.items[3].error.code, 'INVALID_CERTIFICATE');
  assert.equal(report.items[3].error.field, '[3]');
});

test('SKI method 1 equals what openssl computes with `subjectKeyIdentifier = hash`', () => {
  for (const type of ['rsa-2048', 'p-256', 'p-384', 'ed25519', 'ed448']) {
    const made = ca.selfSigned({ key: ca.key(type), subject: `/CN=ski ${type}` });
    const printed = openssl(['x509', '-in', made.cert, '-noout', '-ext', 'subjectKeyIdentifier']).split('\n')[1].trim();
    const expected = printed.replaceAll(':', '').toLowerCase();
    assert.equal(subjectKeyIdentifier(readFileSync(made.cert)), expected, type);
    assert.equal(identifyKeyIdMethod(readFileSync(made.cert)), 'rfc5280-sha1', type);
  }
});

test('the key identifier is the same from a certificate, CSR, SPKI, PKCS#1, SEC1 and PKCS#8 key', () => {
  const rsaKey = ca.key('rsa-2048');
  const ecKey = ca.key('p-384');
  const rsaCert = ca.selfSigned({ key: rsaKey, subject: '/CN=rsa' });
  const ecCert = ca.selfSigned({ key: ecKey, subject: '/CN=ec' });
  const forms = (key, cert) => [
    pem(cert.cert),
    pem(ca.csr({ key })),
    readFileSync(key, 'utf8'),
    openssl(['pkey', '-in', key, '-pubout']),
    new Uint8Array(openssl(['pkey', '-in', key, '-outform', 'DER'], { encoding: 'buffer' })),
  ];
  for (const input of [
    ...forms(rsaKey, rsaCert),
    openssl(['rsa', '-in', rsaKey, '-traditional']),
    openssl(['rsa', '-in', rsaKey, '-RSAPublicKey_out']),
  ]) {
    assert.deepEqual(keyIdentifiers(input), keyIdentifiers(pem(rsaCert.cert)));
  }
  for (const input of [...forms(ecKey, ecCert), openssl(['ec', '-in', ecKey])]) {
    assert.deepEqual(keyIdentifiers(input), keyIdentifiers(pem(ecCert.cert)));
  }
  const spkiDer = createPublicKey(readFileSync(rsaKey)).export({ type: 'spki', format: 'der' });
  const bitString = spkiDer.subarray(spkiDer.length - 270);
  assert.equal(
    subjectKeyIdentifier(pem(rsaCert.cert), 'rfc7093-sha256'),
    createHash('sha256').update(bitString).digest('hex').slice(0, 40),
  );
  assert.equal(subjectKeyIdentifier(pem(rsaCert.cert), 'spki-sha256-160'), createHash('sha256').update(spkiDer).digest('hex').slice(0, 40));
  assert.throws(() => subjectKeyIdentifier(pem(rsaCert.cert), 'sha1'), { code: 'INVALID_OPTIONS' });
  assert.throws(() => subjectKeyIdentifier(openssl(['pkcs8', '-topk8', '-in', rsaKey, '-passout', 'pass:x'])), {
    code: 'PASSPHRASE_REQUIRED',
  });
});

test('identifyKeyIdMethod recognises an SKI made by each method', () => {
  const key = ca.key('p-256');
  const ids = keyIdentifiers(readFileSync(key));
  for (const [method, hex] of Object.entries(ids)) {
    const colon = hex.match(/../g).join(':');
    const made = ca.selfSigned({
      key,
      subject: `/CN=${method}`,
      extensions: `basicConstraints = CA:FALSE\nsubjectKeyIdentifier = ${colon}`,
    });
    assert.equal(parseCertificate(readFileSync(made.cert)).subjectKeyIdentifier, hex);
    assert.equal(identifyKeyIdMethod(readFileSync(made.cert)), method);
  }
  const other = ca.selfSigned({ key, subject: '/CN=random ski', extensions: 'subjectKeyIdentifier = 01:02:03:04' });
  assert.equal(identifyKeyIdMethod(readFileSync(other.cert)), 'unknown');
  const none = ca.selfSigned({ key, subject: '/CN=no ski', extensions: 'subjectKeyIdentifier = none' });
  assert.throws(() => identifyKeyIdMethod(readFileSync(none.cert)), { code: 'NO_SUBJECT_KEY_IDENTIFIER' });
});

test("which methods made the SKIs of Debian's CA certificates", (t) => {
  const tally = {};
  for (const { path } of debianCaCertificates()) {
    let method;
    try {
      method = identifyKeyIdMethod(readFileSync(path));
    } catch (e) {
      method = e.code;
    }
    tally[method] = (tally[method] ?? 0) + 1;
  }
  t.diagnostic(JSON.stringify(tally));
  assert.ok((tally['rfc5280-sha1'] ?? 0) > 100, JSON.stringify(tally));
});
