// The inputs of the hostile suite (tests/shared/hostile.mjs): DER built by hand, random bytes
// from a seeded generator, and the wrong shapes every option and argument is tried with.

/** A small deterministic generator, so failures reproduce. */
function xorshift(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x & 0xff;
  };
}

export function randomBytes(n, seed) {
  const next = xorshift(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = next();
  return out;
}

/** `depth` SEQUENCEs, each holding the next, with definite lengths. */
export function nestedSequences(depth) {
  const headerLength = (len) => (len < 0x80 ? 2 : len < 0x100 ? 3 : len < 0x10000 ? 4 : 5);
  const lengths = [0];
  for (let i = 0; i < depth; i++) lengths.push(headerLength(lengths[i]) + lengths[i]);
  const out = new Uint8Array(lengths[depth]);
  let pos = 0;
  for (let level = depth - 1; level >= 0; level--) {
    const len = lengths[level];
    out[pos++] = 0x30;
    if (len < 0x80) out[pos++] = len;
    else {
      const bytes = [];
      for (let v = len; v > 0; v >>= 8) bytes.unshift(v & 0xff);
      out[pos++] = 0x80 | bytes.length;
      for (const b of bytes) out[pos++] = b;
    }
  }
  return out;
}

/** DER length bytes of a length. */
function lengthBytes(len) {
  if (len < 0x80) return [len];
  const bytes = [];
  for (let v = len; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

function tlv(tag, content) {
  return new Uint8Array([tag, ...lengthBytes(content.length), ...content]);
}

/** Children of a DER SEQUENCE (no validation: the input is our own sample). */
function children(der) {
  const header = der[1] < 0x80 ? 2 : 2 + (der[1] & 0x7f);
  const out = [];
  let pos = header;
  while (pos < der.length) {
    const first = der[pos + 1];
    const lenBytes = first < 0x80 ? 0 : first & 0x7f;
    let len = first < 0x80 ? first : 0;
    for (let i = 0; i < lenBytes; i++) len = len * 256 + der[pos + 2 + i];
    const end = pos + 2 + lenBytes + len;
    out.push(der.subarray(pos, end));
    pos = end;
  }
  return out;
}

export function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

/** The sample certificate with a 100 KB INTEGER as its serial number. */
export function hugeSerial(der) {
  const [tbs, ...rest] = children(der);
  const fields = children(tbs);
  const serial = new Uint8Array(100 * 1024 + 1).fill(0xab);
  serial[0] = 0x7f;
  fields[1] = tlv(0x02, serial);
  return tlv(0x30, concat([tlv(0x30, concat(fields)), ...rest]));
}

function toBase64(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function pemOf(label, der) {
  const lines = toBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** 12-character windows of every text form of a key's secret `d`, as a leak would show it. */
export function secretFragments(der, jwkD) {
  const d = fromBase64Url(jwkD);
  const hex = Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
  let start = -1;
  for (let i = 0; i + d.length <= der.length && start < 0; i++) if (d.every((b, j) => der[i + j] === b)) start = i;
  const inPem = toBase64(der).slice(Math.ceil(start / 3) * 4, Math.floor((start + d.length) / 3) * 4);
  const windows = [];
  for (const form of [hex, hex.toUpperCase(), toBase64(d), jwkD, inPem]) {
    for (let i = 0; i + 12 <= form.length; i += 12) windows.push(form.slice(i, i + 12));
  }
  return windows;
}

/** Every way to call the API with JSON of the wrong shape. */
export const WRONG_SHAPES = [
  undefined,
  null,
  0,
  -1,
  1.5,
  NaN,
  true,
  '',
  'text',
  '{',
  [],
  [1, 2],
  {},
  { unexpected: 1 },
  { parent: 42 },
  { name: [] },
  { certificate: { x509Der: 5 } },
  new Uint8Array([0x30]),
  { publicKey: { nested: true } },
];
