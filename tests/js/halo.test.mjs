// Halo: certkit's preferred pick over every combination of revocation state and validity, and
// the grpcurl lines run by real shells (bash and dash) with a stub grpcurl that records its argv.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { halo } from '../../pkg/node.js';
import { openssl, tempDir } from './helpers.mjs';
import { OpensslCa } from './openssl-ca.mjs';

const NOW = '2030-06-15T00:00:00Z';
const ca = new OpensslCa();
const root = ca.selfSigned({ subject: '/CN=Halo test root' });
const der = (startdate, enddate) =>
  openssl(['x509', '-in', ca.issue({ key: ca.key('p-256'), subject: '/CN=e', issuer: root, startdate, enddate }).cert, '-outform', 'DER'], {
    encoding: 'buffer',
  }).toString('base64');

/** Validity kinds at NOW, with the dates the pick ranks by; `undefined` dates: unreadable. */
const VALIDITY = {
  valid: { x509Der: der('20200101000000Z', '20310101000000Z'), notBefore: 2020, notAfter: 2031 },
  'valid, started later': { x509Der: der('20250101000000Z', '20310101000000Z'), notBefore: 2025, notAfter: 2031 },
  'valid, ends later': { x509Der: der('20200101000000Z', '20320101000000Z'), notBefore: 2020, notAfter: 2032 },
  expired: { x509Der: der('20200101000000Z', '20300101000000Z') },
  'expires at now': { x509Der: der('20200101000000Z', '20300615000000Z') },
  'not yet valid': { x509Der: der('20310101000000Z', '20350101000000Z') },
  'not a certificate': { x509Der: 'bm90IGEgY2VydA==' },
  'no x509Der': {},
};
/** Revocation states as proto3 JSON may carry them (names or enum numbers); `usable` when none. */
const STATES = [
  { label: 'absent', usable: true },
  { label: 'REVOCATION_STATE_UNSPECIFIED', value: 'REVOCATION_STATE_UNSPECIFIED', usable: true },
  { label: '0', value: 0, usable: true },
  { label: 'HOLD', value: 'HOLD', usable: false },
  { label: '1 (HOLD)', value: 1, usable: false },
  { label: 'REVOKED', value: 'REVOKED', usable: false },
  { label: '2 (REVOKED)', value: 2, usable: false },
  { label: 'unknown SUSPENDED', value: 'SUSPENDED', usable: false },
];

const ENTRIES = Object.entries(VALIDITY).flatMap(([validity, v]) =>
  STATES.map((state, i) => ({
    certificate: {
      name: `dataProviders/AAAAAAAAAHs/certificates/${validity.replaceAll(' ', '-')}-${i}`,
      ...(v.x509Der ? { x509Der: v.x509Der } : {}),
      ...(state.value !== undefined ? { revocationState: state.value } : {}),
    },
    usable: state.usable && v.notAfter !== undefined,
    rank: [v.notAfter ?? 0, v.notBefore ?? 0],
    label: `${validity} / ${state.label}`,
  })),
);

/** The rule API.md states, written independently: usable ones only; later notAfter, later notBefore, first listed. */
function expectedPick(entries) {
  let best;
  entries.forEach((entry, index) => {
    if (!entry.usable) return;
    const b = best === undefined ? undefined : entries[best];
    if (!b || entry.rank[0] > b.rank[0] || (entry.rank[0] === b.rank[0] && entry.rank[1] > b.rank[1])) best = index;
  });
  return best;
}

test('preferredCertificate: each of 64 certificates alone is picked exactly when usable', () => {
  assert.equal(ENTRIES.length, 64);
  for (const entry of ENTRIES) {
    const picked = halo.preferredCertificate([entry.certificate], NOW);
    assert.equal(picked, entry.usable ? entry.certificate : undefined, entry.label);
  }
  assert.equal(halo.preferredCertificate([], NOW), undefined);
});

test('preferredCertificate and summarizeCertificates: every ordered pair of the 64 (4096 lists) follows the rule', () => {
  let picks = 0;
  for (const a of ENTRIES) {
    for (const b of ENTRIES) {
      const list = [a, b];
      const expected = expectedPick(list);
      const picked = halo.preferredCertificate(
        list.map((e) => e.certificate),
        NOW,
      );
      assert.equal(picked, list[expected]?.certificate, `${a.label} + ${b.label}`);
      if (expected !== undefined) picks++;
      const summary = halo.summarizeCertificates({ certificates: list.map((e) => e.certificate) }, { now: NOW });
      assert.deepEqual(
        summary.map((s) => s.preferred),
        list.map((_, i) => i === expected),
        `summary of ${a.label} + ${b.label}`,
      );
      for (const s of summary.filter((s) => s.preferred)) assert.ok(['valid', 'expiring'].includes(s.status), s.status);
    }
  }
  assert.ok(picks > 0 && picks < 4096, `${picks} lists had a pick`);
});

test('preferredCertificate: the whole list of 64, in both orders, picks the usable one that ends latest', () => {
  const certificates = ENTRIES.map((e) => e.certificate);
  const expected = ENTRIES[expectedPick(ENTRIES)].certificate;
  assert.match(expected.name, /valid,-ends-later-0$/);
  assert.equal(halo.preferredCertificate(certificates, NOW), expected);
  assert.equal(halo.preferredCertificate([...certificates].reverse(), NOW).name, expected.name.replace(/-0$/, '-2'));
  const summary = halo.summarizeCertificates({ certificates }, { now: NOW });
  const unknown = summary.find((s) => s.name.endsWith('/valid-7'));
  assert.deepEqual(
    unknown.problems.map((p) => [p.code, p.severity, p.field]),
    [['UNKNOWN_REVOCATION_STATE', 'warning', 'certificates[7].revocationState']],
  );
});

// --- grpcurl lines in real shells -------------------------------------------------------------

const stubDir = tempDir('certkit-grpcurl-stub-');
const argvFile = join(stubDir, 'argv');
writeFileSync(join(stubDir, 'grpcurl'), '#!/bin/sh\nfor a in "$@"; do printf \'%s\\0\' "$a"; done > "$GRPCURL_ARGV"\n');
chmodSync(join(stubDir, 'grpcurl'), 0o755);
const SHELLS = ['bash', 'dash'].filter((shell) => spawnSync(shell, ['-c', 'true']).status === 0);

/** Runs the line in `shell` with the stub first on PATH; returns its argv (or undefined) and the shell's result. */
function run(shell, line, env = {}) {
  rmSync(argvFile, { force: true });
  const result = spawnSync(shell, ['-c', line], {
    encoding: 'utf8',
    env: { PATH: `${stubDir}:${process.env.PATH}`, GRPCURL_ARGV: argvFile, ...env },
  });
  const argv = existsSync(argvFile) ? readFileSync(argvFile, 'utf8').split('\0').slice(0, -1) : undefined;
  return { argv, status: result.status, stderr: result.stderr };
}

const SERVICE = 'wfa.measurement.api.v2alpha.Certificates';
const PROTO = 'wfa/measurement/api/v2alpha/certificates_service.proto';
const nasty = `'"; $(touch /tmp/certkit-pwned) \`id\` \\ ${'\u{1F600}'} it's`;

test('grpcurl: every flag given, hostile values and all, reaches grpcurl exactly', () => {
  assert.ok(SHELLS.includes('bash'));
  const name = `dataProviders/${nasty.replaceAll('/', '_')}/certificates/x`;
  const options = {
    endpoint: 'kingdom.example:8443',
    cert: "my cert's.pem",
    key: '$(touch /tmp/certkit-pwned).pem',
    cacert: 'ca `id`.pem',
    apiKey: `k'ey ${nasty}`,
    importPaths: ['/protos/api dir', '/protos/google apis'],
  };
  const request = halo.buildRevokeCertificateRequest({ name, revocationState: 'HOLD' }, options);
  for (const shell of SHELLS) {
    const { argv, status, stderr } = run(shell, request.grpcurl);
    assert.equal(status, 0, `${shell}: ${stderr}`);
    assert.deepEqual(argv, [
      '-cert',
      "my cert's.pem",
      '-key',
      '$(touch /tmp/certkit-pwned).pem',
      '-cacert',
      'ca `id`.pem',
      '-H',
      `x-api-key: k'ey ${nasty}`,
      '-import-path',
      '/protos/api dir',
      '-import-path',
      '/protos/google apis',
      '-proto',
      PROTO,
      '-d',
      request.body,
      'kingdom.example:8443',
      `${SERVICE}/RevokeCertificate`,
    ]);
    assert.deepEqual(JSON.parse(argv[argv.indexOf('-d') + 1]), { name, revocationState: 'HOLD' });
  }
  assert.equal(existsSync('/tmp/certkit-pwned'), false);
});

test('grpcurl: what is not given is a placeholder that stops the shell with its text until set', () => {
  const request = halo.buildGetCertificateRequest({ name: 'dataProviders/AAAAAAAAAHs/certificates/preferred' });
  assert.match(request.grpcurl, /^grpcurl \\\n {2}-cert "\$\{CLIENT_CERT:\?set CLIENT_CERT to your client certificate PEM file\}" \\\n/);
  const values = {
    CLIENT_CERT: 'client cert.pem',
    CLIENT_KEY: 'client.key',
    KINGDOM_CA: 'kingdom-ca.pem',
    HALO_API_PROTOS: '/src/cross-media-measurement-api/src/main/proto',
    GOOGLEAPIS_PROTOS: '/src/googleapis',
    KINGDOM_API: 'v2alpha.kingdom.example:8443',
  };
  for (const shell of SHELLS) {
    const unset = run(shell, request.grpcurl);
    assert.notEqual(unset.status, 0, shell);
    assert.equal(unset.argv, undefined, `${shell}: grpcurl must not run`);
    assert.match(unset.stderr, /CLIENT_CERT: set CLIENT_CERT to your client certificate PEM file/);
    const { CLIENT_KEY: _, ...withoutKey } = values;
    assert.match(run(shell, request.grpcurl, withoutKey).stderr, /CLIENT_KEY: set CLIENT_KEY to the private key PEM file/);
    const set = run(shell, request.grpcurl, values);
    assert.equal(set.status, 0, set.stderr);
    assert.deepEqual(set.argv, [
      '-cert',
      'client cert.pem',
      '-key',
      'client.key',
      '-cacert',
      'kingdom-ca.pem',
      '-import-path',
      values.HALO_API_PROTOS,
      '-import-path',
      values.GOOGLEAPIS_PROTOS,
      '-proto',
      PROTO,
      '-d',
      '{"name":"dataProviders/AAAAAAAAAHs/certificates/preferred"}',
      'v2alpha.kingdom.example:8443',
      `${SERVICE}/GetCertificate`,
    ]);
  }
});

test('grpcurl: each method, with reflection (importPaths: []) and the old option names', () => {
  const parent = 'dataProviders/AAAAAAAAAHs';
  const name = `${parent}/certificates/AAAAAAAAAAE`;
  const options = { endpoint: 'k:8443', cert: 'c.pem', key: 'k.pem', cacert: 'ca.pem', importPaths: [] };
  const certificate = readFileSync(ca.issue({ key: ca.key('p-256'), subject: '/CN=entity', issuer: root }).cert, 'utf8');
  const requests = [
    halo.buildGetCertificateRequest({ name }, options),
    halo.buildCreateCertificateRequest({ parent, certificate }, options),
    halo.buildListCertificatesRequest({ parent, pageSize: 10, filter: { subjectKeyIdentifiers: ['0102'] } }, options),
    halo.buildRevokeCertificateRequest({ name, revocationState: 'REVOKED' }, options),
    halo.buildReleaseCertificateHoldRequest({ name, currentState: 'HOLD' }, options),
  ];
  for (const request of requests) {
    const { argv, status, stderr } = run('bash', request.grpcurl);
    assert.equal(status, 0, stderr);
    assert.deepEqual(argv.slice(0, 6), ['-cert', 'c.pem', '-key', 'k.pem', '-cacert', 'ca.pem']);
    assert.ok(!argv.includes('-proto') && !argv.includes('-import-path'), argv.join(' '));
    assert.deepEqual(argv.slice(-2), ['k:8443', `${SERVICE}/${request.method}`]);
    assert.deepEqual(JSON.parse(argv[argv.indexOf('-d') + 1]), request.bodyJson);
  }
  const old = halo.buildGetCertificateRequest(
    { name },
    { clientCertificate: 'old.pem', clientKey: 'old.key', caCertificate: 'old-ca.pem' },
  );
  assert.deepEqual(run('bash', old.grpcurl, { KINGDOM_API: 'k:1', HALO_API_PROTOS: 'a', GOOGLEAPIS_PROTOS: 'b' }).argv.slice(0, 6), [
    '-cert',
    'old.pem',
    '-key',
    'old.key',
    '-cacert',
    'old-ca.pem',
  ]);
  assert.throws(() => halo.buildGetCertificateRequest({ name }, { certificate: 'x' }), { code: 'INVALID_OPTIONS' });
});
