// Keys & CSR: make or import a key, then build a CSR or a certificate from a form.
import {
  CertkitError,
  createCertificate,
  createCsr,
  exportPrivateKey,
  generateKeyPair,
  importPrivateKey,
  KEY_SPECS,
  parseCertificate,
  parseCsr,
  type KeyIdMethod,
  type KeyPair,
  type NameFields,
} from 'certkit';
import { certificateCard, csrCard, keyIdTable } from '../certificate-card.ts';
import { currentKeyPair, setKeyPair } from '../state.ts';
import { byId, copyButton, downloadButton, h, output, problemList } from '../ui.ts';

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
  byId<HTMLFormElement>('build-form').addEventListener('submit', (event) => {
    event.preventDefault();
    build();
  });
  byId<HTMLSelectElement>('build-kind').addEventListener('change', showIssuerFields);
  showIssuerFields();
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
    setKeyPair(pair);
    showKeyPair(pair, `Generated in ${((performance.now() - started) / 1000).toFixed(2)} s.`);
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
  try {
    const pair = importPrivateKey(text.trim().startsWith('{') ? JSON.parse(text) : text, passphrase ? { passphrase } : {});
    setKeyPair(pair);
    showKeyPair(pair, 'Imported.');
  } catch (error) {
    showKeyError(error);
  }
}

function showKeyError(error: unknown): void {
  const out = byId<HTMLDivElement>('key-output');
  const problems = error instanceof CertkitError ? error.problems : [];
  out.replaceChildren(
    h('p', { class: 'status error', role: 'alert' }, error instanceof CertkitError ? `${error.code}: ${error.message}` : String(error)),
    problems.length > 1 ? problemList(problems) : '',
  );
}

function showKeyPair(pair: KeyPair, note: string): void {
  const out = byId<HTMLDivElement>('key-output');
  const label = [pair.algorithm, pair.namedCurve, pair.modulusLength ? `${pair.modulusLength} bits` : ''].filter(Boolean).join(' ');
  const passphrase = h('input', { type: 'password', id: 'export-passphrase', autocomplete: 'new-password', placeholder: 'optional' });
  const privateDownload = downloadButton(
    'private-key.pem',
    () => {
      const value = (passphrase as HTMLInputElement).value;
      return value ? String(exportPrivateKey(pair.privateKeyPem, { format: 'pkcs8', passphrase: value })) : pair.privateKeyPem;
    },
    'Download private key',
  );
  out.replaceChildren(
    h('p', { class: 'status ok', role: 'status' }, `${label} key pair ready. ${note}`),
    h(
      'div',
      { class: 'actions' },
      h('label', { for: 'export-passphrase', class: 'inline' }, 'Passphrase to encrypt the download (PBKDF2, 600,000 rounds)'),
      passphrase,
      privateDownload,
      downloadButton('public-key.pem', () => pair.publicKeyPem, 'Download public key'),
      downloadButton('private-key.jwk.json', () => JSON.stringify(pair.privateKeyJwk, null, 2), 'Download private JWK'),
      downloadButton('public-key.jwk.json', () => JSON.stringify(pair.publicKeyJwk, null, 2), 'Download public JWK'),
    ),
    output('Public key (SPKI PEM)', pair.publicKeyPem),
    output('Public key (JWK)', JSON.stringify(pair.publicKeyJwk, null, 2)),
    h(
      'details',
      { class: 'tree' },
      h('summary', {}, `Key identifiers (RFC 5280 method 1: ${pair.subjectKeyIdentifier})`),
      keyIdTable(pair.publicKeyPem),
    ),
  );
}

function showIssuerFields(): void {
  const kind = byId<HTMLSelectElement>('build-kind').value;
  byId<HTMLFieldSetElement>('issuer-fields').hidden = kind !== 'issued';
  byId<HTMLElement>('cert-only-fields').hidden = kind === 'csr';
}

function value(id: string): string {
  return byId<HTMLInputElement>(id).value.trim();
}

function subjectFromForm(): string | NameFields {
  const rfc4514 = value('subject-rfc4514');
  if (rfc4514) return rfc4514;
  const fields: NameFields = {};
  const pairs: [keyof NameFields, string][] = [
    ['commonName', 'subject-cn'],
    ['organization', 'subject-o'],
    ['organizationalUnit', 'subject-ou'],
    ['country', 'subject-c'],
    ['state', 'subject-st'],
    ['locality', 'subject-l'],
    ['emailAddress', 'subject-email'],
  ];
  for (const [key, id] of pairs) if (value(id)) fields[key] = value(id);
  return fields;
}

function checked(name: string): string[] {
  return Array.from(document.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`), (box) => box.value);
}

function build(): void {
  const out = byId<HTMLDivElement>('build-output');
  const pair = currentKeyPair();
  if (!pair) {
    out.replaceChildren(h('p', { class: 'status error', role: 'alert' }, 'Make or import a key first (above).'));
    return;
  }
  const kind = byId<HTMLSelectElement>('build-kind').value;
  const subjectAltNames = value('build-sans')
    .split(/\n|,/)
    .map((s) => s.trim())
    .filter(Boolean);
  const common = { subject: subjectFromForm(), subjectAltNames, keyUsage: checked('ku'), extendedKeyUsage: checked('eku') };
  const keyIdMethod = byId<HTMLSelectElement>('build-keyid').value as KeyIdMethod;
  try {
    if (kind === 'csr') {
      const csr = createCsr({
        privateKey: pair.privateKeyPem,
        ...common,
        includeSubjectKeyIdentifier: byId<HTMLInputElement>('build-ski').checked,
        keyIdMethod,
      });
      out.replaceChildren(
        output('CSR (PEM)', csr.pem, [downloadButton('request.csr', () => csr.pem, 'Download CSR')]),
        csrCard(parseCsr(csr.der)),
      );
      return;
    }
    const days = Number(value('build-days') || '365');
    const isCa = byId<HTMLInputElement>('build-ca').checked;
    const pathLength = value('build-pathlen');
    const issuer =
      kind === 'issued'
        ? {
            certificate: value('issuer-cert'),
            privateKey: value('issuer-key'),
            ...(value('issuer-passphrase') ? { passphrase: value('issuer-passphrase') } : {}),
          }
        : undefined;
    const now = new Date();
    const made = createCertificate({
      privateKey: pair.privateKeyPem,
      ...common,
      keyIdMethod,
      isCa,
      ...(isCa && pathLength !== '' ? { pathLength: Number(pathLength) } : {}),
      ...(issuer ? { issuer } : {}),
      now,
      notAfter: new Date(now.getTime() + days * 86_400_000),
    });
    out.replaceChildren(
      output('Certificate (PEM)', made.pem, [
        downloadButton('certificate.pem', () => made.pem, 'Download certificate'),
        copyButton(() => made.pem, 'Copy'),
      ]),
      certificateCard(parseCertificate(made.der)),
    );
  } catch (error) {
    out.replaceChildren(error instanceof CertkitError ? problemList(error.problems) : h('p', { class: 'status error' }, String(error)));
  }
}
