/**
 * certkit for browsers, bundlers and Web Workers: ready to use once `import` resolves.
 * @module
 */
import init from './wasm/certkit.js';

await init({ module_or_path: new URL('./wasm/certkit_bg.wasm', import.meta.url) });

export * from './api.js';
