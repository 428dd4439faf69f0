/**
 * Command-line plumbing: option parsing with usage errors, reading files or stdin, and the
 * exit codes (0 all well, 1 problems of severity error, 2 usage errors).
 * @module
 */
import { readFileSync } from 'node:fs';
import { CertkitError, type Problem } from '../node.js';

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** A usage mistake: printed with the command's help, exit code 2. */
export class UsageError extends Error {}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[]): Promise<number> | number;
}

/** Runs `util.parseArgs` (strict), turning its complaints into usage errors. */
export function parse<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The bytes of a file, or of stdin for `-`. */
export function readInput(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path === '-' ? 0 : path));
}

export function readText(path: string): string {
  return readFileSync(path === '-' ? 0 : path, 'utf8');
}

/** A passphrase file's first line (so a trailing newline is not part of it). */
export function readPassphrase(path: string | undefined): string | undefined {
  return path === undefined ? undefined : readText(path).split(/\r?\n/)[0];
}

export function required<T>(value: T | undefined, option: string): T {
  if (value === undefined || value === '') throw new UsageError(`${option} is required`);
  return value;
}

/** One line per problem, to stderr: `severity CODE field: message`. */
export function printProblems(problems: Problem[], prefix = ''): void {
  for (const p of problems) {
    console.error(`${prefix}${p.severity} ${p.code}${p.field ? ` ${p.field}` : ''}: ${p.message}`);
  }
}

/** The exit code problems call for. */
export function exitFor(problems: Problem[]): number {
  return problems.some((p) => p.severity === 'error') ? EXIT_PROBLEMS : EXIT_OK;
}

/** A thrown error on stderr with its code and field; the exit code it calls for. */
export function report(error: unknown, prefix = 'certkit'): number {
  if (error instanceof UsageError) {
    console.error(`${prefix}: ${error.message}`);
    return EXIT_USAGE;
  }
  if (error instanceof CertkitError) {
    console.error(`${prefix}: error ${error.code}${error.field ? ` ${error.field}` : ''}: ${error.message.replace(/^[^:]+: /, '')}`);
    if (error.problems.length > 1) printProblems(error.problems, '  ');
    return EXIT_PROBLEMS;
  }
  const code = (error as NodeJS.ErrnoException)?.code;
  console.error(`${prefix}: ${code ? `${code} ` : ''}${error instanceof Error ? error.message : String(error)}`);
  return EXIT_PROBLEMS;
}

/** Writes text to a file (mode 0600 for secrets) or to stdout. */
export async function writeOutput(path: string | undefined, content: string | Uint8Array, secret = false): Promise<void> {
  if (path === undefined || path === '-') {
    process.stdout.write(content);
    return;
  }
  const { writeFileSync } = await import('node:fs');
  writeFileSync(path, content, { mode: secret ? 0o600 : 0o644 });
}
