/**
 * `certkit alloydb request|check-response` and `certkit halo create|list|revoke|release|summarize`.
 * @module
 */
import { alloydb, halo, type Problem, type RpcRequest } from '../node.js';
import { EXIT_OK, exitFor, oneOf, parse, printProblems, readText, required, UsageError, wholeNumber, type Command } from './args.js';
import { parseArgs } from 'node:util';

const alloydbUsage = `usage: certkit alloydb request --parent projects/P/locations/L/clusters/C --public-key FILE
                              [--duration 3600s] [--request-id UUID|generate] [--metadata-exchange]
                              [--version v1|v1beta|v1alpha] [--format json|curl|url]
       certkit alloydb check-response <response.json|-> --public-key FILE [--now TIME] [--duration D] [--json]

request prints the body (or the curl command, or the URL); every problem goes to stderr.
check-response checks the server's answer against the key that was sent.`;

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

function checkResponse(args: string[]): number {
  const { values, positionals } = parse(() =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { 'public-key': { type: 'string' }, now: { type: 'string' }, duration: { type: 'string' }, json: { type: 'boolean' } },
    }),
  );
  const [path] = positionals;
  if (positionals.length !== 1 || path === undefined) throw new UsageError('give the response file (or -)', 'MISSING_ARGUMENT', 'response');
  const report = alloydb.checkGenerateClientCertificateResponse(readText(path, 'response'), {
    publicKey: readText(required(values['public-key'], '--public-key'), '--public-key'),
    ...(values.now ? { now: values.now } : {}),
    ...(values.duration ? { certDuration: values.duration } : {}),
  });
  if (values.json)
    console.log(
      JSON.stringify(
        {
          ...report,
          leaf: report.leaf && { subject: report.leaf.subject.rfc4514, notBefore: report.leaf.notBefore, notAfter: report.leaf.notAfter },
        },
        null,
        2,
      ),
    );
  else
    console.log(`${report.ok ? 'response OK' : 'response has problems'}${report.nextRefresh ? `; refresh at ${report.nextRefresh}` : ''}`);
  printProblems(report.problems);
  return exitFor(report.problems);
}

const haloUsage = `usage: certkit halo create --parent PARENT --certificate FILE
       certkit halo list --parent PARENT [--page-size N] [--page-token T] [--ski HEX|BASE64]...
       certkit halo revoke --name NAME --state HOLD|REVOKED [--current STATE]
       certkit halo release --name NAME [--current STATE]
       certkit halo summarize <list-response.json|-> [--now TIME] [--expiring-days N] [--json]
   request commands also take --endpoint HOST:PORT and --format json|grpcurl (default grpcurl)

PARENT is dataProviders/ID, duchies/ID, measurementConsumers/ID or modelProviders/ID;
NAME is PARENT/certificates/ID (or .../preferred). Problems go to stderr; exit 1 on errors.`;

export const haloCommand: Command = {
  name: 'halo',
  summary: 'build Halo Certificates requests and read ListCertificates responses',
  usage: haloUsage,
  run(args) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'create':
        return create(rest);
      case 'list':
        return list(rest);
      case 'revoke':
        return revoke(rest);
      case 'release':
        return release(rest);
      case 'summarize':
        return summarize(rest);
      default:
        throw new UsageError(
          sub ? `unknown halo command '${sub}'` : 'give create, list, revoke, release or summarize',
          sub ? 'UNKNOWN_COMMAND' : 'MISSING_ARGUMENT',
        );
    }
  },
};

const REQUEST_OPTIONS = { endpoint: { type: 'string' }, format: { type: 'string' } } as const;

function emit(problems: Problem[], build: () => RpcRequest, format: string | undefined): number {
  printProblems(problems);
  if (exitFor(problems) !== EXIT_OK) return exitFor(problems);
  const request = build();
  console.log(format === 'json' ? JSON.stringify(request.bodyJson, null, 2) : request.grpcurl);
  return EXIT_OK;
}

/** Checked before anything is read or built. */
function checkFormat(format: string | undefined): void {
  if (format !== undefined) oneOf(format, '--format', ['json', 'grpcurl']);
}

function options(endpoint: string | undefined) {
  return endpoint ? { endpoint } : {};
}

function create(args: string[]): number {
  const { values } = parse(() =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: { ...REQUEST_OPTIONS, parent: { type: 'string' }, certificate: { type: 'string' } },
    }),
  );
  checkFormat(values.format);
  const input = {
    parent: required(values.parent, '--parent'),
    certificate: readText(required(values.certificate, '--certificate'), '--certificate'),
  };
  return emit(
    halo.checkCreateCertificateRequest(input, options(values.endpoint)),
    () => halo.buildCreateCertificateRequest(input, options(values.endpoint)),
    values.format,
  );
}

function list(args: string[]): number {
  const { values } = parse(() =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        ...REQUEST_OPTIONS,
        parent: { type: 'string' },
        'page-size': { type: 'string' },
        'page-token': { type: 'string' },
        ski: { type: 'string', multiple: true },
      },
    }),
  );
  checkFormat(values.format);
  const input = {
    parent: required(values.parent, '--parent'),
    ...(values['page-size'] !== undefined ? { pageSize: wholeNumber(values['page-size'], '--page-size', -(2 ** 31), 2 ** 31 - 1) } : {}),
    ...(values['page-token'] ? { pageToken: values['page-token'] } : {}),
    ...(values.ski?.length ? { filter: { subjectKeyIdentifiers: values.ski } } : {}),
  };
  return emit(
    halo.checkListCertificatesRequest(input, options(values.endpoint)),
    () => halo.buildListCertificatesRequest(input, options(values.endpoint)),
    values.format,
  );
}

function revoke(args: string[]): number {
  const { values } = parse(() =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: { ...REQUEST_OPTIONS, name: { type: 'string' }, state: { type: 'string' }, current: { type: 'string' } },
    }),
  );
  checkFormat(values.format);
  const input = {
    name: required(values.name, '--name'),
    revocationState: required(values.state, '--state') as halo.RevocationState,
    ...(values.current ? { currentState: values.current as halo.RevocationState } : {}),
  };
  return emit(
    halo.checkRevokeCertificateRequest(input, options(values.endpoint)),
    () => halo.buildRevokeCertificateRequest(input, options(values.endpoint)),
    values.format,
  );
}

function release(args: string[]): number {
  const { values } = parse(() =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: { ...REQUEST_OPTIONS, name: { type: 'string' }, current: { type: 'string' } },
    }),
  );
  checkFormat(values.format);
  const input = {
    name: required(values.name, '--name'),
    ...(values.current ? { currentState: values.current as halo.RevocationState } : {}),
  };
  return emit(
    halo.checkReleaseCertificateHoldRequest(input, options(values.endpoint)),
    () => halo.buildReleaseCertificateHoldRequest(input, options(values.endpoint)),
    values.format,
  );
}

function summarize(args: string[]): number {
  const { values, positionals } = parse(() =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { now: { type: 'string' }, 'expiring-days': { type: 'string' }, json: { type: 'boolean' } },
    }),
  );
  const [path] = positionals;
  if (positionals.length !== 1 || path === undefined)
    throw new UsageError('give the ListCertificates response file (or -)', 'MISSING_ARGUMENT', 'response');
  const expiring = values['expiring-days'] === undefined ? undefined : wholeNumber(values['expiring-days'], '--expiring-days', 0, 36_500);
  const statuses = halo.summarizeCertificates(readText(path, 'response'), {
    ...(values.now ? { now: values.now } : {}),
    ...(expiring !== undefined ? { expiringWithinDays: expiring } : {}),
  });
  if (values.json) {
    console.log(JSON.stringify(statuses, null, 2));
  } else {
    for (const s of statuses) {
      console.log(
        `${s.preferred ? '*' : ' '} ${s.status.padEnd(13)} ${s.name}  ${s.notAfter ?? ''}${s.daysLeft !== undefined ? ` (${s.daysLeft} days)` : ''}  ${s.subjectKeyIdentifier?.hex ?? ''}`,
      );
    }
  }
  const problems = statuses.flatMap((s) => s.problems);
  printProblems(problems);
  return exitFor(problems);
}
