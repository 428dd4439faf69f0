// The two entries of `certkit/inspect`, bundled from tsc's output: ts/read.ts and what it
// imports, with every `./wasm/certkit.js` (the whole package's wasm-bindgen glue) pointed at the
// lean module's glue in pkg/inspect/. The browser entry keeps the glue as its own file (its
// default wasm URL is relative to itself); Node's entry is one file, glue included.
//
// tsc writes pkg/inspect.js and pkg/inspect-node.js from ts/ only when their sources change, so
// its output is kept aside (pkg/.inspect-entry.js, pkg/.inspect-node-entry.js) and the bundle is
// rebuilt from it every time, always holding the current read.js, tape.js, ...
import { copyFileSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'rolldown';

const marker = '// certkit: certkit/inspect entry bundled by scripts/bundle-inspect.mjs';
const pkg = resolve(import.meta.dirname, '../pkg');
const fullGlue = './wasm/certkit.js';

/** Points the whole package's glue at the lean one, as a separate file or bundled in. */
const leanGlue = (external) => ({
  name: 'certkit-lean-glue',
  resolveId(source) {
    if (source !== fullGlue) return null;
    return external ? { id: './inspect/certkit_inspect.js', external: true } : resolve(pkg, 'inspect/certkit_inspect.js');
  },
});

for (const [file, platform, external] of [
  ['inspect.js', 'browser', true],
  ['inspect-node.js', 'node', false],
]) {
  const output = resolve(pkg, file);
  const entry = resolve(pkg, `.${file.replace('.js', '-entry.js')}`);
  if (readFileSync(output, 'utf8').split('\n', 1)[0] !== marker) copyFileSync(output, entry);
  await build({
    input: entry,
    platform,
    plugins: [leanGlue(external)],
    logLevel: 'warn',
    output: { file: output, format: 'esm', banner: marker },
  });
}
