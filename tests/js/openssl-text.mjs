// Reads what `openssl x509 -text` prints into plain values certkit's model can be compared
// with. Each helper normalises OpenSSL's spelling (colon hex, long names, uncompressed IPv6).
import { isIPv6 } from 'node:net';
import { openssl } from './helpers.mjs';

/** Everything the conformance test compares, as OpenSSL reports it. */
export function opensslView(path) {
  const head = openssl([
    'x509',
    '-in',
    path,
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
  const text = openssl(['x509', '-in', path, '-noout', '-text', '-nameopt', 'RFC2253', '-certopt', 'no_sigdump']);
  const line = (prefix) =>
    head
      .split('\n')
      .find((l) => l.startsWith(prefix))
      ?.slice(prefix.length) ?? '';
  const grab = (re) => text.match(re)?.[1];
  return {
    version: Number(grab(/Version: (\d+)/)),
    serialNumber: normaliseSerial(line('serial=')),
    subject: line('subject='),
    issuer: line('issuer='),
    notBefore: isoSeconds(line('notBefore=')),
    notAfter: isoSeconds(line('notAfter=')),
    sha256: line('sha256 Fingerprint=').replaceAll(':', '').toLowerCase(),
    signatureAlgorithm: grab(/Signature Algorithm: (\S+)/),
    publicKeyAlgorithm: grab(/Public Key Algorithm: (\S+)/),
    publicKeyBits: Number(grab(/Public-Key: \((\d+) bit\)/)) || undefined,
    curve: grab(/ASN1 OID: (\S+)/),
    explicitCurve: /Field Type: prime-field/.test(text),
    extensions: extensionsOf(text),
  };
}

function normaliseSerial(hex) {
  const negative = hex.startsWith('-');
  const digits = hex
    .replace('-', '')
    .toLowerCase()
    .replace(/^0+(?=.)/, '');
  return negative ? `-${digits}` : digits;
}

export function isoSeconds(text) {
  return new Date(text).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Extensions in order: [{name, critical, lines}], from the `X509v3 extensions:` section. */
export function extensionsOf(text) {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === 'X509v3 extensions:');
  if (start < 0) return [];
  const out = [];
  for (const l of lines.slice(start + 1)) {
    if (/^ {0,11}\S/.test(l)) break;
    if (l.trim() === '' && out.length === 0) break;
    const header = l.match(/^ {12}(\S.*?):\s*(critical)?\s*$/);
    if (header && !/^ {13}/.test(l)) {
      out.push({ name: header[1], critical: header[2] === 'critical', lines: [] });
    } else if (out.length && l.trim() !== '') {
      out.at(-1).lines.push(l.trim());
    }
  }
  return out;
}

/** An IPv4 or IPv6 address (optionally with an OpenSSL-style mask) in certkit's form. */
export function normaliseIp(text) {
  const [address, mask] = text.split('/');
  const canonical = isIPv6(address) ? compressIpv6(address) : address;
  if (mask === undefined) return canonical;
  const maskBytes = isIPv6(mask) ? ipv6Bytes(mask) : mask.split('.').map(Number);
  const ones = maskBytes.reduce(
    (n, b) =>
      n +
      b
        .toString(2)
        .split('')
        .filter((c) => c === '1').length,
    0,
  );
  return `${canonical}/${ones}`;
}

function ipv6Bytes(address) {
  const [head, tail] = address.split('::');
  const parts = (s) => (s ? s.split(':').map((h) => parseInt(h, 16)) : []);
  const left = parts(head);
  const right = tail === undefined ? [] : parts(tail);
  const words = [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

/** RFC 5952 form, as Rust's Ipv6Addr prints it. */
function compressIpv6(address) {
  const bytes = ipv6Bytes(address);
  const words = Array.from({ length: 8 }, (_, i) => (bytes[2 * i] << 8) | bytes[2 * i + 1]);
  let best = [-1, 0];
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > best[1] && j - i > 1) best = [i, j - i];
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (best[0] < 0) return hex.join(':');
  return `${hex.slice(0, best[0]).join(':')}::${hex.slice(best[0] + best[1]).join(':')}`;
}

/** OpenSSL's one-line `/C=US/O=x` form to RFC 4514 order (most specific first). */
export function slashNameToRfc4514(text) {
  return text.split('/').filter(Boolean).reverse().join(',');
}
