// The web app's four views, each main flow driven in Debian's Chromium the way a user would,
// with screenshots at desktop and phone widths, no request to any other origin, and axe-core.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openssl } from '../js/helpers.mjs';
import { OpensslCa, pem } from '../js/openssl-ca.mjs';
import { accessibilityViolations, launch, resultsDir, serveApp, watchErrors, watchRequests } from './browser.mjs';

let app;
let browser;
const foreignRequests = [];
const pageErrors = [];

before(async () => {
  app = await serveApp();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await app?.close();
  assert.deepEqual(foreignRequests, [], 'no request may leave the origin');
  assert.deepEqual(pageErrors, [], 'no console error or uncaught exception');
});

async function open(view, width = 1280) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
  foreignRequests.push(...watchRequests(page, app.url.replace(/\/$/, '')));
  const errors = watchErrors(page);
  page.on('close', () => pageErrors.push(...errors));
  await page.goto(`${app.url}#${view}`);
  await page.locator('body[data-ready="true"]').waitFor();
  return page;
}

async function screenshots(page, name) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
    // From the top: a full-page shot of a scrolled page draws the sticky header mid-page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(resultsDir, `${name}-${width}.png`), fullPage: true });
    assert.deepEqual(await overflowing(page, width), [], `${name} at ${width}px is wider than the screen`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The innermost elements whose content is wider than a `width`-px screen (a phone must not scroll sideways). */
function overflowing(page, width) {
  return page.evaluate((screen) => {
    if (document.documentElement.scrollWidth <= screen) return [];
    const wide = [...document.querySelectorAll('main *')].filter(
      (e) =>
        e.getBoundingClientRect().right > screen + 0.5 ||
        (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible' && e.clientWidth > 0),
    );
    return wide
      .filter((e) => !wide.some((inner) => inner !== e && e.contains(inner)))
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className ? `.${String(e.className).split(' ')[0]}` : ''}: ${e.textContent.slice(0, 40)}`,
      );
  }, width);
}

const ca = new OpensslCa();
const hierarchy = ca.hierarchy();
const chainFiles = [hierarchy.leaf.cert, hierarchy.inter.cert, hierarchy.root.cert];

test('Inspect: a shuffled chain is put in order, a .p7b file and a CSR are read', async () => {
  const page = await open('inspect');
  await page.locator('#inspect-status').filter({ hasText: '3 certificates in the sample chain' }).waitFor();
  const shuffled = [chainFiles[2], chainFiles[0], chainFiles[1]].map(pem).join('\n');
  await page.locator('#inspect-input').fill(shuffled);
  await page.locator('#inspect-status').filter({ hasText: '3 certificates in pasted text' }).waitFor();
  await page.getByText('Proper order (leaf first): #2 → #3 → #1').waitFor();
  assert.match(await page.locator('.chain .tag').first().innerText(), /valid path/);
  assert.match(await page.locator('.chain .verdict').innerText(), /^Valid: .* path #2 → #3 → #1/);
  await screenshots(page, 'inspect-chain');

  // Without its root the chain is not valid, and the page says why in words.
  await page.locator('#inspect-input').fill([chainFiles[0], chainFiles[1]].map(pem).join('\n'));
  await page.locator('.chain .tag').filter({ hasText: 'not valid' }).waitFor();
  assert.match(await page.locator('.chain .verdict').innerText(), /^Not valid \(#2\): .*self-signed root/);

  const bundle = ca.path('bundle.pem');
  writeFileSync(bundle, chainFiles.map(pem).join(''));
  const p7b = ca.path('chain.p7b');
  openssl(['crl2pkcs7', '-nocrl', '-certfile', bundle, '-outform', 'DER', '-out', p7b]);
  await page.locator('#inspect-file').setInputFiles(p7b);
  await page.locator('#inspect-status').filter({ hasText: '3 certificates in chain.p7b' }).waitFor();
  assert.match(await page.locator('.card-title').nth(1).innerText(), /PKCS#7 1: leaf\.example\.com/);
  const firstCard = page.locator('article.card').first();
  await firstCard.getByText('Key identifiers by every method').click();
  await firstCard.getByText('matches the SKI extension').waitFor();

  const csr = ca.csr({ key: ca.key('rsa-2048'), subject: '/CN=request.example' });
  await page.locator('#inspect-input').fill(pem(csr));
  await page.locator('.card .tag', { hasText: 'signature valid' }).waitFor();
  await page.locator('#inspect-input').fill('-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----');
  await page.locator('#inspect-status.error').filter({ hasText: 'INVALID_BASE64' }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.close();
});

test('Keys: make a P-256 key, build a CSR and a self-signed CA; RSA-4096 in the Worker keeps the page responsive and can be cancelled', async () => {
  const page = await open('keys');
  await page.locator('#key-algorithm').selectOption('p-256');
  await page.locator('#key-generate').click();
  await page.locator('#key-output .status.ok').filter({ hasText: 'ECDSA P-256 key pair ready' }).waitFor();
  await page.locator('#build-kind').selectOption('csr');
  await page.locator('#subject-o').fill('Example, Inc.');
  await page.locator('#build-sans').fill('client.example.com\n192.0.2.5\nspiffe://example.com/ns/a');
  await page.locator('#build-form button[type=submit]').click();
  await page.locator('#build-output').getByText('signature valid').waitFor();
  const csrPem = await page.locator('#build-output pre').first().innerText();
  const csrPath = ca.path('from-app.csr');
  writeFileSync(csrPath, csrPem);
  const verified = (() => {
    try {
      return openssl(['req', '-in', csrPath, '-noout', '-verify', '-subject', '-nameopt', 'RFC2253'], { stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      return String(e.stderr);
    }
  })();
  assert.match(verified, /CN=client\.example\.com,O=Example\\, Inc\./);

  await page.locator('#build-kind').selectOption('self');
  await page.locator('#build-ca').check();
  // A CA whose keyUsage lacks keyCertSign is refused, with the rule shown ...
  await page.locator('#build-form button[type=submit]').click();
  await page.locator('#build-output').getByText('CA_WITHOUT_KEY_CERT_SIGN').first().waitFor();
  // ... and made once keyCertSign is ticked.
  await page.locator('input[name="ku"][value="keyCertSign"]').check();
  await page.locator('input[name="ku"][value="cRLSign"]').check();
  await page.locator('#build-form button[type=submit]').click();
  await page.locator('#build-output').getByText('self-signed').first().waitFor();
  await screenshots(page, 'keys');

  // RSA-4096 with certkit's own generator: a timer on the page must keep ticking meanwhile,
  // and Cancel must stop it. A lucky run can find both primes first, so try again then.
  await page.locator('#key-algorithm').selectOption('rsa-4096');
  await page.locator('#key-engine').selectOption('wasm');
  await page.evaluate(() => {
    globalThis.ticks = 0;
    globalThis.ticker = setInterval(() => globalThis.ticks++, 50);
  });
  let cancelled = false;
  for (let attempt = 0; attempt < 5 && !cancelled; attempt++) {
    await page.locator('#key-generate').click();
    await page
      .locator('#key-progress-text')
      .filter({ hasText: /Worker|Generating/ })
      .waitFor();
    const before = await page.evaluate(() => globalThis.ticks);
    await page.waitForTimeout(700);
    const after = await page.evaluate(() => globalThis.ticks);
    assert.ok(after - before >= 7, `the page froze: ${after - before} ticks of 50 ms in 0.7 s`);
    if (await page.locator('#key-cancel').isVisible()) {
      cancelled = await page
        .locator('#key-cancel')
        .click({ timeout: 2000 })
        .then(
          () => true,
          () => false,
        );
    }
    await page
      .locator('#key-output .status')
      .filter({ hasText: /CANCELLED|ready/ })
      .waitFor({ timeout: 120_000 });
  }
  assert.ok(cancelled, 'could not cancel a running generation in five tries');
  await page.locator('#key-output .status.error').filter({ hasText: 'CANCELLED' }).waitFor();
  assert.equal(await page.locator('#key-generate').isEnabled(), true);

  // The same engine run to the end, in the Worker, gives a usable key.
  await page.locator('#key-algorithm').selectOption('rsa-2048');
  await page.locator('#key-generate').click();
  await page.locator('#key-output .status.ok').filter({ hasText: 'RSA 2048 bits key pair ready' }).waitFor({ timeout: 60_000 });
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.close();
});

test('AlloyDB: a fresh key, problems as you type, the request, and a real response checked', async () => {
  const page = await open('keys');
  await page.locator('#key-algorithm').selectOption('rsa-2048');
  await page.locator('#key-generate').click();
  await page.locator('#key-output .status.ok').waitFor();
  await page.locator('#tab-alloydb').click();
  await page.locator('#alloydb-output').getByText('Ready to send').waitFor();
  await page.locator('#alloydb-generate-id').click();
  const requestId = await page.locator('#alloydb-requestId').inputValue();
  assert.match(requestId, /^[0-9a-f-]{36}$/);
  await page.locator('#alloydb-project').fill('Bad_Project');
  await page.locator('#alloydb-project-problems').getByText('INVALID_PROJECT_ID').waitFor();
  assert.equal(await page.locator('#alloydb-project').getAttribute('aria-invalid'), 'true');
  await page.locator('#alloydb-certDuration').fill('600s');
  await page.locator('#alloydb-certDuration-problems').getByText('DURATION_OUTSIDE_HINT').waitFor();
  await page.locator('#alloydb-project').fill('my-project');
  await page.locator('#alloydb-certDuration').fill('3600s');
  await page.locator('#alloydb-output').getByText('Ready to send').waitFor();
  const curl = await page.locator('#alloydb-output .output').nth(2).locator('pre').innerText();
  assert.match(
    curl,
    /^curl -X POST https:\/\/alloydb\.googleapis\.com\/v1\/projects\/my-project\/locations\/us-central1\/clusters\/my-cluster:generateClientCertificate/,
  );
  assert.ok(curl.includes(requestId));

  const publicKeyPem = await page.locator('#alloydb-publicKey').inputValue();
  const leaf = ca.issueForPublicKey({ publicKeyPem, issuer: hierarchy.inter });
  const response = JSON.stringify(
    { pemCertificateChain: [pem(leaf), pem(hierarchy.inter.cert)], caCert: pem(hierarchy.root.cert) },
    null,
    2,
  );
  await page.locator('#alloydb-response').fill(response);
  await page.locator('#alloydb-response-output').getByText('The response checks out.').waitFor();
  await page.locator('#alloydb-response-output').getByText('Next refresh').waitFor();
  await screenshots(page, 'alloydb');
  const other = ca.issueForPublicKey({ publicKeyPem: openssl(['pkey', '-in', ca.key('rsa-2048'), '-pubout']), issuer: hierarchy.inter });
  await page
    .locator('#alloydb-response')
    .fill(JSON.stringify({ pemCertificateChain: [pem(other), pem(hierarchy.inter.cert)], caCert: pem(hierarchy.root.cert) }));
  await page.locator('#alloydb-response-output').getByText('LEAF_KEY_MISMATCH').waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.close();
});

test('Halo: Create blocks without an SKI, Revoke shows the rule first, List shows statuses with the preferred one', async () => {
  const page = await open('halo');
  await page.locator('#halo-output').getByText('GetCertificate (proto3 JSON)').waitFor();
  await page.locator('input[name="halo-method"][value="create"]').check();
  const noSki = ca.issue({
    key: ca.key('p-256'),
    subject: '/CN=no ski',
    issuer: hierarchy.root,
    extensions: 'basicConstraints = CA:FALSE\nsubjectKeyIdentifier = none\nauthorityKeyIdentifier = none',
  });
  await page.locator('#halo-certificate').fill(pem(noSki.cert));
  await page.locator('#halo-output p.status.error', { hasText: 'has no subjectKeyIdentifier extension' }).waitFor();
  await page.locator('#halo-output').getByText('Blocked').waitFor();
  await page.locator('#halo-certificate').fill(pem(hierarchy.leaf.cert));
  await page.locator('#halo-output').getByText('CreateCertificate (proto3 JSON)').waitFor();
  // One flag per line: mutual TLS, the protos, then the body and the method.
  assert.match(
    await page.locator('#halo-output').innerText(),
    /grpcurl \\\n\s+-cert [\s\S]*-d '\{"parent":"dataProviders\/AAAAAAAAAHs"[\s\S]*Certificates\/CreateCertificate/,
  );

  await page.locator('input[name="halo-method"][value="revoke"]').check();
  await page.locator('#halo-current-state').selectOption('REVOKED');
  await page.locator('#halo-output').getByText('ALREADY_REVOKED').waitFor();
  await page.locator('#halo-output').getByText('Blocked').waitFor();
  await page.locator('#halo-current-state').selectOption('');
  await page.locator('#halo-output').getByText('HOLD_FAILS_PENDING_WORK').waitFor();
  await page.locator('#halo-output').getByText('RevokeCertificate (proto3 JSON)').waitFor();

  const b64 = (path) => openssl(['x509', '-in', path, '-outform', 'DER'], { encoding: 'buffer' }).toString('base64');
  const list = {
    certificates: [
      { name: 'dataProviders/AAAAAAAAAHs/certificates/AAAAAAAAAAE', x509Der: b64(hierarchy.leaf.cert), revocationState: 'REVOKED' },
      {
        name: 'dataProviders/AAAAAAAAAHs/certificates/AAAAAAAAAAI',
        x509Der: b64(ca.issue({ key: ca.key('p-256'), subject: '/CN=b', issuer: hierarchy.root }).cert),
      },
    ],
  };
  await page.locator('#halo-list-response').fill(JSON.stringify(list));
  await page.locator('#halo-list-output tr.preferred').getByText('AAAAAAAAAAI').waitFor();
  await page.locator('#halo-list-output').getByText('revoked').waitFor();
  await page.locator('#halo-encode-number').fill('123');
  await page.locator('#halo-encode').click();
  assert.equal(await page.locator('#halo-encode-output').innerText(), 'AAAAAAAAAHs');
  await screenshots(page, 'halo');
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.close();
});

test('keyboard: the tabs move with the arrow keys', async () => {
  const page = await open('inspect');
  await page.locator('#tab-inspect').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-keys');
  assert.equal(await page.locator('#view-keys').isVisible(), true);
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-halo');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-inspect');
  await page.close();
});

test('dark theme renders (prefers-color-scheme)', async () => {
  const page = await open('inspect');
  await page.emulateMedia({ colorScheme: 'dark' });
  const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  assert.equal(background, 'rgb(15, 18, 22)');
  await page.screenshot({ path: join(resultsDir, 'inspect-dark-1280.png') });
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.close();
});

test('the page stores nothing', async () => {
  const page = await open('keys');
  await page.locator('#key-generate').click();
  await page.locator('#key-output .status.ok').waitFor();
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookies: document.cookie,
    databases: (await indexedDB.databases?.())?.length ?? 0,
  }));
  assert.deepEqual(stored, { local: 0, session: 0, cookies: '', databases: 0 });
  await page.close();
});
