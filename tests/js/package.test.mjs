// The package as a user installs it: `npm pack`, install the tarball into a fresh project,
// then import, require, type-check, run the CLI and every README example there.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { installedProject, repo, runNode } from './consumer.mjs';
import { opensslFields, opensslSelfSigned } from './helpers.mjs';

const { work, project, tarball, tarballBytes } = installedProject();
const certPath = opensslSelfSigned(work, 'consumer', { subject: '/O=Consumer Test/CN=consumer.example' });
const expected = opensslFields(certPath);

const script = (load) => `${load}
const cert = parseCertificate(readFileSync(${JSON.stringify(certPath)}, 'utf8'));
console.log(JSON.stringify({ serialNumber: cert.serialNumber, subject: cert.subject.rfc4514,
  issuer: cert.issuer.rfc4514, notBefore: cert.notBefore, notAfter: cert.notAfter,
  sha256: cert.fingerprints.sha256 }));`;

test('ESM import from the installed tarball matches OpenSSL', () => {
  const got = JSON.parse(
    runNode(project, 'esm.mjs', script(`import { parseCertificate } from 'certkit';\nimport { readFileSync } from 'node:fs';`)),
  );
  assert.deepEqual(got, expected);
});

test('CommonJS require from the installed tarball matches OpenSSL', () => {
  const got = JSON.parse(
    runNode(project, 'cjs.cjs', script(`const { parseCertificate } = require('certkit');\nconst { readFileSync } = require('node:fs');`)),
  );
  assert.deepEqual(got, expected);
});

test('certkit/inspect from the installed tarball: import and require give what certkit gives', () => {
  const load = {
    'inspect-esm.mjs': `import { parseCertificate, keyIdentifiers } from 'certkit/inspect';\nimport { readFileSync } from 'node:fs';`,
    'inspect-cjs.cjs': `const { parseCertificate, keyIdentifiers } = require('certkit/inspect');\nconst { readFileSync } = require('node:fs');`,
  };
  for (const [file, head] of Object.entries(load)) {
    const got = JSON.parse(runNode(project, file, `${script(head)}`));
    assert.deepEqual(got, expected, file);
  }
  const both = runNode(
    project,
    'inspect-both.mjs',
    `import * as whole from 'certkit';\nimport * as lean from 'certkit/inspect';\nimport { readFileSync } from 'node:fs';
const pem = readFileSync(${JSON.stringify(certPath)}, 'utf8');
console.log(JSON.stringify(whole.inspect(pem)) === JSON.stringify(lean.inspect(pem)) && whole.subjectKeyIdentifier(pem) === lean.subjectKeyIdentifier(pem));`,
  );
  assert.equal(both.trim(), 'true');
});

test('the tarball ships the built package and nothing else', (t) => {
  const listing = execFileSync('tar', ['-tzvf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const files = listing.map((l) => l.split(/\s+/).pop());
  for (const needed of [
    'package/pkg/wasm/certkit_bg.wasm',
    'package/pkg/inspect/certkit_inspect_bg.wasm',
    'package/pkg/inspect/certkit_inspect.js',
    'package/pkg/inspect.js',
    'package/pkg/inspect-node.js',
    'package/pkg/inspect.d.ts',
    'package/pkg/inspect-require.cjs',
    'package/pkg/index.d.ts',
    'package/pkg/node-require.cjs',
    'package/pkg/cli.js',
    'package/README.md',
  ]) {
    assert.ok(files.includes(needed), needed);
  }
  const unexpected = files.filter((f) => !/^package\/(pkg\/.*\.(js|cjs|d\.ts|d\.cts|wasm)|README\.md|package\.json|LICENSE)$/.test(f));
  assert.deepEqual(unexpected, []);
  t.diagnostic(
    `tarball ${(tarballBytes / 1024).toFixed(1)} KiB, ${files.length} files:\n${listing
      .map((l) => {
        const p = l.split(/\s+/);
        return `${p[2].padStart(9)} ${p.pop()}`;
      })
      .join('\n')}`,
  );
});

test('TypeScript: a strict consumer of every export type-checks, and the shipped types have no `any`', () => {
  const source = readFileSync(join(repo, 'tests/js/fixtures/consumer.ts'), 'utf8');
  writeFileSync(join(project, 'consumer.ts'), source);
  const leanSource = readFileSync(join(repo, 'tests/js/fixtures/consumer-inspect.ts'), 'utf8');
  writeFileSync(join(project, 'consumer-inspect.ts'), leanSource);
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        lib: ['es2022', 'dom'],
        types: [],
        skipLibCheck: false,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
      },
      files: ['consumer.ts', 'consumer-inspect.ts'],
    }),
  );
  const tsc = spawnSync(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
    cwd: project,
    encoding: 'utf8',
  });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);

  const installed = join(project, 'node_modules/certkit');
  // Object.keys: JSON.stringify of the namespace itself would drop every function.
  const exported = JSON.parse(runNode(project, 'keys.mjs', `import * as c from 'certkit'; console.log(JSON.stringify(Object.keys(c)));`));
  const declared = ['pkg/api.d.ts', 'pkg/read.d.ts'].map((file) => readFileSync(join(installed, file), 'utf8')).join('\n');
  const typeNames = [...declared.matchAll(/export type \{([^}]*)\}/g)].flatMap((m) =>
    m[1]
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean),
  );
  for (const name of [...exported, ...typeNames, 'CertInput', 'TimeInput', 'VerifyChainOptions']) {
    assert.match(source, new RegExp(`\\b${name}\\b`), `the consumer does not use the export ${name}`);
  }
  const leanExports = JSON.parse(
    runNode(project, 'inspect-keys.mjs', `import * as c from 'certkit/inspect'; console.log(JSON.stringify(Object.keys(c)));`),
  );
  assert.ok(leanExports.includes('parseCertificate'));
  for (const name of leanExports) assert.match(leanSource, new RegExp(`\\b${name}\\b`), `the inspect consumer does not use ${name}`);
  const declarations = execFileSync('find', [join(installed, 'pkg'), '-name', '*.d.ts', '-o', '-name', '*.d.cts'], { encoding: 'utf8' })
    .trim()
    .split('\n');
  for (const file of declarations) {
    // Comments and string literal types (`'any'` is a purpose name) are not the `any` type.
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '')
      .replace(/'[^'\n]*'/g, "''");
    assert.doesNotMatch(code, /\bany\b/, `${file} declares \`any\``);
  }
});

test('the certkit command works from the installed package', () => {
  const bin = join(project, 'node_modules/.bin/certkit');
  const out = execFileSync(bin, ['inspect', certPath], { encoding: 'utf8' });
  assert.ok(out.includes(expected.subject));
  assert.equal(spawnSync(bin, ['--help']).status, 0);
});

/** ```js example ...``` and ```sh example ...``` blocks of the README, run in the project. */
test('every README example runs', () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const examples = [...readme.matchAll(/```(js|sh) example\n([\s\S]*?)```/g)];
  assert.ok(examples.length >= 3, 'the README should carry runnable examples');
  const chain = readFileSync(join(repo, 'www/src/samples/sample-chain.pem'), 'utf8');
  writeFileSync(join(project, 'chain.pem'), chain);
  writeFileSync(join(project, 'server.pem'), `${chain.split('-----END CERTIFICATE-----')[0]}-----END CERTIFICATE-----\n`);
  examples.forEach(([, language, code], i) => {
    if (language === 'js') {
      runNode(
        project,
        `readme-${i}.mjs`,
        `import { readFileSync } from 'node:fs';\nconst pemText = readFileSync('server.pem', 'utf8');\n${code}`,
      );
    } else {
      const result = spawnSync('bash', ['-euo', 'pipefail', '-c', code], {
        cwd: project,
        encoding: 'utf8',
        env: { ...process.env, PATH: `${join(project, 'node_modules/.bin')}:${process.env.PATH}` },
      });
      assert.equal(result.status, 0, `${code}\n${result.stdout}${result.stderr}`);
    }
  });
});

test('the API reference in docs/ is generated from the current declarations', () => {
  const out = join(work, 'docs');
  execFileSync(process.execPath, [join(repo, 'node_modules/typedoc/bin/typedoc'), '--out', out, '--logLevel', 'Error'], {
    cwd: repo,
    encoding: 'utf8',
  });
  const list = (dir) =>
    readdirSync(dir, { recursive: true })
      .filter((f) => f.endsWith('.md'))
      .sort();
  assert.deepEqual(list(out), list(join(repo, 'docs/api')));
  for (const file of list(out)) {
    assert.equal(
      readFileSync(join(out, file), 'utf8'),
      readFileSync(join(repo, 'docs/api', file), 'utf8'),
      `docs/api/${file} is stale: run npm run docs`,
    );
  }
});
