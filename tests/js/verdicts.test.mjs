// Verdicts fail closed: forged leaves, signatures certkit cannot check, weak ones, path building
// that must backtrack, and the options of verifyChain. Chains are made by openssl.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { alloydb, parseCertificate, parseCsr, verifyChain } from '../../pkg/node.js';
import { MD5_WITH_RSA, UNKNOWN_ALGORITHM, children, forge, replaceBytes, toPem } from './der-edit.mjs';
import { openssl } from './helpers.mjs';
import { OpensslCa, pem } from './openssl-ca.mjs';

const NOW = '2030-06-01T00:00:00Z';
const CA_EXT =
  'basicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign, cRLSign\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid';
const CLIENT_EXT =
  'basicConstraints = critical, CA:FALSE\nkeyUsage = critical, digitalSignature\nextendedKeyUsage = clientAuth\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid';
const ca = new OpensslCa();
const { root, inter, leaf } = ca.hierarchy({ leafExtensions: CLIENT_EXT });
const [L, I, R] = [pem(leaf.cert), pem(inter.cert), pem(root.cert)];
const errors = (report) => [...report.problems, ...report.links.flatMap((l) => l.problems)].filter((p) => p.severity === 'error');

/** The leaf with another subject, issuer name and AKI kept, and a signature nobody can check. */
function forgedLeaf(signatureAlgorithm) {
  const der = Buffer.from(parseCertificate(L).der);
  return forge(der, {
    signatureAlgorithm,
    editTbs: (parts) =>
      parts.map((p) =>
        p.includes(Buffer.from('leaf.example.com')) && p[0] === 0x30 && !p.includes(Buffer.from('Test Intermediate'))
          ? replaceBytes(p, 'leaf.example.com', 'evil.example.com')
          : p,
      ),
  });
}

for (const [name, algorithm] of [
  ['md5WithRSAEncryption', MD5_WITH_RSA],
  ['an unknown OID with random bytes', UNKNOWN_ALGORITHM],
]) {
  test(`a forged leaf signed with ${name} fails verifyChain and the AlloyDB check, on the leaf's link`, () => {
    const forged = forgedLeaf(algorithm);
    const cert = parseCertificate(forged);
    assert.equal(cert.subject.rfc4514, 'CN=evil.example.com,O=certkit Test');
    assert.equal(cert.issuer.rfc4514, parseCertificate(L).issuer.rfc4514);
    assert.equal(cert.authorityKeyIdentifier, parseCertificate(L).authorityKeyIdentifier);

    for (const options of [{ now: NOW }, { now: NOW, trustAnchors: [R] }, { now: NOW, trustAnchors: [R], purpose: 'clientAuth' }]) {
      const report = verifyChain([forged, I, R], options);
      assert.equal(report.ok, false);
      assert.equal(report.trusted, false);
      assert.equal(report.path, undefined);
      assert.equal(report.links[0].index, 0);
      assert.equal(report.links[0].signature, 'unsupported');
      assert.ok(
        report.links[0].problems.some((p) => p.code === 'SIGNATURE_UNSUPPORTED' && p.severity === 'error' && p.field === 'chain[0]'),
      );
    }
    const response = { pemCertificateChain: [toPem(forged), I], caCert: R };
    const checked = alloydb.checkGenerateClientCertificateResponse(response, { publicKey: readFileSync(leaf.key, 'utf8'), now: NOW });
    assert.equal(checked.ok, false);
    assert.ok(
      checked.problems.some((p) => p.code === 'SIGNATURE_UNSUPPORTED' && p.field === 'pemCertificateChain[0]'),
      JSON.stringify(checked.problems),
    );
  });
}

test('the genuine chain validates: ok, trusted, the path, and the AlloyDB check passes', () => {
  const report = verifyChain([R, L, I], { now: NOW, trustAnchors: [R], purpose: 'clientAuth' });
  assert.equal(report.ok, true, JSON.stringify(errors(report)));
  assert.equal(report.trusted, true);
  assert.deepEqual(report.path, [1, 2, 0]);
  const untrusted = verifyChain([L, I, R], { now: NOW });
  assert.deepEqual([untrusted.ok, untrusted.trusted, untrusted.complete], [true, false, true]);
  const checked = alloydb.checkGenerateClientCertificateResponse(
    { pemCertificateChain: [L, I], caCert: R },
    { publicKey: readFileSync(leaf.key, 'utf8'), now: NOW },
  );
  assert.equal(checked.ok, true, JSON.stringify(checked.problems));
});

test('a self-signed certificate whose signature cannot be checked is not selfSigned', () => {
  const forged = forge(parseCertificate(R).der, { signatureAlgorithm: UNKNOWN_ALGORITHM });
  assert.equal(parseCertificate(R).selfSigned, true);
  assert.equal(parseCertificate(forged).selfSigned, false);
  const report = verifyChain([L, I, forged], { now: NOW });
  assert.equal(report.ok, false);
});

test('a leaf signed with SHA-1 verifies but is not trusted, and the link says why', () => {
  const csr = ca.csr({ key: ca.key('p-256'), subject: '/CN=sha1.example.com' });
  const out = ca.path('sha1.pem');
  openssl([
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    inter.cert,
    '-CAkey',
    inter.key,
    '-set_serial',
    '77',
    '-days',
    '3650',
    '-sha1',
    '-extfile',
    ca.config(CLIENT_EXT),
    '-extensions',
    'ext',
    '-out',
    out,
  ]);
  const report = verifyChain([pem(out), I, R], { now: '2026-12-01T00:00:00Z', trustAnchors: [R] });
  assert.equal(report.links[0].signature, 'valid');
  assert.equal(report.ok, false);
  assert.ok(report.links[0].problems.some((p) => p.code === 'SIGNATURE_NOT_TRUSTED'));
});

test('Ed448 chains are verified and trusted; secp256k1, Ed448 and DSA CSRs verify', () => {
  const ed = new OpensslCa().hierarchy({ rootKey: 'ed448', interKey: 'ed448', leafKey: 'p-256' });
  const report = verifyChain([pem(ed.leaf.cert), pem(ed.inter.cert)], { now: NOW, trustAnchors: [pem(ed.root.cert)] });
  assert.deepEqual(
    report.links.map((l) => l.signature),
    ['valid', 'valid'],
  );
  assert.equal(report.ok, true, JSON.stringify(errors(report)));

  const params = ca.path('dsa.params');
  openssl(['genpkey', '-genparam', '-algorithm', 'DSA', '-pkeyopt', 'dsa_paramgen_bits:2048', '-out', params]);
  const dsaKey = ca.path('dsa.key');
  openssl(['genpkey', '-paramfile', params, '-out', dsaKey]);
  for (const key of [ca.key('ed448'), ca.key('secp256k1'), dsaKey]) {
    const csrPath = ca.csr({ key, subject: '/CN=csr' });
    const csr = parseCsr(pem(csrPath));
    assert.equal(csr.signature, 'valid', key);
    assert.equal(csr.signatureValid, true);
    const bad = Buffer.from(csr.der);
    bad[bad.length - 3] ^= 0x40;
    assert.notEqual(parseCsr(new Uint8Array(bad)).signature, 'valid');
    const verdict = spawnSync('openssl', ['req', '-in', csrPath, '-verify', '-noout'], { encoding: 'utf8' });
    assert.match(verdict.stderr + verdict.stdout, /verify OK/, 'openssl agrees the CSR verifies');
  }
});

test('path building backtracks: a cross-signed copy of the anchor in the input does not hide the direct path', () => {
  const other = ca.issue({ key: ca.key('p-256'), subject: '/CN=Other Root', extensions: CA_EXT });
  const direct = ca.issue({ key: ca.key('p-256'), subject: '/CN=Direct Root', extensions: CA_EXT });
  const crossSigned = ca.issue({ key: direct.key, subject: '/CN=Direct Root', issuer: other, extensions: CA_EXT });
  const leafOfDirect = ca.issue({ subject: '/CN=direct.example.com', issuer: direct, extensions: CLIENT_EXT });
  for (const chain of [
    [pem(leafOfDirect.cert), pem(crossSigned.cert)],
    [pem(crossSigned.cert), pem(leafOfDirect.cert)],
  ]) {
    const report = verifyChain(chain, { now: NOW, trustAnchors: [pem(direct.cert)] });
    assert.equal(report.ok, true, JSON.stringify(errors(report)));
    assert.equal(report.trusted, true);
    assert.equal(report.links.at(-1).issuedBy, 'anchor');
  }
});

test('path building skips an expired intermediate beside a valid one, in any order', () => {
  const interKey = inter.key;
  const expired = ca.issue({
    key: interKey,
    subject: '/O=certkit Test/CN=Test Intermediate',
    issuer: root,
    extensions: CA_EXT,
    startdate: '20200101000000Z',
    enddate: '20250101000000Z',
  });
  for (const chain of [
    [L, pem(expired.cert), I],
    [L, I, pem(expired.cert)],
  ]) {
    const report = verifyChain(chain, { now: NOW, trustAnchors: [R] });
    assert.equal(report.ok, true, JSON.stringify(errors(report)));
    assert.equal(chain[report.path[1]], I);
  }
});

test('notAfter is inclusive; one second later the leaf has expired', () => {
  const notAfter = parseCertificate(L).notAfter;
  const atEnd = verifyChain([L, I], { now: notAfter, trustAnchors: [R] });
  assert.equal(atEnd.links[0].validNow, true);
  const after = new Date(Date.parse(notAfter) + 1000).toISOString();
  const late = verifyChain([L, I], { now: after, trustAnchors: [R] });
  assert.equal(late.ok, false);
  assert.ok(late.links[0].problems.some((p) => p.code === 'CERTIFICATE_EXPIRED'));
});

test('purpose, subjectName and maxDepth decide; bad values are errors with their field', () => {
  const server = ca.issue({
    subject: '/CN=www.example.com',
    issuer: inter,
    extensions:
      'basicConstraints = critical, CA:FALSE\nextendedKeyUsage = serverAuth\nsubjectAltName = DNS:www.example.com, IP:192.0.2.7\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid',
  });
  const S = pem(server.cert);
  const run = (options) => verifyChain([S, I], { now: NOW, trustAnchors: [R], ...options });
  assert.equal(run({ purpose: 'serverAuth', subjectName: 'www.example.com' }).ok, true);
  assert.equal(run({ purpose: '1.3.6.1.5.5.7.3.1', subjectName: '192.0.2.7' }).ok, true);
  assert.equal(run({ purpose: 'clientAuth' }).ok, false);
  assert.ok(errors(run({ purpose: 'clientAuth' })).some((p) => p.code === 'PURPOSE_NOT_ALLOWED' && p.field === 'chain[0]'));
  assert.ok(errors(run({ subjectName: 'other.example.com' })).some((p) => p.code === 'SUBJECT_NAME_MISMATCH'));
  assert.equal(run({ maxDepth: 1 }).ok, true);
  assert.ok(errors(run({ maxDepth: 0 })).some((p) => p.code === 'MAX_DEPTH_EXCEEDED'));
  assert.throws(() => run({ purpose: 'bogusAuth' }), { code: 'UNKNOWN_PURPOSE', field: 'purpose' });
  assert.throws(() => run({ subjectName: 'not a host name!' }), { code: 'INVALID_SUBJECT_NAME', field: 'subjectName' });
  assert.throws(() => run({ maxDepth: -1 }), { code: 'INVALID_OPTIONS', field: 'options.maxDepth' });
  assert.throws(() => run({ maxDepth: 1.5 }), {
    code: 'INVALID_OPTIONS',
    field: 'options.maxDepth',
    message: /expected a whole number of at least 0, got a number with a fractional part/,
  });
  assert.throws(() => run({ maxDepth: Number.NaN }), { field: 'options.maxDepth', message: /got NaN/ });
});

test('an unknown critical extension fails the certificate that carries it', () => {
  const odd = ca.issue({
    subject: '/CN=odd.example.com',
    issuer: inter,
    extensions: `${CLIENT_EXT}\n1.3.6.1.4.1.99999.7 = critical, ASN1:NULL`,
  });
  const report = verifyChain([pem(odd.cert), I], { now: NOW, trustAnchors: [R] });
  assert.equal(report.ok, false);
  assert.ok(report.links[0].problems.some((p) => p.code === 'UNKNOWN_CRITICAL_EXTENSION' && p.severity === 'error'));
});

test('a chain that stops short of a root is not ok without trust anchors', () => {
  const report = verifyChain([I, L], { now: NOW });
  assert.deepEqual([report.ok, report.complete], [false, false]);
  assert.ok(errors(report).some((p) => p.code === 'CHAIN_INCOMPLETE'));
  assert.equal(children(Buffer.from(parseCertificate(L).der)).length, 3);
});
