// A .p12 (PKCS#12) download: a key and its certificates, leaf first, encrypted with a passphrase
// the user types. Made in the page; nothing is sent.
import { exportPkcs12, type Certificate } from 'certkit';
import { errorView, h, saveFile } from './ui.ts';

let count = 0;

export interface P12Source {
  /** The private key (PEM); the button stays off while there is none. */
  privateKeyPem: string | undefined;
  /** Leaf first, then its issuers. */
  certificates: Certificate[];
  /** The name keychains show, and the file's name. */
  name: string;
}

/** Passphrase, a legacy switch and a button that saves `<name>.p12`. */
export function p12Download(source: P12Source): HTMLElement {
  const id = `p12-${++count}`;
  const passphrase = h('input', { type: 'password', id: `${id}-passphrase`, autocomplete: 'new-password', class: 'p12-passphrase' });
  const legacy = h('input', { type: 'checkbox', id: `${id}-legacy` });
  const message = h('div', { class: 'p12-message', 'aria-live': 'polite' });
  const file = `${source.name.replace(/[^a-z0-9._-]+/gi, '-').replace(/^-+|-+$/g, '') || 'certificate'}.p12`;
  const button = h('button', { type: 'button', class: 'small', disabled: source.privateKeyPem === undefined }, `Download ${file}`);
  button.addEventListener('click', () => {
    message.replaceChildren();
    if (!source.privateKeyPem) return;
    if (passphrase.value === '') {
      message.replaceChildren(
        h(
          'p',
          { class: 'status error' },
          'Choose a passphrase first: a .p12 file is always encrypted, and you will need it to open the file.',
        ),
      );
      passphrase.focus();
      return;
    }
    try {
      const bytes = exportPkcs12({
        privateKey: source.privateKeyPem,
        certificates: source.certificates.map((c) => c.der),
        passphrase: passphrase.value,
        friendlyName: source.name,
        compatibility: legacy.checked ? 'legacy' : 'modern',
      });
      saveFile(file, bytes);
      message.replaceChildren(
        h(
          'p',
          { class: 'status ok' },
          `Saved ${file}: the key and ${source.certificates.length} certificate${source.certificates.length === 1 ? '' : 's'}.`,
        ),
      );
    } catch (error) {
      message.replaceChildren(errorView(error));
    }
  });
  return h(
    'div',
    { class: 'p12' },
    h(
      'div',
      { class: 'actions' },
      h('label', { for: passphrase.id, class: 'inline' }, 'Passphrase for the .p12'),
      passphrase,
      h('label', { class: 'check inline-check' }, legacy, 'Legacy encryption (older Java, macOS, Windows)'),
      button,
    ),
    source.privateKeyPem === undefined
      ? h('p', { class: 'muted small-text' }, 'A .p12 needs the private key: make or import this key in Keys & CSR to download one.')
      : null,
    message,
  );
}
