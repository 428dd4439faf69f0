// Inspect: paste, drop or pick anything (certificate, chain, .p7b, CSR, key) and read it.
import { CertkitError, inspect, verifyChain, type Certificate, type ChainReport, type InspectedItem } from 'certkit';
import { certificateCard, csrCard, keyCard } from '../certificate-card.ts';
import { byId, debounce, fileBytes, h, mark, problemList } from '../ui.ts';

const KIND_LABEL: Record<string, string> = {
  publicKey: 'Public key',
  rsaPublicKey: 'RSA public key (PKCS#1)',
  privateKey: 'Private key (its public half is shown)',
  rsaPrivateKey: 'RSA private key (its public half is shown)',
  ecPrivateKey: 'EC private key (its public half is shown)',
  encryptedPrivateKey: 'Encrypted private key',
  crl: 'Certificate revocation list',
  ecParameters: 'EC parameters',
  unknown: 'Unrecognised object',
};

export function setUpInspect(sample: string): void {
  const input = byId<HTMLTextAreaElement>('inspect-input');
  const status = byId<HTMLParagraphElement>('inspect-status');
  const out = byId<HTMLDivElement>('inspect-output');
  const picker = byId<HTMLInputElement>('inspect-file');
  const dropZone = byId<HTMLElement>('inspect-drop');

  const show = (value: string | Uint8Array, source: string) => {
    out.replaceChildren();
    if (typeof value === 'string' && value.trim() === '') {
      status.className = 'status';
      status.textContent = 'Paste a certificate, a chain, a CSR or a key, or drop a file here.';
      return;
    }
    try {
      const report = inspect(value);
      const certificates = report.items.flatMap((item) => item.certificates ?? []);
      status.className = 'status ok';
      status.textContent = summaryLine(report.items, certificates.length, source);
      if (certificates.length > 1) out.append(chainSection(certificates));
      for (const item of report.items) out.append(...itemCards(item, report.items.length));
    } catch (error) {
      status.className = 'status error';
      status.textContent = error instanceof CertkitError ? `${error.code}: ${error.message}` : String(error);
    }
  };

  input.value = sample;
  input.addEventListener(
    'input',
    debounce(() => show(input.value, 'pasted text')),
  );
  picker.addEventListener('change', async () => {
    const file = picker.files?.[0];
    if (file) show(await fileBytes(file), file.name);
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
    if (file) show(await fileBytes(file), file.name);
  });
  show(sample, 'the sample chain');
}

function summaryLine(items: InspectedItem[], certificates: number, source: string): string {
  const parts = [`${certificates} certificate${certificates === 1 ? '' : 's'}`];
  const others = items.filter((i) => i.kind !== 'certificate' && i.kind !== 'pkcs7').length;
  if (others) parts.push(`${others} other object${others === 1 ? '' : 's'}`);
  const errors = items.filter((i) => i.error).length;
  if (errors) parts.push(`${errors} that could not be read`);
  return `${parts.join(', ')} in ${source}.`;
}

function itemCards(item: InspectedItem, count: number): HTMLElement[] {
  const label = count > 1 ? `#${item.index + 1}` : undefined;
  if (item.error) {
    return [
      h(
        'article',
        { class: 'card error-card' },
        h('h3', { class: 'card-title' }, `${label ? `${label} ` : ''}${item.label ?? item.kind}: not readable`),
        problemList([item.error]),
      ),
    ];
  }
  if (item.certificates?.length) {
    const prefix = item.kind === 'pkcs7' ? `${label ?? ''} PKCS#7` : label;
    return item.certificates.map((cert, i) =>
      certificateCard(cert, item.certificates && item.certificates.length > 1 ? `${prefix ?? ''} ${i + 1}`.trim() : prefix),
    );
  }
  if (item.certificateRequest) return [csrCard(item.certificateRequest)];
  if (item.publicKey) return [keyCard(KIND_LABEL[item.kind] ?? item.kind, item.publicKey)];
  return [
    h(
      'article',
      { class: 'card' },
      h('h3', { class: 'card-title' }, KIND_LABEL[item.kind] ?? item.kind),
      h('p', { class: 'muted' }, `${item.label ?? 'DER'} block, not decoded further.`),
    ),
  ];
}

/** The chain in its proper order, each link checked. */
function chainSection(certificates: Certificate[]): HTMLElement {
  const report: ChainReport = verifyChain(certificates.map((c) => c.der));
  const rows = report.links.map((link, position) =>
    h(
      'tr',
      {},
      h('td', { 'data-label': 'Position' }, String(position + 1)),
      h(
        'td',
        {},
        h('div', { class: 'mono small-text' }, link.subject),
        h(
          'div',
          { class: 'muted small-text' },
          `input #${link.index + 1} · issued by ${link.issuedBy === 'chain' ? `#${(link.issuerIndex ?? 0) + 1}` : link.issuedBy}`,
        ),
      ),
      h(
        'td',
        { 'data-label': 'Issuer name' },
        mark(link.issuedBy === 'missing' ? undefined : link.nameMatch, 'issuer name matches', 'issuer name differs'),
      ),
      h('td', { 'data-label': 'Key ID' }, mark(link.keyIdentifierMatch, 'key identifiers match', 'key identifiers differ')),
      h(
        'td',
        { 'data-label': 'Signature' },
        link.signature === 'missing'
          ? h('span', { class: 'muted' }, 'no issuer')
          : mark(
              link.signature === 'valid',
              'signature valid',
              link.signature === 'unsupported' ? 'signature cannot be checked' : 'signature invalid',
            ),
      ),
      h('td', { 'data-label': 'Valid now' }, mark(link.validNow, 'valid now', 'not valid now')),
      h(
        'td',
        { 'data-label': 'CA constraints' },
        mark(
          link.issuedBy === 'self' || link.issuedBy === 'missing' ? undefined : link.caConstraintsOk,
          'CA constraints hold',
          'CA constraints broken',
        ),
      ),
    ),
  );
  const given = certificates.map((_, i) => i);
  const reordered = report.order.some((index, i) => index !== given[i]);
  return h(
    'section',
    { class: 'card chain', 'aria-label': 'Chain' },
    h(
      'header',
      { class: 'card-head' },
      h('h3', { class: 'card-title' }, 'Chain'),
      h('span', { class: `tag ${report.ok ? 'good' : 'bad'}` }, report.ok ? 'valid path' : 'not valid'),
      h('span', { class: `tag ${report.complete ? 'good' : 'warn'}` }, report.complete ? 'complete to a root' : 'incomplete'),
    ),
    h('p', { class: 'verdict' }, verdictText(report)),
    reordered
      ? h('p', {}, `Proper order (leaf first): ${report.order.map((i) => `#${i + 1}`).join(' → ')}`)
      : h('p', { class: 'muted' }, 'Given in leaf-to-root order.'),
    h(
      'div',
      { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Chain links' },
      h(
        'table',
        { class: 'table stacked' },
        h(
          'thead',
          {},
          h('tr', {}, ...['#', 'Certificate', 'Name', 'Key ID', 'Signature', 'Valid now', 'CA'].map((t) => h('th', { scope: 'col' }, t))),
        ),
        h('tbody', {}, ...rows),
      ),
    ),
    problemList([...report.problems, ...report.links.flatMap((l) => l.problems)], 'Every link checks out.'),
  );
}

/** The verdict in plain words: the validated path, or the first reason it is not valid. */
function verdictText(report: ChainReport): string {
  const path = (indices: number[]) => indices.map((i) => `#${i + 1}`).join(' → ');
  if (report.ok && report.path) {
    return (
      `Valid: every signature, date and CA rule on the path ${path(report.path)} checks out, up to a self-signed root. ` +
      'Nothing here says you should trust that root: only the certificates pasted were checked.'
    );
  }
  const first = [...report.links.flatMap((l) => l.problems), ...report.problems].find((p) => p.severity === 'error');
  const where = first?.field?.match(/^chain\[(\d+)\]$/);
  const subject = where ? ` (#${Number(where[1]) + 1})` : '';
  return `Not valid${subject}: ${first ? first.message : 'the chain could not be validated.'}`;
}
