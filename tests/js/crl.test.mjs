// CRLs made by `openssl ca -gencrl` on every run (empty, one revoked with keyCompromise,
// expired, v1), parsed by certkit and compared with what `openssl crl -text` prints.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { inspect, parseCertificate, parseCrl, verifyChain } from '../../pkg/node.js';
import { openssl } from './helpers.mjs';
import { OpensslCa, pem } from './openssl-ca.mjs';

const ca = new OpensslCa();
const { root, inter, leaf } = ca.hierarchy({ leafKey: 'p-256' });
const other = ca.issue({ key: ca.key('p-256'), subject: '/CN=other leaf', issuer: inter });
const v1 = ca.crl({ issuer: inter, v1: true });
const empty = ca.crl({ issuer: inter });
ca.revoke({ cert: leaf.cert, issuer: inter, reason: ['-crl_reason', 'keyCompromise'] });
const revoked = ca.crl({ issuer: inter });
ca.revoke({ cert: other.cert, issuer: inter, reason: ['-crl_reason', 'superseded'] });
const expired = ca.crl({ issuer: inter, lastUpdate: '20200101000000Z', nextUpdate: '20210101000000Z' });

/** What openssl prints about a CRL: version, CRL number, entries with their reasons. */
function opensslCrl(path) {
  const text = openssl(['crl', '-in', path, '-noout', '-text']);
  const entries = [
    ...text.matchAll(
      /Serial Number: ([0-9A-F]+)\n\s+Revocation Date: (.+)\n(?:\s+CRL entry extensions:\n\s+X509v3 CRL Reason Code: \n\s+(.+)\n)?/g,
    ),
  ].map(([, serial, date, reason]) => ({
    serial: serial.toLowerCase().replace(/^0+(?=.)/, ''),
    date: new Date(date).toISOString().replace('.000Z', 'Z'),
    reason,
  }));
  return {
    version: Number(text.match(/Version (\d)/)[1]),
    number: text.match(/X509v3 CRL Number: \n\s+(\d+)/)?.[1],
    entries,
  };
}
const REASONS = { 'Key Compromise': 'keyCompromise', Superseded: 'superseded' };

test('every CRL reads as openssl prints it', () => {
  for (const path of [v1, empty, revoked, expired]) {
    const crl = parseCrl(pem(path));
    const expected = opensslCrl(path);
    assert.equal(crl.version, expected.version, path);
    assert.equal(crl.crlNumber === undefined ? undefined : String(parseInt(crl.crlNumber, 16)), expected.number, path);
    assert.deepEqual(
      crl.revoked.map((e) => ({ serial: e.serialNumber, date: e.revocationDate, reason: e.reason })),
      expected.entries.map((e) => ({ ...e, reason: e.reason && REASONS[e.reason] })),
      path,
    );
    assert.equal(crl.issuer.rfc4514, parseCertificate(pem(inter.cert)).subject.rfc4514);
    assert.equal(crl.signatureAlgorithm.name, 'ecdsa-with-SHA256');
  }
});

test('the one revoked certificate carries its date and keyCompromise; AKI and dates are decoded', () => {
  const crl = parseCrl(pem(revoked));
  const issuer = parseCertificate(pem(inter.cert));
  assert.equal(crl.version, 2);
  assert.equal(crl.thisUpdate, '2025-01-01T00:00:00Z');
  assert.equal(crl.nextUpdate, '2099-01-01T00:00:00Z');
  assert.equal(crl.authorityKeyIdentifier, issuer.subjectKeyIdentifier);
  assert.deepEqual(
    crl.revoked.map((e) => [e.serialNumber, e.reason]),
    [[parseCertificate(pem(leaf.cert)).serialNumber, 'keyCompromise']],
  );
  assert.deepEqual(crl.extensions.map((e) => e.name).sort(), ['X509v3 Authority Key Identifier', 'X509v3 CRL Number']);
  assert.ok(crl.pem.startsWith('-----BEGIN X509 CRL-----'));
  assert.deepEqual(parseCrl(crl.der), crl); // DER reads the same
  const expiredCrl = parseCrl(pem(expired));
  assert.equal(expiredCrl.nextUpdate, '2021-01-01T00:00:00Z');
  assert.equal(expiredCrl.revoked.length, 2);
  assert.equal(parseCrl(pem(v1)).extensions.length, 0);
});

test('the signature is checked against the issuer given, valid or invalid', () => {
  assert.equal(parseCrl(pem(revoked), { issuer: pem(inter.cert) }).signature, 'valid');
  assert.equal(parseCrl(pem(revoked), { issuer: pem(root.cert) }).signature, 'invalid');
  assert.equal(parseCrl(pem(revoked)).signature, undefined);
  const derPath = revoked.replace(/\.pem$/, '.der');
  openssl(['crl', '-in', revoked, '-outform', 'DER', '-out', derPath]);
  assert.equal(parseCrl(new Uint8Array(readFileSync(derPath)), { issuer: readFileSync(inter.cert) }).signature, 'valid');
  assert.throws(() => parseCrl(pem(revoked), { issuer: pem(revoked) }), { field: 'issuer' });
  assert.throws(() => parseCrl(pem(revoked), { issuer: pem(inter.cert), other: 1 }), { code: 'INVALID_OPTIONS' });
  assert.throws(() => parseCrl(pem(leaf.cert)), { code: 'NOT_A_CRL' });
});

test('inspect reads CRLs', () => {
  const result = inspect(pem(revoked) + pem(leaf.cert));
  assert.deepEqual(
    result.items.map((i) => i.kind),
    ['crl', 'certificate'],
  );
  assert.equal(result.items[0].crl.revoked[0].reason, 'keyCompromise');
});

test('verifyChain applies CRLs: a revoked leaf fails its link with the date and reason; good, empty, expired and foreign CRLs', () => {
  const fixture = (name) => readFileSync(new URL(`../vectors/crl/${name}`, import.meta.url), 'utf8');
  const [ca, good, revoked] = ['ca.pem', 'good.pem', 'revoked-cert.pem'].map(fixture);
  const now = '2030-01-01T00:00:00Z';
  const verify = (leaf, crls) => verifyChain([leaf], { trustAnchors: [ca], now, crls });
  const errors = (report) => [...report.problems, ...report.links.flatMap((l) => l.problems)].filter((p) => p.severity === 'error');

  const hit = verify(revoked, [fixture('revoked.pem')]);
  assert.equal(hit.ok, false);
  const problem = hit.links[0].problems.find((p) => p.code === 'CERTIFICATE_REVOKED');
  assert.ok(problem, JSON.stringify(errors(hit)));
  assert.equal(problem.field, 'chain[0]');
  assert.match(problem.message, /keyCompromise/);
  assert.match(problem.message, /20\d\d-\d\d-\d\dT/);

  assert.equal(verify(good, [fixture('revoked.pem')]).ok, true, 'a certificate the CRL does not list');
  assert.equal(verify(revoked, [fixture('empty.pem')]).ok, true, 'an empty CRL revokes nothing');
  const stale = verify(good, [fixture('expired.pem')]);
  assert.equal(stale.ok, true, 'a CRL past nextUpdate is still applied, with a warning');
  assert.ok(stale.problems.some((p) => p.code === 'CRL_EXPIRED' && p.severity === 'warning' && p.field === 'crls[0]'));
  assert.equal(verify(revoked, [fixture('expired.pem'), fixture('revoked.pem')]).ok, false, 'several CRLs, one of them revokes');

  // A CRL from another CA is ignored with a note; one whose signature is broken fails closed.
  const other = new OpensslCa().hierarchy();
  const foreignCrl = verifyChain([readFileSync(other.leaf.cert, 'utf8'), readFileSync(other.inter.cert, 'utf8')], {
    trustAnchors: [readFileSync(other.root.cert, 'utf8')],
    now,
    crls: [fixture('revoked.pem')],
  });
  assert.equal(foreignCrl.ok, true);
  assert.ok(foreignCrl.problems.some((p) => p.code === 'CRL_NOT_USED' && p.severity === 'info'));
  const der = Buffer.from(parseCrl(fixture('revoked.pem')).der);
  der[der.length - 3] ^= 0x20;
  const forged = verify(good, [new Uint8Array(der)]);
  assert.equal(forged.ok, false);
  assert.ok(errors(forged).some((p) => p.code === 'REVOCATION_UNKNOWN'));
  assert.throws(() => verify(good, [ca]), { code: 'NOT_A_CRL', field: 'crls[0]' });
});

test('certkit verify-chain --crl: a revoked leaf exits 1 with CERTIFICATE_REVOKED', () => {
  const path = (name) => new URL(`../vectors/crl/${name}`, import.meta.url).pathname;
  const cli = new URL('../../pkg/cli.js', import.meta.url).pathname;
  const run = (args) => spawnSync(process.execPath, [cli, 'verify-chain', ...args], { encoding: 'utf8' });
  const revoked = run([path('revoked-cert.pem'), '--trust', path('ca.pem'), '--now', '2030-01-01T00:00:00Z', '--crl', path('revoked.pem')]);
  assert.equal(revoked.status, 1);
  assert.match(revoked.stderr, /error CERTIFICATE_REVOKED chain\[0\].*keyCompromise/);
  const good = run([path('good.pem'), '--trust', path('ca.pem'), '--now', '2030-01-01T00:00:00Z', '--crl', path('revoked.pem')]);
  assert.equal(good.status, 0, good.stderr);
});
