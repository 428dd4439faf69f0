/**
 * Google AlloyDB `projects.locations.clusters.generateClientCertificate`: check and build the
 * request, check the response against the key that was sent, and know when to refresh.
 * @module
 */
import * as wasm from './wasm/certkit.js';
import type { HttpRequest, Problem, ResponseReport } from './wasm/certkit.js';
import { fromTape } from './tape.js';
import { guard } from './errors.js';
import { keyText, type KeyInput } from './inputs.js';
import { optionsOf } from './options.js';
import { toRfc3339 } from './time.js';
import type { CertInput, TimeInput } from './inputs.js';

/** The builder's input: the cluster name, the body fields, and the API version. */
export interface GenerateClientCertificateInput {
  /**
   * `projects/{project}/locations/{location}/clusters/{cluster}`, or its three IDs: then each
   * problem names the ID it is about (`parent.project`, `parent.location`, `parent.cluster`).
   */
  parent: string | ClusterName;
  /** PEM public key (`PUBLIC KEY` or `RSA PUBLIC KEY`). */
  publicKey?: string;
  /** A Duration string (`"3600s"`) or a number of seconds; a hint of 1 h to 24 h. */
  certDuration?: string | number;
  /** A UUID to make retries idempotent, or `'generate'` for a random one. */
  requestId?: string;
  useMetadataExchange?: boolean;
  /** `v1` (default), `v1beta` or `v1alpha`. */
  version?: 'v1' | 'v1beta' | 'v1alpha';
  /** Deprecated predecessor of publicKey; not in v1. */
  pemCsr?: string;
}

/** A cluster's name by its parts, as a form asks for them. */
export interface ClusterName {
  /** The project ID (`my-project`), number, or legacy `example.com:my-project`. */
  project: string;
  /** The region, such as `us-central1`. */
  location: string;
  /** The cluster ID. */
  cluster: string;
}

/** The response as the server sends it. */
export interface GenerateClientCertificateResponse {
  pemCertificateChain?: string[];
  caCert?: string;
}

/** Options of {@link checkGenerateClientCertificateResponse}. */
export interface ResponseCheckOptions {
  /** The public key that was sent (or its private key). */
  publicKey: KeyInput;
  /** When validity is checked; the current time by default. */
  now?: TimeInput;
  /** The certDuration that was requested. */
  certDuration?: string | number;
}

/** Every problem of the request, each with code, status, field and severity; never throws for bad input. */
export function checkGenerateClientCertificateRequest(input: GenerateClientCertificateInput | string): Problem[] {
  return guard(() => fromTape(wasm.alloydbCheckRequest(input)));
}

/** The ready HTTP request and `curl` command; throws `CertkitError` carrying every problem. */
export function buildGenerateClientCertificateRequest(input: GenerateClientCertificateInput | string): HttpRequest {
  return guard(() => fromTape(wasm.alloydbBuildRequest(input)));
}

/** Checks a response (object or JSON text) against the key that was sent. */
export function checkGenerateClientCertificateResponse(
  response: GenerateClientCertificateResponse | string,
  options: ResponseCheckOptions,
): ResponseReport {
  const { publicKey, now, ...rest } = optionsOf(options, 'options', true);
  return guard(() => fromTape(wasm.alloydbCheckResponse(response, { ...rest, publicKey: keyText(publicKey), now: toRfc3339(now, 'now') })));
}

/**
 * When to ask for a new certificate (RFC 3339), as every connector does: half way to notAfter
 * while more than an hour remains, else four minutes before it, else now.
 */
export function nextRefresh(leaf: CertInput, now?: TimeInput): string {
  return guard(() => wasm.alloydbNextRefresh(leaf, toRfc3339(now, 'now')));
}

/**
 * A random version 4 UUID for `requestId`, made the way `requestId: 'generate'` makes one. Reuse
 * it when you retry the same request, so that the server can recognise the retry.
 */
export function generateRequestId(): string {
  return guard(() => wasm.alloydbGenerateRequestId());
}
