// Key generation and CSR creation in headless Chromium: the page imports /pkg/index.js and
// runs the Node section's workloads against Chromium's own WebCrypto (same-runtime ratios).
import { launchChromium, serveBench } from '../lib/chromium.mjs';

const COMPARISONS = [
  { kind: 'rsa', id: 'browser.rsa', title: 'RSA-2048 key pair (Chromium)' },
  { kind: 'P-256', id: 'browser.P-256', title: 'P-256 key pair (Chromium)' },
  { kind: 'P-384', id: 'browser.P-384', title: 'P-384 key pair (Chromium)' },
  { kind: 'Ed25519', id: 'browser.Ed25519', title: 'Ed25519 key pair (Chromium)' },
  { kind: 'csr', id: 'browser.csr', title: 'P-256 key pair + CSR (CN, O, 2 DNS SANs) to PEM (Chromium)' },
];

export default async function browser({ repo, bench, inputs, quick, log }) {
  const server = await serveBench({ repo, bench, inputs });
  const chromium = await launchChromium();
  try {
    const page = await chromium.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.origin}/bench/browser/keygen.html`);
    const ready = await page
      .waitForFunction(() => globalThis.pageReady, null, { timeout: 60_000 })
      .then((h) => h.jsonValue())
      .catch(() => {
        throw new Error(`the page did not load: ${errors.join('; ') || 'timeout'}`);
      });
    const tables = [];
    for (const { kind, id, title } of COMPARISONS) {
      log(`browser: ${title}`);
      const { baseline, rows } = await page.evaluate(([k, q]) => globalThis.runComparison(k, q), [kind, quick]);
      tables.push({ id, kind: 'time', title, baseline, rows });
    }
    return {
      title: 'Key generation and CSR (Chromium)',
      tables,
      notes: [
        `Headless Chromium ${chromium.version()} (Debian's /usr/bin/chromium via playwright-core), one page served from 127.0.0.1${ready.crossOriginIsolated ? ' with cross-origin isolation (5 µs timers)' : ' (100 µs timers)'}.`,
        "Same workloads and interleaved timing as the Node section, in the page's main thread; certkit engine wasm runs RSA in its module Web Worker (a new worker per key, the wasm from the HTTP cache).",
      ],
    };
  } finally {
    await chromium.close();
    await server.close();
  }
}
