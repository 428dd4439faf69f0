// The shared vectors of tests/vectors, one case per rule row of REMOTE-APIS.md, run against
// the built package (the Rust suite runs the same files against the core).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import * as certkit from '../../pkg/node.js';

const dir = new URL('../vectors/', import.meta.url);
const fixture = (name) => readFileSync(new URL(`fixtures/${name}`, dir), 'utf8');
const base64Der = (name) =>
  fixture(name)
    .split('\n')
    .filter((l) => l && !l.startsWith('-----'))
    .join('');

/** Replaces "$fixture:NAME", "$base64:NAME" and "$concat:A,B" strings, recursively. */
export function resolve(value) {
  if (typeof value === 'string') {
    if (value.startsWith('$fixture:')) return fixture(value.slice(9));
    if (value.startsWith('$base64:')) return base64Der(value.slice(8));
    if (value.startsWith('$concat:')) return value.slice(8).split(',').map(fixture).join('');
    return value;
  }
  if (Array.isArray(value)) return value.map(resolve);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
  return value;
}

const shape = (problems) =>
  problems
    .map(({ code, status, field, severity }) => ({ code, status, field, severity }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

function call(name, args) {
  const [namespace, fn] = name.split('.');
  // biome-ignore lint/performance/noDynamicNamespaceImportAccess: each vector names the function it calls
  const result = certkit[namespace][fn](...args.map((a) => (a === null ? undefined : a)));
  return Array.isArray(result) ? { problems: result } : result;
}

for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const doc = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
  for (const c of doc.cases) {
    const name = c.function ?? doc.function;
    test(`${file}: ${c.rule}`, () => {
      const result = call(name, resolve(c.args));
      assert.deepEqual(shape(result.problems), shape(c.expect));
      for (const [key, value] of Object.entries(c.report ?? {})) assert.deepEqual(result[key], value, key);
    });
  }
}
