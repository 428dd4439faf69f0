// A fresh project with the packed certkit tarball installed, as a user gets it from npm.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './helpers.mjs';

export const repo = fileURLToPath(new URL('../..', import.meta.url));
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Packs the repository and installs the tarball into a new project; returns their paths. */
export function installedProject({ type = 'module' } = {}) {
  const work = tempDir('certkit-consumer-');
  const packDir = join(work, 'pack');
  const project = join(work, 'project');
  mkdirSync(packDir);
  mkdirSync(project);
  npm(['pack', '--silent', '--pack-destination', packDir], repo);
  const tarballName = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
  const tarball = join(packDir, tarballName);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type }));
  npm(['install', '--no-audit', '--no-fund', '--offline', tarball], project);
  return { work, project, tarball, tarballBytes: statSync(tarball).size };
}

/** Runs a file with Node in the project; returns stdout. */
export function runNode(project, file, source, args = []) {
  writeFileSync(join(project, file), source);
  return execFileSync(process.execPath, [file, ...args], { cwd: project, encoding: 'utf8' });
}
