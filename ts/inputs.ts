/**
 * The input types the API modules share. A module of their own, so that `alloydb`, `halo` and
 * `keys` do not import `api`, which re-exports them.
 * @module
 */

/** PEM text (any label, CRLF or LF, text around the armor), bare base64 of DER, or DER / PEM bytes. */
export type CertInput = string | Uint8Array;

/** A time: a `Date`, or an RFC 3339 string such as `2026-01-31T12:00:00Z`. */
export type TimeInput = Date | string;
