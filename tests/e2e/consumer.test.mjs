// certkit as a bundler user gets it: the packed tarball installed in a new project, built with
// Vite into a page and a module Web Worker, run in Chromium.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { installedProject, repo } from '../js/consumer.mjs';
import { launch, serveDist, watchErrors, watchRequests } from './browser.mjs';

let site;
let browser;
const sample = readFileSync(join(repo, 'www/src/samples/sample-chain.pem'), 'utf8');

before(async () => {
  const { project } = installedProject();
  writeFileSync(
    join(project, 'index.html'),
    '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>consumer</title><pre id="page">…</pre><pre id="worker">…</pre><pre id="lean">…</pre><pre id="lean-worker">…</pre><script type="module" src="./main.js"></script>',
  );
  writeFileSync(join(project, 'chain.js'), `export const chain = ${JSON.stringify(sample)};`);
  writeFileSync(
    join(project, 'main.js'),
    `
import { parseCertificates, verifyChain } from 'certkit';
import * as lean from 'certkit/inspect';
import { chain } from './chain.js';
const certs = parseCertificates(chain);
document.getElementById('page').textContent = certs[0].subject.rfc4514 + ' | chain ok: ' + verifyChain(chain).ok;
const same = JSON.stringify(lean.parseCertificates(chain)) === JSON.stringify(certs);
document.getElementById('lean').textContent = 'certkit/inspect same: ' + same + ' | chain ok: ' + lean.verifyChain(chain).ok;
const leanWorker = new Worker(new URL('./inspect-worker.js', import.meta.url), { type: 'module' });
leanWorker.onmessage = (event) => {
  if (event.data === 'ready') leanWorker.postMessage(chain);
  else document.getElementById('lean-worker').textContent = event.data;
};
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
// certkit's entry awaits the wasm at import, so the worker says when it is ready for messages.
worker.onmessage = (event) => {
  if (event.data === 'ready') worker.postMessage(chain);
  else document.getElementById('worker').textContent = event.data;
};
worker.onerror = (event) => { document.getElementById('worker').textContent = 'worker error: ' + event.message; };
`,
  );
  writeFileSync(
    join(project, 'worker.js'),
    `
import { parseCertificates, generateKeyPair, createCsr, parseCsr } from 'certkit';
self.onmessage = async (event) => {
  try {
    const certs = parseCertificates(event.data);
    const key = await generateKeyPair({ algorithm: 'RSA', modulusLength: 2048, engine: 'wasm' });
    const csr = parseCsr(createCsr({ privateKey: key.privateKeyPem, subject: 'CN=from the worker' }).pem);
    self.postMessage(certs.length + ' certificates | ' + csr.subject.rfc4514 + ' | signature ' + csr.signatureStatus);
  } catch (error) {
    self.postMessage('worker error: ' + (error.code ?? '') + ' ' + error.message);
  }
};
self.postMessage('ready');
`,
  );
  writeFileSync(
    join(project, 'inspect-worker.js'),
    `
import { parseCertificates, identifyKeyIdMethod } from 'certkit/inspect';
self.onmessage = (event) => {
  const certs = parseCertificates(event.data);
  self.postMessage('lean worker: ' + certs.length + ' certificates | ' + identifyKeyIdMethod(certs[0].pem));
};
self.postMessage('ready');
`,
  );
  writeFileSync(
    join(project, 'vite.config.mjs'),
    "export default { base: './', build: { target: 'es2022' }, worker: { format: 'es' }, logLevel: 'warn' };",
  );
  execFileSync(process.execPath, [join(repo, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: project, encoding: 'utf8', stdio: 'pipe' });
  site = await serveDist('/', join(project, 'dist'));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

test('a Vite-built page and its module Workers use certkit and certkit/inspect from the tarball', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  const foreign = watchRequests(page, site.url.replace(/\/$/, ''));
  await page.goto(site.url);
  await page.locator('#page').filter({ hasText: 'chain ok: true' }).waitFor();
  assert.match(await page.locator('#page').innerText(), /^CN=client\.example\.com,/);
  await page
    .locator('#worker')
    .filter({ hasText: /signature|error/ })
    .waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('#worker').innerText(), '3 certificates | CN=from the worker | signature valid');
  assert.equal(await page.locator('#lean').innerText(), 'certkit/inspect same: true | chain ok: true');
  await page.locator('#lean-worker').filter({ hasText: 'lean worker' }).waitFor();
  assert.equal(await page.locator('#lean-worker').innerText(), 'lean worker: 3 certificates | rfc5280-sha1');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
});
