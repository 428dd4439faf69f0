// Headless Debian Chromium (never a downloaded browser) and a tiny static server for it.
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { bundle, PEER_ENTRIES } from './bundle.mjs';

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.pem': 'text/plain',
};

/**
 * Serves `routes` (URL prefix → folder) on 127.0.0.1. Cross-origin isolation headers give the
 * page 5 µs timer resolution instead of 100 µs. Responses are cacheable, as from any host:
 * cold starts use a fresh browser context, whose cache is empty.
 */
async function serve(routes) {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const prefix = Object.keys(routes).find((p) => pathname.startsWith(p));
    const file = prefix && normalize(join(routes[prefix], pathname.slice(prefix.length)));
    if (!file?.startsWith(routes[prefix]) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'max-age=3600',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Launches headless Chromium; the caller closes it. */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-renderer-backgrounding',
      '--disable-background-timer-throttling',
    ],
  });
}

/**
 * The bench pages' server: the package at /pkg/, bench/ at /bench/, the inputs at /inputs/,
 * and an esbuild bundle of @peculiar/x509 at /vendor/peculiar.js.
 */
export async function serveBench({ repo, bench, inputs }) {
  const vendor = join(inputs.dir, 'vendor');
  if (!existsSync(join(vendor, 'peculiar.js'))) {
    mkdirSync(vendor, { recursive: true });
    writeFileSync(join(vendor, 'peculiar.js'), await bundle({ contents: PEER_ENTRIES['@peculiar/x509 + reflect-metadata'] }));
  }
  return serve({ '/pkg/': join(repo, 'pkg'), '/bench/': bench, '/inputs/': inputs.dir, '/vendor/': vendor });
}
