// Each parser turns one certificate into a complete object: every field and every extension
// it can decode is read, so that lazy libraries do the work certkit does up front. Each peer
// gets its preferred input form (DER bytes, hex, binary string) prepared outside the timing,
// which can only favour the peer.
import 'reflect-metadata';
import { X509Certificate as NodeX509 } from 'node:crypto';
import * as peculiar from '@peculiar/x509';
import * as pkijs from 'pkijs';
import { Convert } from 'pvtsutils';
import forge from 'node-forge';
import jsrsasign from 'jsrsasign';
import * as certkit from '../../pkg/node.js';
import * as lean from '../../pkg/inspect-node.js';

const hex = (view) => Convert.ToHex(view);
const pkijsName = (name) => name.typesAndValues.map((tv) => ({ type: tv.type, value: tv.value.valueBlock.value }));
const forgeName = (name) => name.attributes.map((a) => ({ type: a.type, name: a.shortName, value: a.value }));

function peculiarCert(der) {
  const c = new peculiar.X509Certificate(der);
  const extensions = c.extensions.map((e) => {
    const base = { oid: e.type, critical: e.critical };
    if (e instanceof peculiar.SubjectAlternativeNameExtension) return { ...base, names: e.names.toJSON() };
    if (e instanceof peculiar.CertificatePolicyExtension) return { ...base, policies: e.policies };
    if (e instanceof peculiar.CRLDistributionPointsExtension) {
      return { ...base, points: e.distributionPoints.map((p) => p.distributionPoint?.fullName?.map((n) => n.uniformResourceIdentifier)) };
    }
    if (e instanceof peculiar.AuthorityInfoAccessExtension)
      return { ...base, ocsp: e.ocsp.map((n) => n.toJSON()), caIssuers: e.caIssuers.map((n) => n.toJSON()) };
    return { ...base, ca: e.ca, pathLength: e.pathLength, usages: e.usages, keyId: e.keyId };
  });
  return {
    subject: c.subject,
    subjectAttributes: c.subjectName.toJSON(),
    issuer: c.issuer,
    issuerAttributes: c.issuerName.toJSON(),
    serial: c.serialNumber,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    signatureAlgorithm: c.signatureAlgorithm,
    publicKey: c.publicKey.algorithm,
    extensions,
  };
}

function pkijsCert(der) {
  const c = pkijs.Certificate.fromBER(der);
  return {
    version: c.version,
    serial: hex(c.serialNumber.valueBlock.valueHexView),
    signatureAlgorithm: c.signatureAlgorithm.algorithmId,
    issuer: pkijsName(c.issuer),
    subject: pkijsName(c.subject),
    notBefore: c.notBefore.value,
    notAfter: c.notAfter.value,
    publicKey: c.subjectPublicKeyInfo.parsedKey,
    extensions: (c.extensions ?? []).map((e) => ({ oid: e.extnID, critical: e.critical, value: e.parsedValue })),
  };
}

function forgeCert(binary) {
  const c = forge.pki.certificateFromAsn1(forge.asn1.fromDer(binary));
  return {
    version: c.version,
    serial: c.serialNumber,
    signatureAlgorithm: c.siginfo.algorithmOid,
    issuer: forgeName(c.issuer),
    subject: forgeName(c.subject),
    notBefore: c.validity.notBefore,
    notAfter: c.validity.notAfter,
    publicKey: { n: c.publicKey.n.bitLength(), e: c.publicKey.e.intValue() },
    extensions: c.extensions,
  };
}

function jsrsasignCert(hexText) {
  const x = new jsrsasign.X509();
  x.readCertHex(hexText);
  return {
    version: x.getVersion(),
    serial: x.getSerialNumberHex(),
    signatureAlgorithm: x.getSignatureAlgorithmField(),
    issuer: x.getIssuer(),
    subject: x.getSubject(),
    notBefore: x.getNotBefore(),
    notAfter: x.getNotAfter(),
    publicKey: x.getPublicKey(),
    extensions: {
      subjectAltName: x.getExtSubjectAltName(),
      basicConstraints: x.getExtBasicConstraints(),
      keyUsage: x.getExtKeyUsage(),
      extKeyUsage: x.getExtExtKeyUsage(),
      subjectKeyIdentifier: x.getExtSubjectKeyIdentifier(),
      authorityKeyIdentifier: x.getExtAuthorityKeyIdentifier(),
      crlDistributionPoints: x.getExtCRLDistributionPoints(),
      authorityInfoAccess: x.getExtAuthorityInfoAccess(),
      certificatePolicies: x.getExtCertificatePolicies(),
    },
  };
}

function nodeCert(der) {
  const c = new NodeX509(der);
  return {
    subject: c.subject,
    issuer: c.issuer,
    subjectAltName: c.subjectAltName,
    infoAccess: c.infoAccess,
    validFrom: c.validFrom,
    validTo: c.validTo,
    serialNumber: c.serialNumber,
    fingerprint: c.fingerprint,
    fingerprint256: c.fingerprint256,
    fingerprint512: c.fingerprint512,
    publicKey: c.publicKey,
    keyUsage: c.keyUsage,
    ca: c.ca,
    raw: c.raw,
  };
}

/**
 * The participants, in table order. `input(cert)` prepares the form the parser reads,
 * `parse` does the work; `cannot(kind)` names the inputs a parser refuses.
 */
export const PARSERS = [
  {
    name: 'certkit (DER)',
    input: (cert) => cert.der,
    parse: certkit.parseCertificate,
    decodes:
      "every field and extension into plain JS objects, with names as RFC 4514 strings and attributes, SHA-1/SHA-256 fingerprints, the SPKI pin, policies with qualifiers, CRL DPs, AIA, SCTs, each extension's DER",
  },
  {
    name: 'certkit (PEM)',
    input: (cert) => cert.pem,
    parse: certkit.parseCertificate,
    decodes: 'the same, from PEM text (base64 decoding included)',
  },
  {
    name: 'certkit/inspect (DER)',
    input: (cert) => cert.der,
    parse: lean.parseCertificate,
    decodes: 'the same, through the lean entry and its own wasm module',
  },
  {
    name: '@peculiar/x509',
    role: 'js',
    input: (cert) => cert.der,
    parse: peculiarCert,
    decodes:
      'names (string and attributes), serial, dates, algorithms, public key algorithm; typed classes for SAN, KU, EKU, BC, SKI, AKI, CRL DP, AIA, policies',
    leavesOut:
      'policy qualifiers (CPS URIs): policies are OIDs only; fingerprints only through async WebCrypto (not read here); KU as a bit mask number; lazy getters, forced here',
  },
  {
    name: 'pkijs',
    role: 'js',
    input: (cert) => cert.der,
    parse: pkijsCert,
    decodes: 'every field and extension (parsedValue) into asn1js-backed classes, RSA/EC public key parsed',
    leavesOut:
      'strings: names, serial, SKI/AKI and KU stay asn1js blocks the caller must convert; no fingerprints; parsedValue and parsedKey are lazy, forced here',
  },
  {
    name: 'node-forge',
    role: 'js',
    input: (cert) => Buffer.from(cert.der).toString('binary'),
    parse: forgeCert,
    cannot: (kind) => kind === 'ecdsa',
    decodes: 'names, serial, dates, RSA public key (as BigIntegers), SAN, KU, EKU, BC, SKI',
    leavesOut:
      'AKI, CRL DPs, AIA and certificate policies stay raw DER (name only); cannot read EC or Ed25519 keys at all ("OID is not RSA"); no fingerprints unless asked',
  },
  {
    name: 'jsrsasign',
    role: 'js',
    input: (cert) => Buffer.from(cert.der).toString('hex'),
    parse: jsrsasignCert,
    decodes:
      'every common extension via its getters (SAN, KU, EKU, BC, SKI, AKI, CRL DP, AIA, policies with CPS), names, serial, public key object',
    leavesOut: 'dates stay as ASN.1 time strings (YYMMDDhhmmssZ); hex strings for keys and IDs; no fingerprints',
  },
  {
    name: 'Node X509Certificate',
    role: 'node',
    input: (cert) => cert.der,
    parse: nodeCert,
    decodes:
      'OpenSSL-formatted strings: subject, issuer, SAN, infoAccess, validFrom/To, serial; SHA-1/256/512 fingerprints; KeyObject; EKU OIDs; CA flag',
    leavesOut: 'no structures: SAN/AIA as one text string, no KU, SKI, AKI, policies or CRL DPs; names not split into attributes',
  },
];

/** Chain parsing: certkit reads the bundle at once; the others split it (timed) and parse each PEM. */
export const CHAIN_PARSERS = [
  { name: 'certkit parseCertificates (PEM bundle)', parse: certkit.parseCertificates },
  { name: 'certkit/inspect parseCertificates (PEM bundle)', parse: lean.parseCertificates },
  { name: '@peculiar/x509', parse: (pem) => splitPem(pem).map((p) => peculiarCert(p)) },
  { name: 'pkijs', parse: (pem) => splitPem(pem).map((p) => pkijsCert(pemToDer(p))) },
  { name: 'node-forge', parse: (pem) => forge.pem.decode(pem).map((block) => forgeCert(block.body)) },
  { name: 'jsrsasign', parse: (pem) => splitPem(pem).map((p) => jsrsasignCert(jsrsasign.pemtohex(p))) },
  { name: 'Node X509Certificate', parse: (pem) => splitPem(pem).map((p) => nodeCert(p)) },
];

const splitPem = (text) => text.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g);

/** pkijs reads only BER/DER: strip the PEM armor the way a caller would. */
function pemToDer(pem) {
  return Convert.FromBase64(pem.replace(/-----[^-]+-----|\s+/g, ''));
}
