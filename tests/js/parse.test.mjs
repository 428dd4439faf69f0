// parseCertificate against OpenSSL, and bad input that must throw CertkitError.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { CertkitError, inspect, parseCertificate, parseCertificates } from '../../pkg/node.js';
import { opensslFields, opensslSelfSigned, openssl, tempDir } from './helpers.mjs';

const dir = tempDir();
const rsaPath = opensslSelfSigned(dir, 'rsa', { subject: '/C=US/O=Acme, Inc./OU=R+D/CN=client.example.com' });
const ecPath = opensslSelfSigned(dir, 'ec', {
  subject: '/CN=ümlaut "quoted" \\back;semi/emailAddress=ops@example.com',
  keyAlg: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384'],
});

for (const [name, path] of [
  ['RSA', rsaPath],
  ['P-384', ecPath],
]) {
  test(`${name}: fields equal OpenSSL's`, () => {
    const expected = opensslFields(path);
    const cert = parseCertificate(readFileSync(path, 'utf8'));
    assert.equal(cert.serialNumber, expected.serialNumber);
    assert.equal(cert.subject.rfc4514, expected.subject);
    assert.equal(cert.issuer.rfc4514, expected.issuer);
    assert.equal(cert.notBefore, expected.notBefore);
    assert.equal(cert.notAfter, expected.notAfter);
    assert.equal(cert.fingerprints.sha256, expected.sha256);
    assert.equal(cert.version, 3);
  });
}

test('DER bytes, PEM bytes and bare base64 give the same certificate', () => {
  const pem = readFileSync(rsaPath, 'utf8');
  const der = new Uint8Array(Buffer.from(openssl(['x509', '-in', rsaPath, '-outform', 'DER'], { encoding: 'buffer' })));
  const base64 = pem
    .split('\n')
    .filter((l) => !l.startsWith('-----'))
    .join('');
  const fromPem = parseCertificate(pem);
  assert.deepEqual(parseCertificate(der).der, fromPem.der);
  assert.deepEqual(parseCertificate(new TextEncoder().encode(pem)).der, fromPem.der);
  assert.equal(parseCertificate(base64).fingerprints.sha256, fromPem.fingerprints.sha256);
  assert.equal(parseCertificate(pem.replaceAll('\n', '\r\n')).serialNumber, fromPem.serialNumber);
});

test('public key algorithm and size', () => {
  assert.deepEqual(
    [parseCertificate(readFileSync(rsaPath)).publicKey.algorithm, parseCertificate(readFileSync(rsaPath)).publicKey.bits],
    ['rsa', 2048],
  );
  const ec = parseCertificate(readFileSync(ecPath)).publicKey;
  assert.deepEqual([ec.algorithm, ec.curve, ec.bits], ['ec', 'P-384', 384]);
});

test('a bundle keeps its order; one certificate is required by parseCertificate', () => {
  const bundle = `${readFileSync(rsaPath, 'utf8')}comment between\n${readFileSync(ecPath, 'utf8')}`;
  const certs = parseCertificates(bundle);
  assert.deepEqual(
    certs.map((c) => c.publicKey.algorithm),
    ['rsa', 'ec'],
  );
  assert.throws(() => parseCertificate(bundle), { code: 'MULTIPLE_CERTIFICATES' });
});

const badInputs = [
  ['empty string', '', 'EMPTY_INPUT'],
  ['random bytes', new Uint8Array(randomBytes(512)).map((b, i) => (i === 0 ? 0x42 : b)), 'UNRECOGNIZED_ENCODING'],
  ['broken base64 in PEM', '-----BEGIN CERTIFICATE-----\nMIIB$$$notbase64\n-----END CERTIFICATE-----\n', 'INVALID_BASE64'],
  ['a private key', () => readFileSync(`${dir}/rsa.key`, 'utf8'), 'NOT_A_CERTIFICATE'],
  ['truncated DER', () => `${readFileSync(rsaPath, 'utf8').slice(0, 300)}\n-----END CERTIFICATE-----`, 'INVALID_CERTIFICATE'],
  ['a number', 42, 'INVALID_INPUT_TYPE'],
];

for (const [name, make, code] of badInputs) {
  test(`bad input (${name}) throws CertkitError ${code}, and the next call works`, () => {
    const input = typeof make === 'function' ? make() : make;
    assert.throws(
      () => parseCertificate(input),
      (error) => {
        assert.ok(error instanceof CertkitError, `not a CertkitError: ${error}`);
        assert.ok(error instanceof Error);
        assert.equal(error.code, code);
        assert.equal(error.status, 'INVALID_ARGUMENT');
        assert.ok(error.problems.length >= 1);
        assert.equal(error.problems[0].code, code);
        return true;
      },
    );
    assert.equal(parseCertificate(readFileSync(rsaPath)).publicKey.algorithm, 'rsa');
  });
}

test('the private key never appears in the error', () => {
  const key = readFileSync(`${dir}/rsa.key`, 'utf8');
  const body = key.split('\n')[1];
  try {
    parseCertificate(key);
    assert.fail('should throw');
  } catch (error) {
    assert.ok(!JSON.stringify({ ...error, message: error.message }).includes(body.slice(0, 20)));
  }
});

test('parseCertificates reads the certificates of a file that also holds a key, a CSR and a CRL, as OpenSSL does', () => {
  const rsa = readFileSync(rsaPath, 'utf8');
  const ec = readFileSync(ecPath, 'utf8');
  const key = readFileSync(rsaPath.replace(/\.pem$/, '.key'), 'utf8');
  const csrPath = join(dir, 'bundle.csr');
  openssl(['req', '-new', '-key', rsaPath.replace(/\.pem$/, '.key'), '-subj', '/CN=csr', '-out', csrPath]);
  const csr = readFileSync(csrPath, 'utf8');
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'crlnumber'), '01\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    `[ca]\ndefault_ca = x\n[x]\ndatabase = ${dir}/index.txt\ncrlnumber = ${dir}/crlnumber\ndefault_md = sha256\ndefault_crl_days = 30\n`,
  );
  const crl = openssl(['ca', '-config', join(dir, 'ca.cnf'), '-gencrl', '-keyfile', rsaPath.replace(/\.pem$/, '.key'), '-cert', rsaPath]);
  const bundle = `${rsa}${key}${csr}${ec}${crl}`;
  const certs = parseCertificates(bundle);
  assert.deepEqual(
    certs.map((c) => c.subject.rfc4514),
    [opensslFields(rsaPath).subject, opensslFields(ecPath).subject],
  );
  // OpenSSL's view of the same file: the certificates it loads from a bundle.
  const bundlePath = join(dir, 'bundle.pem');
  writeFileSync(bundlePath, bundle);
  const loaded = openssl(['crl2pkcs7', '-nocrl', '-certfile', bundlePath]).match(/BEGIN PKCS7/);
  assert.ok(loaded);
  const p7 = openssl(['pkcs7', '-print_certs', '-noout'], { input: openssl(['crl2pkcs7', '-nocrl', '-certfile', bundlePath]) });
  assert.equal((p7.match(/^subject=/gm) ?? []).length, certs.length);
  // inspect still shows every block; a key alone is still not a certificate.
  assert.deepEqual(
    inspect(bundle).items.map((item) => item.kind),
    ['certificate', 'privateKey', 'certificateRequest', 'certificate', 'crl'],
  );
  assert.throws(() => parseCertificates(key), { code: 'NOT_A_CERTIFICATE' });
  // A CERTIFICATE block that does not decode is still an error at its index.
  const broken = `${rsa}${key}-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n`;
  assert.throws(() => parseCertificates(broken), { code: 'INVALID_CERTIFICATE', field: '[2]' });
  // An unlabelled (DER) non-certificate in a DER bundle is an error too.
  const keyDer = new Uint8Array(
    Buffer.from(openssl(['pkey', '-in', rsaPath.replace(/\.pem$/, '.key'), '-outform', 'DER'], { encoding: 'buffer' })),
  );
  const certDer = parseCertificate(rsa).der;
  assert.throws(() => parseCertificates(new Uint8Array([...certDer, ...keyDer])), { code: 'NOT_A_CERTIFICATE', field: '[1]' });
});
