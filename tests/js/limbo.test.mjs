// The x509-limbo core suite (208 cases) through verifyChain, case by case, against the committed
// divergences. Counts: node tests/js/limbo-report.mjs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { verifyChain } from '../../pkg/node.js';
import { limboCases, runCase } from '../shared/limbo.mjs';

const { divergences } = JSON.parse(readFileSync(new URL('./limbo-divergences.json', import.meta.url), 'utf8'));
const cases = limboCases();

test('the suite is the 208-case core', () => {
  assert.equal(cases.length, 208);
  for (const id of Object.keys(divergences))
    assert.ok(
      cases.some((c) => c.id === id),
      `unknown case ${id}`,
    );
});

for (const testcase of cases) {
  test(`limbo ${testcase.id}`, (t) => {
    const result = runCase(verifyChain, testcase);
    if (result.outcome === 'SKIPPED') {
      t.skip(result.reason);
      return;
    }
    const listed = divergences[testcase.id];
    assert.notEqual(result.outcome, 'ACCEPTS_BAD', `accepts a chain limbo rejects (${testcase.expected_result})`);
    if (listed) {
      assert.equal(
        result.outcome,
        'REJECTS_GOOD',
        'listed as a divergence but now agrees with limbo: remove it from limbo-divergences.json',
      );
    } else {
      assert.equal(result.outcome, 'PASS', `diverges from limbo (expected ${testcase.expected_result}; errors ${result.codes.join(', ')})`);
    }
    if (testcase.expected_result === 'FAILURE') assert.ok(result.threw || result.codes.length > 0, 'a refusal must say why');
  });
}
