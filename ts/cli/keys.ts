/**
 * `certkit ski`, `keygen`, `csr` and `cert`.
 * @module
 */
import {
  createCertificate,
  createCsr,
  exportPrivateKey,
  generateKeyPair,
  identifyKeyIdMethod,
  KEY_SPECS,
  keyIdentifiers,
  subjectKeyIdentifier,
  type KeyIdMethod,
  type KeySpec,
} from '../node.js';
import {
  EXIT_OK,
  exclusive,
  oneOf,
  parse,
  printProblems,
  readInput,
  readPassphrase,
  readText,
  refuseOverwrite,
  required,
  UsageError,
  wholeNumber,
  writeOutput,
  type Command,
} from './args.js';
import { parseArgs } from 'node:util';

const METHODS = ['rfc5280-sha1', 'rfc5280-method2', 'rfc7093-sha256', 'rfc7093-sha384', 'rfc7093-sha512', 'spki-sha256-160'];

export const skiCommand: Command = {
  name: 'ski',
  summary: 'subject key identifiers, every way they are computed',
  usage: `usage: certkit ski <certificate|csr|key|-> [--method M | --all] [--identify]

Prints the key identifier (hex) of the key in a certificate, CSR, public or private key.
  --method M   one of ${METHODS.join(', ')} (default rfc5280-sha1)
  --all        every method, one per line
  --identify   which method made the SKI extension of a certificate or CSR`,
  run(args) {
    const { values, positionals } = parse(() =>
      parseArgs({
        args,
        strict: true,
        allowPositionals: true,
        options: { method: { type: 'string' }, all: { type: 'boolean' }, identify: { type: 'boolean' } },
      }),
    );
    const [path] = positionals;
    if (positionals.length !== 1 || path === undefined) throw new UsageError('give exactly one input', 'MISSING_ARGUMENT', 'input');
    if (values.method !== undefined) oneOf(values.method, '--method', METHODS);
    exclusive(values, ['--method', '--all', '--identify']);
    const input = readInput(path, 'input');
    if (values.identify) console.log(identifyKeyIdMethod(input));
    else if (values.all) for (const [method, id] of Object.entries(keyIdentifiers(input))) console.log(`${method}\t${id}`);
    else console.log(subjectKeyIdentifier(input, (values.method ?? 'rfc5280-sha1') as KeyIdMethod));
    return EXIT_OK;
  },
};

/** `--algorithm` takes the id of every key certkit makes, and `rsa` for RSA 2048. */
const ALGORITHMS: Record<string, KeySpec> = {
  rsa: { algorithm: 'RSA', modulusLength: 2048 },
  ...Object.fromEntries(KEY_SPECS.map((key) => [key.id, key.spec])),
};

export const keygenCommand: Command = {
  name: 'keygen',
  summary: 'make a private key',
  usage: `usage: certkit keygen --algorithm ${Object.keys(ALGORITHMS).join('|')} [--out FILE] [--public-out FILE] [--passphrase-file FILE] [--force]

Writes the private key as PKCS#8 PEM (to stdout without --out; files are created with mode 0600),
encrypted with PBES2 (PBKDF2-HMAC-SHA256, 600,000 rounds, AES-256-CBC) when a passphrase file is given.
An existing --out or --public-out file is kept unless --force is given.`,
  async run(args) {
    const { values } = parse(() =>
      parseArgs({
        args,
        strict: true,
        allowPositionals: false,
        options: {
          algorithm: { type: 'string' },
          out: { type: 'string' },
          'public-out': { type: 'string' },
          'passphrase-file': { type: 'string' },
          force: { type: 'boolean' },
        },
      }),
    );
    const name = oneOf(required(values.algorithm, '--algorithm').toLowerCase(), '--algorithm', Object.keys(ALGORITHMS));
    const spec = ALGORITHMS[name] as KeySpec;
    if (values.out !== undefined && values.out !== '-' && values.out === values['public-out']) {
      throw new UsageError('--out and --public-out name the same file', 'CONFLICTING_FLAGS', '--public-out');
    }
    refuseOverwrite(values.out, '--out', values.force);
    refuseOverwrite(values['public-out'], '--public-out', values.force);
    const passphrase = readPassphrase(values['passphrase-file']);
    const pair = await generateKeyPair(spec);
    const privatePem = passphrase ? String(exportPrivateKey(pair.privateKeyPem, { format: 'pkcs8', passphrase })) : pair.privateKeyPem;
    await writeOutput(values.out, privatePem, { secret: true, force: values.force });
    if (values['public-out']) await writeOutput(values['public-out'], pair.publicKeyPem, { force: values.force, flag: '--public-out' });
    if (values.out)
      console.error(
        `certkit: wrote ${values.out} (${pair.algorithm}${pair.namedCurve ? ` ${pair.namedCurve}` : ''}${pair.modulusLength ? ` ${pair.modulusLength}` : ''}; SKI ${pair.subjectKeyIdentifier})`,
      );
    return EXIT_OK;
  },
};

const BUILD_OPTIONS = {
  key: { type: 'string' },
  'passphrase-file': { type: 'string' },
  subject: { type: 'string' },
  san: { type: 'string', multiple: true },
  'key-usage': { type: 'string', multiple: true },
  eku: { type: 'string', multiple: true },
  'key-id-method': { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
} as const;

function list(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** Like `list`, but a `dirName:` value keeps its commas (it is an RFC 4514 name). */
function sanList(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => (v.trim().startsWith('dirName:') ? [v] : v.split(',')))
    .map((v) => v.trim())
    .filter(Boolean);
}

const SAN_HELP = `--san takes DNS names, IP addresses, emails and URIs (the type is inferred), or OpenSSL's typed
form: DNS:, IP:, email:, URI:, RID:1.2.3.4, dirName:CN=...,O=... (one per --san) and
otherName:OID;UTF8:value. Repeat it, or separate names with commas.`;

export const csrCommand: Command = {
  name: 'csr',
  summary: 'make a PKCS#10 certificate request',
  usage: `usage: certkit csr --key FILE --subject "CN=...,O=..." [--san NAME]... [--key-usage U]... [--eku E]... [--ski] [--key-id-method M] [--passphrase-file FILE] [--out FILE [--force]]

${SAN_HELP}
--eku takes any extended key usage name certkit prints (clientAuth, msSmartcardLogin, ...) or a dotted OID.`,
  async run(args) {
    const { values } = parse(() =>
      parseArgs({ args, strict: true, allowPositionals: false, options: { ...BUILD_OPTIONS, ski: { type: 'boolean' } } }),
    );
    if (values['key-id-method'] !== undefined) oneOf(values['key-id-method'], '--key-id-method', METHODS);
    refuseOverwrite(values.out, '--out', values.force);
    const passphrase = readPassphrase(values['passphrase-file']);
    const csr = createCsr({
      privateKey: readText(required(values.key, '--key'), '--key'),
      subject: required(values.subject, '--subject'),
      subjectAltNames: sanList(values.san),
      keyUsage: list(values['key-usage']),
      extendedKeyUsage: list(values.eku),
      includeSubjectKeyIdentifier: values.ski === true,
      ...(values['key-id-method'] ? { keyIdMethod: values['key-id-method'] as KeyIdMethod } : {}),
      ...(passphrase ? { passphrase } : {}),
    });
    printProblems(csr.warnings, 'certkit: ');
    await writeOutput(values.out, csr.pem, { force: values.force });
    return EXIT_OK;
  },
};

export const certCommand: Command = {
  name: 'cert',
  summary: 'make a certificate (self-signed, or issued by a CA)',
  usage: `usage: certkit cert (--key FILE | --csr FILE | --public-key FILE) [--subject "CN=..."] [--ca-cert FILE --ca-key FILE [--ca-passphrase-file FILE]]
                   [--days N] [--ca] [--path-length N] [--san NAME]... [--key-usage U]... [--eku E]... [--key-id-method M]
                   [--serial HEX] [--aki] [--out FILE [--force]]

Self-signed with --key alone; with --ca-cert/--ca-key the CA signs it (needed for --csr and
--public-key). A random positive 16-byte serial unless --serial, the subjectKeyIdentifier by
--key-id-method (RFC 5280 method 1), the authorityKeyIdentifier from the CA's (a self-signed CA
has none unless --aki). Valid from now for --days; by default a year, ten with --ca, and never past
the CA's own notAfter (an explicit --days may, with a warning). From a --csr, its subject and requested
subjectAltName, keyUsage, extendedKeyUsage and subjectKeyIdentifier are copied exactly unless
given here. Warnings (such as a certificate outliving its CA) go to stderr.
${SAN_HELP}`,
  async run(args) {
    const { values } = parse(() =>
      parseArgs({
        args,
        strict: true,
        allowPositionals: false,
        options: {
          ...BUILD_OPTIONS,
          csr: { type: 'string' },
          'public-key': { type: 'string' },
          'ca-cert': { type: 'string' },
          'ca-key': { type: 'string' },
          'ca-passphrase-file': { type: 'string' },
          days: { type: 'string' },
          ca: { type: 'boolean' },
          'path-length': { type: 'string' },
          serial: { type: 'string' },
          aki: { type: 'boolean' },
        },
      }),
    );
    const subjectKey = exclusive(values, ['--key', '--csr', '--public-key'], true);
    if ((values['ca-cert'] === undefined) !== (values['ca-key'] === undefined)) {
      throw new UsageError(
        '--ca-cert and --ca-key go together',
        'MISSING_FLAG',
        values['ca-cert'] === undefined ? '--ca-cert' : '--ca-key',
      );
    }
    if (subjectKey !== '--key' && values['ca-cert'] === undefined) {
      throw new UsageError(
        `a certificate for ${subjectKey} must be issued by a CA: give --ca-cert and --ca-key`,
        'MISSING_FLAG',
        '--ca-cert',
      );
    }
    const days = values.days === undefined ? undefined : wholeNumber(values.days, '--days', 1, 100 * 366);
    const pathLength = values['path-length'] === undefined ? undefined : wholeNumber(values['path-length'], '--path-length', 0, 255);
    if (values['key-id-method'] !== undefined) oneOf(values['key-id-method'], '--key-id-method', METHODS);
    refuseOverwrite(values.out, '--out', values.force);
    const now = new Date();
    const passphrase = readPassphrase(values['passphrase-file']);
    const caPassphrase = readPassphrase(values['ca-passphrase-file'], '--ca-passphrase-file');
    const sans = sanList(values.san);
    const usages = list(values['key-usage']);
    const ekus = list(values.eku);
    const cert = createCertificate({
      ...(values.key ? { privateKey: readText(values.key, '--key') } : {}),
      ...(values.csr ? { csr: readText(values.csr, '--csr') } : {}),
      ...(values['public-key'] ? { publicKey: readText(values['public-key'], '--public-key') } : {}),
      ...(values.subject ? { subject: values.subject } : {}),
      ...(passphrase ? { passphrase } : {}),
      ...(values['ca-cert'] && values['ca-key']
        ? {
            issuer: {
              certificate: readText(values['ca-cert'], '--ca-cert'),
              privateKey: readText(values['ca-key'], '--ca-key'),
              ...(caPassphrase ? { passphrase: caPassphrase } : {}),
            },
          }
        : {}),
      ...(sans.length ? { subjectAltNames: sans } : {}),
      ...(usages.length ? { keyUsage: usages } : {}),
      ...(ekus.length ? { extendedKeyUsage: ekus } : {}),
      ...(values['key-id-method'] ? { keyIdMethod: values['key-id-method'] as KeyIdMethod } : {}),
      isCa: values.ca === true,
      ...(values.serial !== undefined ? { serialNumber: values.serial } : {}),
      ...(values.aki ? { includeAuthorityKeyIdentifier: true } : {}),
      ...(pathLength !== undefined ? { pathLength } : {}),
      now,
      ...(days !== undefined ? { notAfter: new Date(now.getTime() + days * 86_400_000) } : {}),
    });
    printProblems(cert.warnings, 'certkit: ');
    await writeOutput(values.out, cert.pem, { force: values.force });
    return EXIT_OK;
  },
};
