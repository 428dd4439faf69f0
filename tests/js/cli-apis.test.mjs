// The certkit command for the remote APIs: AlloyDB requests and responses, and the Halo
// Certificates service (requests, grpcurl lines, summaries, API IDs), with their exit codes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { certkit, dir, failure, file } from './cli-run.mjs';
import { openssl } from './helpers.mjs';
import { OpensslCa, pem } from './openssl-ca.mjs';

const ca = new OpensslCa();
const { root, inter, leaf } = ca.hierarchy();

test('alloydb request and check-response', () => {
  const key = join(dir, 'rsa.key');
  openssl(['genpkey', '-quiet', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', key]);
  const pub = file('rsa.pub', openssl(['pkey', '-in', key, '-pubout']));
  const parent = 'projects/my-project/locations/us-central1/clusters/c1';
  const body = certkit([
    'alloydb',
    'request',
    '--parent',
    parent,
    '--public-key',
    pub,
    '--duration',
    '3600',
    '--request-id',
    'generate',
    '--metadata-exchange',
  ]);
  assert.equal(body.code, 0, body.err);
  const json = JSON.parse(body.out);
  assert.equal(json.certDuration, '3600s');
  assert.match(json.requestId, /^[0-9a-f-]{36}$/);
  assert.match(certkit(['alloydb', 'request', '--parent', parent, '--public-key', pub, '--format', 'curl']).out, /^curl -X POST /);
  const refused = certkit(['alloydb', 'request', '--parent', 'projects/x', '--public-key', key]);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /error INVALID_PARENT parent/);
  assert.match(refused.err, /error PRIVATE_KEY_SUPPLIED publicKey/);
  assert.ok(!refused.err.includes(readFileSync(key, 'utf8').split('\n')[1]), 'the private key is never echoed');

  const issued = ca.issueForPublicKey({ publicKeyPem: readFileSync(pub, 'utf8'), issuer: inter });
  const response = file('response.json', JSON.stringify({ pemCertificateChain: [pem(issued), pem(inter.cert)], caCert: pem(root.cert) }));
  const ok = certkit(['alloydb', 'check-response', response, '--public-key', pub]);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /response OK; refresh at /);
  const wrongKey = file('other.pub', openssl(['pkey', '-in', ca.key('rsa-2048'), '-pubout']));
  const mismatch = certkit(['alloydb', 'check-response', '-', '--public-key', wrongKey], { input: readFileSync(response) });
  assert.equal(mismatch.code, 1);
  assert.match(mismatch.err, /LEAF_KEY_MISMATCH/);
});

test('halo create, list, revoke, release, summarize', () => {
  const create = certkit(['halo', 'create', '--parent', 'dataProviders/AAAAAAAAAHs', '--certificate', leaf.cert, '--format', 'json']);
  assert.equal(create.code, 0, create.err);
  assert.equal(JSON.parse(create.out).parent, 'dataProviders/AAAAAAAAAHs');
  const line = certkit(['halo', 'create', '--parent', 'dataProviders/AAAAAAAAAHs', '--certificate', leaf.cert, '--endpoint', 'k:8443']).out;
  assert.match(line, /^grpcurl \\\n {2}-cert "\$\{CLIENT_CERT:\?/);
  assert.match(line, /\n {2}k:8443 wfa\.measurement\.api\.v2alpha\.Certificates\/CreateCertificate\n$/);
  const list = certkit([
    'halo',
    'list',
    '--parent',
    'dataProviders/AAAAAAAAAHs',
    '--page-size',
    '2000',
    '--ski',
    'a786e71c',
    '--format',
    'json',
  ]);
  assert.equal(list.code, 0);
  assert.equal(JSON.parse(list.out).pageSize, 1000);
  assert.match(list.err, /warning PAGE_SIZE_COERCED pageSize/);
  const name = 'dataProviders/AAAAAAAAAHs/certificates/AAAAAAAAAAE';
  const revoked = certkit(['halo', 'revoke', '--name', name, '--state', 'HOLD', '--current', 'REVOKED']);
  assert.equal(revoked.code, 1);
  assert.match(revoked.err, /error ALREADY_REVOKED currentState/);
  assert.equal(certkit(['halo', 'revoke', '--name', name, '--state', 'REVOKED']).code, 0);
  assert.equal(certkit(['halo', 'release', '--name', name, '--current', 'HOLD']).code, 0);
  assert.equal(certkit(['halo', 'release', '--name', name, '--current', 'REVOCATION_STATE_UNSPECIFIED']).code, 1);
  const der = (path) => openssl(['x509', '-in', path, '-outform', 'DER'], { encoding: 'buffer' }).toString('base64');
  const response = JSON.stringify({
    certificates: [
      { name: `${name.slice(0, -1)}I`, x509Der: der(leaf.cert), revocationState: 'HOLD' },
      { name, x509Der: der(inter.cert) },
    ],
  });
  const summary = certkit(['halo', 'summarize', '-', '--now', '2030-01-01T00:00:00Z'], { input: response });
  assert.equal(summary.code, 0, summary.err);
  assert.match(summary.out, /^ {2}on-hold\s+dataProviders/m);
  assert.match(summary.out, /^\*\s+valid\s+dataProviders\/AAAAAAAAAHs\/certificates\/AAAAAAAAAAE/m);
  assert.match(
    summary.out,
    /^\* certkit's pick for the preferred certificate by the service's best practice .*the server's preferred alias may answer differently$/m,
  );
  const none = certkit(['halo', 'summarize', '-', '--now', '2100-01-01T00:00:00Z'], { input: response });
  assert.match(none.out, /^No certificate is usable now .* so none is preferred/m);
  assert.doesNotMatch(none.out, /^\*/m);
  assert.equal(certkit(['halo', 'frob']).code, 2);
});

test('halo get (mutual TLS flags, reflection) and api-id encode|decode', () => {
  const name = 'measurementConsumers/AAAAAAAAAHs/certificates/preferred';
  const get = certkit([
    'halo',
    'get',
    '--name',
    name,
    '--endpoint',
    'k:8443',
    '--cert',
    'me.pem',
    '--key',
    'me.key',
    '--cacert',
    'ca.pem',
    '--import-path',
    'protos',
    '--import-path',
    'googleapis',
  ]);
  assert.equal(get.code, 0, get.err);
  assert.equal(
    get.out,
    `grpcurl \\\n  -cert me.pem \\\n  -key me.key \\\n  -cacert ca.pem \\\n  -import-path protos \\\n  -import-path googleapis \\\n  -proto wfa/measurement/api/v2alpha/certificates_service.proto \\\n  -d '{"name":"${name}"}' \\\n  k:8443 wfa.measurement.api.v2alpha.Certificates/GetCertificate\n`,
  );
  assert.match(get.err, /info PREFERRED_ALIAS_UNRESOLVED name/);
  const reflection = certkit(['halo', 'get', '--name', name, '--reflection', '--api-key', 'secret-key']);
  assert.doesNotMatch(reflection.out, /-proto|-import-path/);
  assert.match(reflection.out, /-H 'x-api-key: secret-key'/);
  assert.deepEqual(JSON.parse(certkit(['halo', 'get', '--name', name, '--format', 'json']).out), { name });
  const bad = certkit(['halo', 'get', '--name', 'dataProviders/x']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /error INVALID_HALO_NAME name/);
  assert.equal(certkit(['halo', 'get', '--name', name, '--reflection', '--import-path', 'p']).code, 2);

  assert.deepEqual(certkit(['halo', 'api-id', 'encode', '123']), { code: 0, out: 'AAAAAAAAAHs\n', err: '' });
  assert.deepEqual(certkit(['halo', 'api-id', 'decode', 'AAAAAAAAAHs']), { code: 0, out: '123\n', err: '' });
  const max = '9223372036854775807';
  assert.equal(certkit(['halo', 'api-id', 'decode', certkit(['halo', 'api-id', 'encode', max]).out.trim()]).out, `${max}\n`);
  const zero = certkit(['halo', 'api-id', 'encode', '0']);
  assert.equal(zero.code, 1);
  assert.match(zero.err, /error API_ID_OUT_OF_RANGE/);
  assert.match(certkit(['halo', 'api-id', 'decode', 'mc-123']).err, /error INVALID_API_ID/);
  assert.equal(certkit(['halo', 'api-id', 'encode', '12x']).code, 2);
  assert.equal(certkit(['halo', 'api-id', 'rot13', '1']).code, 2);
  assert.equal(certkit(['halo', 'api-id', 'encode']).code, 2);
});

test('halo summarize of a file that is not JSON is an error, never an empty list', () => {
  for (const input of ['not json at all\n', '{"certificates": [', '42']) {
    const r = failure(['halo', 'summarize', '-'], { input });
    assert.equal(r.exit, 1, input);
    assert.match(r.code, /^(INVALID_FIELD_TYPE|INVALID_JSON)$/, r.err);
  }
});
