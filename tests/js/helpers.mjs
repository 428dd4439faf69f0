// Shared helpers for the Node suites: temporary folders and the openssl CLI as a cross-check.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary folder, removed when the process exits. */
export function tempDir(prefix = 'certkit-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs openssl with arguments; returns stdout as text. Throws with stderr on failure. */
export function openssl(args, options = {}) {
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...options });
}

/** Makes a self-signed certificate with openssl; returns its PEM path. */
export function opensslSelfSigned(dir, name, { subject, keyAlg = ['-newkey', 'rsa:2048'], extra = [] }) {
  const cert = join(dir, `${name}.pem`);
  openssl([
    'req',
    '-x509',
    ...keyAlg,
    '-nodes',
    '-keyout',
    join(dir, `${name}.key`),
    '-out',
    cert,
    '-subj',
    subject,
    '-days',
    '30',
    '-utf8',
    ...extra,
  ]);
  return cert;
}

/** Fields as `openssl x509 -noout` prints them, normalised to certkit's forms. */
export function opensslFields(certPath) {
  const out = openssl([
    'x509',
    '-in',
    certPath,
    '-noout',
    '-serial',
    '-subject',
    '-issuer',
    '-startdate',
    '-enddate',
    '-fingerprint',
    '-sha256',
    '-nameopt',
    'RFC2253',
  ]);
  const line = (prefix) =>
    out
      .split('\n')
      .find((l) => l.startsWith(prefix))
      ?.slice(prefix.length) ?? '';
  const serial = line('serial=')
    .toLowerCase()
    .replace(/^0+(?=.)/, '');
  return {
    serialNumber: serial,
    subject: line('subject='),
    issuer: line('issuer='),
    notBefore: new Date(line('notBefore=')).toISOString().replace('.000Z', 'Z'),
    notAfter: new Date(line('notAfter=')).toISOString().replace('.000Z', 'Z'),
    sha256: line('sha256 Fingerprint=').replaceAll(':', '').toLowerCase(),
  };
}
