/**
 * `certkit inspect <files|dirs|->...`: every certificate, bundle, CSR or key, as a summary or
 * JSON lines. Large batches run on every core (worker threads) and stream in input order.
 * @module
 */
import { availableParallelism } from 'node:os';
import { readdirSync, type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EXIT_OK, EXIT_PROBLEMS, parse, readInput, UsageError, wholeNumber, type Command } from './args.js';
import { parseArgs } from 'node:util';
import { inspectFile, type FileResult } from './inspect-format.js';
import { CertkitError } from '../node.js';

const usage = `usage: certkit inspect [--json] [--jobs N] <file|dir|->...

Prints every certificate (also bundles, .p7b, CSRs and keys) in each file; directories are read
recursively; - reads stdin. --json prints one JSON object per certificate (NDJSON), bytes as
base64. Files that cannot be read are reported on stderr and the batch goes on (exit code 1).

  --json       JSON lines instead of a summary
  --jobs N     worker threads (default: every core; 1 for none)`;

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'print certificates, chains, CSRs and keys',
  usage,
  async run(args) {
    const { values, positionals } = parse(() =>
      parseArgs({ args, strict: true, allowPositionals: true, options: { json: { type: 'boolean' }, jobs: { type: 'string' } } }),
    );
    if (positionals.length === 0) throw new UsageError('give at least one file, directory or -', 'MISSING_ARGUMENT', 'input');
    const jobs = values.jobs === undefined ? availableParallelism() : wholeNumber(values.jobs, '--jobs', 1, 1024);
    const files = positionals.flatMap(expand);
    const json = values.json === true;
    const failed = jobs > 1 && files.length > 8 ? await inParallel(files, json, jobs) : inOrder(files, json);
    return failed ? EXIT_PROBLEMS : EXIT_OK;
  },
};

/** A path, or every regular file under a directory (sorted). */
function expand(path: string): string[] {
  if (path === '-') return [path];
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch {
    return [path]; // reported when read
  }
  if (!stat.isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => expand(join(path, name)));
}

function emit(result: FileResult): void {
  if (result.out) process.stdout.write(result.out);
  if (result.err) process.stderr.write(result.err);
}

function inOrder(files: string[], json: boolean): boolean {
  let failed = false;
  for (const file of files) {
    let result: FileResult;
    try {
      result = inspectFile(file === '-' ? 'stdin' : file, readInput(file), json);
    } catch (error) {
      const coded =
        error instanceof CertkitError ? `error ${error.code}: ${error.message.replace(/^[^:]+: /, '')}` : (error as Error).message;
      result = { out: '', err: `certkit: ${file}: ${coded}\n`, failed: true, certificates: 0 };
    }
    emit(result);
    failed ||= result.failed;
  }
  return failed;
}

/** Worker threads, results written in input order, a progress line on a terminal. */
function inParallel(files: string[], json: boolean, jobs: number): Promise<boolean> {
  const workers = Array.from(
    { length: Math.min(jobs, files.length) },
    () => new Worker(new URL('./inspect-worker.js', import.meta.url), { workerData: { json } }),
  );
  const done = new Map<number, FileResult>();
  const progress = process.stderr.isTTY;
  let next = 0;
  let written = 0;
  let failed = false;
  return new Promise((resolve, reject) => {
    const send = (worker: Worker) => {
      if (next < files.length) {
        worker.postMessage({ index: next, file: files[next] });
        next++;
      }
    };
    for (const worker of workers) {
      worker.on('error', reject);
      worker.on('message', (message: FileResult & { index: number }) => {
        done.set(message.index, message);
        while (done.has(written)) {
          const result = done.get(written) as FileResult;
          done.delete(written);
          if (progress) process.stderr.write('\r\x1b[K');
          emit(result);
          failed ||= result.failed;
          written++;
        }
        if (progress) process.stderr.write(`\rinspected ${written}/${files.length} files`);
        if (written === files.length) {
          if (progress) process.stderr.write('\r\x1b[K');
          Promise.all(workers.map((w) => w.terminate())).then(() => resolve(failed), reject);
        } else {
          send(worker);
        }
      });
      send(worker);
    }
  });
}
