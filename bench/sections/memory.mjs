// Memory over a long run: RSS, V8 heap and wasm memory while one fresh Node process parses the
// three leaves round-robin, to see whether anything grows once warmed up.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { formatBytes } from '../lib/format.mjs';

/**
 * V8 sizes its heap spaces during the first part of a run, which shows as steps in RSS; a
 * leak instead keeps growing. So: warm-up is the first 30%; flat = wasm memory unchanged after
 * it, and RSS over the second half of the run within 3%.
 */
function verdict(series) {
  const [start, warm, half, last] = [series[0], series[3], series[5], series.at(-1)];
  const wasmGrowth = last.wasm - warm.wasm;
  const rssGrowth = last.rss - half.rss;
  const flat = wasmGrowth === 0 && Math.abs(rssGrowth) < 0.03 * half.rss;
  const signed = (n) => `${n >= 0 ? '+' : '−'}${formatBytes(Math.abs(n))}`;
  const parses = (s) => s.parses.toLocaleString('en-US');
  return {
    wasmGrowth, rssGrowth,
    text: `Warm-up (first ${parses(warm)} parses): RSS ${formatBytes(start.rss)} → ${formatBytes(warm.rss)}, wasm memory ${formatBytes(start.wasm)} → ${formatBytes(warm.wasm)}. `
      + `After it, wasm memory ${wasmGrowth === 0 ? 'unchanged' : signed(wasmGrowth)}; RSS ${signed(last.rss - warm.rss)} to the end, ${signed(rssGrowth)} over the second half `
      + `(${parses(half)} → ${parses(last)}): ${flat ? '**no growth after warm-up**' : '**grows after warm-up**'} `
      + '(flat = wasm memory unchanged after warm-up and RSS within 3% over the second half).',
  };
}

export default async function memory({ bench, inputs, quick, log }) {
  const total = quick ? 100_000 : 1_000_000;
  const every = total / 10;
  log(`memory: ${total.toLocaleString('en-US')} parses in one process, sampled every ${every.toLocaleString('en-US')}`);
  const { typical, manySans, ecdsa } = inputs.certs;
  const child = spawnSync(process.execPath, [join(bench, 'child/memory.mjs'), String(total), String(every), typical.derPath, manySans.derPath, ecdsa.derPath],
    { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`memory child failed: ${child.stderr}`);
  const series = JSON.parse(child.stdout);
  const { text, wasmGrowth, rssGrowth } = verdict(series);
  return {
    title: 'Memory over a long run (Node)',
    tables: [{ id: 'memory', kind: 'memory', title: `${total.toLocaleString('en-US')} parseCertificate calls (typical, 44-SAN and ECDSA leaves in turn, DER)`, series }],
    wasmGrowth, rssGrowth,
    summary: [text],
    notes: ['wasm memory (`wasmMemoryBytes()`) grows on demand and never shrinks, so a value that stops changing shows that nothing leaks inside the wasm; RSS and the V8 heap move with garbage collection.'],
  };
}
