// Memory over a long run: RSS, V8 heap and wasm memory while one fresh Node process parses the
// three leaves round-robin, to see whether anything grows once warmed up.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { formatBytes } from '../lib/format.mjs';

/**
 * Warm-up is the first 30% of the run. A leak shows as wasm memory growing after it, or the
 * live heap growing over the second half (beyond 3% or 256 kB). RSS is judged apart (within 3%
 * over the second half): it also steps when V8 or the allocator reserve pages, with no live
 * object behind.
 */
function verdict(series) {
  const [start, warm, half, last] = [series[0], series[3], series[5], series.at(-1)];
  const wasmGrowth = last.wasm - warm.wasm;
  const heapGrowth = last.heapUsed - half.heapUsed;
  const rssGrowth = last.rss - half.rss;
  const leak = wasmGrowth !== 0 || Math.abs(heapGrowth) >= Math.max(0.03 * half.heapUsed, 256 * 1024);
  const rssFlat = Math.abs(rssGrowth) < 0.03 * half.rss;
  const signed = (n) => `${n >= 0 ? '+' : '−'}${formatBytes(Math.abs(n))}`;
  const parses = (s) => s.parses.toLocaleString('en-US');
  return {
    wasmGrowth,
    heapGrowth,
    rssGrowth,
    leak,
    rssFlat,
    text:
      `Warm-up (first ${parses(warm)} parses): RSS ${formatBytes(start.rss)} → ${formatBytes(warm.rss)}, wasm memory ${formatBytes(start.wasm)} → ${formatBytes(warm.wasm)}. ` +
      `After it: wasm memory ${wasmGrowth === 0 ? 'unchanged' : signed(wasmGrowth)}; over the second half (${parses(half)} → ${parses(last)}) live heap ${signed(heapGrowth)}, ` +
      `RSS ${signed(rssGrowth)} (${rssFlat ? 'flat' : 'grows'}). ${leak ? '**Grows after warm-up: wasm memory or live heap**' : '**No growth after warm-up** in wasm memory or live objects'}` +
      `${!leak && !rssFlat ? '; RSS still moved while live objects and wasm memory did not' : ''}.`,
  };
}

export default async function memory({ bench, inputs, quick, log }) {
  const total = quick ? 100_000 : 1_000_000;
  const every = total / 10;
  log(`memory: ${total.toLocaleString('en-US')} parses in one process, sampled every ${every.toLocaleString('en-US')}`);
  const { typical, manySans, ecdsa } = inputs.certs;
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', join(bench, 'child/memory.mjs'), String(total), String(every), typical.derPath, manySans.derPath, ecdsa.derPath],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (child.status !== 0) throw new Error(`memory child failed: ${child.stderr}`);
  const series = JSON.parse(child.stdout);
  const { text, ...growth } = verdict(series);
  return {
    title: 'Memory over a long run (Node)',
    tables: [
      {
        id: 'memory',
        kind: 'memory',
        title: `${total.toLocaleString('en-US')} parseCertificate calls (typical, 44-SAN and ECDSA leaves in turn, DER)`,
        series,
      },
    ],
    growth,
    summary: [text],
    notes: [
      'wasm memory (`wasmMemoryBytes()`) grows on demand and never shrinks, so a value that stops changing shows that nothing leaks inside the wasm. The V8 heap is measured after a forced full GC (live objects only); RSS moves as V8 sizes its heap.',
    ],
  };
}
