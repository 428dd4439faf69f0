// verifyChain against chains made by openssl acting as a CA: every input order verifies, and
// each kind of broken chain fails with its own code.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseCertificate, verifyChain } from '../../pkg/node.js';
import { openssl } from './helpers.mjs';
import { UNKNOWN_ALGORITHM, forge } from './der-edit.mjs';
import { OpensslCa, pem } from './openssl-ca.mjs';

const ca = new OpensslCa();
const { root, inter, leaf } = ca.hierarchy();
const [L, I, R] = [pem(leaf.cert), pem(inter.cert), pem(root.cert)];
const NOW = '2030-06-01T00:00:00Z';

function permutations(items) {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
}

const codes = (report) => [...report.problems, ...report.links.flatMap((l) => l.problems)].map((p) => p.code);

test('openssl agrees the test chain is valid', () => {
  const out = openssl(['verify', '-CAfile', root.cert, '-untrusted', inter.cert, leaf.cert]);
  assert.match(out, /OK/);
});

for (const order of permutations([
  ['leaf', L],
  ['inter', I],
  ['root', R],
])) {
  const names = order.map(([n]) => n).join(',');
  test(`a 3-level chain given as [${names}] verifies and is put in leaf-to-root order`, () => {
    const report = verifyChain(
      order.map(([, p]) => p),
      { now: NOW },
    );
    assert.equal(report.ok, true, JSON.stringify(codes(report)));
    assert.equal(report.complete, true);
    assert.deepEqual(
      report.order.map((i) => order[i][0]),
      ['leaf', 'inter', 'root'],
    );
    assert.deepEqual(
      report.links.map((l) => [l.issuedBy, l.signature, l.nameMatch, l.keyIdentifierMatch !== false, l.validNow, l.caConstraintsOk]),
      [
        ['chain', 'valid', true, true, true, true],
        ['chain', 'valid', true, true, true, true],
        ['self', 'valid', true, true, true, true],
      ],
    );
    assert.deepEqual(
      report.links.slice(0, 2).map((l) => l.keyIdentifierMatch),
      [true, true],
    );
  });
}

test('one PEM bundle, a trust anchor instead of the root, and a Date for now', () => {
  const report = verifyChain(L + I, { trustAnchors: [R], now: new Date(NOW) });
  assert.equal(report.ok, true);
  assert.equal(report.links.at(-1).issuedBy, 'anchor');
  assert.equal(report.links.at(-1).anchorIndex, 0);
});

test('a chain that does not reach the trust anchor is not trusted', () => {
  const other = new OpensslCa().hierarchy();
  const report = verifyChain([L, I, R], { trustAnchors: [pem(other.root.cert)], now: NOW });
  assert.equal(report.ok, false);
  assert.ok(codes(report).includes('CHAIN_NOT_TRUSTED'));
});

test('without a root the chain is incomplete, and so not ok (nothing vouches for it)', () => {
  const report = verifyChain([I, L], { now: NOW });
  assert.equal(report.ok, false);
  assert.equal(report.complete, false);
  assert.deepEqual(codes(report), ['CHAIN_INCOMPLETE']);
});

test('a tampered signature fails with SIGNATURE_INVALID', () => {
  const der = Buffer.from(parseCertificate(L).der);
  der[der.length - 5] ^= 0x01; // inside the signature value
  const report = verifyChain([new Uint8Array(der), I, R], { now: NOW });
  assert.equal(report.ok, false);
  assert.deepEqual(codes(report), ['SIGNATURE_INVALID']);
  assert.equal(report.links[0].signature, 'invalid');
});

test('a wrong issuer fails with ISSUER_NOT_FOUND', () => {
  const stranger = new OpensslCa().hierarchy();
  const report = verifyChain([L, pem(stranger.inter.cert), pem(stranger.root.cert)], { now: NOW });
  assert.equal(report.ok, false);
  assert.ok(codes(report).includes('ISSUER_NOT_FOUND'), JSON.stringify(codes(report)));
  assert.deepEqual(report.order, [0]);
});

test('an issuer with the right name but another key fails with KEY_IDENTIFIER_MISMATCH and SIGNATURE_INVALID', () => {
  const impostorCa = new OpensslCa();
  const impostorRoot = impostorCa.issue({
    key: impostorCa.key('p-384'),
    subject: '/O=certkit Test/CN=Test Root',
    extensions: 'basicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign\nsubjectKeyIdentifier = hash',
  });
  const report = verifyChain([L, I, pem(impostorRoot.cert)], { now: NOW });
  assert.equal(report.ok, false);
  assert.ok(codes(report).includes('SIGNATURE_INVALID') || codes(report).includes('ISSUER_NOT_FOUND'), JSON.stringify(codes(report)));
});

test('an expired intermediate fails with CERTIFICATE_EXPIRED on that link', () => {
  const dated = new OpensslCa();
  const chain = dated.hierarchy({ interDates: { startdate: '20200101000000Z', enddate: '20250101000000Z' } });
  const report = verifyChain([pem(chain.leaf.cert), pem(chain.inter.cert), pem(chain.root.cert)], { now: NOW });
  assert.equal(report.ok, false);
  assert.deepEqual(codes(report), ['CERTIFICATE_EXPIRED']);
  assert.equal(report.links[1].validNow, false);
  assert.equal(report.links[1].problems[0].field, 'chain[1]');
});

test('a leaf used as a CA fails with ISSUER_NOT_CA', () => {
  const grandchild = ca.issue({ key: ca.key('p-256'), subject: '/CN=issued by a leaf', issuer: leaf });
  const report = verifyChain([pem(grandchild.cert), L, I, R], { now: NOW });
  assert.equal(report.ok, false);
  assert.ok(codes(report).includes('ISSUER_NOT_CA'), JSON.stringify(codes(report)));
  assert.equal(report.links[0].caConstraintsOk, false);
});

test('path length: a CA under a pathlen:0 intermediate fails with PATH_LENGTH_EXCEEDED', () => {
  const sub = ca.issue({
    key: ca.key('p-256'),
    subject: '/CN=Sub CA',
    issuer: inter,
    extensions: 'basicConstraints = critical, CA:TRUE\nkeyUsage = keyCertSign\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid',
  });
  const leaf2 = ca.issue({ key: ca.key('p-256'), subject: '/CN=deep leaf', issuer: sub });
  const report = verifyChain([pem(leaf2.cert), pem(sub.cert), I, R], { now: NOW });
  assert.ok(codes(report).includes('PATH_LENGTH_EXCEEDED'), JSON.stringify(codes(report)));
});

test('a certificate that belongs to no path is reported, and leafPublicKey picks the leaf', () => {
  const extra = new OpensslCa().selfSigned({ subject: '/CN=stray' });
  const report = verifyChain([I, pem(extra.cert), L, R], { now: NOW, leafPublicKey: readFileSync(leaf.key, 'utf8') });
  assert.deepEqual(report.order, [2, 0, 3]);
  assert.ok(codes(report).includes('CERTIFICATE_NOT_IN_CHAIN'));
  const wrongKey = verifyChain([L, I, R], { now: NOW, leafPublicKey: readFileSync(new OpensslCa().key(), 'utf8') });
  assert.ok(codes(wrongKey).includes('LEAF_KEY_MISMATCH'));
});

test('not yet valid, and bad options', () => {
  const report = verifyChain([L, I, R], { now: '2019-01-01T00:00:00Z' });
  assert.ok(codes(report).every((c) => c === 'CERTIFICATE_NOT_YET_VALID'));
  assert.throws(() => verifyChain([L], { now: 'yesterday' }), { code: 'INVALID_TIME', field: 'now' });
  assert.throws(() => verifyChain([L], { trustAnchor: [R] }), { code: 'INVALID_OPTIONS' });
  assert.throws(() => verifyChain([L, 'garbage']), { code: 'UNRECOGNIZED_ENCODING', field: 'chain[1]' });
  assert.throws(() => verifyChain([]), { code: 'EMPTY_CHAIN' });
  // The element that is neither text nor bytes is named (an array of numbers once read as bytes).
  assert.throws(() => verifyChain([L, 7]), { code: 'INVALID_OPTIONS', field: 'chain[1]' });
  assert.throws(() => verifyChain([5]), { code: 'INVALID_OPTIONS', field: 'chain[0]' });
  assert.throws(() => verifyChain([L], { trustAnchors: [true] }), {
    code: 'INVALID_OPTIONS',
    field: 'options.trustAnchors[0]',
  });
});

test('RSA-PSS, Ed25519 and P-521 signatures verify along a chain', () => {
  const mixed = new OpensslCa().hierarchy({ rootKey: 'ed25519', interKey: 'p-521', leafKey: 'rsa-pss' });
  const report = verifyChain([pem(mixed.leaf.cert), pem(mixed.inter.cert), pem(mixed.root.cert)], { now: NOW });
  assert.equal(report.ok, true, JSON.stringify(codes(report)));
  assert.deepEqual(
    report.links.map((l) => l.signature),
    ['valid', 'valid', 'valid'],
  );
  writeFileSync(ca.path('unused.txt'), '');
});

test('an unsupported signature algorithm is reported as such, not as invalid, and fails the chain', () => {
  const forged = forge(parseCertificate(L).der, { signatureAlgorithm: UNKNOWN_ALGORITHM });
  const report = verifyChain([forged, I, R], { now: NOW });
  assert.deepEqual(
    report.links.map((l) => l.signature),
    ['unsupported', 'valid', 'valid'],
  );
  assert.deepEqual(codes(report), ['SIGNATURE_UNSUPPORTED']);
  assert.equal(report.ok, false);
});
