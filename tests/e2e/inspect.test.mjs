// certkit/inspect in Chromium as a page and a module Web Worker load it without a bundler
// (pkg/ served as files, as a CDN would): the same results as the whole package, on the sample
// chain and on x509-limbo chains, and no request for the whole package's wasm.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { limboCases, argumentsOf } from '../shared/limbo.mjs';
import { launch, repo, serveDist, watchErrors } from './browser.mjs';

let site;
let browser;
before(async () => {
  site = await serveDist('/', repo.replace(/\/$/, ''));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

/** Limbo cases as verifyChain arguments: every tenth, a spread of valid and refused chains. */
const chains = limboCases()
  .filter((_, i) => i % 10 === 0)
  .map((testcase) => argumentsOf(testcase));

test('certkit/inspect in a page gives what certkit gives, and loads only the lean wasm', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  const wasm = [];
  page.on('request', (request) => request.url().endsWith('.wasm') && wasm.push(new URL(request.url()).pathname));
  await page.goto(`${site.url}tests/e2e/fixtures/blank.html`);
  const result = await page.evaluate(async (chains) => {
    const lean = await import('/pkg/inspect.js');
    const sample = await (await fetch('/www/src/samples/sample-chain.pem')).text();
    const leaf = `${sample.split('-----END CERTIFICATE-----')[0]}-----END CERTIFICATE-----\n`;
    const leanRuns = chains.map(([chain, options]) => lean.verifyChain(chain, options));
    const leanReading = [lean.parseCertificates(sample), lean.inspect(sample), lean.keyIdentifiers(leaf)];
    const afterLean = performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname);
    const whole = await import('/pkg/index.js');
    const wholeRuns = chains.map(([chain, options]) => whole.verifyChain(chain, options));
    const wholeReading = [whole.parseCertificates(sample), whole.inspect(sample), whole.keyIdentifiers(leaf)];
    let code;
    try {
      lean.parseCertificate('not a certificate');
    } catch (error) {
      code = error instanceof lean.CertkitError && error.code;
    }
    return {
      same: JSON.stringify([leanRuns, leanReading]) === JSON.stringify([wholeRuns, wholeReading]),
      oks: leanRuns.map((r) => r.ok),
      subject: leanReading[0][0].subject.rfc4514,
      afterLean,
      code,
    };
  }, chains);
  assert.equal(result.same, true);
  assert.ok(result.oks.includes(true) && result.oks.includes(false), String(result.oks));
  assert.match(result.subject, /^CN=client\.example\.com,/);
  assert.equal(result.code, 'UNRECOGNIZED_ENCODING');
  // Before the whole package was imported, the page had fetched the lean module only.
  assert.ok(result.afterLean.includes('/pkg/inspect/certkit_inspect_bg.wasm'), result.afterLean.join(' '));
  assert.ok(!result.afterLean.includes('/pkg/wasm/certkit_bg.wasm'));
  assert.deepEqual(wasm, ['/pkg/inspect/certkit_inspect_bg.wasm', '/pkg/wasm/certkit_bg.wasm']);
  assert.deepEqual(errors, []);
});

test('certkit/inspect in a module Web Worker', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${site.url}tests/e2e/fixtures/blank.html`);
  const reply = await page.evaluate(async () => {
    const source = `import { parseCertificates, verifyChain } from '${location.origin}/pkg/inspect.js';
self.onmessage = (event) => {
  const certs = parseCertificates(event.data);
  self.postMessage(certs.length + ' certificates | ' + certs[0].subject.rfc4514.split(',')[0] + ' | ok ' + verifyChain(event.data).ok);
};
self.postMessage('ready');`;
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), { type: 'module' });
    const sample = await (await fetch('/www/src/samples/sample-chain.pem')).text();
    return new Promise((resolve, reject) => {
      worker.onerror = (event) => reject(new Error(event.message));
      worker.onmessage = (event) => (event.data === 'ready' ? worker.postMessage(sample) : resolve(event.data));
    });
  });
  assert.equal(reply, '3 certificates | CN=client.example.com | ok true');
  assert.deepEqual(errors, []);
});
