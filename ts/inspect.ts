/**
 * `certkit/inspect` for browsers, bundlers and Web Workers: the reading functions of certkit
 * (parse, inspect, verify chains, key identifiers) with the same names, types and results, on a
 * much smaller wasm module. Ready once `import` resolves.
 *
 * This file is the source of `pkg/inspect.js`, which scripts/bundle-entries.mjs bundles with
 * `./wasm/certkit.js` pointed at the lean module's glue (`pkg/inspect/certkit_inspect.js`).
 * @module
 */
import init from './wasm/certkit.js';

await init({ module_or_path: new URL('./inspect/certkit_inspect_bg.wasm', import.meta.url) });

export * from './read.js';
