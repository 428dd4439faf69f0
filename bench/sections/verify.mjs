// Chain validation in Node: a typical 3-certificate chain to a trust anchor, and the x509-limbo
// pathological cases (100 intermediates) that a path builder must give up on quickly.
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import * as certkit from '../../pkg/node.js';
import { limboCases, argumentsOf } from '../../tests/shared/limbo.mjs';
import { compareBatches, compareRuns } from '../lib/timing.mjs';

export default async function verify({ inputs, quick, log }) {
  const timing = quick ? { rounds: 3, batchMs: 40, warmupMs: 100 } : { rounds: 7, batchMs: 150, warmupMs: 300 };
  const { typical } = inputs.certs;
  const { intermediate, root } = inputs;
  const now = new Date(Date.now() + 86_400_000).toISOString();
  const chain = [typical.pem, intermediate.pem];

  log('verify: typical 3-link chain');
  const leafX = new X509Certificate(typical.pem);
  const interX = new X509Certificate(intermediate.pem);
  const rootX = new X509Certificate(root.pem);
  const caStore = forge.pki.createCaStore([root.pem]);
  const forgeChain = chain.map((p) => forge.pki.certificateFromPem(p));
  const typicalRows = await compareBatches(
    [
      {
        name: 'certkit verifyChain (path building, every check, per-link report)',
        fn: () => {
          const report = certkit.verifyChain(chain, {
            trustAnchors: [root.pem],
            now,
            purpose: 'serverAuth',
            subjectName: 'www.example.com',
          });
          if (!report.ok) throw new Error('typical chain did not validate');
          return report;
        },
      },
      {
        name: 'node-forge pki.verifyCertificateChain (signatures, validity, CA flags)',
        fn: () => forge.pki.verifyCertificateChain(caStore, forgeChain),
      },
      {
        name: 'Node X509Certificate: parse 3 + checkIssued + verify per link (no policy checks)',
        fn: () => {
          const l = new X509Certificate(typical.pem);
          const i = new X509Certificate(intermediate.pem);
          return l.checkIssued(i) && l.verify(i.publicKey) && i.checkIssued(rootX) && i.verify(rootX.publicKey);
        },
      },
    ],
    timing,
  );
  void leafX;
  void interX;

  log('verify: x509-limbo pathological chains (100 intermediates)');
  const pathological = limboCases().filter((c) => c.id.startsWith('pathological::pathological-chain'));
  const pathologicalRows = await compareRuns(
    pathological.map((testcase) => {
      const [certs, options] = argumentsOf(testcase);
      return {
        name: `${testcase.id.replace('pathological::', '')} (${certs.length} certificates)`,
        fn: () => {
          const report = certkit.verifyChain(certs, options);
          if (report.ok) throw new Error(`${testcase.id} validated`);
          return report;
        },
      };
    }),
    { runs: quick ? 5 : 15, warmup: 1 },
  );

  return {
    title: 'Chain validation (Node)',
    tables: [
      {
        id: 'verify.typical',
        kind: 'time',
        title: 'Typical chain: RSA-2048 leaf → RSA intermediate → root given as trust anchor',
        baseline: typicalRows[0].name,
        rows: typicalRows,
      },
      {
        id: 'verify.pathological',
        kind: 'time',
        title: 'x509-limbo pathological cases: 100 intermediates that lead nowhere (each must be refused)',
        rows: pathologicalRows,
      },
    ],
    notes: [
      "certkit: rustls-webpki builds and validates the path with certkit's RustCrypto signature algorithms and profile checks, then every link is checked again for the report (signatures are verified twice).",
      "node-forge checks signatures, validity and basicConstraints only; Node's row is just two signature checks and name comparisons, a floor rather than a peer.",
      'The pathological cases must fail; the time is what a page pays before it can say so.',
    ],
  };
}
