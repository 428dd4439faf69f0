// The two remote APIs end to end: an AlloyDB round trip with openssl playing the cluster CA,
// Halo requests from openssl certificates, and command lines that a shell reads back exactly.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { alloydb, generateKeyPair, halo, parseCertificate } from '../../pkg/node.js';
import { openssl } from './helpers.mjs';
import { OpensslCa, pem } from './openssl-ca.mjs';

const PARENT = 'projects/my-project/locations/us-central1/clusters/my-cluster';
const ca = new OpensslCa();
const caExt =
  'basicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign, cRLSign\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid';
const root = ca.issue({ key: ca.key('rsa-2048'), subject: '/O=Cluster CA/CN=root', extensions: caExt });
const inter = ca.issue({ key: ca.key('p-256'), subject: '/O=Cluster CA/CN=intermediate', issuer: root, extensions: caExt });

/** openssl as the cluster CA: signs the public key from the request body. */
const signPublicKey = (publicKeyPem) => ca.issueForPublicKey({ publicKeyPem, issuer: inter, subject: '/CN=alloydb-client' });

const codes = (report) => report.problems.filter((p) => p.severity === 'error').map((p) => p.code);

test('alloydb.generateRequestId: random version 4 UUIDs that the request check accepts', () => {
  const ids = Array.from({ length: 64 }, () => alloydb.generateRequestId());
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(new Set(ids).size, ids.length);
  const problems = alloydb.checkGenerateClientCertificateRequest({ parent: PARENT, publicKey: 'x', requestId: ids[0] });
  assert.deepEqual(
    problems.filter((p) => p.field === 'requestId'),
    [],
  );
});

test('AlloyDB round trip: certkit key → request → openssl CA → response passes; each tampering fails with its own code', async () => {
  const key = await generateKeyPair({ algorithm: 'RSA', modulusLength: 2048 });
  const request = alloydb.buildGenerateClientCertificateRequest({
    parent: PARENT,
    publicKey: key.publicKeyPem,
    certDuration: '3600s',
    requestId: 'generate',
    useMetadataExchange: true,
  });
  assert.match(request.bodyJson.requestId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const leafPath = signPublicKey(JSON.parse(request.body).publicKey);
  const response = { pemCertificateChain: [pem(leafPath), pem(inter.cert)], caCert: pem(root.cert) };
  const now = new Date();
  const report = alloydb.checkGenerateClientCertificateResponse(JSON.stringify(response), {
    publicKey: key.publicKeyPem,
    now,
    certDuration: '3600s',
  });
  assert.deepEqual(codes(report), []);
  assert.equal(report.ok, true);
  assert.equal(report.leaf.subject.rfc4514, 'CN=alloydb-client');
  assert.equal(report.chain.ok, true);
  const left = Date.parse(report.leaf.notAfter) - now.getTime();
  assert.ok(Math.abs(Date.parse(report.nextRefresh) - (now.getTime() + left / 2)) < 2000, report.nextRefresh);
  assert.deepEqual(
    report.problems.map((p) => p.code),
    ['LIFETIME_DIFFERS'],
    'openssl issued for a day, not an hour',
  );
  assert.equal(alloydb.checkGenerateClientCertificateResponse(response, { publicKey: key.privateKeyPem }).ok, true);

  const other = await generateKeyPair({ algorithm: 'RSA' });
  const check = (r, opts = {}) => codes(alloydb.checkGenerateClientCertificateResponse(r, { publicKey: key.publicKeyPem, ...opts }));
  assert.deepEqual(check(response, { publicKey: other.publicKeyPem }), ['LEAF_KEY_MISMATCH']);
  const reversed = alloydb.checkGenerateClientCertificateResponse(
    { ...response, pemCertificateChain: [...response.pemCertificateChain].reverse() },
    { publicKey: key.publicKeyPem },
  );
  assert.deepEqual(codes(reversed), ['LEAF_NOT_FIRST'], 'the leaf is found at index 1 and said to be misplaced, once');
  assert.equal(reversed.problems[0].field, 'pemCertificateChain[1]');
  assert.equal(reversed.leaf.subject.rfc4514, 'CN=alloydb-client', 'leaf and nextRefresh come from the certificate with the key');
  assert.deepEqual(check({ pemCertificateChain: response.pemCertificateChain }), ['CA_CERT_MISSING']);
  assert.deepEqual(check({ ...response, caCert: response.pemCertificateChain[0] }), ['CA_CERT_NOT_CA']);
  // openssl 3.0 cannot backdate `x509 -req`: the one-day leaf is checked two days on instead.
  assert.deepEqual(check(response, { now: new Date(Date.now() + 2 * 86_400_000) }), ['CERTIFICATE_EXPIRED']);
  const der = Buffer.from(parseCertificate(pem(leafPath)).der);
  der[der.length - 2] ^= 0x40;
  const broken = `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`;
  assert.deepEqual(check({ ...response, pemCertificateChain: [broken, pem(inter.cert)] }), ['SIGNATURE_INVALID']);
  const stranger = new OpensslCa().selfSigned({ subject: '/CN=stranger CA' });
  assert.deepEqual(check({ ...response, caCert: pem(stranger.cert) }), ['CHAIN_NOT_ANCHORED']);
});

test('AlloyDB: the builder throws one CertkitError carrying every problem', () => {
  assert.throws(
    () => alloydb.buildGenerateClientCertificateRequest({ parent: 'projects/x', certDuration: 'forever', requestId: 'abc' }),
    (error) => {
      assert.equal(error.code, 'INVALID_PARENT');
      assert.deepEqual(error.problems.map((p) => p.code).sort(), [
        'INVALID_DURATION',
        'INVALID_PARENT',
        'INVALID_REQUEST_ID',
        'MISSING_PUBLIC_KEY',
      ]);
      return true;
    },
  );
  const request = alloydb.buildGenerateClientCertificateRequest({
    parent: PARENT,
    publicKey: readFileSync(new URL('../vectors/fixtures/client.pub.pem', import.meta.url), 'utf8'),
    certDuration: 5400.25,
    version: 'v1beta',
  });
  assert.equal(request.bodyJson.certDuration, '5400.250s');
  for (const [certDuration, shown] of [
    [1e300, '`1e300`'],
    [-4e11, '`-400000000000`'],
  ]) {
    const outOfRange = alloydb
      .checkGenerateClientCertificateRequest({ parent: PARENT, certDuration })
      .find((p) => p.code === 'DURATION_OUT_OF_RANGE');
    assert.equal(outOfRange?.field, 'certDuration');
    assert.ok(outOfRange.message.startsWith(shown), outOfRange.message);
  }
  assert.equal(request.url, `https://alloydb.googleapis.com/v1beta/${PARENT}:generateClientCertificate`);
  assert.equal(request.method, 'POST');
});

test('AlloyDB: the cluster name by its parts builds the same request, with each problem at the part it is about', async () => {
  const { publicKeyPem } = await generateKeyPair({ algorithm: 'ECDSA', namedCurve: 'P-256' });
  const parts = { project: 'my-project', location: 'us-central1', cluster: 'my-cluster' };
  const byParts = alloydb.buildGenerateClientCertificateRequest({ parent: parts, publicKey: publicKeyPem, requestId: 'generate' });
  const byName = alloydb.buildGenerateClientCertificateRequest({ parent: PARENT, publicKey: publicKeyPem, requestId: 'generate' });
  assert.equal(byParts.url, byName.url);
  assert.deepEqual(
    alloydb
      .checkGenerateClientCertificateRequest({
        parent: { project: 'My_Project', location: 'global', cluster: 'a/b' },
        publicKey: publicKeyPem,
      })
      .filter((p) => p.field.startsWith('parent'))
      .map((p) => [p.code, p.field, p.severity]),
    [
      ['INVALID_PROJECT_ID', 'parent.project', 'error'],
      ['LOCATION_NOT_REGION', 'parent.location', 'warning'],
      ['INVALID_CLUSTER_ID', 'parent.cluster', 'error'],
    ],
  );
  // The same name as one string: the same problems, at `parent`.
  assert.deepEqual(
    alloydb
      .checkGenerateClientCertificateRequest({ parent: 'projects/My_Project/locations/global/clusters/a_b', publicKey: publicKeyPem })
      .filter((p) => p.field.startsWith('parent'))
      .map((p) => [p.code, p.field]),
    [
      ['INVALID_PROJECT_ID', 'parent'],
      ['LOCATION_NOT_REGION', 'parent'],
      ['INVALID_CLUSTER_ID', 'parent'],
    ],
  );
  assert.throws(
    () => alloydb.buildGenerateClientCertificateRequest({ parent: { project: 'my-project', cluster: 'c' }, publicKey: publicKeyPem }),
    (error) => error.problems.some((p) => p.code === 'MISSING_FIELD' && p.field === 'parent.location'),
  );
});

test('AlloyDB refresh rule', () => {
  const leaf = readFileSync(new URL('../vectors/fixtures/leaf.pem', import.meta.url), 'utf8'); // 2030-01-01 00:00 to 01:00
  assert.equal(alloydb.nextRefresh(leaf, '2029-12-31T20:00:00Z'), '2029-12-31T22:30:00Z');
  assert.equal(alloydb.nextRefresh(leaf, '2030-01-01T00:30:00Z'), '2030-01-01T00:56:00Z');
  assert.equal(alloydb.nextRefresh(leaf, new Date('2030-01-01T00:57:00Z')), '2030-01-01T00:57:00Z');
});

test('Halo CreateCertificate from an openssl certificate with and without SKI', () => {
  const withSki = ca.issue({ key: ca.key('p-256'), subject: '/CN=entity', issuer: root });
  const request = halo.buildCreateCertificateRequest({ parent: 'dataProviders/AAAAAAAAAHs', certificate: pem(withSki.cert) });
  const der = Buffer.from(request.bodyJson.certificate.x509Der, 'base64');
  assert.deepEqual(der, openssl(['x509', '-in', withSki.cert, '-outform', 'DER'], { encoding: 'buffer' }));
  assert.equal(request.method, 'CreateCertificate');
  assert.equal(request.service, 'wfa.measurement.api.v2alpha.Certificates');
  const noSki = ca.issue({
    key: ca.key('p-256'),
    subject: '/CN=no ski',
    issuer: root,
    extensions: 'basicConstraints = CA:FALSE\nsubjectKeyIdentifier = none\nauthorityKeyIdentifier = none',
  });
  assert.throws(() => halo.buildCreateCertificateRequest({ parent: 'dataProviders/AAAAAAAAAHs', certificate: pem(noSki.cert) }), {
    code: 'MISSING_SUBJECT_KEY_IDENTIFIER',
    field: 'certificate',
  });
  const derInput = new Uint8Array(openssl(['x509', '-in', withSki.cert, '-outform', 'DER'], { encoding: 'buffer' }));
  assert.equal(
    halo.buildCreateCertificateRequest({ parent: 'dataProviders/AAAAAAAAAHs', certificate: derInput }).bodyJson.certificate.x509Der,
    request.bodyJson.certificate.x509Der,
  );
});

test('Halo: API IDs, names, preferred certificate and list summary', () => {
  assert.equal(halo.encodeApiId(123n), 'AAAAAAAAAHs');
  assert.equal(halo.decodeApiId('AAAAAAAAAHs'), 123n);
  assert.equal(halo.decodeApiId(halo.encodeApiId(2n ** 63n - 1n)), 2n ** 63n - 1n);
  assert.throws(() => halo.encodeApiId(2n ** 64n + 5n), { code: 'API_ID_OUT_OF_RANGE' });
  assert.throws(() => halo.encodeApiId(-1n), { code: 'API_ID_OUT_OF_RANGE' });
  assert.throws(() => halo.encodeApiId(5), { code: 'INVALID_INPUT_TYPE' });
  assert.throws(() => halo.decodeApiId('mc-123'), { code: 'INVALID_API_ID' });
  assert.deepEqual(halo.parseName('modelProviders/AAAAAAAAAHs/certificates/AAAAAAAAAAE'), {
    parentType: 'modelProviders',
    parentId: 'AAAAAAAAAHs',
    parent: 'modelProviders/AAAAAAAAAHs',
    certificateId: 'AAAAAAAAAAE',
    preferred: false,
    parentApiId: '123',
    certificateApiId: '1',
    problems: [],
  });
  assert.throws(() => halo.parseName('dataProviders//certificates/x'), { code: 'INVALID_HALO_NAME' });

  const b64 = (path) => openssl(['x509', '-in', path, '-outform', 'DER'], { encoding: 'buffer' }).toString('base64');
  const make = (startdate, enddate) => b64(ca.issue({ key: ca.key('p-256'), subject: '/CN=e', issuer: root, startdate, enddate }).cert);
  const certificates = [
    {
      name: 'dataProviders/AAAAAAAAAHs/certificates/AAAAAAAAAAE',
      x509Der: make('20200101000000Z', '20310101000000Z'),
      revocationState: 'REVOKED',
    },
    { name: 'dataProviders/AAAAAAAAAHs/certificates/AAAAAAAAAAI', x509Der: make('20200101000000Z', '20300601000000Z') },
    { name: 'dataProviders/AAAAAAAAAHs/certificates/AAAAAAAAAAM', x509Der: make('20200101000000Z', '20300701000000Z') },
    { name: 'dataProviders/AAAAAAAAAHs/certificates/AAAAAAAAAAQ', x509Der: make('20200101000000Z', '20290101000000Z') },
    {
      name: 'dataProviders/AAAAAAAAAHs/certificates/AAAAAAAAAAU',
      x509Der: make('20200101000000Z', '20400101000000Z'),
      revocationState: 'HOLD',
    },
    { name: 'dataProviders/AAAAAAAAAHs/certificates/AAAAAAAAAAY', x509Der: 'bm90IGEgY2VydA==' },
  ];
  const now = '2030-06-15T00:00:00Z';
  assert.equal(
    halo.preferredCertificate(certificates, now).name,
    certificates[2].name,
    'not revoked, valid now (HOLD is not), latest notAfter',
  );
  assert.equal(halo.preferredCertificate(certificates.slice(0, 4), now).name, certificates[2].name);
  assert.equal(halo.preferredCertificate([], now), undefined);
  const summary = halo.summarizeCertificates({ certificates }, { now, expiringWithinDays: 30 });
  assert.deepEqual(
    summary.map((s) => s.status),
    ['revoked', 'expired', 'expiring', 'expired', 'on-hold', 'invalid'],
  );
  assert.deepEqual(
    summary.map((s) => s.preferred),
    [false, false, true, false, false, false],
  );
  assert.equal(summary[2].daysLeft, 16);
  assert.match(summary[2].subjectKeyIdentifier.hex, /^[0-9a-f]{40}$/);
  assert.equal(Buffer.from(summary[2].subjectKeyIdentifier.base64, 'base64').toString('hex'), summary[2].subjectKeyIdentifier.hex);
  assert.equal(summary[5].problems[0].field, 'certificates[5].x509Der');
});

/** Runs a generated command line in bash with the program replaced by one that prints its arguments. */
function argumentsOf(commandLine, program) {
  const script = `${program}() { for a in "$@"; do printf '%s\\0' "$a"; done; }\ngcloud() { printf 'TOKEN'; }\n${commandLine}\n`;
  const result = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.split('\0').slice(0, -1);
}

test('curl and grpcurl command lines parse back to the same JSON body, whatever the input', async () => {
  const nasty = `'"; $(touch /tmp/certkit-pwned) \`id\` \\ \n ${'\u{1F600}'} it's`;
  const key = await generateKeyPair({ algorithm: 'ECDSA', namedCurve: 'P-256' });
  const request = alloydb.buildGenerateClientCertificateRequest({ parent: PARENT, publicKey: key.publicKeyPem, requestId: 'generate' });
  const curlArgs = argumentsOf(request.curl, 'curl');
  assert.equal(curlArgs[curlArgs.indexOf('--data-raw') + 1], request.body);
  assert.deepEqual(JSON.parse(curlArgs[curlArgs.indexOf('--data-raw') + 1]), request.bodyJson);
  assert.ok(curlArgs.includes('Authorization: Bearer TOKEN'));
  assert.ok(curlArgs.includes(request.url));

  const name = `dataProviders/${nasty.replaceAll('/', '_')}/certificates/x`;
  const revoke = halo.buildRevokeCertificateRequest(
    { name, revocationState: 'HOLD' },
    { endpoint: 'kingdom.example:8443', cert: "my cert's.pem", key: 'k.pem', cacert: 'ca.pem', importPaths: [] },
  );
  const grpcurlArgs = argumentsOf(revoke.grpcurl, 'grpcurl');
  assert.deepEqual(JSON.parse(grpcurlArgs[grpcurlArgs.indexOf('-d') + 1]), revoke.bodyJson);
  assert.equal(revoke.bodyJson.name, name);
  assert.deepEqual(grpcurlArgs.slice(-2), ['kingdom.example:8443', 'wfa.measurement.api.v2alpha.Certificates/RevokeCertificate']);
  assert.equal(grpcurlArgs[grpcurlArgs.indexOf('-cert') + 1], "my cert's.pem");
  const list = halo.buildListCertificatesRequest(
    {
      parent: 'dataProviders/AAAAAAAAAHs',
      pageSize: 5000,
      filter: { subjectKeyIdentifiers: [new Uint8Array([1, 2, 3])] },
    },
    { endpoint: 'k:8443', cert: 'c.pem', key: 'k.pem', cacert: 'ca.pem', importPaths: [] },
  );
  const listArgs = argumentsOf(list.grpcurl, 'grpcurl');
  assert.deepEqual(JSON.parse(listArgs[listArgs.indexOf('-d') + 1]), {
    parent: 'dataProviders/AAAAAAAAAHs',
    pageSize: 1000,
    filter: { subjectKeyIdentifiers: ['AQID'] },
  });
});
