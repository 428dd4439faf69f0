/**
 * Options objects at the JavaScript edge: a wrong value (null, a string, an array) must give a
 * `CertkitError` naming the field, not a `TypeError` from destructuring.
 * @module
 */
import { raise } from './errors.js';

/**
 * `value` as an options object. `undefined` is an empty object unless the options are
 * required; anything that is not a plain object throws `INVALID_OPTIONS`.
 */
export function optionsOf<T extends object>(value: T | undefined, field: string, required = false): T {
  if (value === undefined && !required) return {} as T;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)) return value;
  throw raise('INVALID_OPTIONS', field, { reason: `expected an options object, got ${describe(value)}` });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'bytes';
  return typeof value;
}
