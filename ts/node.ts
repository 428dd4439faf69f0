/**
 * certkit for Node: loads the wasm module synchronously from disk (no top-level await), so
 * both `import` and `require` work.
 * @module
 */
import { readFileSync } from 'node:fs';
import { useNodeDigestsLater } from './node-digests.js';
import { useGeneratedReaders } from './tape.js';
import { initSync } from './wasm/certkit.js';

initSync({ module: readFileSync(new URL('./wasm/certkit_bg.wasm', import.meta.url)) });
useNodeDigestsLater();
// Node has no Content-Security-Policy to forbid generated object literals (see ts/tape.ts).
useGeneratedReaders();

export * from './api.js';
