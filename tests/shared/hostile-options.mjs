// Cyclic, deep and exotic options objects for every exported function that takes options or a
// request object, part of the hostile-input suite (hostile.mjs) in Node and Chromium. Each call
// must be refused with a CertkitError (or, for check functions, return error problems), and the
// same function called with good options right after must still work: a trap, a stack overflow
// or an exception unwinding through wasm would break that next call.

/** Values no option may hold, each built once. */
function exoticValues() {
  const cyclicObject = { a: 1 };
  cyclicObject.self = cyclicObject;
  const cyclicArray = [];
  cyclicArray.push([cyclicArray]);
  let deepObject = {};
  for (let i = 0; i < 100_000; i++) deepObject = { a: deepObject };
  let deepArray = [];
  for (let i = 0; i < 100_000; i++) deepArray = [deepArray];
  const sparse = [];
  sparse.length = 2 ** 32 - 1;
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  return [
    ['a cyclic object', cyclicObject],
    ['a cyclic array', cyclicArray],
    ['an object nested 100,000 deep', deepObject],
    ['an array nested 100,000 deep', deepArray],
    [
      'an object whose getter throws',
      {
        get value() {
          throw new Error('getter');
        },
      },
    ],
    [
      'a proxy whose ownKeys trap throws',
      new Proxy(
        {},
        {
          ownKeys() {
            throw new Error('trap');
          },
        },
      ),
    ],
    [
      'a proxy whose get trap throws',
      new Proxy(
        { a: 1 },
        {
          get() {
            throw new Error('trap');
          },
        },
      ),
    ],
    ['a revoked proxy', revoked.proxy],
    ['a symbol', Symbol('option')],
    ['a function', () => 'value'],
    ['a sparse array of length 2^32-1', sparse],
    ['an Int16Array', new Int16Array([1, 2, 3])],
    ['a Float64Array', new Float64Array([1.5])],
    ['a DataView', new DataView(new ArrayBuffer(4))],
    ['a bigint beyond 64 bits', 10n ** 40n],
    ['a 40 MB string', 'A'.repeat(40 * 1024 * 1024)],
    ['an invalid Date', new Date(Number.NaN)],
    ['a Map', new Map([['format', 'pkcs8']])],
  ];
}

/** The good options of each function, and the field an exotic value replaces. */
function functionsUnderTest(certkit, samples, key, ca) {
  const parent = 'projects/my-project/locations/us-central1/clusters/main';
  const haloParent = 'dataProviders/AAAAAAAAAHs';
  return [
    ['verifyChain options', (o) => certkit.verifyChain(samples.pem, o), { trustAnchors: [samples.pem] }, 'trustAnchors'],
    ['verifyChain chain', (v) => certkit.verifyChain(v), samples.pem],
    ['subjectKeyIdentifier method', (v) => certkit.subjectKeyIdentifier(samples.pem, v), 'rfc5280-sha1'],
    [
      'importPrivateKey options',
      (o) => certkit.importPrivateKey(key.privateKeyPem, o),
      { passphrase: undefined },
      'passphrase',
      { allowed: ['a 40 MB string'] },
    ],
    ['exportPrivateKey options', (o) => certkit.exportPrivateKey(key.privateKeyPem, o), { format: 'pkcs8' }, 'format'],
    ['exportPrivateKey key', (v) => certkit.exportPrivateKey(v, { format: 'pkcs8' }), key.privateKeyJwk],
    ['exportPublicKey options', (o) => certkit.exportPublicKey(key.privateKeyPem, o), { format: 'spki' }, 'format'],
    ['createCsr', (o) => certkit.createCsr(o), { privateKey: key.privateKeyPem, subject: 'CN=hostile' }, 'subject'],
    ['createCsr key', (o) => certkit.createCsr(o), { privateKey: key.privateKeyPem, subject: 'CN=hostile' }, 'privateKey'],
    ['createCertificate', (o) => certkit.createCertificate(o), { privateKey: key.privateKeyPem, subject: 'CN=hostile' }, 'subjectAltNames'],
    [
      'createCertificate issuer',
      (o) => certkit.createCertificate(o),
      { publicKey: key.publicKeyPem, subject: 'CN=leaf', issuer: { certificate: ca, privateKey: key.privateKeyPem } },
      'issuer',
    ],
    ['generateKeyPair', (o) => certkit.generateKeyPair(o), { algorithm: 'Ed25519' }, 'algorithm'],
    [
      'alloydb.buildGenerateClientCertificateRequest',
      (o) => certkit.alloydb.buildGenerateClientCertificateRequest(o),
      { parent, publicKey: key.publicKeyPem },
      'certDuration',
    ],
    [
      'alloydb.checkGenerateClientCertificateRequest',
      (o) => certkit.alloydb.checkGenerateClientCertificateRequest(o),
      { parent, publicKey: key.publicKeyPem },
      'publicKey',
      { returns: true },
    ],
    [
      'alloydb.checkGenerateClientCertificateResponse options',
      (o) => certkit.alloydb.checkGenerateClientCertificateResponse({}, o),
      { publicKey: key.publicKeyPem },
      'certDuration',
    ],
    ['halo.buildListCertificatesRequest', (o) => certkit.halo.buildListCertificatesRequest(o), { parent: haloParent }, 'filter'],
    [
      'halo.checkListCertificatesRequest',
      (o) => certkit.halo.checkListCertificatesRequest(o),
      { parent: haloParent },
      'pageSize',
      { returns: true },
    ],
    [
      'halo.buildGetCertificateRequest options',
      (o) => certkit.halo.buildGetCertificateRequest({ name: `${haloParent}/certificates/AAAAAAAAAHs` }, o),
      { endpoint: 'kingdom.example:8443' },
      'endpoint',
    ],
    [
      'halo.summarizeCertificates options',
      (o) => certkit.halo.summarizeCertificates({ certificates: [] }, o),
      { expiringWithinDays: 30 },
      'expiringWithinDays',
    ],
    ['halo.summarizeCertificates list', (v) => certkit.halo.summarizeCertificates(v), { certificates: [] }, 'certificates'],
    ['halo.preferredCertificate', (v) => certkit.halo.preferredCertificate(v), []],
  ];
}

/**
 * Runs every exotic value against every function, in place of the whole options and of one
 * field. Returns the number of calls; `isCertkitError` comes from the suite.
 */
export async function exoticOptionsCases(certkit, samples, isCertkitError) {
  const key = await certkit.generateKeyPair({ algorithm: 'ECDSA', namedCurve: 'P-256' });
  const ca = certkit.createCertificate({ privateKey: key.privateKeyPem, subject: 'CN=hostile CA', isCa: true }).pem;
  const values = exoticValues();
  let calls = 0;
  const failures = [];
  for (const [name, call, good, field, { returns = false, allowed } = {}] of functionsUnderTest(certkit, samples, key, ca)) {
    const placements = [['as the whole value', (v) => v]];
    if (field) placements.push([`as ${field}`, (v) => ({ ...good, [field]: v })]);
    const goodResult = await call(good); // must work before, too
    if (goodResult === undefined && name !== 'halo.preferredCertificate') throw new Error(`${name}: no result for good options`);
    for (const [label, value] of values) {
      for (const [where, place] of placements) {
        const what = `${name} with ${label} ${where}`;
        calls += 2;
        let result;
        try {
          result = await call(place(value));
        } catch (error) {
          if (!isCertkitError(error)) throw new Error(`${what}: threw ${error?.name}: ${error?.message} instead of a CertkitError`);
          if (typeof error.field !== 'string' && !error.problems?.some((p) => p.field)) {
            throw new Error(`${what}: ${error.code} names no field`);
          }
          result = undefined;
        }
        if (result !== undefined) {
          const problems = Array.isArray(result) ? result : result?.problems;
          const refused = returns && Array.isArray(problems) && problems.some((p) => p.severity === 'error');
          if (!refused && !(allowed ?? []).includes(label)) failures.push(`${what}: accepted`);
        }
        try {
          await call(good);
        } catch (error) {
          throw new Error(`${what}: the next call with good options failed: ${error?.code ?? error?.name}: ${error?.message}`);
        }
      }
    }
  }
  if (failures.length) throw new Error(failures.join('\n'));
  return calls;
}
