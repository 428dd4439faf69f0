// Hostile input against the built package, the same suite in Node and in Chromium: every call
// must throw a CertkitError (or return problems) in bounded time, and the module must still
// work afterwards (a panic would trap the wasm instance for good).
import { exoticOptionsCases } from './hostile-options.mjs';

import {
  SEQ,
  WRONG_SHAPES,
  bigCrl,
  concat,
  hugeSerial,
  nestedBags,
  nestedSequences,
  pemOf,
  pfx,
  randomBytes,
  secretFragments,
} from './hostile-inputs.mjs';

/**
 * Runs the suite. `certkit` is the package's module; `samples` = { pem, der } of one real
 * certificate. Returns [{ name, ms, calls }]; throws on the first violation.
 */
export async function runHostileSuite(certkit, samples, log = () => {}) {
  const results = [];
  const isCertkitError = (error) =>
    error instanceof certkit.CertkitError && typeof error.code === 'string' && typeof error.status === 'string';
  const stillWorks = () => {
    const cert = certkit.parseCertificate(samples.der);
    if (cert.fingerprints.sha256.length !== 64) throw new Error('the module no longer works');
  };
  /** `fn` must throw a CertkitError (or, when allowed, return). */
  const expectRefusal = (label, fn, { mayReturn = false, code } = {}) => {
    try {
      const value = fn();
      if (!mayReturn) throw new Error(`${label}: no error`);
      return value;
    } catch (error) {
      if (error instanceof Error && error.message === `${label}: no error`) throw error;
      if (!isCertkitError(error)) throw new Error(`${label}: threw ${error?.name}: ${error?.message} instead of a CertkitError`);
      if (code && error.code !== code) throw new Error(`${label}: code ${error.code}, expected ${code}`);
    }
    return undefined;
  };
  const caseOf = async (name, body) => {
    const start = performance.now();
    const calls = await body();
    stillWorks();
    const ms = performance.now() - start;
    results.push({ name, ms: Math.round(ms), calls });
    log(`${name}: ${calls} calls in ${Math.round(ms)} ms`);
  };

  await caseOf('truncated DER at every length', () => {
    for (let len = 0; len < samples.der.length; len++) {
      expectRefusal(`length ${len}`, () => certkit.parseCertificate(samples.der.subarray(0, len)));
      if (len % 97 === 0) expectRefusal(`inspect ${len}`, () => certkit.inspect(samples.der.subarray(0, len)), { mayReturn: true });
    }
    return samples.der.length;
  });

  await caseOf('every single-byte flip', () => {
    for (let i = 0; i < samples.der.length; i += 3) {
      const flipped = samples.der.slice();
      flipped[i] ^= 0xff;
      expectRefusal(`flip ${i}`, () => certkit.parseCertificate(flipped), { mayReturn: true });
    }
    return Math.ceil(samples.der.length / 3);
  });

  await caseOf('random bytes, 1 B to 10 MB', () => {
    const sizes = [1, 2, 7, 64, 1000, 65_536, 1_000_000, 10_000_000];
    for (const [i, size] of sizes.entries()) {
      const bytes = randomBytes(size, 17 + i);
      expectRefusal(`random ${size}`, () => certkit.parseCertificate(bytes));
      bytes[0] = 0x30;
      expectRefusal(`random SEQUENCE ${size}`, () => certkit.parseCertificates(bytes));
      if (size <= 65_536) expectRefusal(`inspect random ${size}`, () => certkit.inspect(bytes), { mayReturn: true });
    }
    return sizes.length * 3;
  });

  await caseOf('over the 16 MiB cap', () => {
    const big = new Uint8Array(16 * 1024 * 1024 + 1).fill(0x41);
    expectRefusal('too large', () => certkit.parseCertificate(big), { code: 'INPUT_TOO_LARGE' });
    expectRefusal('too large text', () => certkit.inspect('A'.repeat(16 * 1024 * 1024 + 10)), { code: 'INPUT_TOO_LARGE' });
    return 2;
  });

  await caseOf('100k nested SEQUENCEs', () => {
    const nested = nestedSequences(100_000);
    expectRefusal('nested', () => certkit.parseCertificate(nested));
    expectRefusal('nested inspect', () => certkit.inspect(nested), { mayReturn: true });
    expectRefusal('nested key', () => certkit.subjectKeyIdentifier(nested));
    const indefinite = new Uint8Array(200_000);
    for (let i = 0; i < indefinite.length; i += 2) {
      indefinite[i] = 0x30;
      indefinite[i + 1] = 0x80;
    }
    expectRefusal('indefinite', () => certkit.parseCertificate(indefinite));
    return 4;
  });

  await caseOf('a 100 KB INTEGER serial', () => {
    const cert = certkit.parseCertificate(hugeSerial(samples.der));
    if (!cert.problems.some((p) => p.code === 'SERIAL_NUMBER_TOO_LONG')) throw new Error('the huge serial was not reported');
    return 1;
  });

  await caseOf('PEM with wrong labels, broken base64, non-UTF-8 text', () => {
    const body = samples.pem
      .split('\n')
      .filter((l) => l && !l.startsWith('-----'))
      .join('\n');
    expectRefusal('wrong label', () => certkit.parseCertificate(`-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`), {
      code: 'NOT_A_CERTIFICATE',
    });
    expectRefusal('mismatched END', () => certkit.parseCertificate(`-----BEGIN CERTIFICATE-----\n${body}\n-----END CRL-----\n`), {
      code: 'INVALID_PEM',
    });
    expectRefusal(
      'broken base64',
      () => certkit.parseCertificate(`-----BEGIN CERTIFICATE-----\n${body.slice(0, 50)}%%${body.slice(52)}\n-----END CERTIFICATE-----\n`),
      { code: 'INVALID_BASE64' },
    );
    expectRefusal('no END', () => certkit.parseCertificate(`-----BEGIN CERTIFICATE-----\n${body}`), { code: 'INVALID_PEM' });
    const latin1 = concat([
      new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0xff, 0xfe, 0x0a]),
      new TextEncoder().encode(samples.pem),
      new Uint8Array([0xc3, 0x28]),
    ]);
    if (certkit.parseCertificate(latin1).fingerprints.sha256 !== certkit.parseCertificate(samples.der).fingerprints.sha256)
      throw new Error('non-UTF-8 around the PEM changed the result');
    expectRefusal('lone surrogates', () => certkit.parseCertificate(`\ud800${samples.pem}\udfff`), { mayReturn: true });
    return 6;
  });

  await caseOf('a certificate with 10,000 SANs', async () => {
    const key = await certkit.generateKeyPair({ algorithm: 'ECDSA', namedCurve: 'P-256' });
    const sans = Array.from({ length: 10_000 }, (_, i) =>
      i % 2 ? `host-${i}.example.com` : `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    );
    const made = certkit.createCertificate({ privateKey: key.privateKeyPem, subject: 'CN=many', subjectAltNames: sans });
    const cert = certkit.parseCertificate(made.der);
    if (cert.subjectAltNames.length !== 10_000) throw new Error(`${cert.subjectAltNames.length} SANs read back`);
    return 2;
  });

  await caseOf('JSON of the wrong shape for every API function', () => {
    let calls = 0;
    const throwing = [
      ['parseCertificate', (v) => certkit.parseCertificate(v)],
      ['parseCertificates', (v) => certkit.parseCertificates(v)],
      ['parseCsr', (v) => certkit.parseCsr(v)],
      ['inspect', (v) => certkit.inspect(v)],
      ['verifyChain', (v) => certkit.verifyChain(v)],
      ['verifyChain options', (v) => certkit.verifyChain(samples.pem, v)],
      ['subjectKeyIdentifier', (v) => certkit.subjectKeyIdentifier(v)],
      ['subjectKeyIdentifier method', (v) => certkit.subjectKeyIdentifier(samples.pem, v)],
      ['keyIdentifiers', (v) => certkit.keyIdentifiers(v)],
      ['identifyKeyIdMethod', (v) => certkit.identifyKeyIdMethod(v)],
      ['importPrivateKey', (v) => certkit.importPrivateKey(v)],
      ['exportPrivateKey', (v) => certkit.exportPrivateKey(v, { format: 'pkcs8' })],
      ['exportPrivateKey options', (v) => certkit.exportPrivateKey(samples.pem, v)],
      ['exportPublicKey', (v) => certkit.exportPublicKey(samples.pem, v)],
      ['createCsr', (v) => certkit.createCsr(v)],
      ['createCertificate', (v) => certkit.createCertificate(v)],
      ['alloydb.buildGenerateClientCertificateRequest', (v) => certkit.alloydb.buildGenerateClientCertificateRequest(v)],
      ['alloydb.checkGenerateClientCertificateResponse options', (v) => certkit.alloydb.checkGenerateClientCertificateResponse({}, v)],
      ['alloydb.nextRefresh', (v) => certkit.alloydb.nextRefresh(v)],
      ['halo.parseName', (v) => certkit.halo.parseName(v)],
      ['halo.buildCreateCertificateRequest', (v) => certkit.halo.buildCreateCertificateRequest(v)],
      ['halo.buildListCertificatesRequest', (v) => certkit.halo.buildListCertificatesRequest(v)],
      ['halo.buildRevokeCertificateRequest', (v) => certkit.halo.buildRevokeCertificateRequest(v)],
      ['halo.buildReleaseCertificateHoldRequest', (v) => certkit.halo.buildReleaseCertificateHoldRequest(v)],
      ['halo.buildGetCertificateRequest', (v) => certkit.halo.buildGetCertificateRequest(v)],
      ['halo.summarizeCertificates options', (v) => certkit.halo.summarizeCertificates({}, v)],
      ['halo.decodeApiId', (v) => certkit.halo.decodeApiId(v)],
      ['halo.encodeApiId', (v) => certkit.halo.encodeApiId(v)],
      ['halo.preferredCertificate', (v) => certkit.halo.preferredCertificate(v)],
      ['parseCrl', (v) => certkit.parseCrl(v)],
      ['parseCrl options', (v) => certkit.parseCrl(samples.pem, v)],
      ['parsePkcs12', (v) => certkit.parsePkcs12(v, 'x')],
      ['parsePkcs12 passphrase', (v) => certkit.parsePkcs12(samples.der, v)],
      ['exportPkcs12', (v) => certkit.exportPkcs12(v)],
      ['inspect options', (v) => certkit.inspect(samples.pem, v)],
    ];
    const returning = [
      ['alloydb.checkGenerateClientCertificateRequest', (v) => certkit.alloydb.checkGenerateClientCertificateRequest(v)],
      [
        'alloydb.checkGenerateClientCertificateResponse',
        (v) => certkit.alloydb.checkGenerateClientCertificateResponse(v, { publicKey: samples.pem }),
      ],
      ['halo.checkCreateCertificateRequest', (v) => certkit.halo.checkCreateCertificateRequest(v)],
      ['halo.checkListCertificatesRequest', (v) => certkit.halo.checkListCertificatesRequest(v)],
      ['halo.checkRevokeCertificateRequest', (v) => certkit.halo.checkRevokeCertificateRequest(v)],
      ['halo.checkReleaseCertificateHoldRequest', (v) => certkit.halo.checkReleaseCertificateHoldRequest(v)],
      ['halo.checkGetCertificateRequest', (v) => certkit.halo.checkGetCertificateRequest(v)],
      ['halo.checkRevocationTransition', (v) => certkit.halo.checkRevocationTransition(v, v)],
      ['halo.checkReleaseHold', (v) => certkit.halo.checkReleaseHold(v)],
      ['halo.summarizeCertificates', (v) => certkit.halo.summarizeCertificates(v)],
    ];
    for (const value of WRONG_SHAPES) {
      for (const [name, fn] of throwing) {
        calls++;
        expectRefusal(`${name}(${JSON.stringify(value) ?? String(value)})`, () => fn(value), { mayReturn: true });
      }
      for (const [name, fn] of returning) {
        calls++;
        const result = expectRefusal(`${name}(${JSON.stringify(value) ?? String(value)})`, () => fn(value), { mayReturn: true });
        if (result !== undefined && !Array.isArray(result) && !Array.isArray(result.problems))
          throw new Error(`${name} returned neither problems nor a report`);
      }
    }
    return calls;
  });

  await caseOf('broken private keys: no key material in any error or output', async () => {
    let calls = 0;
    for (const spec of [{ algorithm: 'ECDSA', namedCurve: 'P-256' }, { algorithm: 'Ed25519' }]) {
      const key = await certkit.generateKeyPair(spec);
      const der = certkit.exportPrivateKey(key.privateKeyPem, { format: 'der' });
      const fragments = secretFragments(der, key.privateKeyJwk.d);
      if (fragments.length < 3) throw new Error('no secret to look for');
      const assertClean = (label, text) => {
        const leaked = fragments.find((f) => text.includes(f));
        if (leaked) throw new Error(`${label} shows key material (${leaked})`);
      };
      // Bytes are shown as hex, which matches a leaked secret at any offset.
      const shown = (value) =>
        JSON.stringify(value, (_, v) => (v instanceof Uint8Array ? Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('') : v));
      assertClean('inspect of a private key', shown(certkit.inspect(key.privateKeyPem)));
      const broken = [
        pemOf('CERTIFICATE', der),
        pemOf('RSA PRIVATE KEY', der),
        pemOf('PRIVATE KEY', concat([der, new Uint8Array([4, 1, 0])])),
      ];
      for (let cut = 1; cut < der.length; cut += 9) broken.push(pemOf('PRIVATE KEY', der.subarray(0, cut)));
      for (let at = 0; at < der.length; at += 3) {
        const flipped = der.slice();
        flipped[at] ^= 0x5a;
        broken.push(pemOf('PRIVATE KEY', flipped));
      }
      const { d, ...publicMembers } = key.privateKeyJwk;
      broken.push({ ...publicMembers, d: `${d.slice(0, -2)}AA`, x: `A${publicMembers.x.slice(1)}` });
      for (const input of broken) {
        for (const [label, call] of [
          ['importPrivateKey', () => certkit.importPrivateKey(input)],
          ['createCsr', () => certkit.createCsr({ privateKey: input, subject: 'CN=x' })],
          ['exportPublicKey', () => certkit.exportPublicKey(input, { format: 'spki' })],
          ['inspect', () => certkit.inspect(typeof input === 'string' ? input : JSON.stringify(input))],
        ]) {
          calls++;
          try {
            const value = call();
            if (label === 'inspect') assertClean('inspect', shown(value));
          } catch (error) {
            if (!isCertkitError(error)) throw new Error(`${label}: ${error?.name}: ${error?.message}`);
            assertClean(label, `${error.message} ${JSON.stringify({ ...error, stack: undefined })}`);
          }
        }
      }
    }
    return calls;
  });

  await caseOf('PKCS#12: truncations, flipped bytes, wrong passphrase, huge iteration counts, nested bags', async () => {
    let calls = 0;
    const key = await certkit.generateKeyPair({ algorithm: 'ECDSA', namedCurve: 'P-256' });
    const cert = certkit.createCertificate({ privateKey: key.privateKeyPem, subject: 'CN=p12' });
    const p12 = certkit.exportPkcs12({ privateKey: key.privateKeyPem, certificates: [cert.pem], passphrase: 'pw' });
    if (certkit.parsePkcs12(p12, 'pw').certificates.length !== 1) throw new Error('the .p12 does not read back');
    expectRefusal('wrong passphrase', () => certkit.parsePkcs12(p12, 'PW'), { code: 'WRONG_PASSPHRASE' });
    for (let len = 0; len < p12.length; len += 11, calls++)
      expectRefusal(`p12 length ${len}`, () => certkit.parsePkcs12(p12.subarray(0, len), 'pw'));
    for (let at = 0; at < p12.length; at += 13, calls++) {
      const flipped = p12.slice();
      flipped[at] ^= 0x01;
      // Anything the MAC covers fails it; a flip in the MAC's own fields or the outer header is malformed.
      expectRefusal(`p12 flip ${at}`, () => certkit.parsePkcs12(flipped, 'pw'));
    }
    const started = performance.now();
    for (const count of [
      [0x7f, 0xff, 0xff, 0xff],
      [0x00, 0xff, 0xff, 0xff, 0xff],
      [0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ]) {
      calls++;
      expectRefusal('huge MAC iterations', () => certkit.parsePkcs12(pfx(SEQ(), count), 'pw'), { code: 'KEY_ENCRYPTION_TOO_COSTLY' });
    }
    if (performance.now() - started > 2000) throw new Error('huge iteration counts were not refused up front');
    expectRefusal('nested bags', () => certkit.parsePkcs12(nestedBags(300), 'pw'), { code: 'INVALID_PKCS12' });
    expectRefusal('nested bags inspect', () => certkit.inspect(nestedBags(300), { passphrase: 'pw' }), { mayReturn: true });
    expectRefusal('a certificate is no .p12', () => certkit.parsePkcs12(samples.der, 'pw'), { code: 'INVALID_PKCS12' });
    return calls + 5;
  });

  await caseOf('CRLs: 100,000 entries, truncations', () => {
    const crl = bigCrl(100_000);
    const parsed = certkit.parseCrl(crl);
    if (parsed.revoked.length !== 100_000) throw new Error(`${parsed.revoked.length} entries read`);
    const small = bigCrl(3);
    for (let len = 0; len < small.length; len++) expectRefusal(`crl length ${len}`, () => certkit.parseCrl(small.subarray(0, len)));
    expectRefusal('crl signature against a certificate', () => certkit.parseCrl(small, { issuer: samples.pem }), { mayReturn: true });
    return small.length + 2;
  });

  await caseOf('generateKeyPair with options of the wrong shape', async () => {
    for (const value of WRONG_SHAPES) {
      try {
        await certkit.generateKeyPair(value);
        throw new Error(`generateKeyPair(${String(value)}): no error`);
      } catch (error) {
        if (!isCertkitError(error))
          throw new Error(`generateKeyPair(${JSON.stringify(value) ?? String(value)}) threw ${error?.name}: ${error?.message}`);
      }
    }
    for (const modulusLength of [2048.5, '2048', -1, 2 ** 32 + 2048, 1024, 0]) {
      try {
        await certkit.generateKeyPair({ algorithm: 'RSA', modulusLength });
        throw new Error(`modulusLength ${modulusLength}: no error`);
      } catch (error) {
        if (!isCertkitError(error) || error.field !== 'modulusLength') throw new Error(`modulusLength ${modulusLength}: ${error?.message}`);
      }
    }
    return WRONG_SHAPES.length + 6;
  });

  await caseOf('cyclic, deep and exotic options for every function that takes options, each followed by a good call', () =>
    exoticOptionsCases(certkit, samples, isCertkitError),
  );

  return results;
}
