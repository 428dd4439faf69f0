/**
 * `certkit/inspect` for Node: the lean wasm module loaded synchronously from disk (no top-level
 * await), so both `import` and `require` work. Bundled into `pkg/inspect-node.js` by
 * scripts/bundle-entries.mjs, which points `./wasm/certkit.js` at the lean module's glue.
 * @module
 */
import { readFileSync } from 'node:fs';
import { useNodeDigestsLater } from './node-digests.js';
import { useGeneratedReaders } from './tape.js';
import { initSync } from './wasm/certkit.js';

initSync({ module: readFileSync(new URL('./inspect/certkit_inspect_bg.wasm', import.meta.url)) });
useNodeDigestsLater();
// Node has no Content-Security-Policy to forbid generated object literals (see ts/tape.ts).
useGeneratedReaders();

export * from './read.js';
