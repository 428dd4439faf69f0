/**
 * `certkit halo get|create|list|revoke|release|summarize|api-id`.
 * @module
 */
import { parseArgs } from 'node:util';
import { halo, type Problem, type RpcRequest } from '../node.js';
import { EXIT_OK, exitFor, oneOf, parse, printProblems, readText, required, UsageError, wholeNumber, type Command } from './args.js';

const usage = `usage: certkit halo get --name NAME
       certkit halo create --parent PARENT --certificate FILE
       certkit halo list --parent PARENT [--page-size N] [--page-token T] [--ski HEX|BASE64]...
       certkit halo revoke --name NAME --state HOLD|REVOKED [--current STATE]
       certkit halo release --name NAME [--current STATE]
       certkit halo summarize <list-response.json|-> [--now TIME] [--expiring-days N] [--json]
       certkit halo api-id encode NUMBER | certkit halo api-id decode API_ID

The request commands print a grpcurl command line (or with --format json the body) and take:
  --endpoint HOST:PORT   the Kingdom's public API
  --cert FILE --key FILE your client certificate and its key (mutual TLS)
  --cacert FILE          the CA certificate of the Kingdom's server certificate
  --api-key KEY          sent as x-api-key metadata (MeasurementConsumers)
  --import-path DIR...   folders with wfa/measurement/api/v2alpha/certificates_service.proto and
                         the google/api protos (the Kingdom serves no reflection)
  --reflection           leave the proto flags out, for a server that serves reflection
What is not given is a placeholder such as "\${CLIENT_CERT:?set CLIENT_CERT to ...}": set the
variable, or the shell stops with that text.

PARENT is dataProviders/ID, duchies/ID, measurementConsumers/ID or modelProviders/ID;
NAME is PARENT/certificates/ID (or .../preferred). Problems go to stderr; exit 1 on errors.
summarize stars certkit's pick for the preferred certificate (valid now, not on HOLD or REVOKED,
the latest notAfter), by the service's best practice: the server's preferred alias may differ.`;

export const haloCommand: Command = {
  name: 'halo',
  summary: 'build Halo Certificates requests and read ListCertificates responses',
  usage,
  run(args) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'get':
        return get(rest);
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
      case 'api-id':
        return apiId(rest);
      default:
        throw new UsageError(
          sub ? `unknown halo command '${sub}'` : 'give get, create, list, revoke, release, summarize or api-id',
          sub ? 'UNKNOWN_COMMAND' : 'MISSING_ARGUMENT',
        );
    }
  },
};

const REQUEST_OPTIONS = {
  endpoint: { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  cacert: { type: 'string' },
  'api-key': { type: 'string' },
  'import-path': { type: 'string', multiple: true },
  reflection: { type: 'boolean' },
  format: { type: 'string' },
} as const;

interface RequestFlags {
  endpoint?: string;
  cert?: string;
  key?: string;
  cacert?: string;
  'api-key'?: string;
  'import-path'?: string[];
  reflection?: boolean;
  format?: string;
}

/** The grpcurl options from the flags; checked before anything is read or built. */
function requestOptions(values: RequestFlags): halo.RequestOptions {
  if (values.format !== undefined) oneOf(values.format, '--format', ['json', 'grpcurl']);
  if (values.reflection && values['import-path']?.length)
    throw new UsageError('--reflection and --import-path cannot be used together: give one', 'CONFLICTING_FLAGS', '--reflection');
  return {
    ...(values.endpoint ? { endpoint: values.endpoint } : {}),
    ...(values.cert ? { cert: values.cert } : {}),
    ...(values.key ? { key: values.key } : {}),
    ...(values.cacert ? { cacert: values.cacert } : {}),
    ...(values['api-key'] ? { apiKey: values['api-key'] } : {}),
    ...(values.reflection ? { importPaths: [] } : values['import-path']?.length ? { importPaths: values['import-path'] } : {}),
  };
}

function emit(problems: Problem[], build: () => RpcRequest, format: string | undefined): number {
  printProblems(problems);
  if (exitFor(problems) !== EXIT_OK) return exitFor(problems);
  const request = build();
  console.log(format === 'json' ? JSON.stringify(request.bodyJson, null, 2) : request.grpcurl);
  return EXIT_OK;
}

function parseRequest<T extends Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>>(args: string[], own: T) {
  return parse(() => parseArgs({ args, strict: true, allowPositionals: false, options: { ...REQUEST_OPTIONS, ...own } })).values;
}

function get(args: string[]): number {
  const values = parseRequest(args, { name: { type: 'string' } });
  const options = requestOptions(values);
  const input = { name: required(values.name as string | undefined, '--name') };
  return emit(halo.checkGetCertificateRequest(input, options), () => halo.buildGetCertificateRequest(input, options), values.format);
}

function create(args: string[]): number {
  const values = parseRequest(args, { parent: { type: 'string' }, certificate: { type: 'string' } });
  const options = requestOptions(values);
  const input = {
    parent: required(values.parent as string | undefined, '--parent'),
    certificate: readText(required(values.certificate as string | undefined, '--certificate'), '--certificate'),
  };
  return emit(halo.checkCreateCertificateRequest(input, options), () => halo.buildCreateCertificateRequest(input, options), values.format);
}

function list(args: string[]): number {
  const values = parseRequest(args, {
    parent: { type: 'string' },
    'page-size': { type: 'string' },
    'page-token': { type: 'string' },
    ski: { type: 'string', multiple: true },
  });
  const options = requestOptions(values);
  const pageSize = values['page-size'] as string | undefined;
  const skis = values.ski as string[] | undefined;
  const input = {
    parent: required(values.parent as string | undefined, '--parent'),
    ...(pageSize !== undefined ? { pageSize: wholeNumber(pageSize, '--page-size', -(2 ** 31), 2 ** 31 - 1) } : {}),
    ...(values['page-token'] ? { pageToken: values['page-token'] as string } : {}),
    ...(skis?.length ? { filter: { subjectKeyIdentifiers: skis } } : {}),
  };
  return emit(halo.checkListCertificatesRequest(input, options), () => halo.buildListCertificatesRequest(input, options), values.format);
}

function revoke(args: string[]): number {
  const values = parseRequest(args, { name: { type: 'string' }, state: { type: 'string' }, current: { type: 'string' } });
  const options = requestOptions(values);
  const input = {
    name: required(values.name as string | undefined, '--name'),
    revocationState: required(values.state as string | undefined, '--state') as halo.RevocationState,
    ...(values.current ? { currentState: values.current as halo.RevocationState } : {}),
  };
  return emit(halo.checkRevokeCertificateRequest(input, options), () => halo.buildRevokeCertificateRequest(input, options), values.format);
}

function release(args: string[]): number {
  const values = parseRequest(args, { name: { type: 'string' }, current: { type: 'string' } });
  const options = requestOptions(values);
  const input = {
    name: required(values.name as string | undefined, '--name'),
    ...(values.current ? { currentState: values.current as halo.RevocationState } : {}),
  };
  return emit(
    halo.checkReleaseCertificateHoldRequest(input, options),
    () => halo.buildReleaseCertificateHoldRequest(input, options),
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
    if (statuses.length > 0)
      console.log(
        statuses.some((s) => s.preferred)
          ? "* certkit's pick for the preferred certificate by the service's best practice (valid now, not on HOLD or REVOKED, latest notAfter); the server's preferred alias may answer differently"
          : 'No certificate is usable now (each is on HOLD, REVOKED, expired, not yet valid or unreadable), so none is preferred: register a new one',
      );
  }
  const problems = statuses.flatMap((s) => s.problems);
  printProblems(problems);
  return exitFor(problems);
}

function apiId(args: string[]): number {
  const [direction, value, ...extra] = args;
  if (direction !== 'encode' && direction !== 'decode')
    throw new UsageError(
      direction ? `unknown api-id command '${direction}': give encode or decode` : 'give encode NUMBER or decode API_ID',
      direction ? 'UNKNOWN_COMMAND' : 'MISSING_ARGUMENT',
    );
  if (value === undefined)
    throw new UsageError(direction === 'encode' ? 'give the number to encode' : 'give the API ID to decode', 'MISSING_ARGUMENT');
  if (extra.length) throw new UsageError(`'${extra[0]}' is not expected here`, 'UNEXPECTED_ARGUMENT');
  if (direction === 'decode') {
    console.log(halo.decodeApiId(value).toString());
    return EXIT_OK;
  }
  if (!/^\d+$/.test(value))
    throw new UsageError(`the number must be whole digits from 1 to 9223372036854775807, not '${value}'`, 'INVALID_FLAG', 'NUMBER');
  console.log(halo.encodeApiId(BigInt(value)));
  return EXIT_OK;
}
