// Certificates built byte by byte for the parsing-policy tests: every element can be encoded
// the way a test needs (non-minimal lengths, odd BOOLEANs, odd tags), and the result is signed
// for real with node:crypto (ECDSA P-256, SHA-256), so only the encoding under test differs.
import { generateKeyPairSync, sign } from 'node:crypto';

/** DER length octets; `longForm` writes the long form even where the short form would do. */
export function lengthOctets(len, { longForm = false, extraZero = false } = {}) {
  if (len < 0x80 && !longForm && !extraZero) return [len];
  const bytes = [];
  for (let v = len; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  if (bytes.length === 0 || extraZero) bytes.unshift(0);
  return [0x80 | bytes.length, ...bytes];
}

/** One element: `tag` is a number or an array of identifier octets. */
export function tlv(tag, content, lengthStyle = {}) {
  const body = content instanceof Uint8Array ? content : Uint8Array.from(content);
  const tagBytes = Array.isArray(tag) ? tag : [tag];
  return Uint8Array.from([...tagBytes, ...lengthOctets(body.length, lengthStyle), ...body]);
}

export const concat = (...parts) => Uint8Array.from(parts.flatMap((p) => [...p]));
export const seq = (...parts) => tlv(0x30, concat(...parts));
export const set = (...parts) => tlv(0x31, concat(...parts));
export const int = (...octets) => tlv(0x02, octets);
export const bool = (octet) => tlv(0x01, [octet]);
export const octets = (bytes) => tlv(0x04, bytes);
export const utf8 = (text) => tlv(0x0c, new TextEncoder().encode(text));
export const utc = (text) => tlv(0x17, new TextEncoder().encode(text));

/** An OID from dotted text. */
export function oid(dotted) {
  const arcs = dotted.split('.').map(BigInt);
  const out = [];
  for (const arc of [arcs[0] * 40n + arcs[1], ...arcs.slice(2)]) {
    const groups = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) groups.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...groups);
  }
  return tlv(0x06, out);
}

/** A Name of one RDN: CN with the given value element (default a UTF8String). */
export const name = (value = utf8('policy test')) => seq(set(seq(oid('2.5.4.3'), value)));

/** An Extension; `critical` is the BOOLEAN element or undefined. */
export const extension = (dotted, valueDer, critical) => seq(oid(dotted), ...(critical ? [critical] : []), octets(valueDer));

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));
const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const spki = new Uint8Array(keys.publicKey.export({ format: 'der', type: 'spki' }));

/**
 * A signed self-issued v3 certificate; each part can be replaced by a test. `signatureBits`
 * replaces the BIT STRING's unused-bits octet.
 */
export function certificate({
  version = tlv(0xa0, int(2)),
  serial = int(0x01, 0x23),
  issuer = name(),
  subject = name(),
  validity = seq(utc('250101000000Z'), utc('350101000000Z')),
  extensions = [extension('2.5.29.19', seq(bool(0xff)), bool(0xff))],
  signatureBits = 0,
  tbsLength = {},
} = {}) {
  const extensionsField = extensions.length ? [tlv(0xa3, seq(...extensions))] : [];
  const tbs = tlv(0x30, concat(version, serial, ECDSA_SHA256, issuer, validity, subject, spki, ...extensionsField), tbsLength);
  const signature = new Uint8Array(sign('sha256', tbs, keys.privateKey));
  return seq(tbs, ECDSA_SHA256, tlv(0x03, [signatureBits, ...signature]));
}

export const pemOf = (der) =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(der)
    .toString('base64')
    .match(/.{1,64}/g)
    .join('\n')}\n-----END CERTIFICATE-----\n`;
