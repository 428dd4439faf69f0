// The build form: a CSR, a self-signed certificate, or a certificate issued by a CA, for the
// key picked in the key ring. The CA is another key of the ring (with its CA certificate), or
// a pasted certificate and key: no download and paste-back needed.
import { createCertificate, createCsr, parseCertificate, parseCsr, type Certificate, type KeyIdMethod, type NameFields } from 'certkit';
import { certificateCard, csrCard } from '../certificate-card.ts';
import { p12Download } from '../p12.ts';
import { addCertificate, findKey, onRingChange, ringKeys, selectedKey, type MadeCertificate, type RingKey } from '../state.ts';
import { byId, errorView, h, problemList } from '../ui.ts';

const PASTE = 'paste';

export function setUpBuild(): void {
  byId<HTMLFormElement>('build-form').addEventListener('submit', (event) => {
    event.preventDefault();
    build();
  });
  byId<HTMLSelectElement>('build-kind').addEventListener('change', showKindFields);
  byId<HTMLSelectElement>('issuer-choice').addEventListener('change', showPasteFields);
  byId<HTMLInputElement>('build-ca').addEventListener('change', caTicked);
  onRingChange(refresh);
  refresh();
  showKindFields();
}

/** A CA signs certificates and CRLs: ticking "CA" selects those usages (and drops the leaf's EKU). */
function caTicked(): void {
  const ca = byId<HTMLInputElement>('build-ca').checked;
  for (const usage of ['keyCertSign', 'cRLSign']) {
    const box = document.querySelector<HTMLInputElement>(`input[name="ku"][value="${usage}"]`);
    if (box) box.checked = ca;
  }
  for (const box of document.querySelectorAll<HTMLInputElement>('input[name="eku"]')) box.checked = ca ? false : box.value === 'clientAuth';
}

/** The form follows the ring: the key it is for, and the CAs that can sign. */
function refresh(): void {
  const key = selectedKey();
  byId<HTMLSpanElement>('build-key-name').textContent = key ? `"${key.name}"` : 'the selected key';
  byId<HTMLParagraphElement>('build-key-hint').textContent = key
    ? ''
    : 'Make or import a key above first: what you build here is for the key picked in Your keys.';
  byId<HTMLButtonElement>('build-submit').disabled = !key;
  const out = byId<HTMLDivElement>('build-output');
  if (!key) out.replaceChildren();
  const choice = byId<HTMLSelectElement>('issuer-choice');
  const before = choice.value;
  const options = issuers(key).map(({ key: ca, index, made }) =>
    h('option', { value: `${ca.id}:${index}` }, `${ca.name}: ${made.certificate.subject.rfc4514 || '(empty subject)'}`),
  );
  choice.replaceChildren(...options, h('option', { value: PASTE }, 'A CA certificate and key I paste…'));
  if ([...choice.options].some((o) => o.value === before)) choice.value = before;
  byId<HTMLParagraphElement>('issuer-hint').textContent = options.length
    ? 'The CAs of your keys. The certificate is signed with that key right here: nothing to download or paste.'
    : 'None of your other keys has a CA certificate yet: pick another key, make it a self-signed CA certificate (tick "A CA certificate"), then come back to this key. Or paste a CA below.';
  showPasteFields();
}

/** The CA certificates of the ring's other keys. */
function issuers(subject: RingKey | undefined): { key: RingKey; index: number; made: MadeCertificate }[] {
  return ringKeys()
    .filter((k) => k.id !== subject?.id)
    .flatMap((key) => key.certificates.map((made, index) => ({ key, index, made })))
    .filter(({ made }) => made.certificate.basicConstraints?.ca);
}

function showKindFields(): void {
  const kind = byId<HTMLSelectElement>('build-kind').value;
  byId<HTMLFieldSetElement>('issuer-fields').hidden = kind !== 'issued';
  byId<HTMLElement>('cert-only-fields').hidden = kind === 'csr';
}

function showPasteFields(): void {
  byId<HTMLDivElement>('issuer-paste').hidden = byId<HTMLSelectElement>('issuer-choice').value !== PASTE;
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

/** The issuer the form names: a CA of the ring, or the pasted one. */
function issuerFromForm(): { input: { certificate: string; privateKey: string; passphrase?: string }; chain: Certificate[] } | string {
  const choice = byId<HTMLSelectElement>('issuer-choice').value;
  if (choice === PASTE) {
    const certificate = value('issuer-cert');
    const privateKey = value('issuer-key');
    if (!certificate || !privateKey) return 'Paste the CA certificate and its private key, or pick a CA of your keys.';
    const passphrase = value('issuer-passphrase');
    let chain: Certificate[] = [];
    try {
      chain = [parseCertificate(certificate)];
    } catch {
      // Reported by createCertificate with its field.
    }
    return { input: { certificate, privateKey, ...(passphrase ? { passphrase } : {}) }, chain };
  }
  const [id, index] = choice.split(':').map(Number);
  const ca = findKey(id ?? -1);
  const made = ca?.certificates[index ?? -1];
  if (!ca || !made) return 'Pick the CA that signs.';
  return { input: { certificate: made.certificate.pem, privateKey: ca.pair.privateKeyPem }, chain: [made.certificate, ...made.chain] };
}

function build(): void {
  const out = byId<HTMLDivElement>('build-output');
  const key = selectedKey();
  if (!key) return;
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
        privateKey: key.pair.privateKeyPem,
        ...common,
        includeSubjectKeyIdentifier: byId<HTMLInputElement>('build-ski').checked,
        keyIdMethod,
      });
      out.replaceChildren(
        h('p', { class: 'status ok', role: 'status' }, `CSR made for "${key.name}".`),
        csrCard(parseCsr(csr.der), { pemOpen: true }),
      );
      return;
    }
    const issuer = kind === 'issued' ? issuerFromForm() : undefined;
    if (typeof issuer === 'string') {
      out.replaceChildren(h('p', { class: 'status error', role: 'alert' }, issuer));
      return;
    }
    const days = value('build-days');
    const isCa = byId<HTMLInputElement>('build-ca').checked;
    const pathLength = value('build-pathlen');
    const now = new Date();
    const made = createCertificate({
      privateKey: key.pair.privateKeyPem,
      ...common,
      keyIdMethod,
      isCa,
      ...(isCa && pathLength !== '' ? { pathLength: Number(pathLength) } : {}),
      ...(issuer ? { issuer: issuer.input } : {}),
      now,
      ...(days !== '' ? { notAfter: new Date(now.getTime() + Number(days) * 86_400_000) } : {}),
    });
    const certificate = parseCertificate(made.der);
    const chain = issuer?.chain ?? [];
    addCertificate(key.id, { certificate, chain });
    out.replaceChildren(
      h(
        'p',
        { class: 'status ok', role: 'status' },
        `Certificate made for "${key.name}"${issuer ? `, signed by ${chain[0]?.subject.rfc4514 ?? 'the CA'}` : ''}. It is kept with the key in Your keys.`,
      ),
      made.warnings.length ? problemList(made.warnings) : '',
      certificateCard(certificate, {
        pemOpen: true,
        extra: [p12Download({ privateKeyPem: key.pair.privateKeyPem, certificates: [certificate, ...chain], name: key.name })],
      }),
    );
  } catch (error) {
    out.replaceChildren(errorView(error));
  }
}
