/**
 * `certkit verify-chain`.
 * @module
 */
import { exportPublicKey, parseCertificates, verifyChain, type Certificate } from '../node.js';
import { EXIT_PROBLEMS, exitFor, inputError, parse, printProblems, readInput, UsageError, wholeNumber, type Command } from './args.js';
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
  --leaf-key FILE  the leaf must carry this key (a key, or a certificate or CSR with it); a key
                   that only an issuing certificate of the input carries is an error
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
    if (positionals.length === 0) throw new UsageError('give at least one file or -', 'MISSING_ARGUMENT', 'input');
    const maxDepth = values['max-depth'] === undefined ? undefined : wholeNumber(values['max-depth'], '--max-depth', 0, 999_999_999);
    const inputs = positionals.map((path, i) => readInput(path, positionals.length > 1 ? `input[${i}]` : 'input'));
    const leafKey = values['leaf-key'] === undefined ? undefined : readInput(values['leaf-key'], '--leaf-key');
    if (leafKey) checkLeafKey(inputs, leafKey);
    const report = verifyChain(inputs, {
      trustAnchors: (values.trust ?? []).map((path) => readInput(path, '--trust')),
      ...(values.now ? { now: values.now } : {}),
      ...(leafKey ? { leafPublicKey: leafKey } : {}),
      ...(values.purpose ? { purpose: values.purpose } : {}),
      ...(values.crl ? { crls: values.crl.map((path) => readInput(path, '--crl')) } : {}),
      ...(values.name ? { subjectName: values.name } : {}),
      ...(maxDepth !== undefined ? { maxDepth } : {}),
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

/**
 * The leaf key must belong to a leaf candidate: a certificate of the input that issued no
 * other certificate of the input. The key of an intermediate would otherwise make it the leaf
 * and the rest of the chain would be checked without the real leaf.
 */
function checkLeafKey(inputs: Uint8Array[], leafKey: Uint8Array): void {
  const certificates = inputs.flatMap((input) => parseCertificates(input));
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
  const spki = hex(exportPublicKey(leafKey, { format: 'der' }) as Uint8Array);
  const carrying = certificates.filter((c) => hex(c.publicKey.spki) === spki);
  const issued = (issuer: Certificate) =>
    certificates.find((c) => c !== issuer && c.issuer.rfc4514 === issuer.subject.rfc4514 && c.subject.rfc4514 !== issuer.subject.rfc4514);
  if (carrying.some((c) => issued(c) === undefined)) return;
  const fail = (message: string) => inputError('LEAF_KEY_MISMATCH', '--leaf-key', message);
  const [issuer] = carrying;
  if (!issuer) throw fail("no certificate of the input carries this key: give the leaf's own key, or add its certificate");
  throw fail(
    `this is the key of \`${issuer.subject.rfc4514}\`, which issued \`${issued(issuer)?.subject.rfc4514}\` in the input, so it is not a leaf: give the leaf's own key`,
  );
}
