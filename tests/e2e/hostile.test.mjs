// The hostile-input suite (tests/shared/hostile.mjs) in real Chromium, through the package's
// browser entry, exactly as it runs in Node (tests/js/hostile.test.mjs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { launch, repo, serveApp, watchErrors } from './browser.mjs';

const chain = readFileSync(new URL('../../www/src/samples/sample-chain.pem', import.meta.url), 'utf8');
const pem = `${chain.split('-----END CERTIFICATE-----')[0]}-----END CERTIFICATE-----\n`;

let app;
let browser;
before(async () => {
  app = await serveApp();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await app?.close();
});

test('hostile input in Chromium: CertkitError or problems every time, and the module keeps working', async (t) => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(app.url);
  const results = await page.evaluate(
    async ({ root, pem }) => {
      const certkit = await import(`/@fs${root}pkg/index.js`);
      const { runHostileSuite } = await import(`/@fs${root}tests/shared/hostile.mjs`);
      const der = certkit.parseCertificate(pem).der;
      return runHostileSuite(certkit, { pem, der });
    },
    { root: repo.endsWith('/') ? repo : `${repo}/`, pem },
  );
  for (const { name, calls, ms } of results) t.diagnostic(`${name}: ${calls} calls in ${ms} ms`);
  assert.ok(results.length >= 10);
  assert.deepEqual(errors, []);
});
