/**
 * `certkit alloydb request|check-response`.
 * @module
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { alloydb, type Certificate, type ResponseReport } from '../node.js';
import {
  EXIT_OK,
  exitFor,
  oneOf,
  parse,
  printProblems,
  readText,
  refuseOverwrite,
  required,
  UsageError,
  writeOutput,
  type Command,
} from './args.js';

const alloydbUsage = `usage: certkit alloydb request --parent projects/P/locations/L/clusters/C --public-key FILE
                              [--duration 3600s] [--request-id UUID|generate] [--metadata-exchange]
                              [--version v1|v1beta|v1alpha] [--format json|curl|url]
       certkit alloydb check-response <response.json|-> --public-key FILE [--now TIME] [--duration D] [--json]
                              [--out-dir DIR [--force]]

request prints the body (or the curl command, or the URL); every problem goes to stderr.
check-response checks the server's answer against the key that was sent. With --out-dir it
  writes, when a certificate of the answer carries that key, wherever it is in the list:
  client.pem (that certificate), chain.pem (its issuers, issuer first, towards the root) and
  ca.pem (caCert); existing files are refused unless --force.`;

export const alloydbCommand: Command = {
  name: 'alloydb',
  summary: 'build and check AlloyDB generateClientCertificate requests and responses',
  usage: alloydbUsage,
  run(args) {
    const [sub, ...rest] = args;
    if (sub === 'request') return request(rest);
    if (sub === 'check-response') return checkResponse(rest);
    throw new UsageError(
      sub ? `unknown alloydb command '${sub}'` : 'give request or check-response',
      sub ? 'UNKNOWN_COMMAND' : 'MISSING_ARGUMENT',
    );
  },
};

function request(args: string[]): number {
  const { values } = parse(() =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        parent: { type: 'string' },
        'public-key': { type: 'string' },
        duration: { type: 'string' },
        'request-id': { type: 'string' },
        'metadata-exchange': { type: 'boolean' },
        version: { type: 'string' },
        format: { type: 'string' },
      },
    }),
  );
  const format = oneOf(values.format ?? 'json', '--format', ['json', 'curl', 'url']);
  const duration = values.duration;
  const input = {
    parent: required(values.parent, '--parent'),
    publicKey: readText(required(values['public-key'], '--public-key'), '--public-key'),
    ...(duration ? { certDuration: /^\d+(\.\d+)?$/.test(duration) ? Number(duration) : duration } : {}),
    ...(values['request-id'] ? { requestId: values['request-id'] } : {}),
    ...(values['metadata-exchange'] ? { useMetadataExchange: true } : {}),
    ...(values.version ? { version: values.version as 'v1' } : {}),
  };
  const problems = alloydb.checkGenerateClientCertificateRequest(input);
  printProblems(problems);
  if (exitFor(problems) !== EXIT_OK) return exitFor(problems);
  const built = alloydb.buildGenerateClientCertificateRequest(input);
  console.log(format === 'curl' ? built.curl : format === 'url' ? built.url : JSON.stringify(built.bodyJson, null, 2));
  return EXIT_OK;
}

const OUT_FILES = ['client.pem', 'chain.pem', 'ca.pem'] as const;

async function checkResponse(args: string[]): Promise<number> {
  const { values, positionals } = parse(() =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        'public-key': { type: 'string' },
        now: { type: 'string' },
        duration: { type: 'string' },
        json: { type: 'boolean' },
        'out-dir': { type: 'string' },
        force: { type: 'boolean' },
      },
    }),
  );
  const [path] = positionals;
  if (positionals.length !== 1 || path === undefined) throw new UsageError('give the response file (or -)', 'MISSING_ARGUMENT', 'response');
  const outDir = values['out-dir'];
  if (outDir !== undefined) for (const name of OUT_FILES) refuseOverwrite(join(outDir, name), '--out-dir', values.force);
  const responseText = readText(path, 'response');
  const publicKey = readText(required(values['public-key'], '--public-key'), '--public-key');
  const report = alloydb.checkGenerateClientCertificateResponse(responseText, {
    publicKey,
    ...(values.now ? { now: values.now } : {}),
    ...(values.duration ? { certDuration: values.duration } : {}),
  });
  if (values.json)
    console.log(
      JSON.stringify(
        {
          ...report,
          leaf: report.leaf && brief(report.leaf),
          issuers: report.issuers.map(brief),
          caCert: report.caCert && brief(report.caCert),
        },
        null,
        2,
      ),
    );
  else
    console.log(`${report.ok ? 'response OK' : 'response has problems'}${report.nextRefresh ? `; refresh at ${report.nextRefresh}` : ''}`);
  printProblems(report.problems);
  if (outDir !== undefined) await writeFiles(outDir, responseText, report, values.force);
  return exitFor(report.problems);
}

/** A certificate in the JSON output: who it is and when it is valid (its bytes stay out). */
function brief(certificate: Certificate) {
  return { subject: certificate.subject.rfc4514, notBefore: certificate.notBefore, notAfter: certificate.notAfter };
}

/** The three files, from the report (which holds them in proper order); what cannot be written is said on stderr instead. */
async function writeFiles(dir: string, responseText: string, report: ResponseReport, force = false): Promise<void> {
  const leaf = report.leaf;
  if (!leaf || !report.checks.leafKeyMatches) {
    console.error(`nothing written to ${dir}: no certificate of the answer carries the key that was sent`);
    return;
  }
  const files: [string, string | undefined, string][] = [
    ['client.pem', leaf.pem, ''],
    [
      'chain.pem',
      report.issuers.map((c) => c.pem).join('') || undefined,
      'the answer holds no certificate that issued the client certificate',
    ],
    ['ca.pem', report.caCert?.pem, 'caCert is missing or not a certificate'],
  ];
  mkdirSync(dir, { recursive: true });
  for (const [name, content, why] of files) {
    if (content === undefined) {
      console.error(`${join(dir, name)} not written: ${why}`);
      continue;
    }
    await writeOutput(join(dir, name), content, { force, flag: '--out-dir' });
    console.error(`wrote ${join(dir, name)}`);
  }
  // Only the count is read here: certkit read the answer (it has a leaf), so it is JSON.
  const given = (JSON.parse(responseText) as alloydb.GenerateClientCertificateResponse).pemCertificateChain?.length ?? 0;
  const left = given - 1 - report.issuers.length;
  if (left > 0)
    console.error(
      `${left} certificate${left === 1 ? '' : 's'} of the answer, not on the path from the client certificate, left out of chain.pem`,
    );
}
