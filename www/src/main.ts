import { CertkitError, parseCertificates, type Certificate } from 'certkit';
import samplePem from './samples/sample-chain.pem?raw';

const input = document.querySelector<HTMLTextAreaElement>('#inspect-input');
const status = document.querySelector<HTMLParagraphElement>('#inspect-status');
const output = document.querySelector<HTMLDivElement>('#inspect-output');

function element(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function row(list: HTMLElement, label: string, value: string): void {
  list.append(element('dt', '', label), element('dd', 'mono', value));
}

function daysUntil(iso: string): number {
  return Math.floor((Date.parse(iso) - Date.now()) / 86_400_000);
}

function certificateCard(cert: Certificate, index: number): HTMLElement {
  const card = element('article', 'card');
  const cn = cert.subject.attributes.filter((a) => a.type === 'CN').map((a) => a.value).pop();
  card.append(element('h3', 'card-title', `${index + 1}. ${cn ?? cert.subject.rfc4514}`));
  const list = element('dl', 'fields');
  const days = daysUntil(cert.notAfter);
  const key = cert.publicKey;
  row(list, 'Subject', cert.subject.rfc4514);
  row(list, 'Issuer', cert.issuer.rfc4514);
  row(list, 'Serial', cert.serialNumber);
  row(list, 'Valid', `${cert.notBefore} → ${cert.notAfter} (${days >= 0 ? `expires in ${days} days` : `expired ${-days} days ago`})`);
  row(list, 'Key', [key.algorithm.toUpperCase(), key.bits ? `${key.bits} bits` : '', key.curve ?? ''].filter(Boolean).join(' '));
  row(list, 'Signature', cert.signatureAlgorithm.name);
  row(list, 'SHA-256', cert.fingerprints.sha256);
  row(list, 'SPKI pin', cert.publicKey.sha256Pin);
  card.append(list);
  return card;
}

function inspect(text: string): void {
  if (!status || !output) return;
  output.replaceChildren();
  if (text.trim() === '') {
    status.textContent = 'Paste a certificate to inspect it.';
    status.className = 'status';
    return;
  }
  try {
    const certs = parseCertificates(text);
    status.textContent = `${certs.length} certificate${certs.length === 1 ? '' : 's'}`;
    status.className = 'status ok';
    output.append(...certs.map(certificateCard));
  } catch (error) {
    status.className = 'status error';
    status.textContent = error instanceof CertkitError ? `${error.code}: ${error.message}` : String(error);
  }
}

if (input) {
  input.value = samplePem;
  input.addEventListener('input', () => inspect(input.value));
  inspect(input.value);
}
