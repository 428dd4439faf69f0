/**
 * The Web Worker that runs certkit's RSA key generation off the page's main thread, one
 * prime-search window at a time, reporting progress between windows.
 * @module
 */
import init, { RsaKeyGenerator } from './wasm/certkit.js';
import type { WorkerMessage } from './keys.js';
import { errorPayload } from './errors.js';
import { fromTape } from './tape.js';

const ready = init({ module_or_path: new URL('./wasm/certkit_bg.wasm', import.meta.url) });
const post = (message: WorkerMessage) => (self as unknown as Worker).postMessage(message);

self.onmessage = async (event: MessageEvent<{ bits: number }>) => {
  try {
    await ready;
    const generator = new RsaKeyGenerator(event.data.bits);
    while (!generator.step()) post({ kind: 'progress', primesFound: generator.primesFound, attempts: generator.attempts });
    post({ kind: 'done', keyPair: fromTape(generator.finish()) });
    generator.free();
  } catch (error) {
    // Tapes name fields by this instance's ids: send the decoded error, not the tape.
    post({ kind: 'error', error: errorPayload(error) ?? String(error) });
  }
};
