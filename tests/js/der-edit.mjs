// Just enough DER to forge certificates in tests: split a SEQUENCE into its elements, encode an
// element, and rebuild a certificate with another signature algorithm or signature.
import { randomBytes } from 'node:crypto';

/** The elements of the SEQUENCE (or any constructed element) at the start of `der`. */
export function children(der) {
  const outer = element(der, 0);
  const out = [];
  for (let at = outer.contentStart; at < outer.end; ) {
    const child = element(der, at);
    out.push(der.subarray(at, child.end));
    at = child.end;
  }
  return out;
}

/** The content bytes of the element at the start of `der`. */
export function contentOf(der) {
  const e = element(der, 0);
  return der.subarray(e.contentStart, e.end);
}

/** One element with a definite length. */
export function encode(tag, content) {
  const length = content.length;
  let header;
  if (length < 0x80) header = [tag, length];
  else {
    const bytes = [];
    for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
    header = [tag, 0x80 | bytes.length, ...bytes];
  }
  return Buffer.concat([Buffer.from(header), Buffer.from(content)]);
}

/** An AlgorithmIdentifier with the given OID content bytes and no parameters. */
export function algorithm(oidContent, withNull = false) {
  const parts = [encode(0x06, Buffer.from(oidContent))];
  if (withNull) parts.push(Buffer.from([0x05, 0x00]));
  return encode(0x30, Buffer.concat(parts));
}

export const MD5_WITH_RSA = algorithm([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x04], true);
/** 1.3.6.1.4.1.99999.1.1: an OID no library knows. */
export const UNKNOWN_ALGORITHM = algorithm([0x2b, 0x06, 0x01, 0x04, 0x01, 0x86, 0x8d, 0x1f, 0x01, 0x01]);

/**
 * A certificate rebuilt from `der`: `editTbs` may change the TBSCertificate's elements (an array
 * of Buffers), `signatureAlgorithm` replaces both AlgorithmIdentifiers, and the signature is
 * `signature` or random bytes.
 */
export function forge(der, { editTbs = (parts) => parts, signatureAlgorithm, signature } = {}) {
  const [tbs, outerAlgorithm, bits] = children(Buffer.from(der));
  let tbsParts = children(tbs);
  const algorithmIndex = tbsParts[0][0] === 0xa0 ? 2 : 1;
  if (signatureAlgorithm) tbsParts[algorithmIndex] = signatureAlgorithm;
  tbsParts = editTbs(tbsParts, algorithmIndex);
  const newTbs = encode(0x30, Buffer.concat(tbsParts));
  const value = signature ?? randomBytes(Math.max(contentOf(bits).length - 1, 64));
  const newBits = encode(0x03, Buffer.concat([Buffer.from([0]), value]));
  return new Uint8Array(encode(0x30, Buffer.concat([newTbs, signatureAlgorithm ?? outerAlgorithm, newBits])));
}

/** Replaces the first occurrence of `from` with `to` (same length) inside `buffer`. */
export function replaceBytes(buffer, from, to) {
  const at = buffer.indexOf(Buffer.from(from));
  if (at < 0 || from.length !== to.length) throw new Error(`cannot replace ${from}`);
  const out = Buffer.from(buffer);
  Buffer.from(to).copy(out, at);
  return out;
}

/** PEM text of DER bytes. */
export function toPem(der, label = 'CERTIFICATE') {
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

function element(der, at) {
  let pos = at + 1;
  if ((der[at] & 0x1f) === 0x1f) while (der[pos++] & 0x80);
  let length = der[pos++];
  if (length & 0x80) {
    const count = length & 0x7f;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[pos++];
  }
  return { contentStart: pos, end: pos + length };
}
