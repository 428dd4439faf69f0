// Where one certificate's parse goes in Node: the whole `parseCertificate`, the wasm call alone
// (decode + tape write) and the tape read alone (plain objects from the tape), each the best of 7
// rounds. For comparing builds step by step; the report's numbers come from `npm run bench`.
//
//   node bench/split.mjs <certificate.der|.pem> [pkg directory, default ./pkg]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [file, dir = 'pkg'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/split.mjs <certificate.der|.pem> [pkg directory]');
  process.exit(2);
}
const url = (path) => pathToFileURL(resolve(dir, path)).href;
const wasm = await import(url('wasm/certkit.js'));
const { fromTape } = await import(url('tape.js'));
const { parseCertificate } = await import(url('node.js'));
// The raw exports need their own instance: node.js bundles its own copy of the glue.
wasm.initSync({ module: readFileSync(resolve(dir, 'wasm/certkit_bg.wasm')) });

const input = new Uint8Array(readFileSync(file));
const tape = wasm.parseCertificate(input);

function best(name, fn, iterations = 20000) {
  for (let i = 0; i < iterations / 10; i++) fn();
  let fastest = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 7; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - start) / iterations / 1000);
  }
  console.log(`${name.padEnd(18)} ${fastest.toFixed(2)} µs`);
}

best('parseCertificate', () => parseCertificate(input));
best('wasm call', () => wasm.parseCertificate(input));
best('tape read', () => fromTape(tape));
