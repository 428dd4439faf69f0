// Structs cross as SHAPED words (bindings/src/tape.rs); pages make their objects field by field,
// the Node entries through an object literal generated per shape (ts/tape.ts). Both must give
// the same objects, with the same keys in the same order, for every kind of result.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as glue from '../../pkg/wasm/certkit.js';
import { inspect, parseCertificates } from '../../pkg/read.js';
import { useGeneratedReaders } from '../../pkg/tape.js';

// The unbundled modules share this glue instance; it starts with field-by-field readers.
glue.initSync({ module: readFileSync(new URL('../../pkg/wasm/certkit_bg.wasm', import.meta.url)) });

const dir = 'tests/vectors/fixtures';
const inputs = readdirSync(dir).map((name) => [name, new Uint8Array(readFileSync(`${dir}/${name}`))]);

function results() {
  return inputs.map(([name, bytes]) => {
    const outcome = (fn) => {
      try {
        return fn(bytes);
      } catch (error) {
        return { code: error.code, field: error.field, message: error.message };
      }
    };
    return [name, outcome(parseCertificates), outcome(inspect)];
  });
}

test('objects made from shapes field by field and by generated literals are the same', () => {
  const byField = results();
  useGeneratedReaders();
  const byLiteral = results();
  assert.ok(inputs.length > 10, 'fixtures found');
  assert.deepEqual(byLiteral, byField);
  // deepEqual ignores key order; JSON text does not.
  assert.equal(JSON.stringify(byLiteral), JSON.stringify(byField));
  const parsed = byLiteral.find(([name]) => name === 'inter.pem')[1][0];
  assert.deepEqual(Object.keys(parsed).slice(0, 3), ['version', 'serialNumber', 'signatureAlgorithm']);
  assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
});
