// One cold-start sample in a fresh Node process: from before the dynamic import of a library
// to its first parsed certificate. Prints {"ms": …}.
//   node bench/child/coldstart.mjs <certkit|inspect|node|peculiar> <certificate.pem>
import { readFileSync } from 'node:fs';

const [which, pemPath] = process.argv.slice(2);
const pem = readFileSync(pemPath, 'utf8');

const start = performance.now();
let parsed;
if (which === 'certkit') {
  const { parseCertificate } = await import('../../pkg/node.js');
  parsed = parseCertificate(pem);
} else if (which === 'inspect') {
  const { parseCertificate } = await import('../../pkg/inspect-node.js');
  parsed = parseCertificate(pem);
} else if (which === 'node') {
  const { X509Certificate } = await import('node:crypto');
  const cert = new X509Certificate(pem);
  parsed = [cert.subject, cert.subjectAltName, cert.infoAccess];
} else if (which === 'peculiar') {
  await import('reflect-metadata');
  const { X509Certificate } = await import('@peculiar/x509');
  const cert = new X509Certificate(pem);
  parsed = [cert.subject, cert.extensions];
} else {
  throw new Error(`unknown participant ${which}`);
}
const ms = performance.now() - start;
if (!parsed) throw new Error('nothing parsed');
process.stdout.write(JSON.stringify({ ms }));
