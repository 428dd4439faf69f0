// Where one certificate's parse goes in Node: the whole `parseCertificate`, the wasm call alone
// (decode + tape write) and the tape read alone (plain objects from the tape), timed interleaved
// by the bench's own `compareBatches`. For comparing builds step by step; the report's numbers
// come from `npm run bench`.
//
//   node bench/split.mjs <certificate.der|.pem> [pkg directory, default ./pkg]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatTime } from './lib/format.mjs';
import { compareBatches } from './lib/timing.mjs';

const [file, dir = 'pkg'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/split.mjs <certificate.der|.pem> [pkg directory]');
  process.exit(2);
}
const url = (path) => pathToFileURL(resolve(dir, path)).href;
const wasm = await import(url('wasm/certkit.js'));
const tapeModule = await import(url('tape.js'));
const { fromTape } = tapeModule;
const { parseCertificate } = await import(url('node.js'));
// The raw exports need their own instance: node.js bundles its own copy of the glue.
wasm.initSync({ module: readFileSync(resolve(dir, 'wasm/certkit_bg.wasm')) });
// Set up as ts/node.ts sets up its own copy (builds from before these existed have neither).
tapeModule.useGeneratedReaders?.();
await import(url('node-digests.js')).then(
  (digests) => digests.useNodeDigests(),
  () => {},
);

const input = new Uint8Array(readFileSync(file));
// The tape read re-reads this tape: its words stay in wasm memory, where every 'wasm call' round
// writes the same words for the same certificate into the same reused buffer.
const tape = wasm.parseCertificate(input);

const rows = await compareBatches([
  { name: 'parseCertificate', fn: () => parseCertificate(input) },
  { name: 'wasm call', fn: () => wasm.parseCertificate(input) },
  { name: 'tape read', fn: () => fromTape(tape) },
]);
for (const { name, median, min } of rows) {
  console.log(`${name.padEnd(18)} median ${formatTime(median)}, min ${formatTime(min)}`);
}
