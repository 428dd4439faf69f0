// The key ring as a user works with it, in Debian's Chromium: a CA made in the page issues a
// leaf for another key with nothing downloaded or pasted back, the leaf and its CA leave the
// page as a .p12 that OpenSSL opens and Inspect opens again with its passphrase, and the
// AlloyDB answer, given root first, is saved as client.pem, chain.pem and ca.pem in proper order.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { openssl } from '../js/helpers.mjs';
import { OpensslCa, pem } from '../js/openssl-ca.mjs';
import { accessibilityViolations, appSession } from './browser.mjs';

const session = appSession();
const { open, screenshots } = session;
before(session.start);
after(session.finish);

const ca = new OpensslCa();

/** Clicks `button` and returns the file the page saved: its suggested name and its bytes. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path), text: readFileSync(path, 'utf8') };
}

/** The subject, issuer and SHA-256 fingerprint OpenSSL reads from PEM text. */
function opensslView(pemText) {
  const file = ca.path(`view${Math.random().toString(36).slice(2)}.pem`);
  writeFileSync(file, pemText);
  return openssl(['x509', '-in', file, '-noout', '-subject', '-issuer', '-fingerprint', '-sha256', '-nameopt', 'RFC2253']);
}

async function makeKey(page, name, algorithm = 'p-256') {
  await page.locator('#key-name').fill(name);
  await page.locator('#key-algorithm').selectOption(algorithm);
  await page.locator('#key-generate').click();
  await page
    .locator('#key-output .status.ok')
    .filter({ hasText: `ready: "${name}"` })
    .waitFor({ timeout: 60_000 });
}

test('Keys: a CA of the key ring issues a leaf for another key, with nothing downloaded or pasted; the leaf goes out as a .p12 and comes back in Inspect', async () => {
  const page = await open('keys');
  const downloads = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));

  await makeKey(page, 'Ring CA');
  await page.locator('#build-kind').selectOption('self');
  await page.locator('#subject-cn').fill('certkit Ring CA');
  await page.locator('#build-sans').fill('');
  await page.locator('#build-ca').check();
  assert.equal(await page.locator('input[name="ku"][value="keyCertSign"]').isChecked(), true);
  assert.equal(await page.locator('input[name="ku"][value="cRLSign"]').isChecked(), true);
  assert.equal(await page.locator('input[name="eku"]:checked').count(), 0, 'a CA carries no leaf EKU');
  await page.locator('#build-submit').click();
  await page.locator('#build-output .status.ok').filter({ hasText: 'Certificate made for "Ring CA"' }).waitFor();
  const caPem = await page.locator('#build-output details.pem pre').innerText();

  // A second key: the hint about making a key first is gone, and the first key's CA can sign.
  await makeKey(page, 'Client');
  assert.equal(await page.locator('#build-key-hint').innerText(), '');
  assert.equal(await page.getByText('Make or import a key').count(), 0);
  assert.equal(await page.locator('#build-key-name').innerText(), '"Client"');
  await page.locator('#build-kind').selectOption('issued');
  const signer = page.locator('#issuer-choice option', { hasText: 'Ring CA: CN=certkit Ring CA' });
  assert.equal(await signer.count(), 1);
  await page.locator('#issuer-choice').selectOption({ label: await signer.innerText() });
  assert.equal(await page.locator('#issuer-paste').isHidden(), true, 'nothing to paste');
  await page.locator('#build-ca').uncheck();
  await page.locator('input[name="eku"][value="clientAuth"]').check();
  await page.locator('#subject-cn').fill('client.ring.example');
  await page.locator('#build-sans').fill('client.ring.example');

  // Longer than the CA's ten years: made, with the builder's warning in words.
  await page.locator('#build-days').fill('4000');
  await page.locator('#build-submit').click();
  await page.locator('#build-output .status.ok').filter({ hasText: 'signed by CN=certkit Ring CA' }).waitFor();
  const warning = page.locator('#build-output .problem', { hasText: 'CERTIFICATE_OUTLIVES_ISSUER' });
  assert.match(await warning.innerText(), /after its issuer expires .*renew the CA first/);

  await page.locator('#build-days').fill('365');
  await page.locator('#build-submit').click();
  await page.locator('#build-output .status.ok').filter({ hasText: 'signed by CN=certkit Ring CA' }).waitFor();
  await page.locator('#build-output .problem', { hasText: 'CERTIFICATE_OUTLIVES_ISSUER' }).waitFor({ state: 'detached' });
  const leafPem = await page.locator('#build-output details.pem pre').innerText();
  assert.deepEqual(downloads, [], 'issuing took no download');

  // OpenSSL agrees: the leaf is signed by the CA made in the page, for the name asked.
  const caFile = ca.path('ring-ca.pem');
  const leafFile = ca.path('ring-leaf.pem');
  writeFileSync(caFile, caPem);
  writeFileSync(leafFile, leafPem);
  assert.match(openssl(['verify', '-x509_strict', '-purpose', 'sslclient', '-CAfile', caFile, leafFile]), /: OK/);
  assert.match(opensslView(leafPem), /subject=CN=client\.ring\.example\nissuer=CN=certkit Ring CA/);
  // Each certificate card has one Copy button in view (the PEM's).
  for (const card of await page.locator('#build-output article.card').all()) {
    assert.deepEqual(await card.getByRole('button', { name: /^Copy/ }).allInnerTexts(), ['Copy PEM']);
  }
  assert.match(await page.locator('.ring-row', { hasText: 'Client' }).innerText(), /2 certificates/);
  assert.match(await page.locator('.ring-row', { hasText: 'Ring CA' }).innerText(), /1 certificate \(1 CA\)/);
  await screenshots(page, 'keys-ring');
  assert.deepEqual(await accessibilityViolations(page), []);

  // The newest certificate of "Client" with its CA, as a .p12: OpenSSL opens it with the passphrase.
  const madeSummary = page.locator('#key-detail summary', { hasText: 'Certificates made for this key (2)' });
  await madeSummary.click();
  const made = madeSummary.locator('xpath=..');
  const firstMade = made.locator('article.card').first();
  const p12Button = firstMade.getByRole('button', { name: 'Download Client.p12' });
  await p12Button.click();
  await firstMade.locator('.p12-message .status.error').filter({ hasText: 'Choose a passphrase first' }).waitFor();
  await firstMade.locator('input.p12-passphrase').fill('ring pass 1');
  const p12 = await download(page, p12Button);
  assert.equal(p12.name, 'Client.p12');
  const p12File = ca.path('Client.p12');
  writeFileSync(p12File, p12.bytes);
  const dumped = openssl(['pkcs12', '-in', p12File, '-passin', 'pass:ring pass 1', '-nodes']);
  assert.equal(dumped.match(/BEGIN CERTIFICATE/g)?.length, 2);
  assert.match(dumped, /BEGIN PRIVATE KEY/);
  assert.match(dumped, /friendlyName: Client/);
  assert.throws(() => openssl(['pkcs12', '-in', p12File, '-passin', 'pass:wrong', '-nodes']));

  // Inspect asks for the passphrase, says when it is wrong, and then reads the file.
  await page.locator('#tab-inspect').click();
  await page.locator('#inspect-file').setInputFiles(p12File);
  await page.locator('#inspect-passphrase-form').waitFor();
  await page.locator('#inspect-status').filter({ hasText: 'enter its passphrase above to open it' }).waitFor();
  await page.locator('#inspect-passphrase').fill('not it');
  await page.locator('#inspect-passphrase').press('Enter');
  await page.locator('#inspect-status').filter({ hasText: 'The passphrase does not open it' }).waitFor();
  await page.locator('#inspect-passphrase').fill('ring pass 1');
  await page.locator('#inspect-passphrase-form button').click();
  await page.locator('#inspect-status.ok').filter({ hasText: '2 certificates in Client.p12' }).waitFor();
  assert.match(await page.locator('.key-match').innerText(), /^This key matches certificate #1 \(CN=client\.ring\.example\)\.$/);
  await page.locator('.chain .tag', { hasText: 'valid path' }).waitFor();
  await screenshots(page, 'inspect-p12');
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.close();
});

test('AlloyDB: no error before anything is typed; an answer given root first is saved as client.pem, chain.pem (issuer to root), ca.pem and a .p12', async () => {
  const page = await open('alloydb');
  await page.locator('#alloydb-output').getByText('Add the public key to send').waitFor();
  assert.equal(await page.locator('#view-alloydb .status.error, #view-alloydb .problem').count(), 0);
  assert.equal(await page.locator('#view-alloydb [aria-invalid="true"]').count(), 0);
  assert.equal(await page.locator('#alloydb-response-output').innerText(), '');

  await page.locator('#tab-keys').click();
  await makeKey(page, 'Cluster client', 'rsa-2048');
  await page.locator('#tab-alloydb').click();
  await page.locator('#alloydb-output').getByText('Ready to send').waitFor();
  assert.match(await page.locator('#alloydb-key option:checked').innerText(), /^Cluster client \(RSA 2048\)/);

  const hierarchy = ca.hierarchy();
  const publicKeyPem = await page.locator('#alloydb-publicKey').inputValue();
  const leaf = ca.issueForPublicKey({ publicKeyPem, issuer: hierarchy.inter, subject: '/CN=alloydb-client' });
  const [rootPem, interPem, leafPem] = [hierarchy.root.cert, hierarchy.inter.cert, leaf].map(pem);
  const answer = { pemCertificateChain: [rootPem, interPem, leafPem], caCert: rootPem };
  await page.locator('#alloydb-response').fill(JSON.stringify(answer, null, 2));
  const out = page.locator('#alloydb-response-output');
  await out.getByText('Files for your client').waitFor();
  // Where the leaf is and what the connectors will do with it, in one problem.
  assert.match(
    await out.locator('.problem').first().innerText(),
    /LEAF_NOT_FIRST[\s\S]*with your key is pemCertificateChain\[2\], but the connectors use pemCertificateChain\[0\]/,
  );
  assert.match(await out.innerText(), /Leaf\s+CN=alloydb-client/);

  const client = await download(page, out.getByRole('button', { name: 'Download client.pem' }));
  const chain = await download(page, out.getByRole('button', { name: 'Download chain.pem' }));
  const caFile = await download(page, out.getByRole('button', { name: 'Download ca.pem' }));
  assert.deepEqual([client.name, chain.name, caFile.name], ['client.pem', 'chain.pem', 'ca.pem']);
  assert.equal(opensslView(client.text), opensslView(leafPem));
  const blocks = chain.text.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----\n?/g) ?? [];
  assert.deepEqual(blocks.map(opensslView), [interPem, rootPem].map(opensslView), 'chain.pem: issuer first, then the root');
  assert.equal(opensslView(caFile.text), opensslView(rootPem));

  // The key is in the ring, so the answer and the key leave as one .p12.
  const files = out.locator('.files');
  await files.locator('input.p12-passphrase').fill('alloy');
  const p12 = await download(page, files.getByRole('button', { name: /^Download .*\.p12$/ }));
  const p12File = ca.path('alloydb.p12');
  writeFileSync(p12File, p12.bytes);
  const dumped = openssl(['pkcs12', '-in', p12File, '-passin', 'pass:alloy', '-nodes']);
  assert.equal(dumped.match(/BEGIN CERTIFICATE/g)?.length, 3);
  assert.match(dumped, /subject=CN ?= ?alloydb-client/);
  await screenshots(page, 'alloydb-files');
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.close();
});
