/**
 * The input types the API modules share. A module of their own, so that `alloydb`, `halo`,
 * `keys` and `read` do not import `api`, which re-exports them.
 * @module
 */

/** PEM text (any label, CRLF or LF, text around the armor), bare base64 of DER, or DER / PEM bytes. */
export type CertInput = string | Uint8Array;

/** A time: a `Date`, or an RFC 3339 string such as `2026-01-31T12:00:00Z`. */
export type TimeInput = Date | string;

/** A key as PEM or DER (PKCS#8, encrypted PKCS#8, PKCS#1, SEC1, SPKI), or a JSON Web Key. */
export type KeyInput = CertInput | JsonWebKey;

/**
 * JWK objects travel as JSON text; everything else as given. An object JSON cannot hold (a
 * cycle, a bigint, a getter that throws) also goes as given, and the wasm side refuses it with
 * the field's path.
 */
export function keyText(key: KeyInput): CertInput {
  try {
    if (typeof key === 'string' || key instanceof Uint8Array) return key;
    if (ArrayBuffer.isView(key) || key instanceof ArrayBuffer) return key as unknown as CertInput;
    const text = JSON.stringify(key);
    if (typeof text === 'string') return text;
  } catch {
    // refused by the wasm side, which names the field
  }
  return key as unknown as CertInput;
}
