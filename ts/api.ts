/**
 * The typed public API, identical in every environment. Entry points (`index`, `node`) load
 * the wasm module first, then re-export this.
 * @module
 */
export * from './read.js';

export type {
  CertificateStatus,
  GenerateClientCertificateBody,
  HaloName,
  HttpRequest,
  ResponseReport,
  RpcRequest,
  Created,
  Jwk,
  KeyPair,
  NameFields,
  NameInput,
  OneOrMany,
  PublicKeyFormat,
  SanInput,
  SanKind,
  Pkcs12Contents,
} from './wasm/certkit.js';
export { KEY_SPECS, type OfferedKeySpec } from './generated/key-specs.js';
export * as alloydb from './alloydb.js';
export * as halo from './halo.js';
export {
  createCertificate,
  createCsr,
  exportPrivateKey,
  exportPublicKey,
  generateKeyPair,
  importPrivateKey,
} from './keys.js';
export { exportPkcs12, parsePkcs12 } from './pkcs12.js';
export type { ExportPkcs12Options } from './pkcs12.js';
export type {
  CreateCertificateOptions,
  CreateCsrOptions,
  ExportPrivateKeyOptions,
  GenerateKeyPairControls,
  GenerateKeyPairOptions,
  KeyGenerationProgress,
  KeySpec,
} from './keys.js';
