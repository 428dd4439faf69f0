// Key generation and CSR workloads that run the same way in Node and in the Chromium page:
// the caller passes in the modules (certkit, @peculiar/x509) and WebCrypto's `subtle`.

const RSA = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
export const CURVES = {
  'P-256': { certkit: { algorithm: 'ECDSA', namedCurve: 'P-256' }, webcrypto: { name: 'ECDSA', namedCurve: 'P-256' } },
  'P-384': { certkit: { algorithm: 'ECDSA', namedCurve: 'P-384' }, webcrypto: { name: 'ECDSA', namedCurve: 'P-384' } },
  Ed25519: { certkit: { algorithm: 'Ed25519' }, webcrypto: { name: 'Ed25519' } },
};
/** RSA key generation time is random (prime search): many single runs for a stable median. */
export const rsaRuns = (quick) => (quick ? 5 : 60);
export const CERTKIT_RSA = 'certkit generateKeyPair (engine auto → WebCrypto)';
export const CERTKIT_CURVE = 'certkit generateKeyPair';
export const CERTKIT_CSR = 'certkit generateKeyPair + createCsr';

/** WebCrypto's key handles exported as certkit exports them, for a like-for-like row. */
async function exported(subtle, pair) {
  return [await subtle.exportKey('pkcs8', pair.privateKey), await subtle.exportKey('spki', pair.publicKey)];
}

/** RSA-2048: certkit both ways and WebCrypto alone (the target's reference) and with export. */
export function rsaParticipants({ certkit, subtle }) {
  return [
    { name: CERTKIT_RSA, fn: () => certkit.generateKeyPair({ algorithm: 'RSA', modulusLength: 2048 }) },
    {
      name: 'certkit generateKeyPair (engine wasm)',
      fn: () => certkit.generateKeyPair({ algorithm: 'RSA', modulusLength: 2048, engine: 'wasm' }),
    },
    { name: 'WebCrypto subtle.generateKey', role: 'webcrypto', fn: () => subtle.generateKey(RSA, true, ['sign', 'verify']) },
    {
      name: 'WebCrypto generateKey + exportKey (pkcs8, spki)',
      fn: async () => exported(subtle, await subtle.generateKey(RSA, true, ['sign', 'verify'])),
    },
  ];
}

/** An elliptic-curve or Ed25519 key pair. */
export function curveParticipants(curve, { certkit, subtle }) {
  const { certkit: options, webcrypto } = CURVES[curve];
  return [
    { name: CERTKIT_CURVE, fn: () => certkit.generateKeyPair(options) },
    { name: 'WebCrypto subtle.generateKey', role: 'webcrypto', fn: () => subtle.generateKey(webcrypto, true, ['sign', 'verify']) },
    {
      name: 'WebCrypto generateKey + exportKey (pkcs8, spki)',
      fn: async () => exported(subtle, await subtle.generateKey(webcrypto, true, ['sign', 'verify'])),
    },
  ];
}

const SUBJECT = { commonName: 'client.example.com', organization: 'Example Corp' };
const SANS = ['client.example.com', 'api.example.com'];
const P256 = { name: 'ECDSA', namedCurve: 'P-256' };

/**
 * P-256 key pair + CSR (CN, O, two DNS SANs, ECDSA-SHA256) to PEM, end to end; and the CSR
 * alone from a key made beforehand, to show where the time goes.
 */
export async function csrParticipants({ certkit, peculiar, subtle }) {
  const peculiarCsr = (keys) =>
    peculiar.Pkcs10CertificateRequestGenerator.create({
      name: `CN=${SUBJECT.commonName}, O=${SUBJECT.organization}`,
      keys,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
      extensions: [new peculiar.SubjectAlternativeNameExtension(SANS.map((value) => ({ type: 'dns', value })))],
    }).then((csr) => csr.toString('pem'));
  const certkitCsr = (pair) => certkit.createCsr({ privateKey: pair.privateKeyPem, subject: SUBJECT, subjectAltNames: SANS }).pem;
  const certkitKey = await certkit.generateKeyPair({ algorithm: 'ECDSA', namedCurve: 'P-256' });
  const webcryptoKey = await subtle.generateKey(P256, true, ['sign', 'verify']);
  return [
    { name: CERTKIT_CSR, fn: async () => certkitCsr(await certkit.generateKeyPair({ algorithm: 'ECDSA', namedCurve: 'P-256' })) },
    {
      name: '@peculiar/x509: WebCrypto generateKey + Pkcs10CertificateRequestGenerator',
      fn: async () => peculiarCsr(await subtle.generateKey(P256, true, ['sign', 'verify'])),
    },
    { name: 'certkit createCsr alone (key made beforehand)', fn: () => certkitCsr(certkitKey) },
    { name: '@peculiar/x509 CSR alone (key made beforehand)', fn: () => peculiarCsr(webcryptoKey) },
  ];
}
