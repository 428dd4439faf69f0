// The certkit command run as a user runs it, for the CLI suites (cli.test.mjs and
// cli-apis.test.mjs): each run in a scratch folder, with its exit code, stdout and stderr.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './helpers.mjs';

export const cli = fileURLToPath(new URL('../../pkg/cli.js', import.meta.url));
export const dir = tempDir('certkit-cli-');

/** Writes `content` to `name` in the scratch folder; returns its path. */
export const file = (name, content) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

/** Runs `certkit args` in the scratch folder, with `input` on stdin. */
export function certkit(args, { input } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input, cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A failed run: its exit code, and the `usage|error CODE field` of its first stderr line. */
export function failure(args, options) {
  const r = certkit(args, options);
  const [, kind, code, field] = r.err.match(/^certkit[^:]*: (usage|error) ([A-Z_]+)(?: ([^:\s]+))?:/m) ?? [];
  return { exit: r.code, kind, code, field, err: r.err };
}
