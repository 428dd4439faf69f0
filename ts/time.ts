/**
 * Times at the JavaScript edge: the core never reads the clock, so "now" is filled in here.
 * @module
 */
import { raise } from './errors.js';

/** RFC 3339 text for a `Date` or string; the current time when `value` is undefined. */
export function toRfc3339(value: Date | string | undefined, field: string): string {
  if (value === undefined) return new Date().toISOString();
  if (typeof value === 'string') return value;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  throw raise('INVALID_TIME', field, { value: value instanceof Date ? 'Invalid Date' : String(value) });
}
