// The package as a user installs it: `npm pack`, install the tarball into a fresh project,
// then `import` and `require` it there and compare with OpenSSL.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { opensslFields, opensslSelfSigned, tempDir } from './helpers.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const work = tempDir('certkit-consumer-');
const packDir = join(work, 'pack');
const project = join(work, 'project');
execFileSync('mkdir', ['-p', packDir, project]);
npm(['pack', '--silent', '--pack-destination', packDir], repo);
const tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz')));
writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
npm(['install', '--no-audit', '--no-fund', '--offline', tarball], project);

const certPath = opensslSelfSigned(work, 'consumer', { subject: '/O=Consumer Test/CN=consumer.example' });
const expected = opensslFields(certPath);

function run(file, source) {
  writeFileSync(join(project, file), source);
  return JSON.parse(execFileSync(process.execPath, [file], { cwd: project, encoding: 'utf8' }));
}

const script = (load) => `${load}
const cert = parseCertificate(readFileSync(${JSON.stringify(certPath)}, 'utf8'));
console.log(JSON.stringify({ serialNumber: cert.serialNumber, subject: cert.subject.rfc4514,
  issuer: cert.issuer.rfc4514, notBefore: cert.notBefore, notAfter: cert.notAfter,
  sha256: cert.fingerprints.sha256 }));`;

test('ESM import from the installed tarball matches OpenSSL', () => {
  const got = run('esm.mjs', script(`import { parseCertificate } from 'certkit';\nimport { readFileSync } from 'node:fs';`));
  assert.deepEqual(got, expected);
});

test('CommonJS require from the installed tarball matches OpenSSL', () => {
  const got = run('cjs.cjs', script(`const { parseCertificate } = require('certkit');\nconst { readFileSync } = require('node:fs');`));
  assert.deepEqual(got, expected);
});

test('the tarball ships the built package and nothing else', () => {
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
  assert.ok(listing.includes('package/pkg/wasm/certkit_bg.wasm'));
  assert.ok(listing.includes('package/pkg/index.d.ts'));
  assert.ok(listing.includes('package/README.md'));
  const unexpected = listing.filter((f) => !/^package\/(pkg\/.*\.(js|d\.ts|wasm)|README\.md|package\.json|LICENSE)$/.test(f));
  assert.deepEqual(unexpected, []);
});
