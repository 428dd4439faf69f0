/**
 * Times at the JavaScript edge: the core never reads the clock, so "now" is filled in here.
 * @module
 */
import { raise } from './errors.js';

/** RFC 3339 text for a `Date` or string; the current time when `value` is undefined. */
export function toRfc3339(value: Date | string | undefined, field: string): string {
  if (value === undefined) return new Date().toISOString();
  if (typeof value === 'string') return value;
  try {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  } catch {
    // a proxy of a Date, a revoked proxy: not a time
  }
  throw raise('INVALID_TIME', field, { value: describeTime(value) });
}

/** What the caller gave, for the message; reading it must not throw either. */
function describeTime(value: unknown): string {
  try {
    return value instanceof Date ? 'Invalid Date' : String(value);
  } catch {
    return 'a value that cannot be read';
  }
}
