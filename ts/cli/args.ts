/**
 * Command-line plumbing: option parsing with usage errors, reading files or stdin, and the
 * exit codes (0 all well, 1 problems of severity error, 2 usage errors).
 * @module
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { CertkitError, type ErrorCode, type Problem } from '../node.js';
import { STATUS_OF_CODE } from '../generated/error-statuses.js';

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** An input error (exit 1) the command finds itself; its status comes from the one code table. */
export function inputError(code: ErrorCode, field: string, message: string): CertkitError {
  return new CertkitError({ code, status: STATUS_OF_CODE[code], field, message, problems: [] });
}

/**
 * A usage mistake: printed with its code and flag, then the command's help; exit code 2.
 * Codes: `UNKNOWN_FLAG`, `MISSING_FLAG`, `INVALID_FLAG` (a malformed value), `CONFLICTING_FLAGS`,
 * `MISSING_ARGUMENT`, `UNKNOWN_COMMAND`, `OUTPUT_EXISTS`.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly code = 'INVALID_FLAG',
    readonly field?: string,
  ) {
    super(message);
  }
}

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
    const message = error instanceof Error ? error.message : String(error);
    const errno = (error as NodeJS.ErrnoException)?.code;
    const code =
      errno === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? 'UNKNOWN_FLAG'
        : errno === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
          ? 'UNEXPECTED_ARGUMENT'
          : 'INVALID_FLAG';
    throw new UsageError(message.split('\n')[0] ?? message, code, message.match(/'(-[^' ]+)/)?.[1]);
  }
}

/** The bytes of a file, or of stdin for `-`; `flag` names it in errors (`--key`, `input`). */
export function readInput(path: string, flag = 'input'): Uint8Array {
  return new Uint8Array(readFile(path, flag));
}

export function readText(path: string, flag = 'input'): string {
  return readFile(path, flag).toString('utf8');
}

/** A file that cannot be read is an input error (exit 1) with a code and the flag. */
function readFile(path: string, flag: string): Buffer {
  try {
    return readFileSync(path === '-' ? 0 : path);
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException)?.code ?? 'EIO';
    const why =
      errno === 'ENOENT' ? 'no such file' : errno === 'EISDIR' ? 'it is a directory' : errno === 'EACCES' ? 'permission denied' : errno;
    throw inputError('INPUT_FILE_UNREADABLE', flag, `cannot read ${path}: ${why}`);
  }
}

/** A passphrase file's first line (so a trailing newline is not part of it). */
export function readPassphrase(path: string | undefined, flag = '--passphrase-file'): string | undefined {
  return path === undefined ? undefined : readText(path, flag).split(/\r?\n/)[0];
}

export function required<T>(value: T | undefined, option: string): T {
  if (value === undefined || value === '') throw new UsageError(`${option} is required`, 'MISSING_FLAG', option);
  return value;
}

/** A whole number flag value in `[min, max]`; anything else (`ten`, `1.5`, ``) is a usage error. */
export function wholeNumber(value: string, flag: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const n = /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`${flag} must be a whole number ${range}, not '${value}'`, 'INVALID_FLAG', flag);
  }
  return n;
}

/** One of `choices`, else a usage error naming them. */
export function oneOf<T extends string>(value: string, flag: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} must be one of ${choices.join(', ')}, not '${value}'`, 'INVALID_FLAG', flag);
  }
  return value as T;
}

/** At most one of the flags that are set; `needed` requires exactly one. */
export function exclusive(values: Record<string, unknown>, flags: string[], needed = false): string | undefined {
  const set = flags.filter((f) => values[f.replace(/^--/, '')] !== undefined);
  if (set.length > 1) throw new UsageError(`${set.join(' and ')} cannot be used together: give one`, 'CONFLICTING_FLAGS', set[1]);
  if (needed && set.length === 0) throw new UsageError(`give one of ${flags.join(', ')}`, 'MISSING_FLAG', flags[0]);
  return set[0];
}

/** Refuses an `--out` file that exists unless `force`: checked before any work is done. */
export function refuseOverwrite(path: string | undefined, flag: string, force: boolean | undefined): void {
  if (path === undefined || path === '-' || force) return;
  if (existsSync(path)) {
    throw new UsageError(`${path} exists: give --force to overwrite it, or another ${flag}`, 'OUTPUT_EXISTS', flag);
  }
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
    console.error(`${prefix}: usage ${error.code}${error.field ? ` ${error.field}` : ''}: ${error.message}`);
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

/**
 * Writes text to a file (mode 0600 for secrets) or to stdout. An existing file is refused
 * unless `force` (`wx`: no race between the check and the write).
 */
export async function writeOutput(
  path: string | undefined,
  content: string | Uint8Array,
  { secret = false, force = false, flag = '--out' } = {},
): Promise<void> {
  if (path === undefined || path === '-') {
    process.stdout.write(content);
    return;
  }
  try {
    // With --force the old file goes first, so the new one is created with the new mode
    // (0600 for a key) instead of keeping the old file's.
    if (force) rmSync(path, { force: true });
    writeFileSync(path, content, { mode: secret ? 0o600 : 0o644, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code === 'EEXIST') refuseOverwrite(path, flag, false);
    throw error;
  }
}
