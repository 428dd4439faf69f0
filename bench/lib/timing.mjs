// Interleaved measurement, shared by Node and the Chromium page (so only performance.now()).
// Every participant of a comparison runs once per round, in turn (A B C A B C …), so a load
// change on this shared machine hits all of them alike and ratios come from the same minutes.
// Each round starts one participant further on (B C A, C A B, ...), so that no participant
// always runs right after the same one and pays for the garbage that one left.

/** Results are kept here so that no engine can drop a call whose value is unused. */
export let sink;

/** Median, min and max of numbers. */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1), samples };
}

async function timeBatch(fn, count) {
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const value = fn();
    sink = value && typeof value.then === 'function' ? await value : value;
  }
  return performance.now() - start;
}

/**
 * Fast operations: each participant `{ name, fn }` first runs for `warmupMs` (JIT warm-up, and
 * the count that fills `batchMs` is taken from it), then `rounds` interleaved batches of that
 * count. Returns per participant its other properties and the ns/op summary of the batches.
 */
export async function compareBatches(participants, { rounds = 7, batchMs = 150, warmupMs = 300 } = {}) {
  const counts = [];
  for (const { fn } of participants) {
    let count = 0;
    const start = performance.now();
    while (performance.now() - start < warmupMs) {
      const n = 1 + (count >> 3); // growing steps keep the clock reads rare
      await timeBatch(fn, n);
      count += n;
    }
    const perOp = (performance.now() - start) / count;
    counts.push(Math.max(1, Math.round(batchMs / perOp)));
  }
  const samples = participants.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < participants.length; k++) {
      const i = (round + k) % participants.length;
      const ms = await timeBatch(participants[i].fn, counts[i]);
      samples[i].push((ms * 1e6) / counts[i]);
    }
  }
  return participants.map(({ fn, ...about }, i) => ({ ...about, unit: 'ns', opsPerBatch: counts[i], ...summarize(samples[i]) }));
}

/**
 * Slow operations whose time varies by nature (RSA prime search): every participant runs once
 * per round, after `warmup` untimed rounds. A very slow participant may ask for fewer `runs`
 * and its own `warmup`. Returns per participant the ns/op summary of single runs.
 */
export async function compareRuns(participants, { runs = 30, warmup = 1 } = {}) {
  const plans = participants.map((p) => ({ warmup: p.warmup ?? warmup, runs: p.runs ?? runs }));
  const samples = participants.map(() => []);
  const total = Math.max(...plans.map((p) => p.warmup + p.runs));
  for (let round = 0; round < total; round++) {
    for (let k = 0; k < participants.length; k++) {
      const i = (round + k) % participants.length;
      if (round >= plans[i].warmup + plans[i].runs) continue;
      const ms = await timeBatch(participants[i].fn, 1);
      if (round >= plans[i].warmup) samples[i].push(ms * 1e6);
    }
  }
  return participants.map(({ fn, runs, warmup, ...about }, i) => ({ ...about, unit: 'ns', ...summarize(samples[i]) }));
}
