// The static build (`npm run build:www`) served from a sub-path by a plain file server: the
// assets load through relative paths, the CSP holds, and the bundled key-generation Worker runs.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launch, repo, resultsDir, serveDist, watchErrors, watchRequests } from './browser.mjs';

let site;
let browser;
before(async () => {
  assert.ok(existsSync(join(repo, 'www/dist/index.html')), 'run `npm run build:www` first');
  site = await serveDist('/tools/certkit/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

test('the built app works from a sub-path, offline, with its Worker', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  const foreign = watchRequests(page, site.url.replace(/\/tools\/certkit\/$/, ''));
  await page.goto(site.url);
  await page.locator('#inspect-status').filter({ hasText: '3 certificates in the sample chain' }).waitFor();
  await page.locator('#tab-keys').click();
  await page.locator('#key-algorithm').selectOption('rsa-2048');
  await page.locator('#key-engine').selectOption('wasm');
  await page.locator('#key-generate').click();
  await page.locator('#key-output .status.ok').filter({ hasText: 'RSA 2048 bits key pair ready' }).waitFor({ timeout: 60_000 });
  await page.screenshot({ path: join(resultsDir, 'static-keys-1280.png') });
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
});
