// Cold start: import → first parsed certificate, in a fresh Node process per sample and in a
// fresh Chromium context (empty cache) per sample, participants interleaved.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { launchChromium, serveBench } from '../lib/chromium.mjs';
import { summarize } from '../lib/timing.mjs';

const NODE = [
  { id: 'certkit', name: 'certkit (import pkg/node.js + parseCertificate)' },
  { id: 'inspect', name: 'certkit/inspect (import pkg/inspect-node.js + parseCertificate)', role: 'inspect' },
  { id: 'node', name: 'Node X509Certificate (import node:crypto + new X509Certificate)' },
  { id: 'peculiar', name: '@peculiar/x509 (import reflect-metadata + @peculiar/x509 + new X509Certificate)' },
];
const CHROMIUM = [
  { id: 'certkit', name: 'certkit (import /pkg/index.js: JS + wasm fetch and compile, parseCertificate)' },
  { id: 'inspect', name: 'certkit/inspect (import /pkg/inspect.js: JS + lean wasm, parseCertificate)', role: 'inspect' },
  { id: 'peculiar', name: '@peculiar/x509 bundle (import + new X509Certificate)' },
];

function nodeSample(bench, which, pemPath) {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [join(bench, 'child/coldstart.mjs'), which, pemPath], { encoding: 'utf8' });
  const wallNs = Number(process.hrtime.bigint() - started);
  if (child.status !== 0) throw new Error(`cold start child (${which}) failed: ${child.stderr}`);
  return { inProcessNs: JSON.parse(child.stdout).ms * 1e6, wallNs };
}

async function chromiumSample(chromium, origin, which) {
  const context = await chromium.newContext(); // its own empty cache
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/bench/browser/cold.html?lib=${which}`);
    const { ms, error } = await (
      await page.waitForFunction(
        () => (globalThis.coldMs || globalThis.coldError) && { ms: globalThis.coldMs, error: globalThis.coldError },
        null,
        { timeout: 30_000 },
      )
    ).jsonValue();
    if (error) throw new Error(`cold start page (${which}): ${error}`);
    return ms * 1e6;
  } finally {
    await context.close();
  }
}

export default async function coldstart({ repo, bench, inputs, quick, log }) {
  const samples = quick ? 5 : 20;
  const pemPath = inputs.certs.typical.pemPath;
  log(`coldstart: Node, ${samples} fresh processes per participant`);
  const inProcess = NODE.map(() => []);
  const wall = NODE.map(() => []);
  nodeSample(bench, 'certkit', pemPath); // warm the OS file cache, untimed
  for (let s = 0; s < samples; s++) {
    NODE.forEach(({ id }, i) => {
      const { inProcessNs, wallNs } = nodeSample(bench, id, pemPath);
      inProcess[i].push(inProcessNs);
      wall[i].push(wallNs);
    });
  }
  const tables = [
    {
      id: 'coldstart.node',
      kind: 'time',
      rate: false,
      title: 'Node: import → first parsed certificate, measured inside a fresh process',
      baseline: NODE[0].name,
      rows: NODE.map(({ name, role }, i) => ({ name, role, unit: 'ns', ...summarize(inProcess[i]) })),
    },
    {
      id: 'coldstart.node.process',
      kind: 'time',
      rate: false,
      title: "Node: the whole process, spawn → exit (Node's own start-up included)",
      baseline: NODE[0].name,
      rows: NODE.map(({ name }, i) => ({ name, unit: 'ns', ...summarize(wall[i]) })),
    },
  ];

  log(`coldstart: Chromium, ${samples} fresh contexts per participant`);
  const server = await serveBench({ repo, bench, inputs });
  const chromium = await launchChromium();
  try {
    const page = CHROMIUM.map(() => []);
    await chromiumSample(chromium, server.origin, 'certkit'); // start the renderer machinery, untimed
    for (let s = 0; s < samples; s++) {
      for (const [i, { id }] of CHROMIUM.entries()) page[i].push(await chromiumSample(chromium, server.origin, id));
    }
    tables.push({
      id: 'coldstart.chromium',
      kind: 'time',
      rate: false,
      title: 'Chromium: import → first parsed certificate, in a fresh context (empty cache) from 127.0.0.1',
      baseline: CHROMIUM[0].name,
      rows: CHROMIUM.map(({ name }, i) => ({ name, unit: 'ns', ...summarize(page[i]) })),
    });
  } finally {
    await chromium.close();
    await server.close();
  }
  return {
    title: 'Cold start',
    tables,
    notes: [
      'In-process times start before the dynamic `import()` and end after the first certificate is parsed (typical leaf, PEM); the PEM is read before the clock starts.',
      "certkit in Node reads and compiles its wasm synchronously during the import; Node's X509Certificate is built in, so its import costs next to nothing.",
      'In Chromium the server is on loopback: network time is near zero, so this is the cost of fetching, compiling and instantiating, not of a real network.',
    ],
  };
}
