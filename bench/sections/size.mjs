// What a browser downloads: certkit's JS (pkg/index.js and all it imports, bundled) plus its
// wasm, beside a bundle of each peer. Compressed as a server would at its best settings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { bundle, PEER_ENTRIES } from '../lib/bundle.mjs';

const sizes = (bytes) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length,
});

export default async function size({ repo }) {
  const js = sizes(await bundle(join(repo, 'pkg/index.js')));
  const wasm = sizes(readFileSync(join(repo, 'pkg/wasm/certkit_bg.wasm')));
  const worker = sizes(await bundle(join(repo, 'pkg/keygen-worker.js')));
  const total = { raw: js.raw + wasm.raw, gzip: js.gzip + wasm.gzip, brotli: js.brotli + wasm.brotli };
  const rows = [
    { name: 'certkit JS (pkg/index.js bundled)', part: true, ...js },
    { name: 'certkit wasm (pkg/wasm/certkit_bg.wasm)', part: true, ...wasm },
    { name: 'certkit total (JS + wasm)', baseline: true, ...total },
    { name: 'certkit keygen worker (fetched only for RSA with engine "wasm" in a page)', part: true, ...worker },
  ];
  for (const [name, contents] of Object.entries(PEER_ENTRIES)) rows.push({ name, ...sizes(await bundle({ contents })) });
  return {
    title: 'Download size (browser)',
    tables: [{ id: 'size', kind: 'size', title: 'esbuild --bundle --minify --format=esm; gzip level 9; brotli quality 11', rows }],
    notes: [
      'The certkit wasm is fetched by `new URL(…, import.meta.url)` and measured on its own; the total is what a page that imports certkit downloads before its first call.',
      'Peers are whole-library bundles (`export *`); a tree-shaking bundler can drop parts of pkijs and @peculiar/x509 that an app does not use, and none of the wasm.',
    ],
  };
}
