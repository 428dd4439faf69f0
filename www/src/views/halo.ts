// Halo Certificates: name, method and fields; the rule result before anything is sent; the
// proto3 JSON and grpcurl line; and a ListCertificates response read as a status table.
import { halo, parseCertificate, type CertificateStatus, type Problem, type RpcRequest } from 'certkit';
import { byId, debounce, errorView, h, output, plainMessage, problemList } from '../ui.ts';

type MethodName = 'get' | 'create' | 'list' | 'revoke' | 'release';

export function setUpHalo(): void {
  const form = byId<HTMLFormElement>('halo-form');
  const update = debounce(render, 150);
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', (event) => event.preventDefault());
  byId<HTMLFormElement>('halo-encode-form').addEventListener('submit', (event) => {
    event.preventDefault();
    encode();
  });
  byId<HTMLFormElement>('halo-decode-form').addEventListener('submit', (event) => {
    event.preventDefault();
    decode();
  });
  byId<HTMLTextAreaElement>('halo-list-response').addEventListener('input', debounce(summarize, 200));
  render();
  encode();
  decode();
}

/** The grpcurl connection: what is typed, the rest left to the line's placeholders. */
function connection(): halo.RequestOptions {
  const paths = v('import-paths').split(/\s+/).filter(Boolean);
  return {
    ...(v('endpoint') ? { endpoint: v('endpoint') } : {}),
    ...(v('cert') ? { cert: v('cert') } : {}),
    ...(v('key') ? { key: v('key') } : {}),
    ...(v('cacert') ? { cacert: v('cacert') } : {}),
    ...(paths.length ? { importPaths: paths } : {}),
  };
}

function v(id: string): string {
  return (document.getElementById(`halo-${id}`) as HTMLInputElement | null)?.value.trim() ?? '';
}

function method(): MethodName {
  return (document.querySelector<HTMLInputElement>('input[name="halo-method"]:checked')?.value ?? 'get') as MethodName;
}

function render(): void {
  const chosen = method();
  for (const section of document.querySelectorAll<HTMLElement>('[data-methods]')) {
    section.hidden = !(section.dataset.methods ?? '').split(' ').includes(chosen);
  }
  const parent = `${v('parent-type')}/${v('parent-id')}`;
  const preferred = byId<HTMLInputElement>('halo-preferred').checked;
  byId<HTMLInputElement>('halo-certificate-id').disabled = preferred;
  const name = `${parent}/certificates/${preferred ? 'preferred' : v('certificate-id')}`;
  showIdHint(parent);
  const options = connection();
  const out = byId<HTMLDivElement>('halo-output');
  const pieces: Node[] = [];
  try {
    let problems: Problem[];
    let build: () => RpcRequest;
    switch (chosen) {
      case 'get':
        problems = halo.checkGetCertificateRequest({ name }, options);
        build = () => halo.buildGetCertificateRequest({ name }, options);
        break;
      case 'create': {
        const certificate = byId<HTMLTextAreaElement>('halo-certificate').value;
        pieces.push(certificateHint(certificate));
        problems = halo.checkCreateCertificateRequest({ parent, certificate }, options);
        build = () => halo.buildCreateCertificateRequest({ parent, certificate }, options);
        break;
      }
      case 'list': {
        const input = listInput(parent);
        problems = halo.checkListCertificatesRequest(input, options);
        build = () => halo.buildListCertificatesRequest(input, options);
        break;
      }
      case 'revoke': {
        const input = { name, revocationState: v('revocation-state') as halo.RevocationState, ...currentState() };
        problems = halo.checkRevokeCertificateRequest(input, options);
        build = () => halo.buildRevokeCertificateRequest(input, options);
        break;
      }
      case 'release': {
        const input = { name, ...currentState() };
        problems = halo.checkReleaseCertificateHoldRequest(input, options);
        build = () => halo.buildReleaseCertificateHoldRequest(input, options);
        break;
      }
    }
    pieces.push(h('h3', {}, 'Rule check'), problemList(problems, 'The server should accept this request.'));
    if (problems.some((p) => p.severity === 'error')) {
      pieces.push(h('p', { class: 'status error', role: 'status' }, 'Blocked: the server would refuse this request. Nothing to send yet.'));
    } else {
      const request = build();
      pieces.push(output(`${request.method} (proto3 JSON)`, JSON.stringify(request.bodyJson, null, 2)), output('grpcurl', request.grpcurl));
    }
  } catch (error) {
    pieces.push(errorView(error));
  }
  out.replaceChildren(...pieces);
}

function currentState(): { currentState?: halo.RevocationState } {
  const state = v('current-state');
  return state ? { currentState: state as halo.RevocationState } : {};
}

function listInput(parent: string): halo.ListCertificatesInput {
  const pageSize = v('page-size');
  const token = v('page-token');
  const skis = v('ski-filter').split(/\s|,/).filter(Boolean);
  return {
    parent,
    ...(pageSize !== '' ? { pageSize: Number(pageSize) } : {}),
    ...(token ? { pageToken: token } : {}),
    ...(skis.length ? { filter: { subjectKeyIdentifiers: skis } } : {}),
  };
}

/** The certificate's SKI, which Create needs, or why there is none. */
function certificateHint(text: string): HTMLElement {
  if (text.trim() === '') return h('p', { class: 'muted' }, 'Paste the certificate to register (PEM); certkit converts it to DER.');
  try {
    const cert = parseCertificate(text);
    return cert.subjectKeyIdentifier
      ? h('p', { class: 'status ok' }, `Subject key identifier: `, h('code', {}, cert.subjectKeyIdentifier), ` (${cert.subject.rfc4514})`)
      : h('p', { class: 'status error' }, 'This certificate has no subjectKeyIdentifier extension: CreateCertificate would refuse it.');
  } catch (error) {
    return errorView(error);
  }
}

function showIdHint(parent: string): void {
  const hint = byId<HTMLParagraphElement>('halo-id-hint');
  try {
    const parsed = halo.parseName(parent);
    hint.textContent = parsed.parentApiId
      ? `API ID for ${parsed.parentApiId}.`
      : parsed.parentType === 'duchies'
        ? 'Duchy IDs are plain strings.'
        : 'Not an API ID; the reference server uses 11-character API IDs.';
  } catch {
    hint.textContent = 'Enter the parent ID.';
  }
}

function encode(): void {
  const text = v('encode-number');
  if (!/^\d+$/.test(text)) {
    answer('halo-encode-output', 'Enter a whole number from 1 to 9223372036854775807.', false);
    return;
  }
  try {
    answer('halo-encode-output', halo.encodeApiId(BigInt(text)), true);
  } catch (error) {
    answer('halo-encode-output', `${plainMessage(error)}. Enter a number from 1 to 9223372036854775807.`, false);
  }
}

function decode(): void {
  try {
    answer('halo-decode-output', halo.decodeApiId(v('decode-id')).toString(), true);
  } catch (error) {
    answer('halo-decode-output', plainMessage(error), false);
  }
}

/** An API ID or a number in code type; what went wrong in words, in the error colour. */
function answer(id: string, text: string, ok: boolean): void {
  const out = byId<HTMLOutputElement>(id);
  out.textContent = text;
  out.className = ok ? 'mono' : 'error-text';
}

function summarize(): void {
  const out = byId<HTMLDivElement>('halo-list-output');
  const text = byId<HTMLTextAreaElement>('halo-list-response').value;
  if (text.trim() === '') {
    out.replaceChildren();
    return;
  }
  try {
    const statuses = halo.summarizeCertificates(text);
    const picked = statuses.find((s) => s.preferred);
    out.replaceChildren(
      h(
        'p',
        { class: picked ? 'status ok' : 'status warn' },
        picked
          ? `★ ${picked.name.split('/').pop()} is certkit's pick for the preferred certificate, by the service's best practice: valid now, not on HOLD or REVOKED, the latest notAfter. The server's own preferred alias may answer differently.`
          : 'No certificate here is usable now (each is on HOLD, REVOKED, expired, not yet valid or unreadable), so none is preferred: register a new one with CreateCertificate.',
      ),
      h(
        'div',
        { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Certificate statuses' },
        h(
          'table',
          { class: 'table stacked status-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...['Certificate', 'Status', 'Subject key identifier', 'Not after', 'Days left'].map((t) => h('th', { scope: 'col' }, t)),
            ),
          ),
          h('tbody', {}, ...statuses.map(row)),
        ),
      ),
      problemList(
        statuses.flatMap((s) => s.problems),
        `${statuses.length} certificate${statuses.length === 1 ? '' : 's'} read.`,
      ),
    );
  } catch (error) {
    out.replaceChildren(errorView(error));
  }
}

function row(s: CertificateStatus): HTMLElement {
  const id = s.name.split('/').pop() ?? s.name;
  return h(
    'tr',
    { class: s.preferred ? 'preferred' : '' },
    h(
      'td',
      { class: 'name-cell' },
      s.preferred ? h('span', { class: 'tag good', title: "certkit's pick for the preferred certificate" }, '★ preferred') : '',
      h('div', { class: 'mono' }, id),
      h('div', { class: 'mono small-text muted' }, s.name),
    ),
    h('td', { 'data-label': 'Status' }, h('span', { class: `tag ${statusTone(s.status)}` }, s.status)),
    h(
      'td',
      { class: 'mono small-text', 'data-label': 'SKI' },
      s.subjectKeyIdentifier ? h('span', {}, s.subjectKeyIdentifier.hex, h('div', { class: 'muted' }, s.subjectKeyIdentifier.base64)) : '–',
    ),
    h('td', { 'data-label': 'Not after' }, s.notAfter ?? '–'),
    h('td', { 'data-label': 'Days left' }, s.daysLeft === undefined ? '–' : String(s.daysLeft)),
  );
}

function statusTone(status: string): string {
  return ({ valid: 'good', expiring: 'warn', 'on-hold': 'warn', 'not-yet-valid': 'warn' } as Record<string, string>)[status] ?? 'bad';
}
