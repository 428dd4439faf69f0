// Shared browser setup for the end-to-end suites: Debian's Chromium driven by playwright-core,
// and the web app served by Vite on 127.0.0.1, as `npm start` serves it.
import assert from 'node:assert/strict';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { extname } from 'node:path';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';

export const repo = fileURLToPath(new URL('../..', import.meta.url));
export const resultsDir = join(repo, 'test-results');
mkdirSync(resultsDir, { recursive: true });

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts the Vite dev server on a free port; returns its URL and a close function. */
export async function serveApp() {
  const server = await createServer({
    configFile: join(repo, 'www/vite.config.ts'),
    logLevel: 'error',
    server: { port: 0, strictPort: false },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite did not report a URL');
  return { url, close: () => server.close() };
}

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/**
 * Serves the static build (`npm run build:www`) from www/dist on a free port under `prefix`,
 * as any static host would; a prefix proves the asset paths are relative.
 */
export async function serveDist(prefix = '/', root = join(repo, 'www/dist')) {
  const server = createHttpServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (!pathname.startsWith(prefix)) {
      response.writeHead(404).end();
      return;
    }
    const path = join(root, pathname.slice(prefix.length));
    const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'index.html') : path;
    if (!file.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Every request a page makes to another origin than `origin`. */
export function watchRequests(page, origin) {
  const foreign = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  return foreign;
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function accessibilityViolations(page) {
  const source = readFileSync(join(repo, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source); // CDP evaluation is not subject to the page's CSP
  const results = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join('; ')}`,
    );
}

/** A fresh Chromium profile; returns the context and a close function. */
export async function launch(viewport = { width: 1280, height: 900 }) {
  const profile = mkdtempSync(join(tmpdir(), 'certkit-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Collects console errors and uncaught exceptions of a page, to assert there were none. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return errors;
}

/**
 * One app server and browser for a test file: `open(view)` gives a page that records requests
 * to other origins and console errors, `finish` asserts there were none, `screenshots` writes
 * 1280 and 390 px full-page shots to test-results/ and fails when the page is wider than the screen.
 */
export function appSession() {
  let app;
  let browser;
  const foreignRequests = [];
  const pageErrors = [];
  const session = {
    async start() {
      app = await serveApp();
      browser = await launch();
    },
    async finish() {
      await browser?.close();
      await app?.close();
      assert.deepEqual(foreignRequests, [], 'no request may leave the origin');
      assert.deepEqual(pageErrors, [], 'no console error or uncaught exception');
    },
    async open(view, width = 1280) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
      foreignRequests.push(...watchRequests(page, app.url.replace(/\/$/, '')));
      const errors = watchErrors(page);
      page.on('close', () => pageErrors.push(...errors));
      await page.goto(`${app.url}#${view}`);
      await page.locator('body[data-ready="true"]').waitFor();
      return page;
    },
    async screenshots(page, name) {
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
        // From the top: a full-page shot of a scrolled page draws the sticky header mid-page.
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(resultsDir, `${name}-${width}.png`), fullPage: true });
        assert.deepEqual(await overflowing(page, width), [], `${name} at ${width}px is wider than the screen`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    },
  };
  return session;
}

/** The innermost elements whose content is wider than a `width`-px screen (a phone must not scroll sideways). */
function overflowing(page, width) {
  return page.evaluate((screen) => {
    if (document.documentElement.scrollWidth <= screen) return [];
    const wide = [...document.querySelectorAll('main *')].filter(
      (e) =>
        e.getBoundingClientRect().right > screen + 0.5 ||
        (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible' && e.clientWidth > 0),
    );
    return wide
      .filter((e) => !wide.some((inner) => inner !== e && e.contains(inner)))
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className ? `.${String(e.className).split(' ')[0]}` : ''}: ${e.textContent.slice(0, 40)}`,
      );
  }, width);
}
