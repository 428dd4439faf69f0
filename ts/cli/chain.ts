/**
 * `certkit verify-chain`.
 * @module
 */
import { verifyChain } from '../node.js';
import { EXIT_PROBLEMS, exitFor, parse, printProblems, readInput, UsageError, type Command } from './args.js';
import { parseArgs } from 'node:util';

export const verifyChainCommand: Command = {
  name: 'verify-chain',
  summary: 'validate a chain and explain every link',
  usage: `usage: certkit verify-chain <file|->... [--trust FILE]... [--now TIME] [--leaf-key FILE]
                            [--purpose NAME] [--name HOST] [--max-depth N] [--crl FILE]... [--json]

Reads certificates from the files (any order, bundles allowed), finds a valid path from the leaf
to a trust anchor, prints it with each link's checks (issuer name, key identifiers, signature,
validity, CA constraints), and exits 1 unless the chain validates completely.
  --trust FILE     a trust anchor (repeatable); without one a self-signed root ends the chain
  --now TIME       RFC 3339 time to check validity at (default: now)
  --leaf-key FILE  the leaf must carry this key
  --purpose NAME   serverAuth, clientAuth, any (default), an extended key usage name or an OID
  --name HOST      DNS name or IP address the leaf must be valid for
  --max-depth N    most intermediate CAs between the leaf and the anchor
  --crl FILE       a CRL to apply (repeatable): a listed certificate fails its link
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
          purpose: { type: 'string' },
          name: { type: 'string' },
          'max-depth': { type: 'string' },
          crl: { type: 'string', multiple: true },
        },
      }),
    );
    if (positionals.length === 0) throw new UsageError('give at least one file or -');
    const maxDepth = values['max-depth'];
    if (maxDepth !== undefined && !/^\d{1,9}$/.test(maxDepth))
      throw new UsageError(`--max-depth takes a whole number of CAs, not "${maxDepth}"`);
    const report = verifyChain(positionals.map(readInput), {
      trustAnchors: (values.trust ?? []).map(readInput),
      ...(values.now ? { now: values.now } : {}),
      ...(values['leaf-key'] ? { leafPublicKey: readInput(values['leaf-key']) } : {}),
      ...(values.purpose ? { purpose: values.purpose } : {}),
      ...(values.crl ? { crls: values.crl.map(readInput) } : {}),
      ...(values.name ? { subjectName: values.name } : {}),
      ...(maxDepth !== undefined ? { maxDepth: Number(maxDepth) } : {}),
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
      const verdict = report.ok
        ? report.trusted
          ? 'valid, trusted'
          : 'valid (ends at a self-signed root; no trust anchor given)'
        : 'NOT valid';
      console.log(`chain ${verdict}${report.complete ? '' : ', incomplete'}`);
    }
    const problems = [...report.problems, ...report.links.flatMap((l) => l.problems)];
    printProblems(problems);
    // Fail closed: exit 1 whenever the chain did not validate, whatever the problems say.
    return report.ok ? exitFor(problems) : EXIT_PROBLEMS;
  },
};
