// Parses the given certificates round-robin `total` times in this fresh process, sampling RSS,
// the live V8 heap (after a full GC, hence --expose-gc) and certkit's wasm memory every `every`
// parses. Prints the series as JSON.
//   node --expose-gc bench/child/memory.mjs <total> <every> <cert.der>...
import { readFileSync } from 'node:fs';
import { parseCertificate, wasmMemoryBytes } from '../../pkg/node.js';

const [total, every] = process.argv.slice(2, 4).map(Number);
const certs = process.argv.slice(4).map((path) => new Uint8Array(readFileSync(path)));

const series = [];
const sample = (parses) => {
  globalThis.gc();
  const { rss, heapUsed } = process.memoryUsage();
  series.push({ parses, rss, heapUsed, wasm: wasmMemoryBytes() });
};
let kept = 0;
sample(0);
for (let i = 1; i <= total; i++) {
  kept += parseCertificate(certs[i % certs.length]).extensions.length;
  if (i % every === 0) sample(i);
}
if (!kept) throw new Error('nothing parsed');
process.stdout.write(JSON.stringify(series));
