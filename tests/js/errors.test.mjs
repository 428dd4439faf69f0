// Errors the TypeScript layer raises itself (an invalid Date, options that are not an object, a
// cancelled key generation) take their status and message from the same Rust table as the
// errors the core raises: the same code must look the same whichever side found the problem.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CertkitError, generateKeyPair, verifyChain } from '../../pkg/node.js';

const leaf = readFileSync(new URL('../vectors/fixtures/leaf.pem', import.meta.url), 'utf8');

/** What `call` throws. */
function thrown(call) {
  try {
    call();
  } catch (error) {
    assert.ok(error instanceof CertkitError, String(error));
    return error;
  }
  assert.fail('did not throw');
}

test('INVALID_TIME: an invalid Date (found in TypeScript) and bad text (found in Rust) read the same', () => {
  const fromRust = thrown(() => verifyChain([leaf], { now: 'yesterday' }));
  const fromTypeScript = thrown(() => verifyChain([leaf], { now: new Date(Number.NaN) }));
  assert.equal(fromTypeScript.code, 'INVALID_TIME');
  assert.equal(fromTypeScript.status, fromRust.status);
  assert.equal(fromTypeScript.field, 'now');
  assert.equal(fromTypeScript.message, fromRust.message.replace('yesterday', 'Invalid Date'));
});

test('INVALID_OPTIONS: options that are not an object (TypeScript) and an unknown option (Rust) share status and wording', () => {
  const fromRust = thrown(() => verifyChain([leaf], { trustAnchor: [] }));
  const fromTypeScript = thrown(() => verifyChain([leaf], null));
  assert.equal(fromTypeScript.code, 'INVALID_OPTIONS');
  assert.equal(fromTypeScript.status, fromRust.status);
  const wording = 'the options are not valid: ';
  assert.ok(fromRust.message.includes(wording), fromRust.message);
  assert.equal(fromTypeScript.message, `options: ${wording}expected an options object, got null`);
});

test('CANCELLED has the status and message of its row in the Rust table', async () => {
  const signal = AbortSignal.abort();
  await assert.rejects(generateKeyPair({ algorithm: 'Ed25519', signal }), {
    code: 'CANCELLED',
    status: 'CANCELLED',
    message: 'the operation was cancelled',
  });
});
