// The measured package as it sits on disk. Someone may rebuild pkg/ during a run: wait until it
// is whole, and name each build by its wasm's hash so the report can say what was measured.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const FILES = ['pkg/node.js', 'pkg/index.js', 'pkg/api.js', 'pkg/keys.js', 'pkg/wasm/certkit.js', 'pkg/wasm/certkit_bg.wasm'];
const QUIET_MS = 5_000;

/** The first 12 hex digits of the wasm's SHA-256, or 'missing'. */
export function pkgBuild(repo) {
  const wasm = join(repo, 'pkg/wasm/certkit_bg.wasm');
  return existsSync(wasm) ? createHash('sha256').update(readFileSync(wasm)).digest('hex').slice(0, 12) : 'missing';
}

/** Resolves once every file exists and none changed in the last 5 s; gives up after 5 minutes. */
export async function waitForPkg(repo, log) {
  const since = Date.now();
  for (let told = false; ; told = true) {
    const stats = FILES.map((file) => (existsSync(join(repo, file)) ? statSync(join(repo, file)) : null));
    if (stats.every(Boolean) && Date.now() - Math.max(...stats.map((s) => s.mtimeMs)) > QUIET_MS) return;
    if (Date.now() - since > 300_000) throw new Error('pkg/ stayed incomplete for 5 minutes');
    if (!told) log('pkg/ is being rebuilt: waiting until it is complete');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}
