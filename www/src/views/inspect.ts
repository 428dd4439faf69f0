// Inspect: paste, drop or pick anything (certificate, chain, bundle, .p7b, .p12, CRL, CSR, key)
// and read it: several certificates as a chain or a set, a key matched to its certificate.
import { CertkitError, inspect, parseCrl, verifyChain, type Certificate, type Crl, type InspectedItem } from 'certkit';
import { certificateCard, crlCard, csrCard, keyCard } from '../certificate-card.ts';
import { byId, debounce, fileBytes, h, problemList } from '../ui.ts';
import { chainSection, setSection } from './chain.ts';

const KIND_LABEL: Record<string, string> = {
  publicKey: 'Public key',
  rsaPublicKey: 'RSA public key (PKCS#1)',
  privateKey: 'Private key (its public half is shown)',
  rsaPrivateKey: 'RSA private key (its public half is shown)',
  ecPrivateKey: 'EC private key (its public half is shown)',
  encryptedPrivateKey: 'Encrypted private key (its public half is shown)',
  pkcs12: 'PKCS#12 file',
  crl: 'Certificate revocation list',
  ecParameters: 'EC parameters',
  unknown: 'Unrecognised object',
};

/** Objects that open only with a passphrase. */
const LOCKED_KINDS = new Set(['pkcs12', 'encryptedPrivateKey']);

interface Shown {
  value: string | Uint8Array;
  source: string;
}

let shown: Shown | undefined;

export function setUpInspect(sample: string): void {
  const input = byId<HTMLTextAreaElement>('inspect-input');
  const picker = byId<HTMLInputElement>('inspect-file');
  const dropZone = byId<HTMLElement>('inspect-drop');
  const show = (value: string | Uint8Array, source: string) => {
    shown = { value, source };
    render();
  };
  input.value = sample;
  input.addEventListener(
    'input',
    debounce(() => show(input.value, 'pasted text')),
  );
  const showFile = async (file: File) => {
    // The box no longer holds what is shown: it says which file is, and takes a new paste.
    input.value = '';
    input.placeholder = `Showing ${file.name}. Paste here to read something else.`;
    show(await fileBytes(file), file.name);
  };
  picker.addEventListener('change', async () => {
    const file = picker.files?.[0];
    if (file) await showFile(file);
  });
  dropZone.addEventListener('dragover', (event) => {
    event.preventDefault();
    dropZone.classList.add('dragging');
  });
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('dragging'));
  dropZone.addEventListener('drop', async (event) => {
    event.preventDefault();
    dropZone.classList.remove('dragging');
    const file = event.dataTransfer?.files[0];
    if (file) await showFile(file);
  });
  byId<HTMLFormElement>('inspect-passphrase-form').addEventListener('submit', (event) => {
    event.preventDefault();
    render();
  });
  const rerender = debounce(render, 200);
  byId<HTMLSelectElement>('inspect-purpose').addEventListener('change', render);
  byId<HTMLInputElement>('inspect-host').addEventListener('input', rerender);
  show(sample, 'the sample chain');
}

function render(): void {
  const status = byId<HTMLParagraphElement>('inspect-status');
  const out = byId<HTMLDivElement>('inspect-output');
  const passphraseRow = byId<HTMLFormElement>('inspect-passphrase-form');
  const chainOptions = byId<HTMLElement>('inspect-chain-options');
  out.replaceChildren();
  chainOptions.hidden = true;
  if (!shown || (typeof shown.value === 'string' && shown.value.trim() === '')) {
    passphraseRow.hidden = true;
    status.className = 'status';
    status.textContent = 'Paste a certificate, a chain, a CSR or a key, or drop a file here.';
    return;
  }
  const passphrase = byId<HTMLInputElement>('inspect-passphrase').value;
  try {
    const report = inspect(shown.value, passphrase ? { passphrase } : {});
    const locked = report.items.filter((i) => LOCKED_KINDS.has(i.kind));
    passphraseRow.hidden = locked.length === 0;
    const certificates = report.items.flatMap((item) => item.certificates ?? []);
    status.className = 'status ok';
    status.textContent = summaryLine(report.items, certificates.length, shown.source);
    const stillLocked = locked.filter((i) => i.error);
    if (stillLocked.length) {
      status.className = 'status warn';
      status.textContent += passphrase
        ? ' The passphrase does not open it: check it and try again.'
        : ' It is encrypted: enter its passphrase above to open it.';
    }
    const crls = report.items.flatMap((i) => (i.crl ? [i.crl] : []));
    const keys = report.items.filter((i) => i.publicKey && !i.certificates?.length);
    // A pasted key decides which certificate is the leaf.
    const leafKey = keys.length === 1 ? keys[0]?.publicKey : report.items.find((i) => i.kind === 'pkcs12')?.publicKey;
    // Which certificate the key belongs to, first: it decides what the chain starts from.
    const pastedKeys = report.items.flatMap((i) => (i.publicKey && (!i.certificates?.length || i.kind === 'pkcs12') ? [i.publicKey] : []));
    pastedKeys.forEach((key, i) => {
      const match = keyMatch(key.sha256Pin, certificates, pastedKeys.length > 1 ? `Key ${i + 1}` : 'This key');
      if (match) out.append(match);
    });
    if (certificates.length > 1) {
      const options = {
        purpose: byId<HTMLSelectElement>('inspect-purpose').value,
        subjectName: byId<HTMLInputElement>('inspect-host').value.trim(),
      };
      const chain = verifyChain(
        certificates.map((c) => c.der),
        {
          ...(options.purpose !== 'any' ? { purpose: options.purpose } : {}),
          ...(options.subjectName ? { subjectName: options.subjectName } : {}),
          ...(leafKey ? { leafPublicKey: leafKey.spki } : {}),
          ...(crls.length ? { crls: crls.map((c) => c.der) } : {}),
        },
      );
      if (chain.order.length >= 2) {
        chainOptions.hidden = false;
        out.append(chainSection(chain, certificates, options));
      } else {
        out.append(setSection(certificates));
      }
    }
    let position = 0;
    for (const item of report.items) {
      const first = position;
      position += item.certificates?.length ?? 0;
      out.append(...itemCards(item, first, certificates));
    }
  } catch (error) {
    passphraseRow.hidden = true;
    status.className = 'status error';
    status.textContent = error instanceof CertkitError ? `${error.code}: ${error.message}` : String(error);
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function summaryLine(items: InspectedItem[], certificates: number, source: string): string {
  const parts = [`${certificates} certificate${certificates === 1 ? '' : 's'}`];
  const others = items.filter((i) => !['certificate', 'pkcs7', 'pkcs12'].includes(i.kind)).length;
  if (others) parts.push(`${others} other object${others === 1 ? '' : 's'}`);
  const errors = items.filter((i) => i.error && !LOCKED_KINDS.has(i.kind)).length;
  if (errors) parts.push(`${errors} that could not be read`);
  return `${parts.join(', ')} in ${source}.`;
}

/** "This key matches certificate #2", or that it matches none of them. */
function keyMatch(spkiPin: string, certificates: Certificate[], which: string): HTMLElement | undefined {
  if (certificates.length === 0) return undefined;
  const matches = certificates.map((c, i) => (c.publicKey.sha256Pin === spkiPin ? i : -1)).filter((i) => i >= 0);
  if (matches.length === 0) {
    return h(
      'p',
      { class: 'status warn key-match' },
      `${which} matches none of the ${certificates.length === 1 ? 'certificate' : `${certificates.length} certificates`} given.`,
    );
  }
  const certs = matches.map((i) => `certificate #${i + 1} (${certificates[i]?.subject.rfc4514 || 'empty subject'})`).join(' and ');
  return h('p', { class: 'status ok key-match' }, `${which} matches ${certs}.`);
}

function itemCards(item: InspectedItem, first: number, all: Certificate[]): HTMLElement[] {
  const kind = KIND_LABEL[item.kind] ?? item.kind;
  if (item.error) {
    const locked = LOCKED_KINDS.has(item.kind);
    return [
      h(
        'article',
        { class: `card ${locked ? 'locked-card' : 'error-card'}` },
        h('h3', { class: 'card-title' }, `${kind}: ${locked ? 'encrypted' : 'not readable'}`),
        problemList([item.error]),
      ),
    ];
  }
  const cards: HTMLElement[] = [];
  if (item.kind === 'pkcs12' && item.pkcs12) {
    const p = item.pkcs12;
    const protection = [
      p.protection.keyEncryption ? `the key with ${p.protection.keyEncryption}` : '',
      p.protection.certificateEncryption ? `the certificates with ${p.protection.certificateEncryption}` : '',
      p.protection.mac ? `the whole file with a ${p.protection.mac.algorithm} MAC` : 'no MAC over the file',
    ]
      .filter(Boolean)
      .join(', ');
    cards.push(
      h(
        'article',
        { class: 'card' },
        h('h3', { class: 'card-title' }, `PKCS#12 file${p.friendlyName ? `: ${p.friendlyName}` : ''}`),
        h(
          'p',
          {},
          `${p.hasPrivateKey ? 'A private key (only its public half is shown) and ' : 'No private key; '}${plural(item.certificates?.length ?? 0, 'certificate')}. Protected: ${protection}.`,
        ),
        p.problems.length ? problemList(p.problems) : '',
      ),
    );
  }
  const prefix = item.kind === 'pkcs7' ? 'PKCS#7 ' : item.kind === 'pkcs12' ? 'PKCS#12 ' : '';
  (item.certificates ?? []).forEach((cert, i) => {
    const title = all.length > 1 ? `${prefix}#${first + i + 1}` : prefix.trim() || undefined;
    cards.push(certificateCard(cert, { ...(title ? { title } : {}) }));
  });
  if (item.certificateRequest) cards.push(csrCard(item.certificateRequest));
  if (item.publicKey && !item.certificates?.length) cards.push(keyCard(kind, item.publicKey));
  if (item.crl) cards.push(crlCard(checkedCrl(item.crl, all), KIND_LABEL.crl ?? 'CRL'));
  if (cards.length === 0) {
    cards.push(
      h(
        'article',
        { class: 'card' },
        h('h3', { class: 'card-title' }, kind),
        h('p', { class: 'muted' }, `${item.label ?? 'DER'} block, not decoded further.`),
      ),
    );
  }
  return cards;
}

/** The CRL with its signature checked when its issuer's certificate was given too. */
function checkedCrl(crl: Crl, certificates: Certificate[]): Crl {
  const issuer = certificates.find((c) => c.subject.rfc4514 === crl.issuer.rfc4514);
  if (!issuer) return crl;
  try {
    return parseCrl(crl.der, { issuer: issuer.der });
  } catch {
    return crl;
  }
}
