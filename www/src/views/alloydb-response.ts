// The AlloyDB answer checked against the key that was sent: the verdict, each check, when to
// refresh, and the files a client needs, in proper order whatever order the answer used.
import { alloydb, subjectKeyIdentifier, type Certificate, type ResponseReport } from 'certkit';
import { p12Download } from '../p12.ts';
import { keyWithIdentifier } from '../state.ts';
import { byId, copyButton, downloadButton, errorView, fields, h, mark, problemList } from '../ui.ts';
import { input } from './alloydb.ts';

export function checkResponse(): void {
  const out = byId<HTMLDivElement>('alloydb-response-output');
  const text = byId<HTMLTextAreaElement>('alloydb-response').value;
  if (text.trim() === '') {
    out.replaceChildren();
    return;
  }
  const publicKey = byId<HTMLTextAreaElement>('alloydb-publicKey').value;
  if (publicKey.trim() === '') {
    out.replaceChildren(
      h('p', { class: 'status' }, 'Fill in the public key above first: the answer is checked against the key that was sent.'),
    );
    return;
  }
  try {
    const report = alloydb.checkGenerateClientCertificateResponse(text, { publicKey, certDuration: input().certDuration ?? '3600s' });
    out.replaceChildren(
      h(
        'p',
        { class: `status ${report.ok ? 'ok' : 'error'}`, role: 'status' },
        report.ok ? 'The response checks out.' : 'The response has problems.',
      ),
      checklist(report),
      problemList(report.problems, 'No problems found.'),
      report.checks.leafKeyMatches && report.leaf ? files(report, report.leaf, subjectKeyIdentifier(publicKey)) : '',
    );
  } catch (error) {
    out.replaceChildren(errorView(error));
  }
}

/** Each check as certkit answered it; a check that could not be made shows as not passed. */
function checklist(report: ResponseReport): HTMLElement {
  const { leaf, checks } = report;
  const made = (answer: boolean, when: boolean) => mark(when ? answer : undefined);
  return fields([
    ['Leaf key is the key sent', made(checks.leafKeyMatches, leaf !== undefined)],
    ['Leaf first, where the connectors read it', made(checks.leafFirst, checks.leafKeyMatches)],
    ['Chain order and signatures', made(checks.chainInOrder, report.chain !== undefined)],
    ['caCert is a CA and anchors the chain', made(checks.anchored, report.chain !== undefined)],
    ['Leaf valid now', made(checks.leafValidNow, leaf !== undefined)],
    ['Leaf', leaf ? `${leaf.subject.rfc4514} · ${leaf.notBefore} → ${leaf.notAfter}` : ''],
    ['Next refresh', report.nextRefresh ? `${report.nextRefresh} (${relative(report.nextRefresh)})` : ''],
  ]);
}

/** client.pem, chain.pem (issuer to root), ca.pem and a .p12 when the key is in the ring. */
function files(report: ResponseReport, leaf: Certificate, sentKeyId: string): HTMLElement {
  const { issuers, caCert } = report;
  const chainPem = issuers.map((c) => c.pem).join('');
  const key = keyWithIdentifier(sentKeyId);
  return h(
    'section',
    { class: 'panel files', 'aria-labelledby': 'alloydb-files-title' },
    h('h4', { id: 'alloydb-files-title' }, 'Files for your client'),
    h(
      'p',
      { class: 'muted' },
      'The client certificate, its issuers in order (issuer first, towards the root) and the cluster CA, whatever order the answer used.',
    ),
    h(
      'div',
      { class: 'actions' },
      downloadButton('client.pem', () => leaf.pem),
      issuers.length ? downloadButton('chain.pem', () => chainPem) : null,
      caCert ? downloadButton('ca.pem', () => caCert.pem) : null,
      copyButton(() => leaf.pem + chainPem, 'Copy certificate and chain'),
    ),
    key
      ? p12Download({ privateKeyPem: key.pair.privateKeyPem, certificates: [leaf, ...issuers], name: `${key.name} AlloyDB client` })
      : h('p', { class: 'muted small-text' }, 'For a .p12 of the key and these certificates, make or import the key in Keys & CSR first.'),
  );
}

function relative(iso: string): string {
  const minutes = Math.round((Date.parse(iso) - Date.now()) / 60_000);
  if (Math.abs(minutes) < 1) return 'now';
  if (Math.abs(minutes) < 120) return minutes > 0 ? `in ${minutes} min` : `${-minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours > 0 ? `in ${hours} h` : `${-hours} h ago`;
}
