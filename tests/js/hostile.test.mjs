// The hostile-input suite (tests/shared/hostile.mjs) against the Node build; the Chromium run
// of the same suite is tests/e2e/hostile.test.mjs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as certkit from '../../pkg/node.js';
import { runHostileSuite } from '../shared/hostile.mjs';

const chain = readFileSync(new URL('../../www/src/samples/sample-chain.pem', import.meta.url), 'utf8');
const pem = `${chain.split('-----END CERTIFICATE-----')[0]}-----END CERTIFICATE-----\n`;

test('hostile input in Node: CertkitError or problems every time, and the module keeps working', async (t) => {
  const der = certkit.parseCertificate(pem).der;
  const results = await runHostileSuite(certkit, { pem, der }, (line) => t.diagnostic(line));
  assert.ok(results.length >= 9);
});
