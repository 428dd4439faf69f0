// Keys & CSR: make or import keys into the page's key ring, pick one, see and download it and
// the certificates made for it. The build form for the picked key is in build.ts.
import { CertkitError, exportPrivateKey, generateKeyPair, importPrivateKey, KEY_SPECS, type KeyPair } from 'certkit';
import { certificateCard, keyIdTable } from '../certificate-card.ts';
import { p12Download } from '../p12.ts';
import { addKey, nextKeyName, removeKey, renameKey, ringKeys, selectedKey, selectKey, onRingChange, type RingKey } from '../state.ts';
import { byId, downloadButton, h, output, problemList } from '../ui.ts';
import { setUpBuild } from './build.ts';

/** The key the menu starts on. */
const DEFAULT_KEY = 'p-256';

let running: AbortController | undefined;

export function setUpKeys(): void {
  const menu = byId<HTMLSelectElement>('key-algorithm');
  menu.replaceChildren(...KEY_SPECS.map((key) => h('option', { value: key.id }, key.label)));
  menu.value = DEFAULT_KEY;
  byId<HTMLButtonElement>('key-generate').addEventListener('click', generate);
  byId<HTMLButtonElement>('key-cancel').addEventListener('click', () => running?.abort());
  byId<HTMLButtonElement>('key-import').addEventListener('click', importKey);
  onRingChange(() => {
    showRing();
    showDetail();
  });
  showRing();
  showDetail();
  setUpBuild();
}

export function pairLabel(pair: KeyPair): string {
  return [pair.algorithm, pair.namedCurve, pair.modulusLength ? `${pair.modulusLength} bits` : ''].filter(Boolean).join(' ');
}

/** The name typed for the next key, then cleared; the next default name when empty. */
function takeName(id: string): string {
  const box = byId<HTMLInputElement>(id);
  const name = box.value.trim() || nextKeyName();
  box.value = '';
  return name;
}

async function generate(): Promise<void> {
  const choice = byId<HTMLSelectElement>('key-algorithm').value;
  const engine = byId<HTMLSelectElement>('key-engine').value as 'auto' | 'webcrypto' | 'wasm';
  const spec = KEY_SPECS.find((key) => key.id === choice)?.spec;
  if (!spec) return;
  const progress = byId<HTMLDivElement>('key-progress');
  const text = byId<HTMLSpanElement>('key-progress-text');
  const generateButton = byId<HTMLButtonElement>('key-generate');
  const cancel = byId<HTMLButtonElement>('key-cancel');
  running = new AbortController();
  progress.hidden = false;
  cancel.hidden = false;
  generateButton.disabled = true;
  text.textContent = 'Generating…';
  const started = performance.now();
  const ticker = setInterval(() => {
    text.textContent = `${text.textContent?.replace(/ · [\d.]+ s$/, '')} · ${((performance.now() - started) / 1000).toFixed(1)} s`;
  }, 200);
  try {
    const pair = await generateKeyPair({
      ...spec,
      engine,
      signal: running.signal,
      onProgress: (p) => {
        text.textContent =
          p.engine === 'webcrypto'
            ? 'Generating with WebCrypto…'
            : `Searching for primes in a Worker: ${p.primesFound} of 2 found, ${p.attempts} candidates tested`;
      },
    });
    const entry = addKey(pair, takeName('key-name'));
    showStatus(`${pairLabel(pair)} key pair ready: "${entry.name}", generated in ${took(performance.now() - started)}.`);
  } catch (error) {
    showKeyError(error);
  } finally {
    clearInterval(ticker);
    progress.hidden = true;
    cancel.hidden = true;
    generateButton.disabled = false;
    running = undefined;
  }
}

function importKey(): void {
  const text = byId<HTMLTextAreaElement>('key-paste').value;
  const passphrase = byId<HTMLInputElement>('key-paste-passphrase').value;
  if (text.trim() === '') {
    showKeyError(new Error('Paste a private key first (PEM or JWK), then choose Use this key.'));
    return;
  }
  try {
    const pair = importPrivateKey(text.trim().startsWith('{') ? JSON.parse(text) : text, passphrase ? { passphrase } : {});
    const entry = addKey(pair, takeName('key-import-name'));
    byId<HTMLTextAreaElement>('key-paste').value = '';
    byId<HTMLInputElement>('key-paste-passphrase').value = '';
    showStatus(`${pairLabel(pair)} key pair ready: "${entry.name}", imported.`);
  } catch (error) {
    showKeyError(error instanceof SyntaxError ? new Error('This is not a key: paste PEM text, or a JWK as JSON.') : error);
  }
}

/** "12 ms" under a second (a P-256 key takes a few), "1.42 s" above. */
function took(ms: number): string {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function showStatus(text: string): void {
  byId<HTMLDivElement>('key-output').replaceChildren(h('p', { class: 'status ok', role: 'status' }, text));
}

function showKeyError(error: unknown): void {
  const problems = error instanceof CertkitError ? error.problems : [];
  byId<HTMLDivElement>('key-output').replaceChildren(
    h(
      'p',
      { class: 'status error', role: 'alert' },
      error instanceof CertkitError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error),
    ),
    problems.length > 1 ? problemList(problems) : '',
  );
}

/** The ring: one radio per key (the picked one is what the build form uses). */
function showRing(): void {
  const keys = ringKeys();
  const slot = byId<HTMLDivElement>('key-ring');
  if (keys.length === 0) {
    slot.replaceChildren(h('p', { class: 'muted' }, 'No key yet: make one or paste one above. Keys stay in this page only.'));
    return;
  }
  const current = selectedKey();
  slot.replaceChildren(
    h(
      'fieldset',
      { class: 'ring' },
      h('legend', { class: 'sr-only' }, 'Pick the key to work with'),
      ...keys.map((key) => ringRow(key, key.id === current?.id)),
    ),
  );
}

function ringRow(key: RingKey, picked: boolean): HTMLElement {
  const radio = h('input', { type: 'radio', name: 'ring-key', id: `ring-key-${key.id}`, value: String(key.id), checked: picked });
  radio.addEventListener('change', () => selectKey(key.id));
  const cas = key.certificates.filter((c) => c.certificate.basicConstraints?.ca).length;
  const made = key.certificates.length;
  const remove = h('button', { type: 'button', class: 'small', 'aria-label': `Remove ${key.name}` }, 'Remove');
  remove.addEventListener('click', () => removeKey(key.id));
  return h(
    'div',
    { class: `ring-row${picked ? ' picked' : ''}` },
    radio,
    h(
      'label',
      { for: radio.id, class: 'ring-label' },
      h('span', { class: 'ring-name' }, key.name),
      h(
        'span',
        { class: 'muted small-text' },
        ` ${pairLabel(key.pair)} · key ID ${key.pair.subjectKeyIdentifier.slice(0, 8)}… · ${made ? `${made} certificate${made === 1 ? '' : 's'}${cas ? ` (${cas} CA)` : ''}` : 'no certificate yet'}`,
      ),
    ),
    remove,
  );
}

/** The picked key: its name, downloads, public key, identifiers, and its certificates. */
function showDetail(): void {
  const slot = byId<HTMLDivElement>('key-detail');
  const key = selectedKey();
  if (!key) {
    slot.replaceChildren();
    return;
  }
  const { pair } = key;
  const rename = h('input', { id: 'key-rename', value: key.name, autocomplete: 'off', spellcheck: 'false' });
  rename.addEventListener('change', () => renameKey(key.id, rename.value));
  const passphrase = h('input', { type: 'password', id: 'export-passphrase', autocomplete: 'new-password', placeholder: 'optional' });
  const privateDownload = downloadButton(
    `${fileSafe(key.name)}.key.pem`,
    () =>
      passphrase.value
        ? String(exportPrivateKey(pair.privateKeyPem, { format: 'pkcs8', passphrase: passphrase.value }))
        : pair.privateKeyPem,
    'Download private key',
  );
  slot.replaceChildren(
    h(
      'section',
      { class: 'panel key-detail', 'aria-labelledby': 'key-detail-title' },
      h('h3', { id: 'key-detail-title' }, `${key.name}: ${pairLabel(pair)}`),
      h('div', { class: 'form-row narrow' }, h('label', { for: rename.id }, 'Name'), rename),
      h(
        'div',
        { class: 'actions' },
        h('label', { for: passphrase.id, class: 'inline' }, 'Passphrase to encrypt the private key download (PBKDF2, 600,000 rounds)'),
        passphrase,
        privateDownload,
        downloadButton(`${fileSafe(key.name)}.pub.pem`, () => pair.publicKeyPem, 'Download public key'),
        downloadButton(`${fileSafe(key.name)}.jwk.json`, () => JSON.stringify(pair.privateKeyJwk, null, 2), 'Download private JWK'),
        downloadButton(`${fileSafe(key.name)}.pub.jwk.json`, () => JSON.stringify(pair.publicKeyJwk, null, 2), 'Download public JWK'),
      ),
      output('Public key (SPKI PEM)', pair.publicKeyPem),
      h(
        'details',
        { class: 'tree' },
        h('summary', {}, 'Public key as a JWK'),
        h('pre', { class: 'mono', tabindex: 0 }, JSON.stringify(pair.publicKeyJwk, null, 2)),
      ),
      h(
        'details',
        { class: 'tree' },
        h('summary', {}, `Key identifiers (RFC 5280 method 1: ${pair.subjectKeyIdentifier})`),
        keyIdTable(pair.publicKeyPem),
      ),
      key.certificates.length
        ? h(
            'details',
            { class: 'tree' },
            h('summary', {}, `Certificates made for this key (${key.certificates.length})`),
            ...key.certificates.map((made) =>
              certificateCard(made.certificate, {
                extra: [
                  p12Download({ privateKeyPem: pair.privateKeyPem, certificates: [made.certificate, ...made.chain], name: key.name }),
                ],
              }),
            ),
          )
        : null,
    ),
  );
}

export function fileSafe(name: string): string {
  return name.replace(/[^a-z0-9._-]+/gi, '-').replace(/^-+|-+$/g, '') || 'key';
}
