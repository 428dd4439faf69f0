// Runs the x509-limbo core suite through verifyChain. Shared by tests/js/limbo.test.mjs and the
// report script, so that both count the same way.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const SUITE = new URL('../vectors/limbo/x509-limbo-core.json.gz', import.meta.url);

/** Every test case of the suite. */
export function limboCases() {
  return JSON.parse(gunzipSync(readFileSync(SUITE)).toString('utf8')).testcases;
}

/** Why certkit cannot run a case as limbo states it, or undefined when it can. */
export function unsupported(testcase) {
  if (testcase.expected_peer_name?.kind === 'RFC822') return 'email peer names are not checked';
  return undefined;
}

/** verifyChain's arguments for a case. */
export function argumentsOf(testcase) {
  const options = {
    trustAnchors: testcase.trusted_certs,
    purpose: testcase.validation_kind === 'CLIENT' ? 'clientAuth' : 'serverAuth',
  };
  if (testcase.validation_time) options.now = testcase.validation_time;
  if (testcase.expected_peer_name) options.subjectName = testcase.expected_peer_name.value;
  if (testcase.max_chain_depth !== null) options.maxDepth = testcase.max_chain_depth;
  if (testcase.crls.length > 0) options.crls = testcase.crls;
  return [[testcase.peer_certificate, ...testcase.untrusted_intermediates], options];
}

/**
 * Runs one case: `PASS`, `ACCEPTS_BAD` (limbo expects a failure, certkit says ok),
 * `REJECTS_GOOD`, or `SKIPPED`, with the report's error codes.
 */
export function runCase(verifyChain, testcase) {
  const skip = unsupported(testcase);
  if (skip) return { outcome: 'SKIPPED', reason: skip, codes: [] };
  const [chain, options] = argumentsOf(testcase);
  let report;
  try {
    report = verifyChain(chain, options);
  } catch (error) {
    return { outcome: testcase.expected_result === 'FAILURE' ? 'PASS' : 'REJECTS_GOOD', codes: [error.code], threw: true };
  }
  const codes = [...report.problems, ...report.links.flatMap((l) => l.problems)].filter((p) => p.severity === 'error').map((p) => p.code);
  const expectOk = testcase.expected_result === 'SUCCESS';
  if (report.ok === expectOk) return { outcome: 'PASS', codes };
  return { outcome: report.ok ? 'ACCEPTS_BAD' : 'REJECTS_GOOD', codes };
}
