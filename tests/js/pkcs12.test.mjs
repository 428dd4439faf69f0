// PKCS#12 both ways: certkit's files (modern and legacy) read by `openssl pkcs12` and by Node's
// TLS stack; files OpenSSL and Java's keytool make read by certkit; wrong passphrases refused.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createSecureContext } from 'node:tls';
import { exportPkcs12, inspect, parseCertificate, parsePkcs12 } from '../../pkg/node.js';
import { openssl, tempDir } from './helpers.mjs';
import { OpensslCa, pem } from './openssl-ca.mjs';

const dir = tempDir('certkit-p12-');
const ca = new OpensslCa(join(dir, 'ca'));
const chain = ca.hierarchy({ leafKey: 'p-256' });
const rsaLeaf = ca.issue({ key: ca.key('rsa-2048'), subject: '/CN=rsa client', issuer: chain.inter });
const PASS = 'correct horse';
const file = (name, data) => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};
const subjects = (contents) => contents.certificates.map((c) => c.subject.rfc4514);
const spkiOf = (keyPem) => new Uint8Array(createPublicKey(keyPem).export({ type: 'spki', format: 'der' }));
const CHAIN = ['CN=leaf.example.com,O=certkit Test', 'CN=Test Intermediate,O=certkit Test', 'CN=Test Root,O=certkit Test'];

/** `openssl pkcs12 -info` of a file: its description on stderr plus the PEM it prints. */
function opensslRead(path, passphrase, extra = []) {
  const run = spawnSync('openssl', ['pkcs12', '-in', path, '-info', '-nodes', '-passin', `pass:${passphrase}`, ...extra], {
    encoding: 'utf8',
  });
  return { ok: run.status === 0, out: run.stdout, info: run.stderr };
}

for (const compatibility of ['modern', 'legacy']) {
  test(`certkit's ${compatibility} file is read by openssl pkcs12 and by Node's TLS`, () => {
    const p12 = exportPkcs12({
      privateKey: pem(chain.leaf.key),
      certificates: [pem(chain.leaf.cert), pem(chain.inter.cert), pem(chain.root.cert)],
      passphrase: PASS,
      friendlyName: 'my client',
      compatibility,
    });
    assert.ok(p12 instanceof Uint8Array);
    const path = file(`certkit-${compatibility}.p12`, p12);
    const read = opensslRead(path, PASS);
    assert.ok(read.ok, read.info);
    if (compatibility === 'modern') {
      assert.match(read.info, /MAC: sha256, Iteration 2048/);
      assert.match(read.info, /Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256/);
      assert.match(read.info, /PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256/);
    } else {
      assert.match(read.info, /MAC: sha1, Iteration 2048/);
      assert.match(read.info, /Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048/);
      assert.match(read.info, /PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048/);
    }
    // The key OpenSSL decrypts is ours, and the leaf carries the same localKeyId and name.
    const keyPem = read.out.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----\n/)[0];
    assert.deepEqual(spkiOf(keyPem), spkiOf(pem(chain.leaf.key)));
    assert.equal((read.out.match(/friendlyName: my client/g) ?? []).length, 2);
    const ids = read.out.match(/localKeyID: [0-9A-F ]+/g);
    assert.equal(ids.length, 2);
    assert.equal(ids[0], ids[1]);
    assert.equal((read.out.match(/BEGIN CERTIFICATE/g) ?? []).length, 3);
    // openssl refuses a wrong passphrase.
    assert.equal(opensslRead(path, 'wrong').ok, false);
    // Node's TLS stack (OpenSSL inside) takes it as a client certificate.
    assert.doesNotThrow(() => createSecureContext({ pfx: Buffer.from(p12), passphrase: PASS }));
    assert.throws(() => createSecureContext({ pfx: Buffer.from(p12), passphrase: 'wrong' }), /mac verify failure|bad decrypt/i);
    // And certkit reads its own file back.
    const back = parsePkcs12(p12, PASS);
    assert.deepEqual(subjects(back), CHAIN);
    assert.equal(back.friendlyName, 'my client');
    assert.equal(back.localKeyId, back.certificates[0].fingerprints.sha1);
  });
}

test("an RSA key exports too, and a key that is not the first certificate's is refused", () => {
  const p12 = exportPkcs12({ privateKey: pem(rsaLeaf.key), certificates: [pem(rsaLeaf.cert)], passphrase: PASS });
  assert.ok(opensslRead(file('rsa.p12', p12), PASS).ok);
  assert.doesNotThrow(() => createSecureContext({ pfx: Buffer.from(p12), passphrase: PASS }));
  assert.throws(() => exportPkcs12({ privateKey: pem(rsaLeaf.key), certificates: [pem(chain.leaf.cert)], passphrase: PASS }), {
    code: 'KEY_CERTIFICATE_MISMATCH',
    field: 'certificates[0]',
  });
  assert.throws(
    () => exportPkcs12({ privateKey: pem(chain.leaf.key), certificates: [pem(chain.inter.cert), pem(chain.leaf.cert)], passphrase: PASS }),
    { code: 'KEY_CERTIFICATE_MISMATCH' },
  );
  assert.throws(() => exportPkcs12({ privateKey: pem(rsaLeaf.key), certificates: [pem(rsaLeaf.cert)], passphrase: '' }), {
    code: 'INVALID_OPTIONS',
    field: 'passphrase',
  });
  assert.throws(
    () => exportPkcs12({ privateKey: pem(rsaLeaf.key), certificates: [pem(rsaLeaf.cert)], passphrase: PASS, compatibility: 'ancient' }),
    { code: 'INVALID_OPTIONS' },
  );
  assert.throws(() => exportPkcs12({ privateKey: pem(rsaLeaf.key), certificates: [pem(rsaLeaf.cert)], passphrase: PASS, iterations: 5 }), {
    code: 'INVALID_OPTIONS',
  });
});

/** A .p12 made by `openssl pkcs12 -export` from the hierarchy, with extra arguments. */
function opensslExport(name, extra) {
  const cas = file(`${name}-cas.pem`, pem(chain.root.cert) + pem(chain.inter.cert)); // root first: order is certkit's job
  const out = join(dir, `${name}.p12`);
  openssl([
    'pkcs12',
    '-export',
    '-inkey',
    chain.leaf.key,
    '-in',
    chain.leaf.cert,
    '-certfile',
    cas,
    '-name',
    'from openssl',
    '-passout',
    `pass:${PASS}`,
    '-out',
    out,
    ...extra,
  ]);
  return new Uint8Array(readFileSync(out));
}

const legacyProvider = spawnSync('openssl', ['list', '-providers', '-provider', 'legacy'], { encoding: 'utf8' }).status === 0;
const OPENSSL_FILES = [
  ['default', [], 'sha256', /^PBES2 \(PBKDF2 hmacWithSHA256, aes-256-cbc\)/],
  [
    '3DES with a SHA-1 MAC',
    ['-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'],
    'sha1',
    /^pbeWithSHA1And3-KeyTripleDES-CBC/,
  ],
  ...(legacyProvider ? [['-legacy (RC2-40 certificates)', ['-legacy'], 'sha1', /^pbeWithSHA1And3-KeyTripleDES-CBC/]] : []),
];
for (const [name, extra, mac, keyEncryption] of OPENSSL_FILES) {
  test(`OpenSSL's ${name} file is read by certkit, leaf first; a wrong passphrase is refused`, () => {
    const p12 = opensslExport(name.replace(/\W+/g, '-'), extra);
    const contents = parsePkcs12(p12, PASS);
    assert.deepEqual(subjects(contents), CHAIN);
    assert.equal(contents.protection.mac.algorithm, mac);
    assert.match(contents.protection.keyEncryption, keyEncryption);
    assert.equal(contents.friendlyName, 'from openssl');
    assert.deepEqual(spkiOf(contents.privateKeyPem), spkiOf(pem(chain.leaf.key)));
    assert.deepEqual(contents.problems, []);
    if (name.startsWith('-legacy')) assert.match(contents.protection.certificateEncryption, /^pbeWithSHA1And40BitRC2-CBC/);
    assert.throws(() => parsePkcs12(p12, 'wrong'), { code: 'WRONG_PASSPHRASE' });
    // As base64 text too.
    assert.deepEqual(subjects(parsePkcs12(Buffer.from(p12).toString('base64'), PASS)), CHAIN);
  });
}

const keytool = spawnSync('keytool', ['-help'], { encoding: 'utf8' }).error === undefined;
test("keytool's files (Java defaults and its legacy settings) are read by certkit", {
  skip: !keytool && 'keytool is not installed',
}, () => {
  const source = join(dir, 'keytool-source.p12');
  writeFileSync(source, opensslExport('keytool-source', []));
  for (const [name, extra, mac] of [
    ['default', [], 'sha256'],
    ['legacy', ['-J-Dkeystore.pkcs12.legacy'], 'sha1'],
  ]) {
    const out = join(dir, `keytool-${name}.p12`);
    execFileSync(
      'keytool',
      [
        '-importkeystore',
        '-noprompt',
        ...extra,
        '-srckeystore',
        source,
        '-srcstoretype',
        'PKCS12',
        '-srcstorepass',
        PASS,
        '-destkeystore',
        out,
        '-deststoretype',
        'PKCS12',
        '-deststorepass',
        PASS,
      ],
      { stdio: 'pipe' },
    );
    const p12 = new Uint8Array(readFileSync(out));
    const contents = parsePkcs12(p12, PASS);
    assert.deepEqual(subjects(contents), CHAIN, name);
    assert.equal(contents.protection.mac.algorithm, mac, name);
    assert.deepEqual(spkiOf(contents.privateKeyPem), spkiOf(pem(chain.leaf.key)), name);
    assert.throws(() => parsePkcs12(p12, 'wrong'), { code: 'WRONG_PASSPHRASE' }, name);
  }
});

test('inspect opens a .p12 with a passphrase and never returns its private key', () => {
  const p12 = opensslExport('inspect', []);
  const locked = inspect(p12);
  assert.equal(locked.items[0].kind, 'pkcs12');
  assert.equal(locked.items[0].error.code, 'PASSPHRASE_REQUIRED');
  const open = inspect(p12, { passphrase: PASS });
  const [item] = open.items;
  assert.equal(item.error, undefined);
  assert.deepEqual(
    item.certificates.map((c) => c.subject.rfc4514),
    CHAIN,
  );
  assert.deepEqual(item.publicKey.spki, parseCertificate(pem(chain.leaf.cert)).publicKey.spki);
  assert.equal(item.pkcs12.hasPrivateKey, true);
  assert.equal(item.pkcs12.friendlyName, 'from openssl');
  assert.ok(!JSON.stringify(open, (_k, v) => (v instanceof Uint8Array ? undefined : v)).includes('PRIVATE KEY'));
  assert.equal(inspect(p12, { passphrase: 'wrong' }).items[0].error.code, 'WRONG_PASSPHRASE');
  assert.throws(() => inspect(p12, { passphrase: 1 }), { code: 'INVALID_OPTIONS' });
});
