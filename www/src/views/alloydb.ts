// AlloyDB generateClientCertificate: a form checked as you type, the ready request, and a
// check of the response against the key that was sent.
import { alloydb, CertkitError, type Problem } from 'certkit';
import { currentKeyPair, onKeyPair } from '../state.ts';
import { byId, debounce, fields, h, mark, output, problemList } from '../ui.ts';

/** Which form field a problem belongs to; parent problems go to the segment they name. */
const FIELD_OF_CODE: Record<string, string> = {
  INVALID_PROJECT_ID: 'project',
  INVALID_LOCATION: 'location',
  LOCATION_NOT_REGION: 'location',
  INVALID_CLUSTER_ID: 'cluster',
  CLUSTER_ID_NOT_RECOMMENDED: 'cluster',
  INVALID_PARENT: 'parent',
};
const FORM_FIELDS = [
  'project',
  'location',
  'cluster',
  'parent',
  'certDuration',
  'requestId',
  'publicKey',
  'version',
  'useMetadataExchange',
];

export function setUpAlloyDb(): void {
  const form = byId<HTMLFormElement>('alloydb-form');
  const update = debounce(render, 150);
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', (event) => event.preventDefault());
  byId<HTMLButtonElement>('alloydb-generate-id').addEventListener('click', () => {
    byId<HTMLInputElement>('alloydb-requestId').value = alloydb.generateRequestId();
    render();
  });
  byId<HTMLButtonElement>('alloydb-use-key').addEventListener('click', () => {
    const pair = currentKeyPair();
    if (pair) byId<HTMLTextAreaElement>('alloydb-publicKey').value = pair.publicKeyPem;
    render();
  });
  onKeyPair((pair) => {
    byId<HTMLButtonElement>('alloydb-use-key').disabled = !pair;
    const box = byId<HTMLTextAreaElement>('alloydb-publicKey');
    if (pair && box.value.trim() === '') box.value = pair.publicKeyPem;
    render();
  });
  byId<HTMLButtonElement>('alloydb-use-key').disabled = !currentKeyPair();
  byId<HTMLTextAreaElement>('alloydb-response').addEventListener('input', debounce(checkResponse, 200));
  render();
}

function input(): alloydb.GenerateClientCertificateInput {
  const v = (id: string) => byId<HTMLInputElement>(`alloydb-${id}`).value.trim();
  const duration = v('certDuration');
  return {
    parent: `projects/${v('project')}/locations/${v('location')}/clusters/${v('cluster')}`,
    publicKey: byId<HTMLTextAreaElement>('alloydb-publicKey').value,
    ...(duration ? { certDuration: /^\d+(\.\d+)?$/.test(duration) ? Number(duration) : duration } : {}),
    ...(v('requestId') ? { requestId: v('requestId') } : {}),
    useMetadataExchange: byId<HTMLInputElement>('alloydb-useMetadataExchange').checked,
    version: byId<HTMLSelectElement>('alloydb-version').value as 'v1' | 'v1beta' | 'v1alpha',
  };
}

function render(): void {
  const request = input();
  const problems = alloydb.checkGenerateClientCertificateRequest(request);
  for (const name of FORM_FIELDS) {
    const slot = document.getElementById(`alloydb-${name}-problems`);
    if (!slot) continue;
    const mine = problems.filter((p) => (FIELD_OF_CODE[p.code] ?? p.field) === name);
    slot.replaceChildren(mine.length ? problemList(mine) : '');
    const control = document.getElementById(`alloydb-${name}`);
    control?.setAttribute('aria-invalid', String(mine.some((p) => p.severity === 'error')));
  }
  const out = byId<HTMLDivElement>('alloydb-output');
  if (problems.some((p) => p.severity === 'error')) {
    out.replaceChildren(h('p', { class: 'status error' }, `Fix the ${count(problems, 'error')} above to get the request.`));
    return;
  }
  try {
    const built = alloydb.buildGenerateClientCertificateRequest(request);
    out.replaceChildren(
      problems.length
        ? h('p', { class: 'status warn' }, `Ready, with ${count(problems, 'warning')} to read above.`)
        : h('p', { class: 'status ok' }, 'Ready to send.'),
      output('URL', `${built.method} ${built.url}`),
      output('JSON body', JSON.stringify(built.bodyJson, null, 2)),
      output('curl', built.curl),
    );
  } catch (error) {
    out.replaceChildren(error instanceof CertkitError ? problemList(error.problems) : h('p', {}, String(error)));
  }
}

function count(problems: Problem[], severity: 'error' | 'warning'): string {
  const n = problems.filter((p) => p.severity === severity).length;
  return `${n} ${severity}${n === 1 ? '' : 's'}`;
}

function checkResponse(): void {
  const out = byId<HTMLDivElement>('alloydb-response-output');
  const text = byId<HTMLTextAreaElement>('alloydb-response').value;
  if (text.trim() === '') {
    out.replaceChildren();
    return;
  }
  const publicKey = byId<HTMLTextAreaElement>('alloydb-publicKey').value;
  try {
    const report = alloydb.checkGenerateClientCertificateResponse(text, { publicKey, certDuration: input().certDuration ?? '3600s' });
    const has = (code: string) => report.problems.some((p) => p.code === code && p.severity === 'error');
    const links = report.chain?.links ?? [];
    out.replaceChildren(
      h(
        'p',
        { class: `status ${report.ok ? 'ok' : 'error'}`, role: 'status' },
        report.ok ? 'The response checks out.' : 'The response has problems.',
      ),
      fields([
        ['Leaf key is the key sent', mark(report.leaf ? !has('LEAF_KEY_MISMATCH') : undefined)],
        [
          'Chain order and signatures',
          mark(report.chain ? !has('CHAIN_OUT_OF_ORDER') && links.every((l) => l.signature !== 'invalid') : undefined),
        ],
        ['caCert is a CA and anchors the chain', mark(!has('CA_CERT_MISSING') && !has('CA_CERT_NOT_CA') && !has('CHAIN_NOT_ANCHORED'))],
        ['Leaf valid now', mark(report.leaf ? !has('CERTIFICATE_EXPIRED') && !has('CERTIFICATE_NOT_YET_VALID') : undefined)],
        ['Leaf', report.leaf ? `${report.leaf.subject.rfc4514} · ${report.leaf.notBefore} → ${report.leaf.notAfter}` : ''],
        ['Next refresh', report.nextRefresh ? `${report.nextRefresh} (${relative(report.nextRefresh)})` : ''],
      ]),
      problemList(report.problems, 'No problems found.'),
    );
  } catch (error) {
    out.replaceChildren(
      h('p', { class: 'status error', role: 'alert' }, error instanceof CertkitError ? `${error.code}: ${error.message}` : String(error)),
    );
  }
}

function relative(iso: string): string {
  const minutes = Math.round((Date.parse(iso) - Date.now()) / 60_000);
  if (Math.abs(minutes) < 1) return 'now';
  if (Math.abs(minutes) < 120) return minutes > 0 ? `in ${minutes} min` : `${-minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours > 0 ? `in ${hours} h` : `${-hours} h ago`;
}
