// Turns results.json into REPORT.md: one table per comparison, ratios to certkit, the targets.
import { formatBytes, formatRate, formatTime, ratio } from './format.mjs';
import { evaluateTargets } from './targets.mjs';

function timeTable(table) {
  const base = table.rows.find((r) => r.name === table.baseline);
  const rate = table.rate !== false;
  const lines = [`| | median | min – max${rate ? ' | ops/s' : ''} | time ÷ certkit |`, `|---|---:|---:${rate ? '|---:' : ''}|---:|`];
  for (const row of table.rows) {
    if (row.cannot) {
      lines.push(`| ${row.name} | cannot |${rate ? ' |' : ''} | ${row.cannot} |`);
      continue;
    }
    const name = row === base ? `**${row.name}**` : row.name;
    const n = row.samples ? ` (n=${row.samples.length})` : '';
    const cells = [
      name,
      formatTime(row.median),
      `${formatTime(row.min)} – ${formatTime(row.max)}${n}`,
      ...(rate ? [formatRate(row.median)] : []),
      row === base ? '1.00×' : ratio(row.median, base?.median),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines;
}

function sizeTable(table) {
  const base = table.rows.find((r) => r.baseline);
  const lines = ['| | raw | gzip -9 | brotli -11 | gzip ÷ certkit total |', '|---|---:|---:|---:|---:|'];
  for (const row of table.rows) {
    const name = row.baseline ? `**${row.name}**` : row.name;
    lines.push(
      `| ${name} | ${formatBytes(row.raw)} | ${formatBytes(row.gzip)} | ${formatBytes(row.brotli)} | ${row.part ? '' : ratio(row.gzip, base.gzip)} |`,
    );
  }
  return lines;
}

function memoryTable(table) {
  const lines = ['| parses | RSS | V8 live heap | wasm memory |', '|---:|---:|---:|---:|'];
  for (const s of table.series) {
    lines.push(`| ${s.parses.toLocaleString('en-US')} | ${formatBytes(s.rss)} | ${formatBytes(s.heapUsed)} | ${formatBytes(s.wasm)} |`);
  }
  return lines;
}

function crateTable(table) {
  const lines = ['| crate | whole raw | whole gzip | inspect raw | inspect gzip |', '|---|---:|---:|---:|---:|'];
  for (const row of table.rows) {
    const lean = row.inspect ? [formatBytes(row.inspect.size), formatBytes(row.inspect.gzip)] : ['—', '—'];
    lines.push(`| ${row.crate} | ${formatBytes(row.whole.size)} | ${formatBytes(row.whole.gzip)} | ${lean.join(' | ')} |`);
  }
  return lines;
}

const RENDER = { time: timeTable, size: sizeTable, memory: memoryTable, crates: crateTable };

function section(result) {
  const lines = [
    `## ${result.title}`,
    '',
    `_${result.quick ? 'quick' : 'full'} run, ${result.ranAt}, ${(result.durationMs / 1000).toFixed(0)} s, load average ${result.load?.join(' → ')}, certkit wasm build ${result.pkgBuild}_`,
    '',
  ];
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

/** Sections that measured different builds of pkg/ (rebuilt during the run, or merged runs). */
function buildWarning(sections, order) {
  const builds = new Set(order.filter((id) => sections[id]?.pkgBuild).map((id) => sections[id].pkgBuild));
  if (builds.size <= 1) return [];
  const list = order
    .filter((id) => sections[id])
    .map((id) => `${id}: ${sections[id].pkgBuild}`)
    .join(', ');
  return [`> **Note:** the sections measured different builds of pkg/ (wasm sha256 prefixes — ${list}).`, ''];
}

/** The whole report, Markdown. */
export function renderReport({ machine, command, sections, order }) {
  const m = machine;
  const lines = [
    '# certkit benchmarks',
    '',
    `Written by \`${command}\`; each section says whether it was a full or a quick run, and when. Method and caveats: [README.md](README.md); raw numbers: [results.json](results.json).`,
    '',
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| date | ${m.date} |`,
    `| CPU | ${m.cpu}, ${m.cores} cores (shared: load average ${m.loadAverage.join(' / ')} at start) |`,
    `| RAM | ${m.ramGiB} GiB |`,
    `| OS | ${m.os} |`,
    `| Node | ${m.node} |`,
    `| Chromium | ${m.chromium} |`,
    `| rustc | ${m.rustc} |`,
    `| certkit | ${m.certkit}, commit ${m.commit}, wasm ${formatBytes(m.wasmBytes ?? 0)} (sha256 ${m.wasmSha256}…) |`,
    `| peers | ${Object.entries(m.peers)
      .map(([n, v]) => `${n} ${v}`)
      .join(', ')} |`,
    '',
    ...buildWarning(sections, order),
    '## Targets',
    '',
    '| target | certkit | status |',
    '|---|---|---|',
    ...evaluateTargets(sections).map((t) => `| ${t.target} | ${t.detail} | ${t.status} |`),
    '',
  ];
  for (const id of order) if (sections[id]) lines.push(...section(sections[id]));
  return lines.join('\n');
}
