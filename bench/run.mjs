// The benchmark orchestrator: makes the inputs, runs the sections one after another (never two
// at once: they would share the CPU), and writes results.json and REPORT.md.
//   node bench/run.mjs [--quick] [section ...]     sections: size parse keygen browser coldstart memory
// With sections named, only those run; the others keep their numbers from the last results.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeInputs } from './lib/inputs.mjs';
import { describeMachine } from './lib/machine.mjs';
import { pkgBuild, waitForPkg } from './lib/pkg.mjs';
import { renderReport } from './lib/report.mjs';

const ORDER = ['size', 'parse', 'verify', 'keygen', 'browser', 'coldstart', 'memory'];
const bench = fileURLToPath(new URL('.', import.meta.url));
const repo = join(bench, '..');
const resultsPath = join(bench, 'results.json');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const wanted = args.filter((a) => !a.startsWith('--')).concat(args.filter((a) => a.startsWith('--only=')).map((a) => a.slice(7)));
const unknown = wanted.filter((s) => !ORDER.includes(s));
if (unknown.length || args.some((a) => a.startsWith('--') && a !== '--quick' && !a.startsWith('--only='))) {
  console.error(`usage: npm run bench -- [--quick] [${ORDER.join('|')} ...]`);
  process.exit(2);
}
const chosen = wanted.length ? ORDER.filter((s) => wanted.includes(s)) : ORDER;

const log = (message) => console.error(`bench: ${message}`);
const started = performance.now();
await waitForPkg(repo, log);
const machine = describeMachine(repo);
log(`${quick ? 'quick' : 'full'} run of ${chosen.join(', ')} on ${machine.cpu} (load ${machine.loadAverage.join(' ')})`);

// These sections import pkg/node.js into this process, once: they all measure the build that
// was on disk at the first import. The others load pkg/ afresh (child processes, Chromium).
const IN_PROCESS = new Set(['parse', 'verify', 'keygen']);
let loadedBuild;

const previous = wanted.length && existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : { sections: {} };
const sections = { ...previous.sections };
const inputs = makeInputs();
try {
  for (const id of chosen) {
    await waitForPkg(repo, log);
    const t0 = performance.now();
    const build = pkgBuild(repo);
    if (IN_PROCESS.has(id)) loadedBuild ??= build;
    const loadBefore = loadavg()[0];
    for (let attempt = 1; ; attempt++) {
      try {
        const { default: run } = await import(`./sections/${id}.mjs`);
        sections[id] = await run({ repo, bench, inputs, quick, log });
        break;
      } catch (error) {
        log(`${id} failed: ${error.stack ?? error}`);
        // A rebuild of pkg/ under our feet explains a failure: retry once when it is done.
        if (attempt === 1 && pkgBuild(repo) !== build) {
          log(`pkg/ changed during ${id}: retrying in 60 s`);
          await new Promise((resolve) => setTimeout(resolve, 60_000));
          await waitForPkg(repo, log);
          continue;
        }
        // One broken section (say Chromium cannot start) must not cost the others' numbers.
        sections[id] = { title: id, error: String(error.message ?? error) };
        break;
      }
    }
    // The 1-minute load average before and after: on a shared machine it explains slow rows.
    const load = [loadBefore, loadavg()[0]].map((l) => +l.toFixed(2));
    Object.assign(sections[id], { quick, ranAt: new Date().toISOString(), durationMs: performance.now() - t0, load });
    const after = pkgBuild(repo);
    sections[id].pkgBuild = IN_PROCESS.has(id) ? loadedBuild : after === build ? build : `${build} → ${after}`;
    log(`${id} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
} finally {
  inputs.remove();
}

const command = `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;
const results = { machine, command, sections, order: ORDER };
const json = JSON.stringify(results, (key, value) => (key === 'samples' ? value.map((v) => +v.toPrecision(6)) : value), 2).replace(
  /\[\s+([-\d.e+,\s]+?)\s+\]/g,
  (_, numbers) => `[${numbers.split(/,\s*/).join(', ')}]`,
); // one line per array of numbers
writeFileSync(resultsPath, `${json}\n`);
writeFileSync(join(bench, 'REPORT.md'), renderReport(results));
log(`wrote bench/REPORT.md and bench/results.json in ${((performance.now() - started) / 1000).toFixed(0)} s`);
