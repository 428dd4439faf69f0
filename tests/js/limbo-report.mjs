// Prints certkit's x509-limbo counts and every divergence: node tests/js/limbo-report.mjs [--all]
import { verifyChain } from '../../pkg/node.js';
import { limboCases, runCase } from '../shared/limbo.mjs';

const counts = { PASS: 0, ACCEPTS_BAD: 0, REJECTS_GOOD: 0, SKIPPED: 0 };
for (const testcase of limboCases()) {
  const result = runCase(verifyChain, testcase);
  counts[result.outcome] += 1;
  if (result.outcome !== 'PASS' || process.argv.includes('--all')) {
    console.log(`${result.outcome.padEnd(12)} ${testcase.id}  ${result.reason ?? result.codes.join(',')}`);
  }
}
console.log(JSON.stringify(counts));
