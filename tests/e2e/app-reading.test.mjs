// Reading what was pasted, in Debian's Chromium: extensions as labelled rows, a bundle of roots
// as a set (not one broken chain), a key matched to its certificate, the chain copied in proper
// order, and the Halo ListCertificates table across the view at 1280 and 390 px.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { openssl } from '../js/helpers.mjs';
import { OpensslCa, pem } from '../js/openssl-ca.mjs';
import { accessibilityViolations, appSession } from './browser.mjs';

const session = appSession();
const { open, screenshots } = session;
before(session.start);
after(session.finish);

const ca = new OpensslCa();
const hierarchy = ca.hierarchy({
  leafExtensions: [
    'basicConstraints = critical, CA:FALSE',
    'keyUsage = critical, digitalSignature, keyEncipherment',
    'extendedKeyUsage = serverAuth, clientAuth',
    'subjectAltName = DNS:rows.example.com, IP:192.0.2.7, email:ops@example.com',
    'authorityInfoAccess = OCSP;URI:http://ocsp.example.com, caIssuers;URI:http://ca.example.com/inter.der',
    'crlDistributionPoints = URI:http://crl.example.com/inter.crl',
    'certificatePolicies = 2.23.140.1.2.1',
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid',
    '1.3.6.1.4.1.99999.1 = ASN1:UTF8String:hello',
  ].join('\n'),
});
const [leafPem, interPem, rootPem] = [hierarchy.leaf.cert, hierarchy.inter.cert, hierarchy.root.cert].map(pem);

/** The first `count` certificates of Debian's CA store: unrelated roots. */
function debianRoots(count) {
  const all = readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8').match(
    /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g,
  );
  assert.ok(all && all.length >= count, 'Debian CA store');
  return all.slice(0, count);
}

test('Inspect: extensions are labelled rows with decoded values, named OIDs and the DER behind a toggle', async () => {
  const page = await open('inspect');
  await page.locator('#inspect-input').fill(leafPem);
  await page.locator('#inspect-status').filter({ hasText: '1 certificate in pasted text' }).waitFor();
  const card = page.locator('article.card').first();
  await card.locator('summary', { hasText: 'Extensions (10)' }).click();
  const rows = card.locator('dl.extension-rows');
  const row = (name) => rows.locator('dt', { hasText: name });
  const value = (name) => row(name).locator('xpath=following-sibling::dd[1]');
  assert.match(await row('X509v3 Basic Constraints').innerText(), /2\.5\.29\.19\s+critical/);
  assert.equal(await value('X509v3 Basic Constraints').locator('.extension-value').innerText(), 'Not a CA (an end-entity certificate)');
  assert.equal(await value('X509v3 Key Usage').locator('.extension-value').innerText(), 'digitalSignature, keyEncipherment');
  assert.match(
    await value('X509v3 Extended Key Usage').innerText(),
    /serverAuth \(1\.3\.6\.1\.5\.5\.7\.3\.1\), clientAuth \(1\.3\.6\.1\.5\.5\.7\.3\.2\)/,
  );
  assert.deepEqual(await value('X509v3 Subject Alternative Name').locator('li').allInnerTexts(), [
    'DNS: rows.example.com',
    'IP: 192.0.2.7',
    'Email: ops@example.com',
  ]);
  assert.deepEqual(await value('Authority Information Access').locator('li').allInnerTexts(), [
    'OCSP responder: URI: http://ocsp.example.com',
    'CA issuers (the issuer certificate): URI: http://ca.example.com/inter.der',
  ]);
  assert.equal(await value('X509v3 CRL Distribution Points').locator('li').innerText(), 'URI: http://crl.example.com/inter.crl');
  assert.match(await value('X509v3 Certificate Policies').innerText(), /2\.23\.140\.1\.2\.1/);
  // An extension certkit has no name for: its OID, and the bytes behind the toggle.
  const unknown = row('1.3.6.1.4.1.99999.1');
  assert.match(await unknown.innerText(), /Extension certkit does not know/);
  const raw = unknown.locator('xpath=following-sibling::dd[1]').locator('details.raw');
  assert.equal(await raw.locator('pre').isVisible(), false, 'the DER is behind a toggle');
  await raw.locator('summary').click();
  assert.equal(await raw.locator('pre').innerText(), '0c 05 68 65 6c 6c 6f');
  assert.equal(await rows.locator('dt').count(), 10);
  await screenshots(page, 'inspect-extensions');
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.close();
});

test('Inspect: a bundle of unrelated roots is a certificate set; a chain among strangers is a chain', async () => {
  const page = await open('inspect');
  const roots = debianRoots(12);
  await page.locator('#inspect-input').fill(roots.join('\n'));
  await page.locator('#inspect-status').filter({ hasText: '12 certificates in pasted text' }).waitFor();
  const set = page.locator('section.certificate-set');
  await set.waitFor();
  assert.equal(await set.locator('.card-title').innerText(), 'Certificate set: 12 certificates');
  assert.equal(await set.locator('tbody tr').count(), 12);
  assert.equal(await page.locator('section.chain').count(), 0, 'no chain is made of unrelated roots');
  assert.equal(await page.locator('#inspect-chain-options').isHidden(), true);
  assert.equal(await page.locator('#inspect-output .problem.warning, #inspect-output .problem.error').count(), 0);
  await screenshots(page, 'inspect-set');

  // The hierarchy, root first, among two strangers: a chain of three, the strangers set apart,
  // and the chain copied leaf first whatever order it was pasted in.
  await page.locator('#inspect-input').fill([roots[0], rootPem, leafPem, roots[1], interPem].join('\n'));
  const chain = page.locator('section.chain');
  await chain.locator('.tag', { hasText: 'valid path' }).waitFor();
  assert.match(await chain.innerText(), /Proper order \(leaf first\): #3 → #5 → #2/);
  assert.match(await chain.innerText(), /Not part of this chain: #1, #4/);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await chain.getByRole('button', { name: 'Copy the chain (leaf first)' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const subjects = (copied.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? []).map((block) =>
    openssl(['x509', '-noout', '-subject', '-nameopt', 'RFC2253'], { input: block }).trim(),
  );
  assert.deepEqual(subjects, [
    'subject=CN=leaf.example.com,O=certkit Test',
    'subject=CN=Test Intermediate,O=certkit Test',
    'subject=CN=Test Root,O=certkit Test',
  ]);
  await page.close();
});

test('Inspect: a pasted key says which certificate it belongs to, or that it matches none', async () => {
  const page = await open('inspect');
  const leafKey = readFileSync(hierarchy.leaf.key, 'utf8');
  await page.locator('#inspect-input').fill([rootPem, interPem, leafPem, leafKey].join('\n'));
  await page.locator('#inspect-status').filter({ hasText: '3 certificates, 1 other object in pasted text' }).waitFor();
  assert.equal(await page.locator('.key-match').innerText(), 'This key matches certificate #3 (CN=leaf.example.com,O=certkit Test).');
  assert.match(await page.locator('.key-match').getAttribute('class'), /status ok/);
  const top = async (selector) => (await page.locator(selector).boundingBox())?.y ?? Number.NaN;
  assert.ok((await top('.key-match')) < (await top('section.chain')), 'the match is said before the chain');
  // The key is the leaf's: the chain starts at #3 although it was pasted last.
  assert.match(await page.locator('section.chain').innerText(), /Proper order \(leaf first\): #3 → #2 → #1/);
  await screenshots(page, 'inspect-key-match');

  const stranger = readFileSync(ca.key('p-256'), 'utf8');
  await page.locator('#inspect-input').fill([leafPem, stranger].join('\n'));
  await page.locator('.key-match.warn').filter({ hasText: 'This key matches none of the certificate given.' }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.close();
});

test('Inspect: the focus ring of "Open a file" is on the button the user sees', async () => {
  const page = await open('inspect');
  await page.locator('#inspect-input').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'inspect-file');
  const ring = await page.evaluate(() => {
    const style = (e) => getComputedStyle(e).outlineStyle;
    const label = document.querySelector('label.file-button');
    return { label: style(label), beside: style(label.nextElementSibling) };
  });
  assert.deepEqual(ring, { label: 'solid', beside: 'none' });
  await page.close();
});

test('Halo: API IDs on load and with Enter; the ListCertificates table spans the view at 1280 px and stacks at 390 px', async () => {
  const page = await open('halo');
  // Filled on load, from the example values in the boxes.
  assert.equal(await page.locator('#halo-encode-output').innerText(), 'AAAAAAAAAHs');
  assert.equal(await page.locator('#halo-decode-output').innerText(), '123');
  await page.locator('#halo-encode-number').fill('9223372036854775807');
  await page.locator('#halo-encode-number').press('Enter');
  const encoded = await page.locator('#halo-encode-output').innerText();
  assert.match(encoded, /^[A-Za-z0-9_-]{11}$/);
  assert.notEqual(encoded, 'AAAAAAAAAHs');
  await page.locator('#halo-decode-id').fill(encoded);
  await page.locator('#halo-decode-id').press('Enter');
  assert.equal(await page.locator('#halo-decode-output').innerText(), '9223372036854775807');
  await page.locator('#halo-encode-number').fill('0');
  await page.locator('#halo-encode-number').press('Enter');
  // In words, with what to do: no parameter name or type of the API.
  assert.match(await page.locator('#halo-encode-output').innerText(), /^0 is not [^:]*\. Enter a number from 1 to 9223372036854775807\.$/);
  assert.match(await page.locator('#halo-encode-output').getAttribute('class'), /error-text/);

  const der = (path) => openssl(['x509', '-in', path, '-outform', 'DER'], { encoding: 'buffer' }).toString('base64');
  const name = (id) => `dataProviders/AAAAAAAAAHs/certificates/${id}`;
  const list = {
    certificates: [
      { name: name('AAAAAAAAAAE'), x509Der: der(hierarchy.leaf.cert), revocationState: 'HOLD' },
      { name: name('AAAAAAAAAAI'), x509Der: der(hierarchy.inter.cert) },
      { name: name('AAAAAAAAAAM'), x509Der: der(hierarchy.root.cert), revocationState: 'REVOKED' },
    ],
  };
  await page.locator('#halo-list-response').fill(JSON.stringify(list));
  const table = page.locator('#halo-list-output table.status-table');
  await table.locator('tr.preferred').getByText('AAAAAAAAAAI', { exact: true }).waitFor();
  assert.deepEqual(await table.locator('tbody .tag:not(.good)').allInnerTexts(), ['on-hold', 'revoked']);
  const widths = async () =>
    page.evaluate(() => ({
      table: document.querySelector('#halo-list-output table').getBoundingClientRect().width,
      view: document.querySelector('#view-halo').getBoundingClientRect().width,
    }));
  const wide = await widths();
  assert.ok(wide.table > 0.85 * wide.view, `the table is ${wide.table} px of a ${wide.view} px view`);
  await screenshots(page, 'halo-list');
  await page.setViewportSize({ width: 390, height: 844 });
  const narrow = await widths();
  assert.ok(narrow.table <= narrow.view + 0.5, 'the table fits a phone');
  // Stacked: each value carries its label, and the SKI is on its own lines, not cut off.
  const cell = table.locator('tr.preferred td[data-label="SKI"]');
  assert.match(await cell.evaluate((e) => getComputedStyle(e, '::before').content), /SKI|attr\(data-label\)/);
  const box = await cell.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 390, 'the SKI cell is on screen');
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.close();
});
