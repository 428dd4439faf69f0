// Interleaved measurement, shared by Node and the Chromium page (so only performance.now()).
// Every participant of a comparison runs once per round, so a load change on this shared
// machine hits all of them alike and ratios come from the same minutes. No participant should
// pay for what another left behind: before each timed batch the event loop turns once (pending
// finalizers, such as those of Node's X509Certificate handles, run there), and the order is
// shuffled every round (a fixed seed), so no participant always follows the same one. Rotating
// the order, as before, kept every participant behind the same neighbour: the entry listed
// first always followed Node's X509Certificate and paid 8-12 µs of a 40 µs parse for it.
// (A forced full GC before each batch was tried: V8 then shrinks the young generation and every
// participant ran 1.5-2x slower, so the heap is left to run as it does in an application.)

/** Results are kept here so that no engine can drop a call whose value is unused. */
export let sink;

/** Median, min and max of numbers. */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1), samples };
}

/** A turn of the event loop, for finalizers and other tasks the previous batch queued. */
function settle() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The order of round `round`: a Fisher-Yates shuffle driven by a fixed-seed generator. */
function orderOf(round, n) {
  let seed = (round + 1) * 0x9e3779b1;
  const next = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
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
    for (const i of orderOf(round, participants.length)) {
      await settle();
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
    for (const i of orderOf(round, participants.length)) {
      if (round >= plans[i].warmup + plans[i].runs) continue;
      const ms = await timeBatch(participants[i].fn, 1);
      if (round >= plans[i].warmup) samples[i].push(ms * 1e6);
    }
  }
  return participants.map(({ fn, runs, warmup, ...about }, i) => ({ ...about, unit: 'ns', ...summarize(samples[i]) }));
}
