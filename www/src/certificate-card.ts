// How one certificate, CSR or key is shown: a readable summary first, then every field.
import {
  keyIdentifiers,
  type Certificate,
  type CertificateRequest,
  type Crl,
  type GeneralName,
  type KeyIdMethod,
  type PublicKeyInfo,
} from 'certkit';
import { extensionRows, generalName } from './extensions.ts';
import { copyButton, downloadButton, fields, h, problemList, validityText } from './ui.ts';

const METHOD_LABELS: Record<KeyIdMethod, string> = {
  'rfc5280-sha1': 'RFC 5280 method 1 (SHA-1 of the key)',
  'rfc5280-method2': 'RFC 5280 method 2 (60 bits of SHA-1)',
  'rfc7093-sha256': 'RFC 7093 method 1 (SHA-256, 160 bits)',
  'rfc7093-sha384': 'RFC 7093 method 2 (SHA-384, 160 bits)',
  'rfc7093-sha512': 'RFC 7093 method 3 (SHA-512, 160 bits)',
  'spki-sha256-160': 'SHA-256 of the whole SPKI, 160 bits (rcgen)',
};

export function keyText(key: PublicKeyInfo): string {
  const size = key.bits ? `${key.bits} bits` : '';
  return [key.algorithm.toUpperCase(), key.curve, size].filter(Boolean).join(' · ');
}

export function nameText(name: GeneralName): string {
  return generalName(name);
}

function commonName(cert: { subject: Certificate['subject'] }): string {
  return (
    cert.subject.attributes
      .filter((a) => a.type === 'CN')
      .map((a) => a.value)
      .pop() ??
    (cert.subject.rfc4514 || '(empty subject)')
  );
}

function chips(names: GeneralName[]): HTMLElement | null {
  if (names.length === 0) return null;
  return h('ul', { class: 'chips' }, ...names.map((n) => h('li', { class: 'chip' }, nameText(n))));
}

/** Every key identifier method, with a mark on the one the extension matches. */
export function keyIdTable(spkiOrPem: string | Uint8Array, actual?: string): HTMLElement {
  const ids = keyIdentifiers(spkiOrPem);
  const rows = (Object.keys(METHOD_LABELS) as KeyIdMethod[]).map((method) => {
    const value = ids[method];
    const matches = actual !== undefined && value === actual;
    return h(
      'tr',
      { class: matches ? 'match' : '' },
      h('td', {}, METHOD_LABELS[method], matches ? h('span', { class: 'tag good' }, 'matches the SKI extension') : null),
      h('td', { class: 'mono' }, value),
      h(
        'td',
        {},
        copyButton(() => value),
      ),
    );
  });
  const note =
    actual === undefined
      ? 'This object has no subjectKeyIdentifier extension.'
      : Object.values(ids).includes(actual)
        ? null
        : `The SKI extension (${actual}) matches none of these methods.`;
  return h(
    'div',
    { class: 'keyids' },
    h(
      'table',
      { class: 'table' },
      h(
        'thead',
        {},
        h('tr', {}, h('th', {}, 'Method'), h('th', {}, 'Key identifier (hex)'), h('th', {}, h('span', { class: 'sr-only' }, 'Copy'))),
      ),
      h('tbody', {}, ...rows),
    ),
    note ? h('p', { class: 'muted' }, note) : null,
  );
}

/** Every field, as an expandable tree. */
function detailTree(cert: Certificate | CertificateRequest): HTMLElement {
  const rows: [string, string][] = [
    ['Version', String(cert.version)],
    ...('serialNumber' in cert ? [['Serial number', cert.serialNumber] as [string, string]] : []),
    ['Signature algorithm', `${cert.signatureAlgorithm.name} (${cert.signatureAlgorithm.oid})`],
    ...('issuer' in cert ? [['Issuer', cert.issuer.rfc4514] as [string, string]] : []),
    ['Subject', cert.subject.rfc4514],
    ...('notBefore' in cert
      ? ([
          ['Not before', cert.notBefore],
          ['Not after', cert.notAfter],
        ] as [string, string][])
      : []),
    ['Public key', `${keyText(cert.publicKey)} (${cert.publicKey.oid})`],
    ['SPKI SHA-256 pin', cert.publicKey.sha256Pin],
  ];
  const attributes = cert.subject.attributes.map((a) => h('li', {}, h('code', {}, a.type), ` (${a.oid}) = ${a.value}`));
  return h(
    'details',
    { class: 'tree' },
    h('summary', {}, 'All fields'),
    fields(rows.map(([k, v]) => [k, h('span', { class: 'mono' }, v)])),
    h('h4', {}, 'Subject attributes'),
    h('ul', { class: 'plain' }, ...attributes),
  );
}

export interface CardOptions {
  /** Before the subject's name: `#2`, `PKCS#7 #1`. */
  title?: string;
  /** Shown under the summary (notes, a .p12 download). */
  extra?: (Node | null)[];
  /** The PEM text open rather than behind its toggle. */
  pemOpen?: boolean;
}

/** The PEM text behind a toggle (its Copy button is the card's). */
function pemBlock(pem: string, open = false): HTMLElement {
  return h('details', { class: 'tree pem', open }, h('summary', {}, 'PEM text'), h('pre', { class: 'mono', tabindex: 0 }, pem));
}

export function certificateCard(cert: Certificate, { title, extra = [], pemOpen = false }: CardOptions = {}): HTMLElement {
  const notice = validityText(cert.notBefore, cert.notAfter);
  const state = Date.parse(cert.notAfter) < Date.now() ? 'bad' : Date.parse(cert.notBefore) > Date.now() ? 'warn' : 'good';
  const summary = fields([
    ['Subject', h('span', { class: 'mono' }, cert.subject.rfc4514 || '(empty)')],
    ['Issuer', h('span', { class: 'mono' }, cert.issuer.rfc4514)],
    ['Validity', h('span', {}, `${cert.notBefore} → ${cert.notAfter} `, h('span', { class: `tag ${state}` }, notice))],
    ['Key', keyText(cert.publicKey)],
    ['Names', chips(cert.subjectAltNames)],
    ['Usage', [...(cert.keyUsage ?? []), ...(cert.extendedKeyUsage ?? []).map((p) => p.name ?? p.oid)].join(', ')],
    [
      'CA',
      cert.basicConstraints
        ? cert.basicConstraints.ca
          ? `yes${cert.basicConstraints.pathLength !== undefined ? `, path length ${cert.basicConstraints.pathLength}` : ''}`
          : 'no'
        : 'not stated',
    ],
    ['Serial', h('span', { class: 'mono' }, cert.serialNumber)],
    ['SHA-256', h('span', { class: 'mono' }, cert.fingerprints.sha256)],
    ['SHA-1', h('span', { class: 'mono' }, cert.fingerprints.sha1)],
    ['SPKI pin', h('span', { class: 'mono' }, cert.publicKey.sha256Pin)],
    ['SKI', h('span', { class: 'mono' }, cert.subjectKeyIdentifier ?? '(none)')],
  ]);
  const name = commonName(cert);
  return h(
    'article',
    { class: 'card' },
    h(
      'header',
      { class: 'card-head' },
      h('h3', { class: 'card-title' }, title ? `${title}: ${name}` : name),
      cert.selfSigned ? h('span', { class: 'tag' }, 'self-signed') : null,
    ),
    summary,
    ...extra,
    cert.problems.length ? problemList(cert.problems) : null,
    h(
      'div',
      { class: 'actions' },
      copyButton(() => cert.pem, 'Copy PEM'),
      downloadButton(`${fileName(name)}.pem`, () => cert.pem, 'Download PEM'),
      downloadButton(`${fileName(name)}.der`, () => cert.der, 'Download DER'),
    ),
    pemBlock(cert.pem, pemOpen),
    h('details', { class: 'tree' }, h('summary', {}, `Extensions (${cert.extensions.length})`), extensionRows(cert.extensions)),
    h('details', { class: 'tree' }, h('summary', {}, 'Key identifiers by every method'), keyIdTable(cert.pem, cert.subjectKeyIdentifier)),
    detailTree(cert),
  );
}

export function csrCard(csr: CertificateRequest, { pemOpen = false }: CardOptions = {}): HTMLElement {
  return h(
    'article',
    { class: 'card' },
    h(
      'header',
      { class: 'card-head' },
      h('h3', { class: 'card-title' }, `Certificate request: ${commonName(csr)}`),
      h(
        'span',
        { class: `tag ${csr.signatureValid ? 'good' : 'bad'}` },
        csr.signatureValid ? 'signature valid' : `signature ${csr.signatureStatus}`,
      ),
    ),
    fields([
      ['Subject', h('span', { class: 'mono' }, csr.subject.rfc4514 || '(empty)')],
      ['Key', keyText(csr.publicKey)],
      ['Names', chips(csr.subjectAltNames)],
      ['Usage', [...(csr.keyUsage ?? []), ...(csr.extendedKeyUsage ?? []).map((p) => p.name ?? p.oid)].join(', ')],
      ['Attributes', csr.attributes.map((a) => `${a.name ?? a.oid}: ${a.values.join(', ')}`).join('; ')],
      ['SPKI pin', h('span', { class: 'mono' }, csr.publicKey.sha256Pin)],
    ]),
    h(
      'div',
      { class: 'actions' },
      copyButton(() => csr.pem, 'Copy PEM'),
      downloadButton('request.csr', () => csr.pem, 'Download CSR'),
    ),
    pemBlock(csr.pem, pemOpen),
    h('details', { class: 'tree' }, h('summary', {}, `Requested extensions (${csr.extensions.length})`), extensionRows(csr.extensions)),
    h('details', { class: 'tree' }, h('summary', {}, 'Key identifiers by every method'), keyIdTable(csr.pem, csr.subjectKeyIdentifier)),
    detailTree(csr),
  );
}

export function keyCard(kind: string, key: PublicKeyInfo, note?: Node): HTMLElement {
  return h(
    'article',
    { class: 'card' },
    h('header', { class: 'card-head' }, h('h3', { class: 'card-title' }, kind)),
    note ?? null,
    fields([
      ['Key', keyText(key)],
      ['SPKI pin', h('span', { class: 'mono' }, key.sha256Pin)],
    ]),
    h('details', { class: 'tree' }, h('summary', {}, 'Key identifiers by every method'), keyIdTable(key.spki)),
  );
}

export function fileName(text: string): string {
  return (
    text
      .replace(/[^a-z0-9._-]+/gi, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'certificate'
  );
}

/** A certificate revocation list: who issued it, when, and every revoked serial. */
export function crlCard(crl: Crl, title: string): HTMLElement {
  const issuer = crl.issuer.attributes.filter((a) => a.type === 'CN').pop()?.value ?? crl.issuer.rfc4514;
  const next = crl.nextUpdate;
  const overdue = next !== undefined && Date.parse(next) < Date.now();
  return h(
    'article',
    { class: 'card crl' },
    h(
      'header',
      { class: 'card-head' },
      h('h3', { class: 'card-title' }, `${title}: ${issuer}`),
      h('span', { class: `tag ${overdue ? 'warn' : ''}` }, overdue ? 'past its next update' : `${crl.revoked.length} revoked`),
    ),
    fields([
      ['Issuer', h('span', { class: 'mono' }, crl.issuer.rfc4514)],
      ['This update', crl.thisUpdate],
      ['Next update', next ? `${next}${overdue ? ' (a newer CRL should exist: fetch it)' : ''}` : '(none given)'],
      ['CRL number', crl.crlNumber ?? ''],
      ['Delta of', crl.deltaCrlIndicator ? `base CRL ${crl.deltaCrlIndicator}` : ''],
      ['Authority key ID', crl.authorityKeyIdentifier ? h('span', { class: 'mono' }, crl.authorityKeyIdentifier) : ''],
      [
        'Signature',
        `${crl.signatureAlgorithm.name}${crl.signature ? ` (${crl.signature})` : ' (not checked: paste the issuer certificate with it)'}`,
      ],
    ]),
    crl.revoked.length
      ? h(
          'div',
          { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Revoked certificates' },
          h(
            'table',
            { class: 'table stacked' },
            h('thead', {}, h('tr', {}, ...['Serial number', 'Revoked on', 'Reason'].map((t) => h('th', { scope: 'col' }, t)))),
            h(
              'tbody',
              {},
              ...crl.revoked.map((r) =>
                h(
                  'tr',
                  {},
                  h('td', { class: 'mono', 'data-label': 'Serial' }, r.serialNumber),
                  h('td', { 'data-label': 'Revoked on' }, r.revocationDate),
                  h('td', { 'data-label': 'Reason' }, r.reason ?? 'not given'),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'No certificate is revoked by this CRL.'),
    h('details', { class: 'tree' }, h('summary', {}, `Extensions (${crl.extensions.length})`), extensionRows(crl.extensions)),
  );
}
