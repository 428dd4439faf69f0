/**
 * `certkit p12 create|inspect` and `certkit crl inspect`.
 * @module
 */
import { exportPkcs12, importPrivateKey, parseCrl, parsePkcs12, type Certificate } from '../node.js';
import {
  EXIT_OK,
  exitFor,
  parse,
  printProblems,
  readInput,
  readPassphrase,
  readText,
  refuseOverwrite,
  required,
  UsageError,
  writeOutput,
  type Command,
} from './args.js';
import { parseArgs } from 'node:util';

const PASSPHRASE_HELP = `The passphrase comes from --passphrase-file FILE (its first line) or --passphrase-env NAME
(an environment variable); certkit never prompts for it and never prints it.`;

/** The passphrase from a file or an environment variable, exactly one of them. */
function passphraseFrom(values: { 'passphrase-file'?: string; 'passphrase-env'?: string }): string {
  const file = values['passphrase-file'];
  const env = values['passphrase-env'];
  if ((file === undefined) === (env === undefined))
    throw new UsageError(
      'give the passphrase with exactly one of --passphrase-file and --passphrase-env',
      file === undefined ? 'MISSING_FLAG' : 'CONFLICTING_FLAGS',
      file === undefined ? '--passphrase-file' : '--passphrase-env',
    );
  if (file !== undefined) return readPassphrase(file) ?? '';
  const value = process.env[env ?? ''];
  if (value === undefined) throw new UsageError(`the environment variable ${env} is not set`, 'INVALID_FLAG', '--passphrase-env');
  return value;
}

const line = (c: Certificate) => `${c.subject.rfc4514}  (issuer ${c.issuer.rfc4514}; serial ${c.serialNumber}; until ${c.notAfter})`;

export const p12Command: Command = {
  name: 'p12',
  summary: 'make or read a PKCS#12 (.p12/.pfx) file',
  usage: `usage: certkit p12 create --key FILE --cert FILE... [--name NAME] [--legacy] [--key-passphrase-file FILE] --out FILE [--force]
                       (--passphrase-file FILE | --passphrase-env NAME)
       certkit p12 inspect <file|-> (--passphrase-file FILE | --passphrase-env NAME) [--json] [--key-out FILE [--force]]

create: the key and its certificates, leaf first (--cert repeats; a file may hold a bundle), as
  OpenSSL 3 writes them: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) with an HMAC-SHA256 MAC; with
  --legacy, 3DES with an HMAC-SHA1 MAC for older Java, macOS and Windows. --name sets the name
  keychains show. The file is written with mode 0600.
inspect: the certificates (leaf first), the name, how the file is protected. The private key is
  written only to --key-out (PKCS#8 PEM, mode 0600), never to the terminal.
${PASSPHRASE_HELP}`,
  async run(args) {
    const [sub, ...rest] = args;
    const passphraseOptions = { 'passphrase-file': { type: 'string' }, 'passphrase-env': { type: 'string' } } as const;
    if (sub === 'create') {
      const { values } = parse(() =>
        parseArgs({
          args: rest,
          strict: true,
          allowPositionals: false,
          options: {
            ...passphraseOptions,
            key: { type: 'string' },
            cert: { type: 'string', multiple: true },
            name: { type: 'string' },
            legacy: { type: 'boolean' },
            'key-passphrase-file': { type: 'string' },
            out: { type: 'string' },
            force: { type: 'boolean' },
          },
        }),
      );
      const out = required(values.out, '--out');
      refuseOverwrite(out, '--out', values.force);
      const certificates = (values.cert ?? []).map((path) => readText(path, '--cert'));
      if (certificates.length === 0) throw new UsageError('give the certificate with --cert (leaf first)', 'MISSING_FLAG', '--cert');
      const keyPassphrase = readPassphrase(values['key-passphrase-file'], '--key-passphrase-file');
      let privateKey = readText(required(values.key, '--key'), '--key');
      if (keyPassphrase !== undefined) privateKey = importPrivateKey(privateKey, { passphrase: keyPassphrase }).privateKeyPem;
      const p12 = exportPkcs12({
        privateKey,
        certificates,
        passphrase: passphraseFrom(values),
        compatibility: values.legacy ? 'legacy' : 'modern',
        ...(values.name !== undefined ? { friendlyName: values.name } : {}),
      });
      await writeOutput(out, p12, { secret: true, force: values.force });
      console.error(`certkit: wrote ${out} (${values.legacy ? 'legacy' : 'modern'})`);
      return EXIT_OK;
    }
    if (sub === 'inspect') {
      const { values, positionals } = parse(() =>
        parseArgs({
          args: rest,
          strict: true,
          allowPositionals: true,
          options: {
            ...passphraseOptions,
            json: { type: 'boolean' },
            'key-out': { type: 'string' },
            force: { type: 'boolean' },
          },
        }),
      );
      const [path] = positionals;
      if (positionals.length !== 1 || path === undefined) throw new UsageError('give exactly one file or -', 'MISSING_ARGUMENT', 'input');
      refuseOverwrite(values['key-out'], '--key-out', values.force);
      const contents = parsePkcs12(readInput(path), passphraseFrom(values));
      const { privateKeyPem, ...shown } = contents;
      if (values['key-out'] && privateKeyPem)
        await writeOutput(values['key-out'], privateKeyPem, { secret: true, force: values.force, flag: '--key-out' });
      if (values.json) {
        console.log(
          JSON.stringify(
            { ...shown, hasPrivateKey: privateKeyPem !== undefined },
            (_, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v),
            2,
          ),
        );
      } else {
        console.log(
          `private key: ${privateKeyPem ? 'yes' : 'none'}${shown.friendlyName ? `  name: ${shown.friendlyName}` : ''}${shown.localKeyId ? `  localKeyId: ${shown.localKeyId}` : ''}`,
        );
        const { mac, keyEncryption, certificateEncryption } = shown.protection;
        console.log(`integrity: ${mac ? `HMAC-${mac.algorithm.toUpperCase()}, ${mac.iterations} iterations` : 'NONE'}`);
        if (keyEncryption) console.log(`key: ${keyEncryption}`);
        console.log(`certificates: ${certificateEncryption ?? 'not encrypted'}`);
        for (const [i, c] of shown.certificates.entries()) console.log(`  ${i + 1}. ${line(c)}`);
      }
      printProblems(shown.problems);
      return exitFor(shown.problems);
    }
    throw new UsageError(
      sub === undefined ? 'give a subcommand: create or inspect' : `unknown subcommand '${sub}': use create or inspect`,
      sub === undefined ? 'MISSING_ARGUMENT' : 'UNKNOWN_COMMAND',
    );
  },
};

export const crlCommand: Command = {
  name: 'crl',
  summary: 'read a certificate revocation list',
  usage: `usage: certkit crl inspect <file|-> [--issuer FILE] [--json]

The issuer, dates, CRL number and every revoked serial with its date and reason. With --issuer
the CRL's signature is checked with that certificate's key (exit code 1 unless it is valid).`,
  run(args) {
    const [sub, ...rest] = args;
    if (sub !== 'inspect')
      throw new UsageError(
        sub === undefined ? 'give a subcommand: inspect' : `unknown subcommand '${sub}': use inspect`,
        sub === undefined ? 'MISSING_ARGUMENT' : 'UNKNOWN_COMMAND',
      );
    const { values, positionals } = parse(() =>
      parseArgs({ args: rest, strict: true, allowPositionals: true, options: { issuer: { type: 'string' }, json: { type: 'boolean' } } }),
    );
    const [path] = positionals;
    if (positionals.length !== 1 || path === undefined) throw new UsageError('give exactly one file or -', 'MISSING_ARGUMENT', 'input');
    const crl = parseCrl(readInput(path), values.issuer ? { issuer: readInput(values.issuer, '--issuer') } : {});
    if (values.json) {
      console.log(JSON.stringify(crl, (_, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v), 2));
    } else {
      console.log(`issuer: ${crl.issuer.rfc4514}  (v${crl.version}, ${crl.signatureAlgorithm.name})`);
      console.log(`thisUpdate: ${crl.thisUpdate}${crl.nextUpdate ? `  nextUpdate: ${crl.nextUpdate}` : ''}`);
      if (crl.crlNumber) console.log(`crlNumber: ${crl.crlNumber}${crl.deltaCrlIndicator ? `  delta of ${crl.deltaCrlIndicator}` : ''}`);
      if (crl.signature) console.log(`signature: ${crl.signature}`);
      console.log(`revoked: ${crl.revoked.length}`);
      for (const entry of crl.revoked)
        console.log(`  ${entry.serialNumber}  ${entry.revocationDate}${entry.reason ? `  ${entry.reason}` : ''}`);
    }
    printProblems(crl.problems);
    const signatureFailed = crl.signature !== undefined && crl.signature !== 'valid';
    if (signatureFailed) console.error(`certkit crl: the signature is ${crl.signature} for the given issuer`);
    return signatureFailed ? 1 : exitFor(crl.problems);
  },
};
