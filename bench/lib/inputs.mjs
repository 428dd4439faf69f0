// The certificates every section measures, made fresh by the openssl CLI in a temporary folder
// (nothing generated is committed): root → RSA intermediate → three leaves.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const COMMON_LEAF = `basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:http://crl.pki.example.com/issuing/rsa-intermediate-2026.crl
authorityInfoAccess = OCSP;URI:http://ocsp.pki.example.com/issuing, caIssuers;URI:http://certs.pki.example.com/issuing/rsa-intermediate-2026.crt
certificatePolicies = 2.23.140.1.2.2, @cps
[ cps ]
policyIdentifier = 1.3.6.1.4.1.44947.1.1.1
CPS.1 = https://pki.example.com/repository/cps
`;

const CA = `basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
`;

/** 44 names of every kind a SAN holds, to show how parsers scale with many entries. */
function manySans() {
  const lines = [];
  for (let i = 1; i <= 20; i++) lines.push(`DNS.${i} = host${i}.svc.example.com`);
  for (let i = 1; i <= 8; i++) lines.push(`IP.${i} = 192.0.2.${i}`);
  for (let i = 9; i <= 12; i++) lines.push(`IP.${i} = 2001:db8::${i.toString(16)}`);
  for (let i = 1; i <= 6; i++) lines.push(`email.${i} = ops${i}@example.com`);
  for (let i = 1; i <= 6; i++) lines.push(`URI.${i} = https://id.example.com/workload/${i}`);
  return `subjectAltName = @sans\n${COMMON_LEAF}[ sans ]\n${lines.join('\n')}\n`;
}

const openssl = (args) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * Makes the inputs; returns `{ dir, certs: { typical, manySans, ecdsa }, chain: { path, pem },
 * keys: { rsa2048, p256 } (SPKI PEM), remove }`. Each cert has `pem` (text), `der` (bytes) and
 * the paths of both.
 */
export function makeInputs() {
  const dir = mkdtempSync(join(tmpdir(), 'certkit-bench-'));
  const path = (name) => join(dir, name);
  let serial = 0x1000;

  const key = (name, spec) => {
    const args =
      spec === 'p-256'
        ? ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']
        : ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'];
    openssl(['genpkey', '-quiet', ...args, '-out', path(`${name}.key`)]);
    return path(`${name}.key`);
  };

  // `openssl x509 -req -extfile`: a CSR, then a certificate signed by `issuer` (or self-signed).
  const issue = (name, { keyType = 'rsa', subject, extensions, issuer }) => {
    const keyPath = key(name, keyType);
    const ext = path(`${name}.ext`);
    writeFileSync(ext, `[ ext ]\n${extensions}`);
    openssl(['req', '-new', '-key', keyPath, '-subj', subject, '-out', path(`${name}.csr`)]);
    const signer = issuer ? ['-CA', issuer.pemPath, '-CAkey', issuer.keyPath] : ['-signkey', keyPath];
    openssl([
      'x509',
      '-req',
      '-in',
      path(`${name}.csr`),
      ...signer,
      '-set_serial',
      `0x${(serial++).toString(16)}7a3c91e4d2b8`,
      '-days',
      '825',
      '-sha256',
      '-extfile',
      ext,
      '-extensions',
      'ext',
      '-out',
      path(`${name}.pem`),
    ]);
    openssl(['x509', '-in', path(`${name}.pem`), '-outform', 'DER', '-out', path(`${name}.der`)]);
    return {
      keyPath,
      pemPath: path(`${name}.pem`),
      derPath: path(`${name}.der`),
      pem: readFileSync(path(`${name}.pem`), 'utf8'),
      der: new Uint8Array(readFileSync(path(`${name}.der`))),
    };
  };

  const root = issue('root', { subject: '/C=US/O=Example Trust/CN=Example Root CA', extensions: CA });
  const intermediate = issue('intermediate', {
    subject: '/C=US/O=Example Trust/OU=Issuing/CN=Example RSA Intermediate',
    extensions: `${CA}authorityKeyIdentifier = keyid\nbasicConstraints = critical, CA:TRUE, pathlen:0\n`,
    issuer: root,
  });
  const typical = issue('typical', {
    subject: '/C=US/ST=California/L=San Francisco/O=Example Corp/OU=Web Services/CN=www.example.com',
    issuer: intermediate,
    extensions: `subjectAltName = DNS:www.example.com, DNS:example.com, DNS:api.example.com\n${COMMON_LEAF}`,
  });
  const manySansCert = issue('many-sans', {
    subject: '/C=US/O=Example Corp/OU=Platform/CN=mesh.example.com',
    issuer: intermediate,
    extensions: manySans(),
  });
  const ecdsa = issue('ecdsa', {
    keyType: 'p-256',
    subject: '/C=US/O=Example Corp/OU=Web Services/CN=ec.example.com',
    issuer: intermediate,
    extensions: `subjectAltName = DNS:ec.example.com, DNS:www.ec.example.com\n${COMMON_LEAF}`,
  });

  const chain = { path: path('chain.pem'), pem: typical.pem + intermediate.pem + root.pem };
  writeFileSync(chain.path, chain.pem);

  const publicPem = (cert) => openssl(['x509', '-in', cert.pemPath, '-noout', '-pubkey']).toString();
  return {
    dir,
    certs: { typical, manySans: manySansCert, ecdsa },
    chain,
    root,
    intermediate,
    keys: { rsa2048: publicPem(typical), p256: publicPem(ecdsa) },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
