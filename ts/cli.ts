#!/usr/bin/env node
/**
 * The `certkit` command. This first version inspects certificates; more commands follow.
 * @module
 */
import { readFileSync } from 'node:fs';
import { CertkitError, parseCertificates } from './node.js';

const usage = `usage: certkit inspect [--json] <file|->...

Commands:
  inspect   print the certificates in each file (PEM, DER or bundle); - reads stdin`;

function main(args: string[]): number {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h') {
    console.log(usage);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'inspect') {
    console.error(`certkit: unknown command '${command}'\n${usage}`);
    return 2;
  }
  const json = rest.includes('--json');
  const files = rest.filter((a) => a !== '--json');
  if (files.length === 0) {
    console.error(usage);
    return 2;
  }
  let failed = false;
  for (const file of files) {
    try {
      const input = readFileSync(file === '-' ? 0 : file);
      for (const cert of parseCertificates(new Uint8Array(input))) {
        if (json) {
          const { der: _der, publicKey, ...rest } = cert;
          const { spki: _spki, ...key } = publicKey;
          console.log(JSON.stringify({ file, ...rest, publicKey: key }));
        } else {
          console.log(`${file}: ${cert.subject.rfc4514}\n  issuer  ${cert.issuer.rfc4514}\n  serial  ${cert.serialNumber}\n  valid   ${cert.notBefore} .. ${cert.notAfter}\n  sha256  ${cert.fingerprints.sha256}`);
        }
      }
    } catch (error) {
      failed = true;
      const detail = error instanceof CertkitError ? `${error.code}: ${error.message}` : String(error);
      console.error(`certkit: ${file}: ${detail}`);
    }
  }
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
