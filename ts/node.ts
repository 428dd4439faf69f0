/**
 * certkit for Node: loads the wasm module synchronously from disk (no top-level await), so
 * both `import` and `require` work.
 * @module
 */
import { readFileSync } from 'node:fs';
import { useNodeDigests } from './node-digests.js';
import { initSync } from './wasm/certkit.js';

initSync({ module: readFileSync(new URL('./wasm/certkit_bg.wasm', import.meta.url)) });
useNodeDigests();

export * from './api.js';
