// The web app opens with the sample parsed, and parses what a user pastes.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { opensslSelfSigned, opensslFields, tempDir } from '../js/helpers.mjs';
import { readFileSync } from 'node:fs';
import { launch, resultsDir, serveApp, watchErrors } from './browser.mjs';

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

test('the sample chain is parsed on load, and a pasted certificate replaces it', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(app.url);
  await page.locator('#inspect-status').filter({ hasText: '3 certificates' }).waitFor();
  assert.match(await page.locator('.card').first().innerText(), /CN=client\.example\.com/);

  const dir = tempDir();
  const path = opensslSelfSigned(dir, 'pasted', { subject: '/O=Pasted Org/CN=pasted.example.org' });
  await page.locator('#inspect-input').fill(readFileSync(path, 'utf8'));
  await page.locator('#inspect-status').filter({ hasText: '1 certificate' }).waitFor();
  const card = await page.locator('.card').first().innerText();
  assert.ok(card.includes(opensslFields(path).subject), card);
  await page.screenshot({ path: join(resultsDir, 'smoke-inspect-1280.png'), fullPage: true });
  assert.deepEqual(errors, []);
});

test('bad input shows the error code, and the page still works after it', async () => {
  const page = await browser.context.newPage();
  await page.goto(app.url);
  await page.locator('#inspect-input').fill('-----BEGIN CERTIFICATE-----\n%%%\n-----END CERTIFICATE-----');
  await page.locator('#inspect-status.error').filter({ hasText: 'INVALID_BASE64' }).waitFor();
  await page.locator('#inspect-input').fill(readFileSync(join(import.meta.dirname, '../../www/src/samples/sample-chain.pem'), 'utf8'));
  await page.locator('#inspect-status').filter({ hasText: '3 certificates' }).waitFor();
});
