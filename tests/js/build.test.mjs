// What createCsr and createCertificate write and what they refuse: an OpenSSL-made CSR with
// every GeneralName type and unusual EKUs keeps them byte for byte when certkit issues it;
// serials are judged on their encoding; every forbidden combination has its own code and field;
// warnings reach API users and the CLI's stderr.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CertkitError, createCertificate, createCsr, generateKeyPair, parseCertificate } from '../../pkg/node.js';
import { openssl, tempDir } from './helpers.mjs';

const cli = fileURLToPath(new URL('../../pkg/cli.js', import.meta.url));
const dir = tempDir('certkit-build-');
const file = (name, content) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const hex = (bytes) => Buffer.from(bytes).toString('hex');

/** DER: tag, definite length, content (hex strings in and out). */
function tlv(tag, content) {
  const len = content.length / 2;
  const lenHex =
    len < 0x80
      ? len.toString(16).padStart(2, '0')
      : (() => {
          const bytes = len.toString(16).padStart(len > 0xff ? 4 : 2, '0');
          return (0x80 + bytes.length / 2).toString(16) + bytes;
        })();
  return tag + lenHex + content;
}
const ascii = (text) => Buffer.from(text, 'utf8').toString('hex');
/** An OID's DER, arcs of any size. */
function oid(dotted) {
  const arcs = dotted.split('.').map(BigInt);
  const body = [arcs[0] * 40n + arcs[1], ...arcs.slice(2)].map((arc) => {
    const out = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) out.unshift(Number(v & 0x7fn) | 0x80);
    return Buffer.from(out).toString('hex');
  });
  return tlv('06', body.join(''));
}

const p256 = async () => (await generateKeyPair({ algorithm: 'ECDSA', namedCurve: 'P-256' })).privateKeyPem;
const caKey = await p256();
const ca = createCertificate({ privateKey: caKey, subject: 'CN=Build Test CA,O=certkit', isCa: true });
const issuer = { certificate: ca.pem, privateKey: caKey };

test('an OpenSSL CSR with every GeneralName type and unusual EKUs keeps them byte for byte', async () => {
  const names = [
    tlv('a0', oid('1.3.6.1.4.1.311.20.2.3') + tlv('a0', tlv('0c', ascii('user@example.com')))), // otherName (UPN)
    tlv('81', ascii('pt@example.com')), // rfc822Name
    tlv('82', ascii('host.example.com')), // dNSName
    tlv('a3', tlv('30', '')), // x400Address (an empty built-in-standard-attributes)
    tlv(
      'a4',
      tlv(
        '30',
        tlv('31', tlv('30', oid('2.5.4.10') + tlv('13', ascii('Example')))) +
          tlv('31', tlv('30', oid('2.5.4.3') + tlv('0c', ascii('dir')))),
      ),
    ), // directoryName
    tlv('a5', tlv('a1', tlv('0c', ascii('party')))), // ediPartyName
    tlv('86', ascii('mailto:pt@example.com')), // URIs that look like other types
    tlv('86', ascii('tel:+15555550100')),
    tlv('87', 'c0000201'), // iPAddress v4 and v6
    tlv('87', '20010db8000000000000000000000001'),
    tlv('88', oid('1.2.3.4').slice(4)), // registeredID
  ];
  const san = tlv('30', names.join(''));
  const eku = tlv(
    '30',
    [
      oid('1.3.6.1.4.1.311.20.2.2'), // msSmartcardLogin
      oid('1.3.6.1.5.5.7.3.17'), // ipsecIKE
      oid('1.3.6.1.4.1.99999.18446744073709551617.340282366920938463463374607431768211455'), // arcs past 64 and 128 bits
      oid('1.3.6.1.5.5.7.3.2'), // clientAuth
    ].join(''),
  );
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', join(dir, 'requester.key')]);
  openssl([
    'req',
    '-new',
    '-key',
    join(dir, 'requester.key'),
    '-subj',
    '/CN=requester/O=Example',
    '-out',
    join(dir, 'requester.csr'),
    '-addext',
    `subjectAltName=DER:${san}`,
    '-addext',
    `extendedKeyUsage=DER:${eku}`,
    '-addext',
    'keyUsage=critical,digitalSignature',
  ]);
  const csrPem = readFileSync(join(dir, 'requester.csr'), 'utf8');
  assert.ok(openssl(['req', '-in', join(dir, 'requester.csr'), '-noout', '-text']).includes('X400Name'), 'OpenSSL read the SAN it wrote');

  const cert = createCertificate({ csr: csrPem, issuer });
  const parsed = parseCertificate(cert.pem);
  const value = (id) => hex(parsed.extensions.find((e) => e.oid === id).der);
  assert.equal(value('2.5.29.17'), san);
  assert.equal(value('2.5.29.37'), eku);
  assert.equal(value('2.5.29.15'), '03020780');
  assert.equal(parsed.extensions.find((e) => e.oid === '2.5.29.17').critical, false);
  assert.ok(hex(cert.der).includes(tlv('04', san)), 'the SAN bytes are in the certificate as they were in the CSR');
  assert.deepEqual(
    parsed.subjectAltNames.map((n) => n.type),
    ['other', 'email', 'dns', 'x400', 'dirName', 'ediParty', 'uri', 'uri', 'ip', 'ip', 'registeredId'],
  );
  assert.equal(parsed.subject.rfc4514, 'O=Example,CN=requester'); // /CN=.../O=... in DER order
  assert.deepEqual(cert.warnings, []);
  // OpenSSL reads the issued certificate the same way.
  const text = openssl(['x509', '-noout', '-text'], { input: cert.pem });
  for (const shown of [
    'othername: UPN::user@example.com',
    'URI:mailto:pt@example.com',
    'URI:tel:+15555550100',
    'IP Address:2001:DB8:0:0:0:0:0:1',
    'Registered ID:1.2.3.4',
    'ipsec Internet Key Exchange',
  ]) {
    assert.ok(text.includes(shown), shown);
  }
});

test("a CSR's requested keyUsage is held to the same rules, and the call can override it", async () => {
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', join(dir, 'ec.key')]);
  openssl([
    'req',
    '-new',
    '-key',
    join(dir, 'ec.key'),
    '-subj',
    '/CN=ec',
    '-out',
    join(dir, 'ec.csr'),
    '-addext',
    'keyUsage=critical,digitalSignature,keyEncipherment',
  ]);
  const csr = readFileSync(join(dir, 'ec.csr'), 'utf8');
  assert.throws(
    () => createCertificate({ csr, issuer }),
    (e) => e.code === 'KEY_USAGE_NOT_FOR_KEY' && e.field === 'csr',
  );
  const cert = parseCertificate(createCertificate({ csr, issuer, keyUsage: ['digitalSignature'] }).pem);
  assert.deepEqual(cert.keyUsage, ['digitalSignature']);
});

test('EKU names certkit prints are accepted as input, and typed SANs keep their type', async () => {
  const cert = createCertificate({
    privateKey: await p256(),
    subject: 'CN=typed',
    subjectAltNames: [
      'URI:mailto:pt@example.com',
      { type: 'other', oid: '1.3.6.1.4.1.311.20.2.3', value: 'upn@example.com' },
      'spiffe://example.org/w',
      'RID:1.2.3.4',
      'dirName:CN=dir,O=Example',
    ],
    extendedKeyUsage: ['msSmartcardLogin', 'ipsecIKE', 'clientAuth'],
  });
  const parsed = parseCertificate(cert.pem);
  assert.deepEqual(
    parsed.subjectAltNames.map((n) => [n.type, n.value]),
    [
      ['uri', 'mailto:pt@example.com'],
      ['other', 'upn@example.com'],
      ['uri', 'spiffe://example.org/w'],
      ['registeredId', '1.2.3.4'],
      ['dirName', 'CN=dir,O=Example'],
    ],
  );
  assert.deepEqual(
    parsed.extendedKeyUsage.map((p) => p.name),
    ['msSmartcardLogin', 'ipsecIKE', 'clientAuth'],
  );
  // A self-signed end entity has an authorityKeyIdentifier; its SAN is not critical.
  assert.equal(parsed.authorityKeyIdentifier, parsed.subjectKeyIdentifier);
  assert.equal(parsed.extensions.find((e) => e.oid === '2.5.29.17').critical, false);
});

test('serial numbers are judged on the INTEGER they encode to', async () => {
  const key = await p256();
  const make = (serialNumber) => createCertificate({ privateKey: key, subject: 'CN=s', serialNumber });
  assert.equal(parseCertificate(make(`00${'7f'.repeat(20)}`).pem).serialNumber, '7f'.repeat(20));
  assert.equal(parseCertificate(make('ff'.repeat(19)).pem).serialNumber, 'ff'.repeat(19));
  const serialOut = openssl(['x509', '-noout', '-serial'], { input: make('01:02:03').pem });
  assert.equal(serialOut.trim(), 'serial=010203');
  for (const [serial, code] of [
    ['ff'.repeat(20), 'SERIAL_NUMBER_TOO_LONG'],
    ['0000', 'SERIAL_NUMBER_NOT_POSITIVE'],
    ['-1', 'SERIAL_NUMBER_NOT_POSITIVE'],
    ['0xzz', 'INVALID_SERIAL_NUMBER'],
  ]) {
    assert.throws(
      () => make(serial),
      (e) => e instanceof CertkitError && e.code === code && e.field === 'serialNumber',
      serial,
    );
  }
});

test('each forbidden combination is refused with its own code and field', async () => {
  const keys = {
    p256: await p256(),
    ed25519: (await generateKeyPair({ algorithm: 'Ed25519' })).privateKeyPem,
    rsa: (await generateKeyPair({ algorithm: 'RSA', modulusLength: 2048 })).privateKeyPem,
  };
  const cases = [
    ['p256', { isCa: true, keyUsage: ['digitalSignature'] }, 'CA_WITHOUT_KEY_CERT_SIGN', 'keyUsage'],
    ['p256', { keyUsage: ['digitalSignature', 'keyCertSign'] }, 'KEY_CERT_SIGN_WITHOUT_CA', 'keyUsage[1]'],
    ['p256', { keyUsage: ['keyEncipherment'] }, 'KEY_USAGE_NOT_FOR_KEY', 'keyUsage[0]'],
    ['ed25519', { keyUsage: ['digitalSignature', 'keyEncipherment'] }, 'KEY_USAGE_NOT_FOR_KEY', 'keyUsage[1]'],
    ['ed25519', { keyUsage: ['keyAgreement'] }, 'KEY_USAGE_NOT_FOR_KEY', 'keyUsage[0]'],
    ['rsa', { keyUsage: ['keyAgreement'] }, 'KEY_USAGE_NOT_FOR_KEY', 'keyUsage[0]'],
    ['p256', { keyUsage: ['decipherOnly'] }, 'KEY_USAGE_NEEDS_KEY_AGREEMENT', 'keyUsage[0]'],
    ['p256', { keyUsage: ['keyAgreement', 'encipherOnly', 'decipherOnly'] }, 'ENCIPHER_AND_DECIPHER_ONLY', 'keyUsage'],
    ['p256', { pathLength: 0 }, 'PATH_LENGTH_WITHOUT_CA', 'pathLength'],
    ['p256', { includeAuthorityKeyIdentifier: false }, 'AUTHORITY_KEY_IDENTIFIER_REQUIRED', 'includeAuthorityKeyIdentifier'],
    ['p256', { subject: {}, subjectAltNames: ['a.example.com'] }, 'EMPTY_ISSUER_NAME', 'subject'],
    ['p256', { subject: {}, issuer }, 'EMPTY_SUBJECT_WITHOUT_SAN', 'subject'],
    ['p256', { isCa: true, subject: {}, subjectAltNames: ['a.example.com'], issuer }, 'EMPTY_ISSUER_NAME', 'subject'],
    ['p256', { extendedKeyUsage: ['clientAuth', 'webLogin'] }, 'UNKNOWN_EXTENDED_KEY_USAGE', 'extendedKeyUsage[1]'],
    ['p256', { subjectAltNames: [{ type: 'other', value: 'no oid' }] }, 'INVALID_SUBJECT_ALT_NAME', 'subjectAltNames[0]'],
  ];
  for (const [kind, options, code, field] of cases) {
    const base = options.issuer ? { publicKey: keys[kind] } : { privateKey: keys[kind] };
    const attempt = () => createCertificate({ ...base, subject: 'CN=x', ...options });
    assert.throws(
      attempt,
      (e) => e instanceof CertkitError && e.problems.some((p) => p.code === code && p.field === field),
      `${kind} ${JSON.stringify(options)} → ${code} at ${field}`,
    );
  }
  // A CSR is held to the key-type rules too.
  assert.throws(
    () => createCsr({ privateKey: keys.ed25519, subject: 'CN=x', keyUsage: ['keyEncipherment'] }),
    (e) => e.code === 'KEY_USAGE_NOT_FOR_KEY' && e.field === 'keyUsage[0]',
  );
  // A private key that is not the CSR's.
  const otherCsr = createCsr({ privateKey: keys.p256, subject: 'CN=other' });
  assert.throws(
    () => createCertificate({ csr: otherCsr.pem, privateKey: keys.ed25519 }),
    (e) => e.code === 'CSR_KEY_MISMATCH' && e.field === 'privateKey',
  );
  // A CA whose pathLength is 0 signs no CA; a CA without keyCertSign signs nothing.
  const zeroKey = await p256();
  const zero = createCertificate({ privateKey: zeroKey, subject: 'CN=Zero', isCa: true, pathLength: 0 });
  assert.throws(
    () =>
      createCertificate({ publicKey: keys.p256, subject: 'CN=sub', isCa: true, issuer: { certificate: zero.pem, privateKey: zeroKey } }),
    (e) => e.code === 'ISSUER_PATH_LENGTH_EXCEEDED' && e.field === 'isCa',
  );
  openssl([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    join(dir, 'crl-only.key'),
    '-out',
    join(dir, 'crl-only.pem'),
    '-subj',
    '/CN=CRL signer',
    '-days',
    '30',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,cRLSign',
  ]);
  assert.throws(
    () =>
      createCertificate({
        publicKey: keys.p256,
        subject: 'CN=leaf',
        issuer: { certificate: readFileSync(join(dir, 'crl-only.pem')), privateKey: readFileSync(join(dir, 'crl-only.key'), 'utf8') },
      }),
    (e) => e.code === 'ISSUER_KEY_USAGE' && e.field === 'issuer.certificate',
  );
});

test('a certificate outliving its issuer comes with a warning, in the API and on the CLI', async () => {
  const shortKey = await p256();
  const short = createCertificate({
    privateKey: shortKey,
    subject: 'CN=Short CA',
    isCa: true,
    notAfter: new Date(Date.now() + 10 * 86_400_000),
  });
  const cert = createCertificate({
    privateKey: await p256(),
    subject: 'CN=leaf',
    issuer: { certificate: short.pem, privateKey: shortKey },
    notAfter: new Date(Date.now() + 20 * 86_400_000),
  });
  assert.deepEqual(
    cert.warnings.map((w) => [w.code, w.severity, w.field]),
    [['CERTIFICATE_OUTLIVES_ISSUER', 'warning', 'notAfter']],
  );

  const leafKey = file('leaf.key', await p256());
  const r = spawnSync(
    process.execPath,
    [
      cli,
      'cert',
      '--key',
      leafKey,
      '--subject',
      'CN=cli leaf',
      '--ca-cert',
      file('short.pem', short.pem),
      '--ca-key',
      file('short.key', shortKey),
      '--days',
      '20',
    ],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /^certkit: warning CERTIFICATE_OUTLIVES_ISSUER notAfter: /m);
  assert.match(r.stdout, /BEGIN CERTIFICATE/);
});
