/**
 * The one error type certkit throws.
 * @module
 */
import type { GrpcStatus, Problem } from './wasm/certkit.js';
import { RAISED_IN_TYPESCRIPT, type ErrorDetails, type RaisedCode } from './generated/error-codes.js';
import { fromTape, isTape } from './tape.js';

export type { ErrorCode } from './generated/error-codes.js';

/** What the wasm module throws: the core's error as a plain object. */
export interface ErrorPayload {
  code: string;
  status: GrpcStatus;
  field?: string;
  message: string;
  problems: Problem[];
}

/**
 * Every failure certkit reports. `code` is a stable reason (assert on it, not on the message),
 * `status` the gRPC status a server would answer, `field` the JSON path of the bad input and
 * `problems` every problem found (builders report all of them at once).
 */
export class CertkitError extends Error {
  readonly code: string;
  readonly status: GrpcStatus;
  readonly field: string | undefined;
  readonly problems: Problem[];

  constructor(payload: ErrorPayload) {
    super(payload.field ? `${payload.field}: ${payload.message}` : payload.message);
    this.name = 'CertkitError';
    this.code = payload.code;
    this.status = payload.status;
    this.field = payload.field;
    this.problems = payload.problems;
  }
}

/**
 * A `CertkitError` the TypeScript layer raises itself, with the status and message of its row in
 * the Rust table (`src/error_kind.rs`, generated into `generated/error-codes.ts`); `details`
 * fills the message's `{name}` placeholders.
 */
export function raise<C extends RaisedCode>(code: C, field: string | undefined, details: ErrorDetails[C]): CertkitError {
  const { status, message } = RAISED_IN_TYPESCRIPT[code];
  const values: Record<string, string> = details;
  const text = message.replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
  return new CertkitError({ code, status, field, message: text, problems: [] });
}

function isPayload(value: unknown): value is ErrorPayload {
  return typeof value === 'object' && value !== null && 'code' in value && 'status' in value && 'problems' in value;
}

/**
 * The plain `{code, status, field, message, problems}` of an error wasm threw (as a tape), for
 * passing on, e.g. from a Worker; `undefined` for anything else.
 */
export function errorPayload(thrown: unknown): ErrorPayload | undefined {
  const value = isTape(thrown) ? fromTape(thrown) : thrown;
  return isPayload(value) ? value : undefined;
}

/** Runs a wasm call, turning what it throws into a `CertkitError`. */
export function guard<T>(call: () => T): T {
  try {
    return call();
  } catch (thrown) {
    throw toCertkitError(thrown);
  }
}

/** The `CertkitError` for anything a wasm call threw. */
export function toCertkitError(thrown: unknown): unknown {
  if (thrown instanceof CertkitError) return thrown;
  const payload = errorPayload(thrown);
  if (payload) return new CertkitError(payload);
  if (typeof thrown === 'string') return raise('INTERNAL', undefined, { reason: thrown });
  if (thrown instanceof WebAssembly.RuntimeError) {
    // A trap is a certkit bug; the module cannot be used again in this page or process.
    return raise('INTERNAL', undefined, { reason: `certkit crashed (${thrown.message}) and works again only after a reload` });
  }
  return thrown;
}
