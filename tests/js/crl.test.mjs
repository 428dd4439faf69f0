// CRLs made by `openssl ca -gencrl` on every run (empty, one revoked with keyCompromise,
// expired, v1), parsed by certkit and compared with what `openssl crl -text` prints.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { inspect, parseCertificate, parseCrl } from '../../pkg/node.js';
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
