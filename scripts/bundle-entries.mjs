// The four entries, each bundled from tsc's output into one file, so that a runtime loading
// them unbundled (Node, or a page importing pkg/index.js without a bundler) does not fetch a
// dozen ES modules one by one: a fifth of Node's time from `import` to the first result, and
// 232 -> 149 ms median of Chromium's cold start (bench/browser/cold.html, 15 fresh contexts each).
// One file per entry also means one copy of each class per entry.
//
//   pkg/node.js          Node, the whole package, its wasm glue bundled in
//   pkg/index.js         browsers, bundlers, Workers: the whole package, glue kept as its own file
//   pkg/inspect-node.js  Node, certkit/inspect: ts/read.ts and the lean module's glue
//   pkg/inspect.js       browsers, certkit/inspect, the lean glue kept as its own file
//
// certkit/inspect's entries point every `./wasm/certkit.js` (the whole package's glue) at the
// lean module's glue in pkg/inspect/. tsc writes an entry from ts/ only when its sources change,
// so its output is kept aside (pkg/.<entry>-entry.js) and the bundle is rebuilt from it every
// time, always holding the current api.js, tape.js, ...
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'rolldown';

const marker = '// certkit: entry bundled by scripts/bundle-entries.mjs';
const pkg = resolve(import.meta.dirname, '../pkg');
const fullGlue = './wasm/certkit.js';

/** Keeps the whole package's glue a file of its own, or points it at the lean glue. */
const glue = ({ lean, external }) => ({
  name: 'certkit-glue',
  resolveId(source) {
    if (source !== fullGlue) return null;
    if (!lean) return external ? { id: fullGlue, external: true } : null;
    return external ? { id: './inspect/certkit_inspect.js', external: true } : resolve(pkg, 'inspect/certkit_inspect.js');
  },
});

const entries = [
  { file: 'node.js', platform: 'node', lean: false, external: false },
  { file: 'index.js', platform: 'browser', lean: false, external: true },
  { file: 'inspect-node.js', platform: 'node', lean: true, external: false },
  { file: 'inspect.js', platform: 'browser', lean: true, external: true },
];

/** Whether a file is a bundle (this script's, or an older marker of the same kind). */
const isBundle = (path) => /^\/\/ certkit: .*bundled by /.test(readFileSync(path, 'utf8').split('\n', 1)[0]);

for (const { file, platform, lean, external } of entries) {
  const output = resolve(pkg, file);
  const entry = resolve(pkg, `.${file.replace('.js', '-entry.js')}`);
  if (!isBundle(output)) copyFileSync(output, entry);
  else if (!existsSync(entry)) throw new Error(`pkg/${file} is a bundle whose tsc output is gone: remove pkg/ and build again`);
  await build({
    input: entry,
    platform,
    plugins: [glue({ lean, external })],
    logLevel: 'warn',
    output: { file: output, format: 'esm', banner: marker },
  });
}
