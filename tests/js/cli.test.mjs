// The certkit command: every command but the remote APIs' (in cli-apis.test.mjs), its exit codes
// (0 all well, 1 problems, 2 usage), stdin, and a bad file in a batch that is reported while the
// batch goes on.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { certkit, cli, dir, failure, file } from './cli-run.mjs';
import { openssl } from './helpers.mjs';
import { OpensslCa, pem } from './openssl-ca.mjs';

const ca = new OpensslCa();
const { root, inter, leaf } = ca.hierarchy();

test('help and usage errors exit 2; --help exits 0 for every command', () => {
  assert.equal(certkit([]).code, 2);
  assert.equal(certkit(['--help']).code, 0);
  assert.equal(certkit(['frobnicate']).code, 2);
  for (const command of ['inspect', 'ski', 'keygen', 'csr', 'cert', 'p12', 'verify-chain', 'crl', 'alloydb', 'halo']) {
    const help = certkit([command, '--help']);
    assert.equal(help.code, 0, command);
    assert.match(help.out, new RegExp(`usage: certkit ${command}`));
  }
  assert.equal(certkit(['inspect', '--nope', 'x']).code, 2);
  assert.equal(certkit(['inspect']).code, 2);
  assert.equal(certkit(['keygen', '--algorithm', 'dsa']).code, 2);
  assert.match(certkit(['--version']).out, /^\d+\.\d+\.\d+/);
});

test('inspect: files, a directory, stdin, JSON lines, and a bad file that does not stop the batch', () => {
  const batch = join(dir, 'batch');
  mkdirSync(batch);
  writeFileSync(join(batch, 'a.pem'), pem(leaf.cert));
  writeFileSync(join(batch, 'b-broken.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
  writeFileSync(join(batch, 'c.der'), openssl(['x509', '-in', root.cert, '-outform', 'DER'], { encoding: 'buffer' }));
  const text = certkit(['inspect', batch]);
  assert.equal(text.code, 1);
  assert.match(text.out, /a\.pem: CN=leaf\.example\.com,O=certkit Test/);
  assert.match(text.out, /c\.der: CN=Test Root/);
  assert.match(text.err, /b-broken\.pem: error INVALID_CERTIFICATE/);
  const json = certkit(['inspect', '--json', '--jobs', '1', batch]);
  const lines = json.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => l.subject.rfc4514),
    ['CN=leaf.example.com,O=certkit Test', 'CN=Test Root,O=certkit Test'],
  );
  assert.equal(typeof lines[0].der, 'string', 'bytes as base64');
  const stdin = certkit(['inspect', '-'], { input: pem(inter.cert) });
  assert.equal(stdin.code, 0);
  assert.match(stdin.out, /stdin: CN=Test Intermediate/);
  assert.equal(certkit(['inspect', join(dir, 'missing.pem')]).code, 1);
});

test('inspect: many files on worker threads keep their order', () => {
  const many = join(dir, 'many');
  mkdirSync(many);
  for (let i = 0; i < 30; i++) writeFileSync(join(many, `${String(i).padStart(2, '0')}.pem`), pem([root, inter, leaf][i % 3].cert));
  writeFileSync(join(many, '15-bad.pem'), 'garbage');
  const parallel = certkit(['inspect', '--json', '--jobs', '2', many]);
  const serial = certkit(['inspect', '--json', '--jobs', '1', many]);
  assert.equal(parallel.code, 1);
  assert.equal(parallel.out, serial.out);
  assert.equal(parallel.out.trim().split('\n').length, 30);
  assert.match(parallel.err, /15-bad\.pem: error UNRECOGNIZED_ENCODING/);
});

test('ski: one method, all methods, identify, stdin', () => {
  const expected = openssl(['x509', '-in', leaf.cert, '-noout', '-ext', 'subjectKeyIdentifier'])
    .split('\n')[1]
    .trim()
    .replaceAll(':', '')
    .toLowerCase();
  assert.equal(certkit(['ski', leaf.cert]).out.trim(), expected);
  assert.equal(certkit(['ski', '-'], { input: readFileSync(leaf.key) }).out.trim(), expected);
  assert.equal(certkit(['ski', leaf.cert, '--all']).out.trim().split('\n').length, 6);
  assert.equal(certkit(['ski', leaf.cert, '--identify']).out.trim(), 'rfc5280-sha1');
  assert.match(certkit(['ski', leaf.cert, '--method', 'rfc7093-sha256']).out, /^[0-9a-f]{40}\n$/);
  assert.equal(certkit(['ski', leaf.cert, '--method', 'md5']).code, 2);
  assert.equal(certkit(['ski', join(dir, 'missing')]).code, 1);
});

test('keygen, csr and cert make what openssl accepts; the key file is private', () => {
  const passphraseFile = file('pass.txt', 'open sesame\n');
  assert.equal(certkit(['keygen', '--algorithm', 'p-384', '--out', 'ca.key']).code, 0);
  assert.equal(statSync(join(dir, 'ca.key')).mode & 0o777, 0o600);
  assert.equal(
    certkit(['keygen', '--algorithm', 'ed25519', '--out', 'leaf.key', '--passphrase-file', passphraseFile, '--public-out', 'leaf.pub'])
      .code,
    0,
  );
  assert.match(readFileSync(join(dir, 'leaf.key'), 'utf8'), /ENCRYPTED PRIVATE KEY/);
  assert.equal(
    openssl(['pkey', '-in', join(dir, 'leaf.key'), '-passin', 'pass:open sesame', '-pubout']),
    readFileSync(join(dir, 'leaf.pub'), 'utf8'),
  );
  const csr = certkit([
    'csr',
    '--key',
    'leaf.key',
    '--passphrase-file',
    passphraseFile,
    '--subject',
    'CN=cli.example,O=CLI',
    '--san',
    'cli.example,192.0.2.9',
    '--eku',
    'clientAuth',
    '--ski',
  ]);
  assert.equal(csr.code, 0, csr.err);
  writeFileSync(join(dir, 'leaf.csr'), csr.out);
  const verified = spawnSync('openssl', ['req', '-in', join(dir, 'leaf.csr'), '-noout', '-verify'], { encoding: 'utf8' });
  assert.match(verified.stderr + verified.stdout, /verify OK/);
  assert.equal(certkit(['cert', '--key', 'ca.key', '--subject', 'CN=CLI CA', '--ca', '--path-length', '0', '--out', 'ca.pem']).code, 0);
  const issued = certkit(['cert', '--csr', 'leaf.csr', '--ca-cert', 'ca.pem', '--ca-key', 'ca.key', '--days', '30', '--out', 'leaf.pem']);
  assert.equal(issued.code, 0, issued.err);
  assert.match(openssl(['verify', '-CAfile', join(dir, 'ca.pem'), join(dir, 'leaf.pem')]), /OK/);
  assert.equal(certkit(['cert', '--key', 'ca.key', '--ca-cert', 'ca.pem']).code, 2, '--ca-cert without --ca-key');
  const bad = certkit(['csr', '--key', 'leaf.pub', '--subject', 'CN=x']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /PRIVATE_KEY_REQUIRED privateKey/);
});

test('verify-chain: ok exits 0, a broken chain exits 1 with codes on stderr', () => {
  const good = certkit(['verify-chain', root.cert, leaf.cert, inter.cert, '--now', '2030-01-01T00:00:00Z']);
  assert.equal(good.code, 0, good.err);
  assert.match(good.out, /^1\. CN=leaf\.example\.com/m);
  assert.match(good.out, /chain valid \(ends at a self-signed root; no trust anchor given\)/);
  const trusted = certkit([
    'verify-chain',
    leaf.cert,
    inter.cert,
    '--trust',
    root.cert,
    '--now',
    '2030-01-01T00:00:00Z',
    '--purpose',
    'any',
    '--max-depth',
    '1',
  ]);
  assert.equal(trusted.code, 0, trusted.err);
  assert.match(trusted.out, /chain valid, trusted/);
  const tooDeep = certkit([
    'verify-chain',
    leaf.cert,
    inter.cert,
    '--trust',
    root.cert,
    '--now',
    '2030-01-01T00:00:00Z',
    '--max-depth',
    '0',
  ]);
  assert.equal(tooDeep.code, 1);
  assert.match(tooDeep.err, /error MAX_DEPTH_EXCEEDED/);
  const wrongName = certkit([
    'verify-chain',
    leaf.cert,
    inter.cert,
    '--trust',
    root.cert,
    '--now',
    '2030-01-01T00:00:00Z',
    '--name',
    'nothere.example.com',
  ]);
  assert.equal(wrongName.code, 1);
  assert.match(wrongName.err, /error SUBJECT_NAME_MISMATCH chain\[0\]/);
  assert.equal(certkit(['verify-chain', leaf.cert, '--max-depth', 'two']).code, 2);
  const badPurpose = certkit(['verify-chain', leaf.cert, '--purpose', 'nonsense']);
  assert.equal(badPurpose.code, 1);
  assert.match(badPurpose.err, /UNKNOWN_PURPOSE purpose/);
  const incomplete = certkit(['verify-chain', leaf.cert, inter.cert, '--now', '2030-01-01T00:00:00Z']);
  assert.equal(incomplete.code, 1, 'a chain that stops short of a root is not valid');
  assert.match(incomplete.out, /NOT valid, incomplete/);
  const expired = certkit(['verify-chain', leaf.cert, inter.cert, root.cert, '--now', '2100-01-01T00:00:00Z']);
  assert.equal(expired.code, 1);
  assert.match(expired.err, /error CERTIFICATE_EXPIRED chain\[0\]/);
  const json = JSON.parse(certkit(['verify-chain', '--json', '-'], { input: pem(leaf.cert) + pem(inter.cert) }).out);
  assert.equal(json.complete, false);
});

test('p12 create and inspect: openssl reads the file; the passphrase comes from a file or the environment and is never printed', () => {
  const secret = 'cli secret 42';
  const pass = file('p12.pass', `${secret}\n`);
  const out = join(dir, 'cli.p12');
  for (const legacy of [false, true]) {
    const made = certkit([
      'p12',
      'create',
      '--key',
      leaf.key,
      '--cert',
      leaf.cert,
      '--cert',
      inter.cert,
      '--name',
      'cli key',
      '--passphrase-file',
      pass,
      '--out',
      out,
      ...(legacy ? ['--legacy', '--force'] : []),
    ]);
    assert.equal(made.code, 0, made.err);
    assert.equal(statSync(out).mode & 0o777, 0o600);
    const info = spawnSync('openssl', ['pkcs12', '-in', out, '-info', '-nokeys', '-passin', `pass:${secret}`], { encoding: 'utf8' });
    assert.equal(info.status, 0, info.stderr);
    assert.match(info.stderr, legacy ? /pbeWithSHA1And3-KeyTripleDES-CBC/ : /AES-256-CBC/);
  }
  const shown = spawnSync(
    process.execPath,
    [cli, 'p12', 'inspect', out, '--passphrase-env', 'P12_PASS', '--key-out', join(dir, 'from-p12.key')],
    { encoding: 'utf8', cwd: dir, env: { ...process.env, P12_PASS: secret } },
  );
  assert.equal(shown.status, 0, shown.stderr);
  assert.match(shown.stdout, /name: cli key/);
  assert.match(shown.stdout, /1\. CN=leaf\.example\.com/);
  assert.match(shown.stdout, /pbeWithSHA1And3-KeyTripleDES-CBC/);
  assert.ok(!`${shown.stdout}${shown.stderr}`.includes(secret) && !shown.stdout.includes('PRIVATE KEY'));
  assert.equal(statSync(join(dir, 'from-p12.key')).mode & 0o777, 0o600);
  assert.equal(openssl(['pkey', '-in', join(dir, 'from-p12.key'), '-pubout']), openssl(['pkey', '-in', leaf.key, '-pubout']));
  const wrong = certkit(['p12', 'inspect', out, '--passphrase-file', file('wrong.pass', 'nope')]);
  assert.equal(wrong.code, 1);
  assert.match(wrong.err, /WRONG_PASSPHRASE/);
  assert.equal(certkit(['p12', 'inspect', out]).code, 2); // no passphrase source
  assert.equal(
    certkit(['p12', 'create', '--key', leaf.key, '--cert', inter.cert, '--passphrase-file', pass, '--out', out, '--force']).code,
    1,
  ); // KEY_CERTIFICATE_MISMATCH
  assert.equal(certkit(['p12', 'frob']).code, 2);
});

test('crl inspect: entries, and the signature against an issuer', () => {
  ca.revoke({ cert: leaf.cert, issuer: inter, reason: ['-crl_reason', 'keyCompromise'] });
  const crl = ca.crl({ issuer: inter });
  const shown = certkit(['crl', 'inspect', crl, '--issuer', inter.cert]);
  assert.equal(shown.code, 0, shown.err);
  assert.match(shown.out, /signature: valid/);
  assert.match(shown.out, /revoked: 1\n\s+\S+\s+\S+\s+keyCompromise/);
  const other = certkit(['crl', 'inspect', crl, '--issuer', root.cert]);
  assert.equal(other.code, 1);
  assert.match(other.out, /signature: invalid/);
  assert.equal(JSON.parse(certkit(['crl', 'inspect', crl, '--json']).out).revoked[0].reason, 'keyCompromise');
  assert.equal(certkit(['crl', 'show', crl]).code, 2);
});

test('bad flag values and input files: exit 2 (usage) or 1 (input), each with its code and flag on stderr', () => {
  const key = file('bad-flags.key', openssl(['genpkey', '-algorithm', 'ed25519']));
  const cases = [
    [['halo', 'list', '--parent', 'dataProviders/AAAAAAAAAHs', '--page-size', 'ten'], 2, 'INVALID_FLAG', '--page-size'],
    [['halo', 'list', '--parent', 'dataProviders/AAAAAAAAAHs', '--page-size', '1.5'], 2, 'INVALID_FLAG', '--page-size'],
    [['halo', 'list', '--parent', 'dataProviders/AAAAAAAAAHs', '--format', 'yaml'], 2, 'INVALID_FLAG', '--format'],
    [['halo', 'summarize', '-', '--expiring-days', 'soon'], 2, 'INVALID_FLAG', '--expiring-days'],
    [['halo', 'list'], 2, 'MISSING_FLAG', '--parent'],
    [['halo', 'frob'], 2, 'UNKNOWN_COMMAND', undefined],
    [['inspect', '--jobs', 'two', leaf.cert], 2, 'INVALID_FLAG', '--jobs'],
    [['inspect', '--nope', leaf.cert], 2, 'UNKNOWN_FLAG', '--nope'],
    [['ski', leaf.cert, '--method', 'md5'], 2, 'INVALID_FLAG', '--method'],
    [['ski', leaf.cert, '--all', '--identify'], 2, 'CONFLICTING_FLAGS', '--identify'],
    [['keygen', '--algorithm', 'dsa'], 2, 'INVALID_FLAG', '--algorithm'],
    [['cert', '--key', key, '--csr', key], 2, 'CONFLICTING_FLAGS', '--csr'],
    [['cert', '--subject', 'CN=x'], 2, 'MISSING_FLAG', '--key'],
    [['cert', '--public-key', key, '--subject', 'CN=x'], 2, 'MISSING_FLAG', '--ca-cert'],
    [['cert', '--key', key, '--days', '10 days'], 2, 'INVALID_FLAG', '--days'],
    [['cert', '--key', key, '--path-length', 'x'], 2, 'INVALID_FLAG', '--path-length'],
    [['csr', '--key', key, '--subject', 'CN=x', '--key-id-method', 'sha1'], 2, 'INVALID_FLAG', '--key-id-method'],
    [['alloydb', 'request', '--parent', 'p', '--public-key', key, '--format', 'xml'], 2, 'INVALID_FLAG', '--format'],
    [['csr', '--key', join(dir, 'missing.key'), '--subject', 'CN=x'], 1, 'INPUT_FILE_UNREADABLE', '--key'],
    [['csr', '--key', key, '--subject', 'CN=x', '--passphrase-file', dir], 1, 'INPUT_FILE_UNREADABLE', '--passphrase-file'],
    [['verify-chain', leaf.cert, '--trust', join(dir, 'missing.pem')], 1, 'INPUT_FILE_UNREADABLE', '--trust'],
    [['ski', join(dir, 'missing')], 1, 'INPUT_FILE_UNREADABLE', 'input'],
    [['halo', 'summarize', join(dir, 'missing.json')], 1, 'INPUT_FILE_UNREADABLE', 'response'],
    [['verify-chain', leaf.cert, '--now', 'yesterday'], 1, 'INVALID_TIME', 'now'],
  ];
  for (const [args, exit, code, field] of cases) {
    const got = failure(args);
    assert.deepEqual([got.exit, got.code, got.field], [exit, code, field], `certkit ${args.join(' ')}\n${got.err}`);
    assert.equal(got.kind, exit === 2 ? 'usage' : 'error');
  }
});

test('--out refuses to overwrite an existing file unless --force, before any work is done', () => {
  const existing = file('existing.key', 'keep me\n');
  for (const args of [
    ['keygen', '--algorithm', 'p-256', '--out', existing],
    ['keygen', '--algorithm', 'p-256', '--out', join(dir, 'new-one.key'), '--public-out', existing],
    ['cert', '--key', leaf.key, '--subject', 'CN=x', '--out', existing],
  ]) {
    const r = failure(args);
    assert.deepEqual([r.exit, r.kind, r.code], [2, 'usage', 'OUTPUT_EXISTS'], r.err);
    assert.equal(r.field, args[args.indexOf(existing) - 1]);
    assert.equal(readFileSync(existing, 'utf8'), 'keep me\n');
  }
  assert.throws(() => statSync(join(dir, 'new-one.key')), { code: 'ENOENT' }, 'no key was written when the public key could not be');
  assert.equal(certkit(['keygen', '--algorithm', 'p-256', '--out', existing, '--force']).code, 0);
  assert.match(readFileSync(existing, 'utf8'), /BEGIN PRIVATE KEY/);
  assert.equal(statSync(existing).mode & 0o777, 0o600);
});

test('verify-chain --leaf-key: the key of an intermediate, or of no certificate, is exit 1 with the reason', () => {
  const at = ['--now', '2030-01-01T00:00:00Z'];
  assert.equal(certkit(['verify-chain', root.cert, leaf.cert, inter.cert, '--leaf-key', leaf.key, ...at]).code, 0);
  const intermediate = failure(['verify-chain', root.cert, leaf.cert, inter.cert, '--leaf-key', inter.key, ...at]);
  assert.deepEqual([intermediate.exit, intermediate.code, intermediate.field], [1, 'LEAF_KEY_MISMATCH', '--leaf-key']);
  assert.match(intermediate.err, /CN=Test Intermediate.*which issued .*CN=leaf\.example\.com/);
  assert.doesNotMatch(intermediate.err, /chain OK/);
  const stranger = file('stranger.key', openssl(['genpkey', '-algorithm', 'ed25519']));
  const none = failure(['verify-chain', root.cert, leaf.cert, inter.cert, '--leaf-key', stranger, ...at]);
  assert.deepEqual([none.exit, none.code, none.field], [1, 'LEAF_KEY_MISMATCH', '--leaf-key']);
  assert.match(none.err, /no certificate of the input carries this key/);
});
