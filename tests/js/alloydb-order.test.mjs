// AlloyDB answers in every order: the client certificate is found by the key that was sent
// wherever it is, the one problem says where and what the connectors will do, leaf and
// nextRefresh come from it, and `check-response --out-dir` writes the files in proper order.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { alloydb, generateKeyPair, parseCertificate } from '../../pkg/node.js';
import { tempDir } from './helpers.mjs';
import { OpensslCa, pem } from './openssl-ca.mjs';

const cli = fileURLToPath(new URL('../../pkg/cli.js', import.meta.url));
const dir = tempDir('certkit-alloydb-order-');
const ca = new OpensslCa();
const { root, inter } = ca.hierarchy();
const key = await generateKeyPair({ algorithm: 'RSA', modulusLength: 2048 });
const leaf = ca.issueForPublicKey({ publicKeyPem: key.publicKeyPem, issuer: inter, subject: '/CN=alloydb-client' });
const byName = { leaf: pem(leaf), inter: pem(inter.cert), root: pem(root.cert) };
const publicKeyFile = join(dir, 'sent.pub');
writeFileSync(publicKeyFile, key.publicKeyPem);

/** Every order of the three certificates. */
function permutations(items) {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

const certkit = (args) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: dir });
const normalized = (text) => parseCertificate(text).pem;

for (const order of permutations(['leaf', 'inter', 'root'])) {
  test(`answer in the order ${order.join(', ')}`, () => {
    const response = { pemCertificateChain: order.map((name) => byName[name]), caCert: byName.root };
    const now = new Date();
    const report = alloydb.checkGenerateClientCertificateResponse(response, { publicKey: key.publicKeyPem, now });
    const at = order.indexOf('leaf');
    const errors = report.problems.filter((p) => p.severity === 'error');
    if (at !== 0) {
      assert.deepEqual(
        errors.map((p) => [p.code, p.field]),
        [['LEAF_NOT_FIRST', `pemCertificateChain[${at}]`]],
        'one problem, at the certificate with the key',
      );
      assert.match(errors[0].message, /connectors use pemCertificateChain\[0\]/);
    } else if (order[1] === 'root') {
      assert.deepEqual(
        errors.map((p) => p.code),
        ['CHAIN_OUT_OF_ORDER'],
      );
    } else {
      assert.deepEqual(errors, []);
      assert.equal(report.ok, true);
    }
    assert.deepEqual(report.checks, {
      leafKeyMatches: true,
      leafFirst: at === 0,
      chainInOrder: order.join() === 'leaf,inter,root',
      anchored: true,
      leafValidNow: true,
    });
    assert.equal(report.leaf.pem, normalized(byName.leaf), 'the leaf is the certificate with the key');
    assert.equal(report.nextRefresh, alloydb.nextRefresh(byName.leaf, now), 'nextRefresh comes from that leaf');
    assert.deepEqual(
      report.chain.order.map((i) => order[i]),
      ['leaf', 'inter', 'root'],
    );

    // The files, in proper order whatever the answer's order.
    const out = join(dir, order.join('-'));
    const responseFile = join(dir, `${order.join('-')}.json`);
    writeFileSync(responseFile, JSON.stringify(response));
    const run = certkit(['alloydb', 'check-response', responseFile, '--public-key', publicKeyFile, '--out-dir', out]);
    assert.equal(run.code ?? run.status, at === 0 && order[1] === 'inter' ? 0 : 1, run.stderr);
    assert.equal(readFileSync(join(out, 'client.pem'), 'utf8'), normalized(byName.leaf));
    assert.equal(readFileSync(join(out, 'chain.pem'), 'utf8'), normalized(byName.inter) + normalized(byName.root), 'issuer to root');
    assert.equal(readFileSync(join(out, 'ca.pem'), 'utf8'), normalized(byName.root));
    assert.match(run.stderr, /wrote .*client\.pem/);
  });
}

test('check-response --out-dir refuses to overwrite without --force, and writes nothing for another key', async () => {
  const response = join(dir, 'plain.json');
  writeFileSync(response, JSON.stringify({ pemCertificateChain: [byName.leaf, byName.inter], caCert: byName.root }));
  const out = join(dir, 'again');
  assert.equal(certkit(['alloydb', 'check-response', response, '--public-key', publicKeyFile, '--out-dir', out]).status, 0);
  assert.equal(readFileSync(join(out, 'chain.pem'), 'utf8'), normalized(byName.inter), 'only the issuers the answer holds');
  writeFileSync(join(out, 'ca.pem'), 'mine');
  const refused = certkit(['alloydb', 'check-response', response, '--public-key', publicKeyFile, '--out-dir', out]);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /usage OUTPUT_EXISTS --out-dir: .*client\.pem exists/);
  assert.equal(readFileSync(join(out, 'ca.pem'), 'utf8'), 'mine', 'nothing was touched');
  const forced = certkit(['alloydb', 'check-response', response, '--public-key', publicKeyFile, '--out-dir', out, '--force']);
  assert.equal(forced.status, 0, forced.stderr);
  assert.equal(readFileSync(join(out, 'ca.pem'), 'utf8'), normalized(byName.root));

  const other = await generateKeyPair({ algorithm: 'ECDSA', namedCurve: 'P-256' });
  const otherFile = join(dir, 'other.pub');
  writeFileSync(otherFile, other.publicKeyPem);
  const elsewhere = join(dir, 'not-mine');
  const mismatch = certkit(['alloydb', 'check-response', response, '--public-key', otherFile, '--out-dir', elsewhere]);
  assert.equal(mismatch.status, 1);
  assert.match(mismatch.stderr, /error LEAF_KEY_MISMATCH/);
  assert.match(mismatch.stderr, /nothing written .*no certificate of the answer carries the key/);
  assert.equal(existsSync(join(elsewhere, 'client.pem')), false);
});

test('checks: each answer says which check failed, and none passes when it could not be made', async () => {
  const other = await generateKeyPair({ algorithm: 'ECDSA', namedCurve: 'P-256' });
  const chain = [byName.leaf, byName.inter];
  const check = (response, options = {}) =>
    alloydb.checkGenerateClientCertificateResponse(response, { publicKey: key.publicKeyPem, ...options }).checks;
  assert.deepEqual(check({ pemCertificateChain: chain, caCert: byName.root }), {
    leafKeyMatches: true,
    leafFirst: true,
    chainInOrder: true,
    anchored: true,
    leafValidNow: true,
  });
  // Another key was sent: the certificate at index 0 is judged, but it is not ours.
  const foreign = alloydb.checkGenerateClientCertificateResponse(
    { pemCertificateChain: chain, caCert: byName.root },
    { publicKey: other.publicKeyPem },
  );
  assert.equal(foreign.checks.leafKeyMatches, false);
  assert.equal(foreign.checks.leafFirst, false);
  assert.equal(foreign.ok, false);
  // caCert is not the root of this chain (the intermediate is a CA, but the chain does not end there).
  const unrelated = new OpensslCa().hierarchy().root;
  const notAnchored = check({ pemCertificateChain: chain, caCert: pem(unrelated.cert) });
  assert.equal(notAnchored.anchored, false);
  assert.equal(notAnchored.leafKeyMatches, true);
  // No caCert at all: anchoring could not be checked, so it did not pass.
  assert.equal(check({ pemCertificateChain: chain }).anchored, false);
  // Long after notAfter: the leaf is not valid then.
  assert.equal(check({ pemCertificateChain: chain, caCert: byName.root }, { now: '2999-01-01T00:00:00Z' }).leafValidNow, false);
  // Nothing readable: every check false.
  assert.deepEqual(check({ pemCertificateChain: ['not a certificate'], caCert: byName.root }), {
    leafKeyMatches: false,
    leafFirst: false,
    chainInOrder: false,
    anchored: false,
    leafValidNow: false,
  });
});
