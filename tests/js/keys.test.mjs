// Keys, CSRs and certificates made by certkit, checked by OpenSSL and Node's crypto; keys made
// by OpenSSL read back by certkit.
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, webcrypto } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  createCertificate,
  createCsr,
  exportPrivateKey,
  exportPublicKey,
  generateKeyPair,
  importPrivateKey,
  KEY_SPECS,
  keyIdentifiers,
  parseCertificate,
  parseCsr,
  subjectKeyIdentifier,
  verifyChain,
} from '../../pkg/node.js';
import { openssl, tempDir } from './helpers.mjs';
import { OpensslCa } from './openssl-ca.mjs';

const dir = tempDir();
const file = (name, data) => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};
/** openssl, returning stdout and stderr (req -verify reports on stderr even on success). */
function opensslBoth(args) {
  try {
    return openssl(args, { stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    return `${error.stdout}${error.stderr}FAILED`;
  }
}
import { spawnSync } from 'node:child_process';
const opensslRun = (args) => {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
};

const SPECS = [
  { algorithm: 'RSA', modulusLength: 2048 },
  { algorithm: 'ECDSA', namedCurve: 'P-256' },
  { algorithm: 'ECDSA', namedCurve: 'P-384' },
  { algorithm: 'Ed25519' },
];
const EXPECTED_SIGALG = { RSA: 'sha256WithRSAEncryption', 'P-256': 'ecdsa-with-SHA256', 'P-384': 'ecdsa-with-SHA384', Ed25519: 'ED25519' };
const label = (spec) => spec.namedCurve ?? spec.algorithm;

for (const spec of SPECS) {
  test(`${label(spec)}: CSR passes openssl req -verify; self-signed CA and issued leaf pass openssl verify`, async () => {
    const key = await generateKeyPair(spec);
    const csr = createCsr({
      privateKey: key.privateKeyPem,
      subject: 'CN=client.example.com,OU=Team A,OU=Team B,O=Example\\, Inc.,C=US',
      subjectAltNames: [
        'client.example.com',
        '*.client.example.com',
        '192.0.2.7',
        '2001:db8::7',
        'ops@example.com',
        'spiffe://example.com/ns/a',
      ],
      keyUsage: ['digitalSignature'],
      extendedKeyUsage: ['clientAuth'],
      includeSubjectKeyIdentifier: true,
    });
    const csrPath = file(`${label(spec)}.csr`, csr.pem);
    const verified = opensslRun(['req', '-in', csrPath, '-noout', '-verify']);
    assert.match(verified.out, /verify OK/, verified.out); // openssl 3.0 exits 0 even on failure
    const subject = openssl(['req', '-in', csrPath, '-noout', '-subject', '-nameopt', 'RFC2253']).trim();
    assert.equal(subject, 'subject=CN=client.example.com,OU=Team A,OU=Team B,O=Example\\, Inc.,C=US');
    const parsed = parseCsr(csr.der);
    assert.equal(parsed.signatureValid, true);
    assert.equal(parsed.signatureAlgorithm.name, EXPECTED_SIGALG[label(spec)]);
    assert.equal(parsed.subjectKeyIdentifier, key.subjectKeyIdentifier);
    assert.deepEqual(
      parsed.subjectAltNames.map((n) => n.type),
      ['dns', 'dns', 'ip', 'ip', 'email', 'uri'],
    );

    const caKey = await generateKeyPair(spec);
    const ca = createCertificate({
      privateKey: caKey.privateKeyPem,
      subject: { organization: 'certkit Test CA', commonName: `CA ${label(spec)}` },
      isCa: true,
      pathLength: 0,
    });
    const caPath = file(`${label(spec)}-ca.pem`, ca.pem);
    assert.match(openssl(['verify', '-CAfile', caPath, caPath]), /OK/);
    const leaf = createCertificate({ csr: csr.pem, issuer: { certificate: ca.pem, privateKey: caKey.privateKeyJwk } });
    const leafPath = file(`${label(spec)}-leaf.pem`, leaf.pem);
    assert.match(openssl(['verify', '-CAfile', caPath, leafPath]), /OK/);

    const cert = parseCertificate(leaf.pem);
    assert.equal(cert.issuer.rfc4514, parseCertificate(ca.pem).subject.rfc4514);
    assert.equal(cert.subject.rfc4514, parsed.subject.rfc4514, 'the CSR subject is copied byte for byte');
    assert.equal(cert.subjectKeyIdentifier, key.subjectKeyIdentifier);
    assert.equal(cert.authorityKeyIdentifier, parseCertificate(ca.pem).subjectKeyIdentifier);
    assert.equal(cert.serialNumber.length, 32, 'a 16-byte positive serial');
    assert.deepEqual(
      cert.extendedKeyUsage.map((p) => p.name),
      ['clientAuth'],
    );
    assert.equal(cert.basicConstraints.ca, false);
    // A year by default, but never past the CA (made moments earlier, so it ends a little sooner).
    const year = Date.parse(cert.notBefore) + 365 * 86_400_000;
    assert.equal(Date.parse(cert.notAfter), Math.min(year, Date.parse(parseCertificate(ca.pem).notAfter)));
    assert.ok(year - Date.parse(cert.notAfter) < 60_000);
    assert.deepEqual(leaf.warnings, []);
    assert.equal(verifyChain([leaf.pem, ca.pem]).ok, true);
  });

  test(`${label(spec)}: every export format is read by OpenSSL and Node; WebCrypto imports the JWKs`, async () => {
    const key = await generateKeyPair(spec);
    const spkiDer = createPublicKey(key.publicKeyPem).export({ type: 'spki', format: 'der' });
    const sameKey = (privateKey) => assert.deepEqual(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }), spkiDer);

    const formats = [
      'pkcs8',
      'der',
      'jwk',
      ...(spec.algorithm === 'RSA' ? ['pkcs1'] : []),
      ...(spec.algorithm === 'ECDSA' ? ['sec1'] : []),
    ];
    for (const format of formats) {
      const out = exportPrivateKey(key.privateKeyPem, { format });
      if (format === 'jwk') {
        sameKey(createPrivateKey({ key: JSON.parse(out), format: 'jwk' }));
        continue;
      }
      if (format === 'der') {
        assert.ok(out instanceof Uint8Array);
        sameKey(createPrivateKey({ key: Buffer.from(out), format: 'der', type: 'pkcs8' }));
        continue;
      }
      sameKey(createPrivateKey(out));
      const viaOpenssl = openssl(['pkey', '-in', file(`${label(spec)}.${format}.pem`, out), '-pubout']);
      assert.equal(viaOpenssl, key.publicKeyPem, `openssl reads ${format}`);
    }

    const encrypted = exportPrivateKey(key.privateKeyPem, { format: 'pkcs8', passphrase: 'correct horse' });
    assert.match(encrypted, /^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    const encPath = file(`${label(spec)}.enc.pem`, encrypted);
    const params = openssl(['asn1parse', '-in', encPath]);
    assert.match(params, /PBES2/);
    assert.match(params, /hmacWithSHA256/);
    assert.match(params, /aes-256-cbc/);
    assert.match(params, /INTEGER\s+:0927C0/, 'PBKDF2 with 600,000 iterations');
    assert.equal(openssl(['pkey', '-in', encPath, '-passin', 'pass:correct horse', '-pubout']), key.publicKeyPem);
    assert.equal(opensslRun(['pkey', '-in', encPath, '-passin', 'pass:wrong', '-pubout']).ok, false);
    sameKey(createPrivateKey({ key: encrypted, passphrase: 'correct horse' }));
    assert.throws(() => createPrivateKey({ key: encrypted, passphrase: 'wrong' }));
    assert.throws(() => importPrivateKey(encrypted, { passphrase: 'wrong' }), { code: 'WRONG_PASSPHRASE' });
    assert.throws(() => importPrivateKey(encrypted), { code: 'PASSPHRASE_REQUIRED' });
    assert.equal(importPrivateKey(encrypted, { passphrase: 'correct horse' }).publicKeyPem, key.publicKeyPem);
    const encDer = exportPrivateKey(key.privateKeyPem, { format: 'der', passphrase: 'pw', iterations: 20000 });
    sameKey(createPrivateKey({ key: Buffer.from(encDer), format: 'der', type: 'pkcs8', passphrase: 'pw' }));

    const webAlgorithm =
      spec.algorithm === 'RSA'
        ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
        : spec.algorithm === 'ECDSA'
          ? { name: 'ECDSA', namedCurve: spec.namedCurve }
          : { name: 'Ed25519' };
    const privateCrypto = await webcrypto.subtle.importKey('jwk', key.privateKeyJwk, webAlgorithm, true, ['sign']);
    const publicCrypto = await webcrypto.subtle.importKey('jwk', key.publicKeyJwk, webAlgorithm, true, ['verify']);
    const signAlgorithm = spec.algorithm === 'ECDSA' ? { name: 'ECDSA', hash: 'SHA-256' } : webAlgorithm;
    const signature = await webcrypto.subtle.sign(signAlgorithm, privateCrypto, new TextEncoder().encode('hello'));
    assert.equal(await webcrypto.subtle.verify(signAlgorithm, publicCrypto, signature, new TextEncoder().encode('hello')), true);
    assert.equal(exportPublicKey(key.privateKeyPem, { format: 'spki' }), key.publicKeyPem);
    assert.deepEqual(JSON.parse(exportPublicKey(key.publicKeyPem, { format: 'jwk' })), key.publicKeyJwk);
  });
}

test('an Ed25519 PKCS#8 key is version 1, which OpenSSL 3.0 and Node read', async () => {
  const key = await generateKeyPair({ algorithm: 'Ed25519' });
  const parsed = openssl(['asn1parse', '-in', file('ed.pem', key.privateKeyPem)]);
  assert.match(parsed.split('\n')[1], /INTEGER\s+:00/);
  assert.equal(createPrivateKey(key.privateKeyPem).asymmetricKeyType, 'ed25519');
});

test('keys made by openssl genpkey in every format import and give the same public key', () => {
  const ca = new OpensslCa();
  for (const type of ['rsa-2048', 'p-256', 'p-384', 'ed25519']) {
    const pkcs8 = ca.key(type);
    const expected = keyIdentifiers(openssl(['pkey', '-in', pkcs8, '-pubout']));
    const forms = {
      pkcs8: readFileSync(pkcs8, 'utf8'),
      der: new Uint8Array(openssl(['pkey', '-in', pkcs8, '-outform', 'DER'], { encoding: 'buffer' })),
      encrypted: openssl(['pkcs8', '-topk8', '-in', pkcs8, '-passout', 'pass:pw']),
      encryptedScrypt: openssl(['pkcs8', '-topk8', '-in', pkcs8, '-passout', 'pass:pw', '-scrypt']),
      jwk: createPrivateKey(readFileSync(pkcs8)).export({ format: 'jwk' }),
    };
    if (type.startsWith('rsa')) forms.pkcs1 = openssl(['rsa', '-in', pkcs8, '-traditional']);
    if (type.startsWith('p-')) forms.sec1 = openssl(['ec', '-in', pkcs8]);
    for (const [name, input] of Object.entries(forms)) {
      const pair = importPrivateKey(input, { passphrase: 'pw' });
      assert.deepEqual(keyIdentifiers(pair.publicKeyPem), expected, `${type} ${name}`);
    }
  }
});

test('each mistake has its own code', async () => {
  const ca = new OpensslCa();
  await assert.rejects(generateKeyPair({ algorithm: 'RSA', modulusLength: 1024 }), { code: 'RSA_KEY_TOO_SMALL', field: 'modulusLength' });
  await assert.rejects(generateKeyPair({ algorithm: 'RSA', modulusLength: 8192 }), { code: 'UNSUPPORTED_KEY_SIZE' });
  await assert.rejects(generateKeyPair({ algorithm: 'ECDSA', namedCurve: 'P-521' }), { code: 'UNSUPPORTED_CURVE' });
  await assert.rejects(generateKeyPair({ algorithm: 'DSA' }), { code: 'INVALID_OPTIONS' });
  assert.throws(() => importPrivateKey(readFileSync(ca.key('secp256k1'))), { code: 'UNSUPPORTED_CURVE' });
  const pub = openssl(['pkey', '-in', ca.key('p-256'), '-pubout']);
  assert.throws(() => createCsr({ privateKey: pub, subject: 'CN=x' }), { code: 'PRIVATE_KEY_REQUIRED', field: 'privateKey' });
  assert.throws(() => exportPrivateKey(pub, { format: 'pkcs8' }), { code: 'PRIVATE_KEY_REQUIRED' });
  const ec = readFileSync(ca.key('p-256'), 'utf8');
  assert.throws(() => exportPrivateKey(ec, { format: 'pkcs1' }), { code: 'FORMAT_NOT_FOR_KEY' });
  assert.throws(
    () => createCsr({ privateKey: ec, subject: 'CN=x', subjectAltNames: ['ok.example', 'bad name', '300.1.1.1'] }),
    (e) => e.code === 'INVALID_SUBJECT_ALT_NAME' && e.problems.length === 2 && e.problems[1].field === 'subjectAltNames[2]',
  );
  assert.throws(() => createCsr({ privateKey: ec, subject: 'CN=x', keyUsage: ['sign'] }), {
    code: 'UNKNOWN_KEY_USAGE',
    field: 'keyUsage[0]',
  });
  assert.throws(() => createCsr({ privateKey: ec, subject: 'Country=USA' }), { code: 'INVALID_NAME' });
  assert.throws(() => createCsr({ privateKey: ec, subjct: 'CN=x' }), { code: 'INVALID_OPTIONS' });
  // A name is text or an object; what is wrong inside an object is said at its own field.
  assert.throws(() => createCsr({ privateKey: ec, subject: [] }), { code: 'INVALID_OPTIONS', field: 'options.subject' });
  assert.throws(() => createCsr({ privateKey: ec, subject: { cn: 'x' } }), {
    code: 'INVALID_OPTIONS',
    field: 'options.subject.cn',
  });
  assert.throws(() => createCsr({ privateKey: ec, subject: { commonName: [7] } }), {
    code: 'INVALID_OPTIONS',
    field: 'options.subject.commonName[0]',
  });
  assert.throws(
    () => createCertificate({ privateKey: ec, subject: 'CN=x', notBefore: '2030-01-01T00:00:00Z', notAfter: '2029-01-01T00:00:00Z' }),
    { code: 'INVALID_VALIDITY' },
  );
  const leafOnly = createCertificate({ privateKey: ec, subject: 'CN=not a ca' });
  assert.throws(
    () =>
      createCertificate({
        privateKey: readFileSync(ca.key('p-256')),
        subject: 'CN=y',
        issuer: { certificate: leafOnly.pem, privateKey: ec },
      }),
    { code: 'ISSUER_NOT_CA' },
  );
  const realCa = createCertificate({ privateKey: ec, subject: 'CN=ca', isCa: true });
  assert.throws(
    () =>
      createCertificate({
        publicKey: pub,
        subject: 'CN=y',
        issuer: { certificate: realCa.pem, privateKey: readFileSync(ca.key('p-256')) },
      }),
    { code: 'ISSUER_KEY_MISMATCH' },
  );
});

test('certificates for a public key, with every key identifier method, dated, with a serial', async () => {
  const caKey = await generateKeyPair({ algorithm: 'ECDSA', namedCurve: 'P-256' });
  const ca = createCertificate({
    privateKey: caKey.privateKeyPem,
    subject: 'CN=Issuing CA,DC=example,DC=com',
    isCa: true,
    keyIdMethod: 'rfc7093-sha256',
  });
  assert.equal(parseCertificate(ca.pem).subjectKeyIdentifier, subjectKeyIdentifier(caKey.publicKeyPem, 'rfc7093-sha256'));
  const subjectKey = await generateKeyPair({ algorithm: 'Ed25519' });
  for (const method of ['rfc5280-sha1', 'rfc5280-method2', 'rfc7093-sha384', 'rfc7093-sha512', 'spki-sha256-160']) {
    const made = createCertificate({
      publicKey: subjectKey.publicKeyPem,
      subject: { commonName: method },
      issuer: { certificate: ca.pem, privateKey: caKey.privateKeyPem },
      keyIdMethod: method,
      notBefore: new Date('2030-01-01T00:00:00Z'),
      notAfter: '2031-06-30T12:00:00Z',
      serialNumber: '0badc0de',
    });
    const cert = parseCertificate(made.pem);
    assert.equal(cert.subjectKeyIdentifier, subjectKeyIdentifier(subjectKey.publicKeyPem, method));
    assert.equal(cert.authorityKeyIdentifier, parseCertificate(ca.pem).subjectKeyIdentifier);
    assert.deepEqual([cert.notBefore, cert.notAfter, cert.serialNumber], ['2030-01-01T00:00:00Z', '2031-06-30T12:00:00Z', 'badc0de']);
    assert.equal(cert.issuer.rfc4514, 'CN=Issuing CA,DC=example,DC=com');
  }
});

test('a CA made by openssl with repeated attributes can issue, and names match byte for byte', async () => {
  const ca = new OpensslCa();
  const root = ca.issue({
    key: ca.key('p-384'),
    subject: '/DC=com/DC=example/O=Old CA/OU=One/OU=Two/CN=Old Root',
    extensions: 'basicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign\nsubjectKeyIdentifier = hash',
  });
  const subject = await generateKeyPair({ algorithm: 'ECDSA', namedCurve: 'P-256' });
  const leaf = createCertificate({
    privateKey: subject.privateKeyPem,
    subject: 'CN=leaf',
    issuer: { certificate: readFileSync(root.cert, 'utf8'), privateKey: readFileSync(root.key, 'utf8') },
  });
  const leafPath = file('old-ca-leaf.pem', leaf.pem);
  assert.match(openssl(['verify', '-CAfile', root.cert, leafPath]), /OK/);
  const raw = (pem) => openssl(['x509', '-noout', '-nameopt', 'RFC2253', '-issuer', '-subject', '-in', file('x.pem', pem)]);
  assert.equal(raw(leaf.pem).split('\n')[0].slice(7), raw(readFileSync(root.cert, 'utf8')).split('\n')[1].slice(8));
});

test('RSA key generation: the wasm engine reports progress and can be cancelled', async () => {
  const seen = [];
  const pair = await generateKeyPair({ algorithm: 'RSA', engine: 'wasm', onProgress: (p) => seen.push(p) });
  assert.equal(pair.modulusLength, 2048);
  assert.equal(seen[0].phase, 'started');
  assert.equal(seen.at(-1).phase, 'done');
  assert.ok(seen.every((p) => p.engine === 'wasm'));
  assert.equal(createPublicKey(pair.publicKeyPem).asymmetricKeyDetails.publicExponent, 65537n);
  // OpenSSL checks that p and q are prime and that the key's numbers agree.
  assert.match(openssl(['rsa', '-check', '-noout', '-in', file('wasm-rsa.pem', pair.privateKeyPem)]), /RSA key ok/);
  const controller = new AbortController();
  const pending = generateKeyPair({ algorithm: 'RSA', modulusLength: 4096, engine: 'wasm', signal: controller.signal });
  setTimeout(() => controller.abort(), 5);
  await assert.rejects(pending, { code: 'CANCELLED', status: 'CANCELLED' });
  const aborted = AbortSignal.abort();
  await assert.rejects(generateKeyPair({ algorithm: 'Ed25519', signal: aborted }), { code: 'CANCELLED' });
});

test('WebCrypto and wasm give the same shape', async () => {
  const a = await generateKeyPair({ algorithm: 'RSA', engine: 'webcrypto' });
  const b = await generateKeyPair({ algorithm: 'RSA', engine: 'wasm' });
  assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort());
  assert.deepEqual(Object.keys(a.privateKeyJwk).sort(), Object.keys(b.privateKeyJwk).sort());
  assert.equal(opensslBoth(['version']).includes('OpenSSL'), true);
});

test('KEY_SPECS: every key on the menu is made as labelled, and OpenSSL reads it', async () => {
  assert.deepEqual(
    KEY_SPECS.map((key) => key.id),
    ['rsa-2048', 'rsa-3072', 'rsa-4096', 'p-256', 'p-384', 'ed25519'],
  );
  for (const { id, label, spec } of KEY_SPECS) {
    const pair = await generateKeyPair(spec);
    const text = openssl(['pkey', '-in', file(`${id}.pem`, pair.privateKeyPem), '-noout', '-text']);
    const expected = { RSA: `(${spec.modulusLength} bit`, ECDSA: `NIST CURVE: ${spec.namedCurve}`, Ed25519: 'ED25519 Private-Key' }[
      spec.algorithm
    ];
    assert.ok(text.includes(expected), `${label}: ${text.split('\n')[0]}`);
  }
});
