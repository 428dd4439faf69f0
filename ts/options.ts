/**
 * Options objects at the JavaScript edge: a wrong value (null, a string, an array, a revoked
 * proxy, a getter that throws) must give a `CertkitError` naming the field, not a `TypeError`
 * from destructuring. Nested values are read by the wasm side, which guards them the same way.
 * @module
 */
import { CertkitError, raise } from './errors.js';

/**
 * `value` as a plain options object: a shallow copy of its own enumerable string-keyed
 * properties, each read once. `undefined` is an empty object unless the options are required;
 * anything that is not a plain object, or cannot be read, throws `INVALID_OPTIONS`. With
 * `known`, any other property is refused too (for options read here, not by the wasm side).
 */
export function optionsOf<T extends object>(value: T | undefined, field: string, required = false, known?: readonly string[]): T {
  if (value === undefined && !required) return {} as T;
  try {
    // A Map, Date, typed array or other built-in would read as `{}`: refused, not silently empty.
    if (typeof value !== 'object' || value === null || Object.prototype.toString.call(value) !== '[object Object]') {
      throw invalidOptions(field, `expected an options object, got ${describe(value)}`);
    }
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (known && !known.includes(key)) {
        throw invalidOptions(
          `${field}.${key}`,
          `\`${key}\` is not an option here (check the spelling); the options are ${known.map((k) => `\`${k}\``).join(', ')}`,
        );
      }
      try {
        copy[key] = (value as Record<string, unknown>)[key];
      } catch {
        throw invalidOptions(`${field}.${key}`, 'reading this option threw an exception: give a plain value');
      }
    }
    return copy as T;
  } catch (error) {
    if (error instanceof CertkitError) throw error;
    throw invalidOptions(field, 'the options object cannot be read (a revoked proxy, or a trap that throws): give a plain object');
  }
}

function invalidOptions(field: string, reason: string): CertkitError {
  return raise('INVALID_OPTIONS', field, { reason });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'bytes';
  if (typeof value === 'object') return `a ${Object.prototype.toString.call(value).slice(8, -1)}`;
  return typeof value;
}
