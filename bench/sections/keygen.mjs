// Key generation, P-256 key + CSR, and Subject Key Identifiers in Node, against WebCrypto,
// Node's crypto, node-forge and @peculiar/x509 in the same process.
import 'reflect-metadata';
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import * as peculiar from '@peculiar/x509';
import forge from 'node-forge';
import * as certkit from '../../pkg/node.js';
import { compareBatches, compareRuns } from '../lib/timing.mjs';
import { CERTKIT_CSR, CERTKIT_CURVE, CERTKIT_RSA, csrParticipants, curveParticipants, rsaParticipants } from '../lib/workloads.mjs';

const { subtle } = globalThis.crypto;
peculiar.cryptoProvider.set(globalThis.crypto);

const NODE_CURVES = { 'P-256': ['ec', { namedCurve: 'P-256' }], 'P-384': ['ec', { namedCurve: 'P-384' }], Ed25519: ['ed25519', {}] };

/** The content of the SPKI's BIT STRING (RFC 5280 method 1 hashes it), found by DER lengths. */
function spkiKeyBits(der) {
  const element = (at) => {
    const first = der[at + 1];
    if (first < 0x80) return { start: at + 2, end: at + 2 + first };
    let length = 0;
    for (let i = 0; i < (first & 0x7f); i++) length = length * 256 + der[at + 2 + i];
    const start = at + 2 + (first & 0x7f);
    return { start, end: start + length };
  };
  const algorithm = element(element(0).start);
  const bits = element(algorithm.end);
  return der.subarray(bits.start + 1, bits.end); // after the unused-bits count
}

function skiParticipants(publicKeyPem) {
  return [
    { name: 'certkit subjectKeyIdentifier', fn: () => certkit.subjectKeyIdentifier(publicKeyPem) },
    {
      name: 'Node createPublicKey → export spki DER → BIT STRING → sha1',
      fn: () =>
        createHash('sha1')
          .update(spkiKeyBits(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })))
          .digest('hex'),
    },
    {
      name: '@peculiar/x509 SubjectKeyIdentifierExtension.create',
      fn: async () => (await peculiar.SubjectKeyIdentifierExtension.create(new peculiar.PublicKey(publicKeyPem))).keyId,
    },
  ];
}

/** All three must agree before their speed means anything. */
async function checkAgreement(participants) {
  const values = await Promise.all(participants.map((p) => p.fn()));
  if (new Set(values.map((v) => v.toLowerCase())).size !== 1) throw new Error(`SKI methods disagree: ${values.join(' / ')}`);
  return values[0];
}

export default async function keygen({ inputs, quick, log }) {
  const batches = quick ? { rounds: 3, batchMs: 40, warmupMs: 100 } : { rounds: 7, batchMs: 150, warmupMs: 300 };
  const tables = [];

  log(`keygen: RSA-2048, ${quick ? 5 : 60} runs each, interleaved`);
  const rsa = [
    ...rsaParticipants({ certkit, subtle }),
    { name: 'Node crypto.generateKeyPairSync', fn: () => generateKeyPairSync('rsa', { modulusLength: 2048 }) },
    {
      name: "node-forge rsa.generateKeyPair (calls Node's native generateKeyPairSync)",
      fn: () => forge.pki.rsa.generateKeyPair({ bits: 2048 }),
    },
    {
      name: 'node-forge rsa.generateKeyPair, usePureJavaScript',
      runs: quick ? 2 : 10,
      warmup: quick ? 0 : 1,
      fn: () => {
        forge.options.usePureJavaScript = true;
        try {
          return forge.pki.rsa.generateKeyPair({ bits: 2048 });
        } finally {
          forge.options.usePureJavaScript = false;
        }
      },
    },
  ];
  tables.push({
    id: 'keygen.rsa',
    kind: 'time',
    title: 'RSA-2048 key pair',
    baseline: CERTKIT_RSA,
    rows: await compareRuns(rsa, { runs: quick ? 5 : 60 }),
  });

  for (const curve of ['P-256', 'P-384', 'Ed25519']) {
    log(`keygen: ${curve}`);
    const [type, options] = NODE_CURVES[curve];
    const participants = [
      ...curveParticipants(curve, { certkit, subtle }),
      { name: 'Node crypto.generateKeyPairSync', fn: () => generateKeyPairSync(type, options) },
    ];
    if (curve === 'Ed25519')
      participants.push({ name: 'node-forge ed25519.generateKeyPair (pure JS)', fn: () => forge.pki.ed25519.generateKeyPair() });
    const rows = await compareBatches(participants, batches);
    if (curve !== 'Ed25519') rows.push({ name: 'node-forge', cannot: 'no ECDSA support' });
    tables.push({ id: `keygen.${curve}`, kind: 'time', title: `${curve} key pair`, baseline: CERTKIT_CURVE, rows });
  }

  log('keygen: P-256 key pair + CSR');
  tables.push({
    id: 'keygen.csr',
    kind: 'time',
    title: 'P-256 key pair + CSR (CN, O, 2 DNS SANs) to PEM',
    baseline: CERTKIT_CSR,
    rows: await compareBatches(await csrParticipants({ certkit, peculiar, subtle }), batches),
  });

  for (const [label, pem] of [
    ['RSA-2048', inputs.keys.rsa2048],
    ['P-256', inputs.keys.p256],
  ]) {
    log(`keygen: SKI of a ${label} public key`);
    const participants = skiParticipants(pem);
    const ski = await checkAgreement(participants);
    tables.push({
      id: `keygen.ski.${label}`,
      kind: 'time',
      title: `Subject Key Identifier (RFC 5280 SHA-1) of a ${label} SPKI PEM — all agree: ${ski}`,
      baseline: participants[0].name,
      rows: await compareBatches(participants, batches),
    });
  }

  return {
    title: 'Key generation, CSR and SKI (Node)',
    tables,
    notes: [
      'RSA times vary by nature (prime search): medians of single interleaved runs, one untimed warm-up run each. node-forge in pure JavaScript runs fewer times because each run takes about a second.',
      'certkit (engine auto) is WebCrypto generateKey + exportKey(pkcs8) + certkit building PEM and JWK forms of both keys; the WebCrypto + export row shows the share of the export alone.',
      'certkit engine wasm in Node steps its own prime search on this thread, yielding to the event loop between windows.',
      "node-forge without `usePureJavaScript` hands RSA to Node's native generateKeyPairSync and converts the PEM into forge objects.",
      'Node generateKeyPairSync returns KeyObjects without encoding them; WebCrypto returns CryptoKeys. certkit returns PKCS#8 and SPKI PEM plus JWKs of both.',
    ],
  };
}
