/**
 * The Halo Cross-Media Measurement `Certificates` service (wfa.measurement.api.v2alpha): names
 * and API IDs, each method's request, the HOLD / REVOKED rules, and reading a list.
 * @module
 */
import * as wasm from './wasm/certkit.js';
import type { CertificateStatus, HaloName, Problem, RevocationState, RpcRequest } from './wasm/certkit.js';
import { fromTape } from './tape.js';
import { guard, raise } from './errors.js';
import { optionsOf } from './options.js';
import { toRfc3339 } from './time.js';
import { HALO_METHODS, type HaloMethod } from './generated/halo-methods.js';
import type { CertInput, TimeInput } from './inputs.js';

export type { RevocationState };

/** A Certificate resource in proto3 JSON. */
export interface HaloCertificate {
  name?: string;
  /** DER, base64. */
  x509Der?: string;
  revocationState?: RevocationState;
  /** base64. */
  subjectKeyIdentifier?: string;
}

export interface ListCertificatesResponse {
  certificates?: HaloCertificate[];
  nextPageToken?: string;
}

/**
 * How the `grpcurl` line connects (mutual TLS, as the Kingdom's public API requires), and the time
 * used for validity warnings. What is not given becomes a shell placeholder such as
 * `"${CLIENT_CERT:?set CLIENT_CERT to your client certificate PEM file}"`, which stops the shell
 * with that text until the variable is set.
 */
export interface RequestOptions {
  /** `host:port` of the Kingdom's public API. */
  endpoint?: string;
  /** `-cert`: your client certificate (PEM file path). */
  cert?: string;
  /** `-key`: its private key (PEM file path). */
  key?: string;
  /** `-cacert`: the CA certificate of the Kingdom's server certificate (PEM file path). */
  cacert?: string;
  /** An API key, sent as `x-api-key` metadata (MeasurementConsumers may use one). */
  apiKey?: string;
  /**
   * `-import-path` folders holding `wfa/measurement/api/v2alpha/certificates_service.proto` and
   * the `google/api` protos it imports (the Kingdom serves no reflection); `[]` for a server that does.
   */
  importPaths?: string[];
  /** @deprecated the same as `cert` */
  clientCertificate?: string;
  /** @deprecated the same as `key` */
  clientKey?: string;
  /** @deprecated the same as `cacert` */
  caCertificate?: string;
  now?: TimeInput;
}

export interface GetCertificateInput {
  name: string;
}
export interface CreateCertificateInput {
  parent: string;
  /** PEM, base64 DER or DER bytes (converted to DER), or a Certificate message. */
  certificate: CertInput | HaloCertificate;
}
export interface ListCertificatesInput {
  parent: string;
  pageSize?: number;
  pageToken?: string;
  /** SKIs as hex, base64 or bytes; ORed. */
  filter?: { subjectKeyIdentifiers?: (string | Uint8Array)[] };
  /** The request that returned `pageToken`: parent and filter must match it. */
  previous?: Omit<ListCertificatesInput, 'previous'>;
}
export interface RevokeCertificateInput {
  name: string;
  revocationState: RevocationState;
  /** The certificate's state now, to check the rule before anything is sent. */
  currentState?: RevocationState;
}
export interface ReleaseCertificateHoldInput {
  name: string;
  currentState?: RevocationState;
}

/** Options of {@link summarizeCertificates}. */
export interface SummaryOptions {
  now?: TimeInput;
  /** A valid certificate ending within this many days is `expiring` (30 by default). */
  expiringWithinDays?: number;
}

/** Parses `{parent}` or `{parent}/certificates/{id}`; throws for malformed names. */
export function parseName(name: string): HaloName {
  return guard(() => fromTape(wasm.haloParseName(name)));
}

function wire(options: RequestOptions | undefined) {
  const { now, ...rest } = optionsOf(options, 'options');
  return { ...rest, now: toRfc3339(now, 'now') };
}
const check =
  (method: HaloMethod) =>
  (input: unknown, options: RequestOptions = {}): Problem[] =>
    guard(() => fromTape(wasm.haloCheckRequest(method, input, wire(options))));
const build =
  (method: HaloMethod) =>
  (input: unknown, options: RequestOptions = {}): RpcRequest =>
    guard(() => fromTape(wasm.haloBuildRequest(method, input, wire(options))));

/** Every problem of a GetCertificate request. */
export const checkGetCertificateRequest: (input: GetCertificateInput, options?: RequestOptions) => Problem[] = check(HALO_METHODS.Get);
/** The GetCertificate request and `grpcurl` line; throws carrying every problem. */
export const buildGetCertificateRequest: (input: GetCertificateInput, options?: RequestOptions) => RpcRequest = build(HALO_METHODS.Get);
/** Every problem of a CreateCertificate request (SKI required; expired, not-yet-valid, CA warned). */
export const checkCreateCertificateRequest: (input: CreateCertificateInput, options?: RequestOptions) => Problem[] = check(
  HALO_METHODS.Create,
);
/** The CreateCertificate request (PEM converted to DER) and `grpcurl` line. */
export const buildCreateCertificateRequest: (input: CreateCertificateInput, options?: RequestOptions) => RpcRequest = build(
  HALO_METHODS.Create,
);
/** Every problem of a ListCertificates request (page size, page token vs `previous`). */
export const checkListCertificatesRequest: (input: ListCertificatesInput, options?: RequestOptions) => Problem[] = check(HALO_METHODS.List);
/** The ListCertificates request and `grpcurl` line. */
export const buildListCertificatesRequest: (input: ListCertificatesInput, options?: RequestOptions) => RpcRequest = build(
  HALO_METHODS.List,
);
/** Every problem of a RevokeCertificate request, the revocation rules included. */
export const checkRevokeCertificateRequest: (input: RevokeCertificateInput, options?: RequestOptions) => Problem[] = check(
  HALO_METHODS.Revoke,
);
/** The RevokeCertificate request and `grpcurl` line. */
export const buildRevokeCertificateRequest: (input: RevokeCertificateInput, options?: RequestOptions) => RpcRequest = build(
  HALO_METHODS.Revoke,
);
/** Every problem of a ReleaseCertificateHold request. */
export const checkReleaseCertificateHoldRequest: (input: ReleaseCertificateHoldInput, options?: RequestOptions) => Problem[] = check(
  HALO_METHODS.Release,
);
/** The ReleaseCertificateHold request and `grpcurl` line. */
export const buildReleaseCertificateHoldRequest: (input: ReleaseCertificateHoldInput, options?: RequestOptions) => RpcRequest = build(
  HALO_METHODS.Release,
);

/** The rule for moving a certificate from `current` to `requested` (RevokeCertificate). */
export function checkRevocationTransition(current: RevocationState | undefined, requested: RevocationState): Problem[] {
  return guard(() => fromTape(wasm.haloCheckRevocationTransition(current, requested)));
}

/** The rule for releasing a hold: only from HOLD. */
export function checkReleaseHold(current: RevocationState | undefined): Problem[] {
  return guard(() => fromTape(wasm.haloCheckReleaseHold(current)));
}

/**
 * certkit's pick for the parent's preferred certificate, by the service's best practice: never one
 * on HOLD, REVOKED, expired, not yet valid or unreadable; among the rest the latest notAfter, then
 * the latest notBefore. `undefined` when none is usable. The server's own `preferred` alias may
 * answer differently.
 */
export function preferredCertificate(certificates: HaloCertificate[], now?: TimeInput): HaloCertificate | undefined {
  const index = guard(() => wasm.haloPreferredCertificate(certificates, toRfc3339(now, 'now')));
  return index === undefined ? undefined : certificates[index];
}

/** The status of each certificate of a ListCertificates response (object or JSON text). */
export function summarizeCertificates(listResponse: ListCertificatesResponse | string, options: SummaryOptions = {}): CertificateStatus[] {
  const { now, ...rest } = optionsOf(options, 'options');
  return guard(() => fromTape(wasm.haloSummarizeCertificates(listResponse, { ...rest, now: toRfc3339(now, 'now') })));
}

/** The API ID (11 characters of base64url) of a positive 64-bit integer. */
export function encodeApiId(n: bigint): string {
  if (typeof n !== 'bigint') {
    throw raise('INVALID_INPUT_TYPE', 'n', { expected: 'a bigint' });
  }
  return guard(() => wasm.haloEncodeApiId(n.toString()));
}

/** The positive 64-bit integer an API ID holds. */
export function decodeApiId(id: string): bigint {
  return guard(() => wasm.haloDecodeApiId(id));
}
