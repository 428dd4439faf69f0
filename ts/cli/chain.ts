/**
 * `certkit verify-chain`.
 * @module
 */
import { verifyChain } from '../node.js';
import { exitFor, parse, printProblems, readInput, UsageError, type Command } from './args.js';
import { parseArgs } from 'node:util';

export const verifyChainCommand: Command = {
  name: 'verify-chain',
  summary: 'put a chain in order and check every link',
  usage: `usage: certkit verify-chain <file|->... [--trust FILE]... [--now TIME] [--leaf-key FILE] [--json]

Reads certificates from the files (any order, bundles allowed), prints the proper order and each
link's checks (issuer name, key identifiers, signature, validity, CA constraints).
  --trust FILE     a trust anchor (repeatable); without one a self-signed root ends the chain
  --now TIME       RFC 3339 time to check validity at (default: now)
  --leaf-key FILE  the leaf must carry this key
  --json           the report as JSON`,
  run(args) {
    const { values, positionals } = parse(() =>
      parseArgs({
        args,
        strict: true,
        allowPositionals: true,
        options: {
          trust: { type: 'string', multiple: true },
          now: { type: 'string' },
          'leaf-key': { type: 'string' },
          json: { type: 'boolean' },
        },
      }),
    );
    if (positionals.length === 0) throw new UsageError('give at least one file or -');
    const report = verifyChain(positionals.map(readInput), {
      trustAnchors: (values.trust ?? []).map(readInput),
      ...(values.now ? { now: values.now } : {}),
      ...(values['leaf-key'] ? { leafPublicKey: readInput(values['leaf-key']) } : {}),
    });
    if (values.json) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      const tick = (v: boolean | undefined) => (v === undefined ? '-' : v ? 'ok' : 'FAIL');
      report.links.forEach((link, i) => {
        console.log(`${i + 1}. ${link.subject}  (input ${link.index + 1}, issued by ${link.issuedBy})`);
        console.log(
          `   name ${tick(link.issuedBy === 'missing' ? undefined : link.nameMatch)}  key-id ${tick(link.keyIdentifierMatch)}  signature ${link.signature}  valid ${tick(link.validNow)}  ca ${tick(link.issuedBy === 'chain' || link.issuedBy === 'anchor' ? link.caConstraintsOk : undefined)}`,
        );
      });
      console.log(`chain ${report.ok ? 'OK' : 'has problems'}${report.complete ? ', complete' : ', incomplete'}`);
    }
    const problems = [...report.problems, ...report.links.flatMap((l) => l.problems)];
    printProblems(problems);
    return exitFor(problems);
  },
};
