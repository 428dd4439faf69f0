// Turns results.json into REPORT.md: one table per comparison, ratios to certkit, the targets.
import { formatBytes, formatRate, formatTime, ratio } from './format.mjs';
import { evaluateTargets } from './targets.mjs';

function timeTable(table) {
  const base = table.rows.find((r) => r.name === table.baseline);
  const lines = [`| ${table.unitLabel ?? ''} | median | min – max | ops/s | time ÷ ${table.baseline} |`, '|---|---:|---:|---:|---:|'];
  for (const row of table.rows) {
    if (row.cannot) {
      lines.push(`| ${row.name} | cannot | | | ${row.cannot} |`);
      continue;
    }
    const name = row.name === table.baseline ? `**${row.name}**` : row.name;
    const n = row.samples ? ` (n=${row.samples.length})` : '';
    lines.push(`| ${name} | ${formatTime(row.median)} | ${formatTime(row.min)} – ${formatTime(row.max)}${n} | ${formatRate(row.median)} | ${row === base ? '1.00×' : ratio(row.median, base?.median)} |`);
  }
  return lines;
}

function sizeTable(table) {
  const base = table.rows.find((r) => r.baseline);
  const lines = ['| | raw | gzip -9 | brotli -11 | gzip ÷ certkit total |', '|---|---:|---:|---:|---:|'];
  for (const row of table.rows) {
    const name = row.baseline ? `**${row.name}**` : row.name;
    lines.push(`| ${name} | ${formatBytes(row.raw)} | ${formatBytes(row.gzip)} | ${formatBytes(row.brotli)} | ${row.part ? '' : ratio(row.gzip, base.gzip)} |`);
  }
  return lines;
}

function memoryTable(table) {
  const lines = ['| parses | RSS | V8 heap used | wasm memory |', '|---:|---:|---:|---:|'];
  for (const s of table.series) {
    lines.push(`| ${s.parses.toLocaleString('en-US')} | ${formatBytes(s.rss)} | ${formatBytes(s.heapUsed)} | ${formatBytes(s.wasm)} |`);
  }
  return lines;
}

const RENDER = { time: timeTable, size: sizeTable, memory: memoryTable };

function section(id, result) {
  const lines = [`## ${result.title}`, '', `_${result.quick ? 'quick' : 'full'} run, ${result.ranAt}, ${(result.durationMs / 1000).toFixed(0)} s_`, ''];
  if (result.error) return [...lines, `**Did not run:** ${result.error}`, ''];
  for (const table of result.tables) lines.push(`### ${table.title}`, '', ...RENDER[table.kind](table), '');
  if (result.summary) lines.push(...result.summary, '');
  if (result.peers) {
    lines.push('### What each parser decodes', '', '| parser | decodes | leaves out |', '|---|---|---|');
    lines.push(`| certkit | ${result.certkitDecodes} | — |`);
    for (const p of result.peers) lines.push(`| ${p.name} | ${p.decodes} | ${p.leavesOut} |`);
    lines.push('');
  }
  for (const note of result.notes ?? []) lines.push(`- ${note}`);
  return [...lines, ''];
}

/** The whole report, Markdown. */
export function renderReport({ machine, mode, sections, order }) {
  const m = machine;
  const lines = [
    '# certkit benchmarks', '',
    `Written by \`npm run bench${mode === 'quick' ? ' -- --quick' : ''}\` (see [README.md](README.md) for the method and caveats). Raw numbers: [results.json](results.json).`, '',
    '## Machine', '',
    '| | |', '|---|---|',
    `| date | ${m.date} |`,
    `| CPU | ${m.cpu}, ${m.cores} cores (shared: load average ${m.loadAverage.join(' / ')} at start) |`,
    `| RAM | ${m.ramGiB} GiB |`,
    `| OS | ${m.os} |`,
    `| Node | ${m.node} |`,
    `| Chromium | ${m.chromium} |`,
    `| rustc | ${m.rustc} |`,
    `| certkit | ${m.certkit}, commit ${m.commit}, wasm ${formatBytes(m.wasmBytes ?? 0)} |`,
    `| peers | ${Object.entries(m.peers).map(([n, v]) => `${n} ${v}`).join(', ')} |`,
    '',
    '## Targets', '',
    '| target | certkit | status |', '|---|---|---|',
    ...evaluateTargets(sections).map((t) => `| ${t.target} | ${t.detail} | ${t.status} |`),
    '',
  ];
  for (const id of order) if (sections[id]) lines.push(...section(id, sections[id]));
  return lines.join('\n');
}
