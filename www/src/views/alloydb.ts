// AlloyDB generateClientCertificate: a form checked as you type and the ready request; the
// answer's check is in alloydb-response.ts.
import { alloydb, type Problem } from 'certkit';
import { findKey, onRingChange, ringKeys, selectedKey } from '../state.ts';
import { byId, debounce, errorView, h, output, problemList } from '../ui.ts';
import { checkResponse } from './alloydb-response.ts';

const PASTED = 'pasted';

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
  const choice = byId<HTMLSelectElement>('alloydb-key');
  choice.addEventListener('change', () => {
    const key = findKey(Number(choice.value));
    if (key) byId<HTMLTextAreaElement>('alloydb-publicKey').value = key.pair.publicKeyPem;
    render();
  });
  byId<HTMLTextAreaElement>('alloydb-publicKey').addEventListener('input', () => {
    choice.value = PASTED;
  });
  onRingChange(() => {
    keyChoices();
    render();
  });
  keyChoices();
  byId<HTMLTextAreaElement>('alloydb-response').addEventListener('input', debounce(checkResponse, 200));
  render();
}

/** The key menu follows the ring; an empty public key box takes the key picked there. */
function keyChoices(): void {
  const choice = byId<HTMLSelectElement>('alloydb-key');
  const box = byId<HTMLTextAreaElement>('alloydb-publicKey');
  const picked = selectedKey();
  if (box.value.trim() === '' && picked) box.value = picked.pair.publicKeyPem;
  const keys = ringKeys();
  choice.replaceChildren(
    h(
      'option',
      { value: PASTED },
      keys.length ? 'The public key pasted below' : 'None yet: make one in Keys & CSR, or paste a public key below',
    ),
    ...keys.map((key) =>
      h(
        'option',
        { value: String(key.id) },
        `${key.name} (${key.pair.algorithm}${key.pair.modulusLength ? ` ${key.pair.modulusLength}` : ''}${key.pair.namedCurve ? ` ${key.pair.namedCurve}` : ''})`,
      ),
    ),
  );
  const current = keys.find((k) => k.pair.publicKeyPem === box.value);
  choice.value = current ? String(current.id) : PASTED;
}

export function input(): alloydb.GenerateClientCertificateInput {
  const v = (id: string) => byId<HTMLInputElement>(`alloydb-${id}`).value.trim();
  const duration = v('certDuration');
  return {
    parent: { project: v('project'), location: v('location'), cluster: v('cluster') },
    publicKey: byId<HTMLTextAreaElement>('alloydb-publicKey').value,
    ...(duration ? { certDuration: /^\d+(\.\d+)?$/.test(duration) ? Number(duration) : duration } : {}),
    ...(v('requestId') ? { requestId: v('requestId') } : {}),
    useMetadataExchange: byId<HTMLInputElement>('alloydb-useMetadataExchange').checked,
    version: byId<HTMLSelectElement>('alloydb-version').value as 'v1' | 'v1beta' | 'v1alpha',
  };
}

function render(): void {
  const request = input();
  const noKeyYet = request.publicKey?.trim() === '';
  // An empty key box is a step not yet taken, not a mistake: it is asked for, not flagged.
  const problems = alloydb.checkGenerateClientCertificateRequest(request).filter((p) => !(noKeyYet && p.field === 'publicKey'));
  for (const name of FORM_FIELDS) {
    const slot = document.getElementById(`alloydb-${name}-problems`);
    if (!slot) continue;
    const mine = problems.filter((p) => formField(p.field) === name);
    slot.replaceChildren(mine.length ? problemList(mine) : '');
    const control = document.getElementById(`alloydb-${name}`);
    control?.setAttribute('aria-invalid', String(mine.some((p) => p.severity === 'error')));
  }
  const out = byId<HTMLDivElement>('alloydb-output');
  if (problems.some((p) => p.severity === 'error')) {
    out.replaceChildren(h('p', { class: 'status error' }, `Fix the ${count(problems, 'error')} above to get the request.`));
    return;
  }
  if (noKeyYet) {
    out.replaceChildren(
      h(
        'p',
        { class: 'status' },
        'Add the public key to send: pick one of your keys above, or paste a PEM public key. The request appears here.',
      ),
    );
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
    out.replaceChildren(errorView(error));
  }
}

/** The form input a problem is about: the cluster name's parts have their own inputs. */
function formField(field: string | undefined): string | undefined {
  return field?.startsWith('parent.') ? field.slice('parent.'.length) : field;
}

function count(problems: Problem[], severity: 'error' | 'warning'): string {
  const n = problems.filter((p) => p.severity === severity).length;
  return `${n} ${severity}${n === 1 ? '' : 's'}`;
}
