// What a browser downloads: certkit's JS (pkg/index.js and all it imports, bundled) plus its
// wasm, beside a bundle of each peer. Compressed as a server would at its best settings.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { bundle, PEER_ENTRIES } from '../lib/bundle.mjs';
import { byCrate } from '../lib/wasm-crates.mjs';

const sizes = (bytes) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length,
});

const sum = (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });

/** Per crate, the whole module beside the lean one (pre-wasm-bindgen modules, which keep names). */
function crateTable(repo) {
  const dir = join(repo, 'target/wasm32-unknown-unknown/release');
  const files = { whole: join(dir, 'certkit_wasm.wasm'), inspect: join(dir, 'certkit_inspect_wasm.wasm') };
  if (!existsSync(files.whole) || !existsSync(files.inspect)) return [];
  const whole = byCrate(readFileSync(files.whole));
  const lean = new Map(byCrate(readFileSync(files.inspect)).map((r) => [r.crate, r]));
  const rows = whole.slice(0, 30).map((r) => ({ crate: r.crate, whole: r, inspect: lean.get(r.crate) }));
  return [
    {
      id: 'size.crates',
      kind: 'crates',
      title: 'Where the wasm bytes go, by crate (code bodies and data; the 30 largest of the whole module)',
      rows,
    },
  ];
}

export default async function size({ repo }) {
  const js = sizes(await bundle(join(repo, 'pkg/index.js')));
  const wasm = sizes(readFileSync(join(repo, 'pkg/wasm/certkit_bg.wasm')));
  const worker = sizes(await bundle(join(repo, 'pkg/keygen-worker.js')));
  const leanJs = sizes(await bundle(join(repo, 'pkg/inspect.js')));
  const leanWasm = sizes(readFileSync(join(repo, 'pkg/inspect/certkit_inspect_bg.wasm')));
  const rows = [
    { name: 'certkit JS (pkg/index.js bundled)', part: true, ...js },
    { name: 'certkit wasm (pkg/wasm/certkit_bg.wasm)', part: true, ...wasm },
    { name: 'certkit total (JS + wasm)', baseline: true, ...sum(js, wasm) },
    { name: 'certkit keygen worker (fetched only for RSA with engine "wasm" in a page)', part: true, ...worker },
    { name: 'certkit/inspect JS (pkg/inspect.js bundled)', part: true, ...leanJs },
    { name: 'certkit/inspect wasm (pkg/inspect/certkit_inspect_bg.wasm)', part: true, ...leanWasm },
    { name: 'certkit/inspect total (JS + wasm)', role: 'inspect-total', ...sum(leanJs, leanWasm) },
  ];
  for (const [name, contents] of Object.entries(PEER_ENTRIES)) rows.push({ name, ...sizes(await bundle({ contents })) });
  return {
    title: 'Download size (browser)',
    tables: [
      { id: 'size', kind: 'size', title: 'esbuild --bundle --minify --format=esm; gzip level 9; brotli quality 11', rows },
      ...crateTable(repo),
    ],
    notes: [
      'The certkit wasm is fetched by `new URL(…, import.meta.url)` and measured on its own; the total is what a page that imports certkit downloads before its first call. `certkit/inspect` is the lean entry: the reading functions on a wasm module of their own.',
      "By crate: `bench/lib/wasm-crates.mjs` (a small twiggy) over the modules cargo built, before wasm-bindgen; gzip is each crate's code gzipped on its own, an estimate of its share (gzip also finds repeats across crates). `(data segments)` is .rodata and .data: strings, tables, curve constants.",
      'Peers are whole-library bundles (`export *`); a tree-shaking bundler can drop parts of pkijs and @peculiar/x509 that an app does not use, and none of the wasm.',
    ],
  };
}
