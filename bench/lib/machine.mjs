// What the numbers were measured on and with: hardware, runtimes, the exact peers and commit.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { pkgBuild } from './pkg.mjs';

const run = (command, args, cwd) => {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unavailable';
  }
};

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

export const PEERS = ['@peculiar/x509', 'reflect-metadata', 'pkijs', 'asn1js', 'pvtsutils', 'node-forge', 'jsrsasign', 'esbuild'];

/** Versions and hardware, plus the load average: another process may share the CPU. */
export function describeMachine(repo) {
  const cpuModel = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ?? cpus()[0]?.model;
  const os = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]+)/m)?.[1] ?? process.platform;
  const dirty = run('git', ['status', '--porcelain', '--untracked-files=no'], repo) !== '';
  const peers = Object.fromEntries(
    PEERS.map((name) => {
      const path = join(repo, 'bench/node_modules', name, 'package.json');
      return [name, existsSync(path) ? readJson(path).version : 'missing'];
    }),
  );
  return {
    date: new Date().toISOString(),
    cpu: cpuModel,
    cores: cpus().length,
    ramGiB: +(totalmem() / 2 ** 30).toFixed(1),
    os: `${os}, Linux ${run('uname', ['-r'])}`,
    loadAverage: loadavg().map((l) => +l.toFixed(2)),
    node: process.version,
    chromium: run('/usr/bin/chromium', ['--version']),
    rustc: run('rustc', ['--version']),
    openssl: run('openssl', ['version']),
    certkit: readJson(join(repo, 'package.json')).version,
    commit: run('git', ['rev-parse', '--short=12', 'HEAD'], repo) + (dirty ? ' (with uncommitted changes in tracked files)' : ''),
    wasmBytes: statSync(join(repo, 'pkg/wasm/certkit_bg.wasm')).size,
    wasmSha256: pkgBuild(repo),
    peers,
  };
}
