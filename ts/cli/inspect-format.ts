/**
 * What `certkit inspect` prints for one file: a readable summary, or JSON lines. Shared by the
 * main thread and the worker threads.
 * @module
 */
import { inspect, type Certificate, type InspectedItem } from '../node.js';

export interface FileResult {
  /** What goes to stdout. */
  out: string;
  /** What goes to stderr. */
  err: string;
  failed: boolean;
  certificates: number;
}

/** Inspects one file's bytes. Never throws: failures are part of the result. */
export function inspectFile(file: string, bytes: Uint8Array, json: boolean): FileResult {
  let items: InspectedItem[];
  try {
    items = inspect(bytes).items;
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return { out: '', err: `certkit: ${file}: error ${e.code ?? 'ERROR'}: ${e.message ?? String(error)}\n`, failed: true, certificates: 0 };
  }
  const out: string[] = [];
  const err: string[] = [];
  let certificates = 0;
  for (const item of items) {
    const where = items.length > 1 ? `${file} [${item.index}]` : file;
    if (item.error) {
      err.push(`certkit: ${where}: error ${item.error.code}: ${item.error.message}`);
      continue;
    }
    for (const [i, cert] of (item.certificates ?? []).entries()) {
      certificates++;
      const label = (item.certificates?.length ?? 0) > 1 ? `${where} #${i + 1}` : where;
      out.push(json ? JSON.stringify({ file, index: item.index, ...cert }, bytesAsBase64) : summary(label, cert));
    }
    if (item.certificateRequest) {
      const csr = item.certificateRequest;
      out.push(
        json
          ? JSON.stringify({ file, index: item.index, kind: item.kind, ...csr }, bytesAsBase64)
          : `${where}: certificate request ${csr.subject.rfc4514}\n  key      ${keyLine(csr.publicKey)}\n  signature ${csr.signatureStatus}\n`,
      );
    } else if (item.publicKey && !item.certificates?.length) {
      out.push(
        json
          ? JSON.stringify({ file, index: item.index, kind: item.kind, publicKey: item.publicKey }, bytesAsBase64)
          : `${where}: ${item.kind} ${keyLine(item.publicKey)}\n`,
      );
    } else if (!item.certificates?.length && !item.certificateRequest) {
      out.push(json ? JSON.stringify({ file, index: item.index, kind: item.kind }) : `${where}: ${item.kind}\n`);
    }
  }
  return {
    out: out.map((o) => (json ? `${o}\n` : o)).join(json ? '' : '\n'),
    err: err.map((e) => `${e}\n`).join(''),
    failed: err.length > 0,
    certificates,
  };
}

function keyLine(key: Certificate['publicKey']): string {
  return [key.algorithm.toUpperCase(), key.curve, key.bits ? `${key.bits} bits` : ''].filter(Boolean).join(' ');
}

function days(iso: string): number {
  return Math.floor((Date.parse(iso) - Date.now()) / 86_400_000);
}

function summary(label: string, cert: Certificate): string {
  const left = days(cert.notAfter);
  const when = left < 0 ? `expired ${-left} days ago` : `expires in ${left} days`;
  const lines = [
    `${label}: ${cert.subject.rfc4514 || '(empty subject)'}`,
    `  issuer   ${cert.issuer.rfc4514}${cert.selfSigned ? ' (self-signed)' : ''}`,
    `  serial   ${cert.serialNumber}`,
    `  valid    ${cert.notBefore} .. ${cert.notAfter} (${when})`,
    `  key      ${keyLine(cert.publicKey)}${cert.subjectKeyIdentifier ? ` · SKI ${cert.subjectKeyIdentifier}` : ''}`,
  ];
  if (cert.subjectAltNames.length) lines.push(`  names    ${cert.subjectAltNames.map((n) => `${n.type}:${n.value}`).join(', ')}`);
  if (cert.basicConstraints?.ca)
    lines.push(
      `  CA       yes${cert.basicConstraints.pathLength !== undefined ? `, path length ${cert.basicConstraints.pathLength}` : ''}`,
    );
  lines.push(`  sha256   ${cert.fingerprints.sha256}`);
  for (const p of cert.problems) lines.push(`  ${p.severity}  ${p.code}: ${p.message}`);
  return `${lines.join('\n')}\n`;
}

/** JSON.stringify replacer: bytes as base64. */
function bytesAsBase64(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value;
}
