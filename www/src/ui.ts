// Small DOM helpers: elements, copy and download buttons, problem lists. No framework.
import { CertkitError, type Problem } from 'certkit';

type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | boolean | number | undefined | ((event: Event) => void)>;

/** Makes an element: `h('button', { class: 'x', onclick: fn }, 'Label')`. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') node.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }
  node.append(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
  return node;
}

/** The element with this id, typed; throws when the page lacks it (a bug, not user input). */
export function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node as T;
}

/** A button that copies `text()` to the clipboard and says so. */
export function copyButton(text: () => string, label = 'Copy'): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'small' }, label);
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text());
      flash(button, 'Copied');
    } catch {
      flash(button, 'Copy failed');
    }
  });
  return button;
}

/** Saves bytes or text as a file, made in the page (nothing is uploaded). */
export function saveFile(filename: string, content: string | Uint8Array): void {
  const blob = new Blob([content instanceof Uint8Array ? content.slice() : content], {
    type: typeof content === 'string' ? 'text/plain' : 'application/octet-stream',
  });
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A button that saves `data()` as a file. */
export function downloadButton(filename: string, data: () => string | Uint8Array, label = `Download ${filename}`): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'small' }, label);
  button.addEventListener('click', () => saveFile(filename, data()));
  return button;
}

function flash(button: HTMLButtonElement, message: string): void {
  const original = button.textContent;
  button.textContent = message;
  setTimeout(() => (button.textContent = original), 1200);
}

/** A block of monospace output with a copy button. */
export function output(title: string, text: string, extra: Node[] = []): HTMLElement {
  return h(
    'div',
    { class: 'output' },
    h(
      'div',
      { class: 'output-head' },
      h('span', { class: 'output-title' }, title),
      copyButton(() => text),
      ...extra,
    ),
    h('pre', { class: 'mono', tabindex: 0 }, text),
  );
}

const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

/** Problems as a list, most severe first. */
export function problemList(problems: Problem[], emptyText?: string): HTMLElement {
  if (problems.length === 0) return h('p', { class: 'ok-line' }, emptyText ?? 'No problems found.');
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...problems].sort((a, b) => order[a.severity] - order[b.severity]);
  return h(
    'ul',
    { class: 'problems' },
    ...sorted.map((p) =>
      h(
        'li',
        { class: `problem ${p.severity}` },
        h('span', { class: 'badge' }, SEVERITY_LABEL[p.severity]),
        h(
          'span',
          { class: 'problem-text' },
          h('code', {}, p.code),
          p.field ? h('span', { class: 'field' }, ` ${p.field}`) : null,
          ` ${p.message}`,
        ),
      ),
    ),
  );
}

/** A definition list from label/value pairs (values may be nodes). */
export function fields(pairs: [string, Child][]): HTMLElement {
  const list = h('dl', { class: 'fields' });
  for (const [label, value] of pairs) {
    if (value === null || value === undefined || value === false || value === '') continue;
    list.append(h('dt', {}, label), h('dd', {}, value));
  }
  return list;
}

/** A check mark, cross or dash with an accessible label. */
export function mark(value: boolean | undefined, yes = 'yes', no = 'no'): HTMLElement {
  if (value === undefined) return h('span', { class: 'mark neutral', title: 'not applicable' }, '–');
  return h(
    'span',
    { class: `mark ${value ? 'good' : 'bad'}`, title: value ? yes : no },
    value ? '✓' : '✗',
    h('span', { class: 'sr-only' }, value ? yes : no),
  );
}

/** Whole days from now until an RFC 3339 time (negative when past). */
export function daysUntil(iso: string): number {
  return Math.floor((Date.parse(iso) - Date.now()) / 86_400_000);
}

/** "expires in 12 days", "expired 3 days ago", "not valid for 2 more days". */
export function validityText(notBefore: string, notAfter: string): string {
  if (Date.parse(notBefore) > Date.now()) return `not valid for ${Math.max(1, -daysUntil(notBefore))} more days`;
  const days = daysUntil(notAfter);
  if (days < 0) return `expired ${-days} day${days === -1 ? '' : 's'} ago`;
  if (days === 0) return 'expires today';
  return `expires in ${days} day${days === 1 ? '' : 's'}`;
}

/** Reads a dropped or picked file as bytes (PEM files decode as text inside certkit). */
export async function fileBytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** Debounces input handlers so typing stays smooth. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms = 120): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** Any thrown error as a problem list (a CertkitError's problems, or itself as one). */
export function errorView(error: unknown): HTMLElement {
  if (error instanceof CertkitError) {
    const problems: Problem[] = error.problems.length
      ? error.problems
      : [
          {
            code: error.code,
            status: error.status,
            ...(error.field ? { field: error.field } : {}),
            severity: 'error',
            message: error.message.replace(/^[^:]*: /, ''),
          },
        ];
    return problemList(problems);
  }
  return h('p', { class: 'status error', role: 'alert' }, error instanceof Error ? error.message : String(error));
}

/** An error's message in words, without the field path a developer reads ("n: ..."). */
export function plainMessage(error: unknown): string {
  if (error instanceof CertkitError) {
    return error.field && error.message.startsWith(`${error.field}: `) ? error.message.slice(error.field.length + 2) : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
