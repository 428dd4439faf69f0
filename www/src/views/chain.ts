// Several certificates: a chain (each link checked, the verdict in words, the chain to copy or
// save in proper order) or, when none issued another, a certificate set.
import type { Certificate, ChainReport } from 'certkit';
import { copyButton, downloadButton, h, mark, problemList } from '../ui.ts';

const n = (index: number) => `#${index + 1}`;

function commonName(cert: Certificate): string {
  return cert.subject.attributes.filter((a) => a.type === 'CN').pop()?.value ?? (cert.subject.rfc4514 || '(empty subject)');
}

/** The problems about certificates on the path, and the chain's own (not those about the others). */
function pathProblems(report: ChainReport) {
  const onPath = new Set(report.order.map((i) => `chain[${i}]`));
  return [...report.problems, ...report.links.flatMap((l) => l.problems)].filter(
    (p) => !p.field?.startsWith('chain[') || onPath.has(p.field),
  );
}

/** A chain: the verdict, proper order, each link, and the chain to copy or save. */
export function chainSection(
  report: ChainReport,
  certificates: Certificate[],
  options: { purpose: string; subjectName: string },
): HTMLElement {
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
          `certificate ${n(link.index)} · issued by ${link.issuedBy === 'chain' ? n(link.issuerIndex ?? 0) : link.issuedBy === 'self' ? 'itself' : link.issuedBy === 'missing' ? 'a certificate not given' : link.issuedBy}`,
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
  const order = report.path ?? report.order;
  const ordered = order.map((i) => certificates[i]).filter((c): c is Certificate => c !== undefined);
  const chainPem = ordered.map((c) => c.pem).join('');
  const reordered = report.order.some((index, i) => index !== i);
  const others = certificates.map((_, i) => i).filter((i) => !report.order.includes(i));
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
    h('p', { class: 'verdict' }, verdictText(report, options)),
    reordered
      ? h('p', {}, `Proper order (leaf first): ${report.order.map(n).join(' → ')}`)
      : h('p', { class: 'muted' }, 'Given in leaf-to-root order.'),
    others.length
      ? h('p', { class: 'muted' }, `Not part of this chain: ${others.map(n).join(', ')} (shown below, each on its own).`)
      : null,
    h(
      'div',
      { class: 'actions' },
      copyButton(() => chainPem, 'Copy the chain (leaf first)'),
      downloadButton('chain.pem', () => chainPem, 'Download chain.pem'),
    ),
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
    problemList(pathProblems(report), 'Every link checks out.'),
  );
}

/** The verdict in plain words: the validated path, or the first reason it is not valid. */
function verdictText(report: ChainReport, options: { purpose: string; subjectName: string }): string {
  const path = (indices: number[]) => indices.map(n).join(' → ');
  const checked = [
    options.purpose !== 'any' ? `for ${options.purpose}` : '',
    options.subjectName ? `for the name ${options.subjectName}` : '',
  ].filter(Boolean);
  if (report.ok && report.path) {
    return (
      `Valid${checked.length ? ` ${checked.join(' and ')}` : ''}: every signature, date and CA rule on the path ${path(report.path)} checks out, up to a self-signed root. ` +
      'Nothing here says you should trust that root: only the certificates pasted were checked.'
    );
  }
  const first = pathProblems(report).find((p) => p.severity === 'error');
  const where = first?.field?.match(/^chain\[(\d+)\]$/);
  const subject = where ? ` (${n(Number(where[1]))})` : '';
  return `Not valid${subject}: ${first ? first.message : 'the chain could not be validated.'}`;
}

/** Certificates none of which issued another (such as a bundle of roots): listed, not chained. */
export function setSection(certificates: Certificate[]): HTMLElement {
  const selfSigned = certificates.filter((c) => c.selfSigned).length;
  return h(
    'section',
    { class: 'card certificate-set', 'aria-label': 'Certificate set' },
    h(
      'header',
      { class: 'card-head' },
      h('h3', { class: 'card-title' }, `Certificate set: ${certificates.length} certificates`),
      h('span', { class: 'tag' }, `${selfSigned} self-signed`),
    ),
    h(
      'p',
      {},
      'None of these certificates issued another, so this is a set (such as a bundle of trusted roots), not a chain: each is shown on its own.',
    ),
    h(
      'div',
      { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Certificates of the set' },
      h(
        'table',
        { class: 'table stacked' },
        h('thead', {}, h('tr', {}, ...['#', 'Subject', 'Not after', 'Kind'].map((t) => h('th', { scope: 'col' }, t)))),
        h(
          'tbody',
          {},
          ...certificates.map((cert, i) =>
            h(
              'tr',
              {},
              h('td', {}, n(i)),
              h(
                'td',
                {},
                h('div', {}, commonName(cert)),
                commonName(cert) === cert.subject.rfc4514 ? null : h('div', { class: 'mono small-text muted' }, cert.subject.rfc4514),
              ),
              h('td', { 'data-label': 'Not after', class: 'nowrap' }, cert.notAfter),
              h(
                'td',
                { 'data-label': 'Kind', class: 'nowrap' },
                cert.selfSigned ? 'self-signed' : cert.basicConstraints?.ca ? 'CA' : 'end entity',
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
