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
const OID = {
  data: [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01],
  sha256: [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01],
  safeContentsBag: [0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x06],
  ecdsaSha256: [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02],
};
export const SEQ = (...parts) => tlv(0x30, concat(parts.map((p) => (p instanceof Uint8Array ? p : new Uint8Array(p)))));

/** A PFX around an AuthenticatedSafe, with MacData whose iteration count is `iterations` (INTEGER content). */
export function pfx(authSafe, iterations) {
  const info = SEQ(OID.data, tlv(0xa0, tlv(0x04, authSafe)));
  const parts = [tlv(0x02, [3]), info];
  if (iterations) {
    parts.push(SEQ(SEQ(SEQ(OID.sha256, [0x05, 0x00]), tlv(0x04, new Uint8Array(32))), tlv(0x04, new Uint8Array(8)), tlv(0x02, iterations)));
  }
  return SEQ(...parts);
}

/** A PFX without MAC whose one SafeContents nests `depth` safeContentsBags. */
export function nestedBags(depth) {
  let contents = SEQ();
  for (let i = 0; i < depth; i++) contents = SEQ(SEQ(OID.safeContentsBag, tlv(0xa0, contents)));
  return pfx(SEQ(SEQ(OID.data, tlv(0xa0, tlv(0x04, contents)))));
}

/** A CRL (with a meaningless signature) listing `count` serials. */
export function bigCrl(count) {
  const time = tlv(0x17, new TextEncoder().encode('250101000000Z'));
  const entries = [];
  for (let i = 0; i < count; i++) entries.push(SEQ(tlv(0x02, [0x01, (i >> 16) & 255, (i >> 8) & 255, i & 255]), time));
  const issuer = SEQ(tlv(0x31, SEQ([0x06, 0x03, 0x55, 0x04, 0x03], tlv(0x0c, new TextEncoder().encode('CA')))));
  const tbs = SEQ(tlv(0x02, [1]), SEQ(OID.ecdsaSha256), issuer, time, time, tlv(0x30, concat(entries)));
  return SEQ(tbs, SEQ(OID.ecdsaSha256), tlv(0x03, new Uint8Array(9)));
}

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
