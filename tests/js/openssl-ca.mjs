// The openssl CLI as an independent CA for tests: keys of every type, self-signed certificates
// from a config section, and certificates issued by another with any validity dates.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openssl, tempDir } from './helpers.mjs';

const KEY_ARGS = {
  'rsa-2048': ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
  'rsa-3072': ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:3072'],
  'rsa-4096': ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:4096'],
  'rsa-pss': ['-algorithm', 'RSA-PSS', '-pkeyopt', 'rsa_keygen_bits:2048'],
  'p-256': ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  'p-384': ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
  'p-521': ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521'],
  secp256k1: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:secp256k1'],
  ed25519: ['-algorithm', 'ED25519'],
  ed448: ['-algorithm', 'ED448'],
};

/** A scratch CA folder: every file it makes lives under `dir`. */
export class OpensslCa {
  constructor(dir = tempDir('certkit-ca-')) {
    this.dir = dir;
    this.count = 0;
    mkdirSync(join(dir, 'newcerts'), { recursive: true });
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '1000\n');
  }

  path(name) {
    return join(this.dir, name);
  }

  /** A new private key (PKCS#8 PEM) of the given type; returns its path. */
  key(type = 'p-256', name = `key${++this.count}`) {
    const path = this.path(`${name}.key`);
    const args = KEY_ARGS[type];
    if (!args) throw new Error(`unknown key type ${type}`);
    openssl(['genpkey', '-quiet', ...args, '-out', path]);
    return path;
  }

  /** Writes a config file: `extensions` is the text of an [ext] section. */
  config(extensions = '', { stringMask = 'utf8only' } = {}) {
    const path = this.path(`cfg${++this.count}.cnf`);
    writeFileSync(
      path,
      `
[ req ]
distinguished_name = dn
string_mask = ${stringMask}
prompt = no
[ dn ]
[ ext ]
${extensions}
[ ca ]
default_ca = ca_default
[ ca_default ]
dir = ${this.dir}
database = $dir/index.txt
new_certs_dir = $dir/newcerts
serial = $dir/serial
default_md = sha256
policy = policy_any
unique_subject = no
email_in_dn = yes
preserve = yes
copy_extensions = none
[ policy_any ]
countryName = optional
stateOrProvinceName = optional
localityName = optional
organizationName = optional
organizationalUnitName = optional
commonName = optional
emailAddress = optional
`,
    );
    return path;
  }

  /**
   * A self-signed certificate made by `openssl req -x509`.
   * Options: key (path), subject ('/CN=x'), extensions (text), serial, days, digest ('-sha256'),
   * stringMask, extraArgs.
   */
  selfSigned({
    key = this.key(),
    subject = '/CN=test',
    extensions = 'basicConstraints = critical, CA:TRUE\nsubjectKeyIdentifier = hash',
    serial,
    days = 365,
    digest,
    stringMask,
    extraArgs = [],
    name = `cert${++this.count}`,
  } = {}) {
    const out = this.path(`${name}.pem`);
    const args = [
      'req',
      '-x509',
      '-new',
      '-utf8',
      '-config',
      this.config(extensions, { stringMask }),
      '-key',
      key,
      '-subj',
      subject,
      '-extensions',
      'ext',
      '-days',
      String(days),
      '-out',
      out,
      ...extraArgs,
    ];
    if (serial !== undefined) args.push('-set_serial', String(serial));
    if (digest) args.push(digest);
    openssl(args);
    return { cert: out, key };
  }

  /** A CSR for `key` with `subject`; returns its path. */
  csr({ key = this.key(), subject = '/CN=leaf', name = `csr${++this.count}` } = {}) {
    const out = this.path(`${name}.csr`);
    openssl(['req', '-new', '-utf8', '-config', this.config(), '-key', key, '-subj', subject, '-out', out]);
    return out;
  }

  /**
   * A certificate issued by `issuer` ({cert, key}) with `openssl ca`, or self-signed when
   * `issuer` is omitted. Dates are YYMMDDHHMMSSZ or YYYYMMDDHHMMSSZ.
   */
  issue({
    key = this.key(),
    subject = '/CN=leaf',
    issuer,
    extensions = 'basicConstraints = critical, CA:FALSE\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid',
    startdate = '20200101000000Z',
    enddate = '20991231235959Z',
    csr,
    name = `issued${++this.count}`,
  } = {}) {
    const request = csr ?? this.csr({ key, subject });
    const out = this.path(`${name}.pem`);
    const args = [
      'ca',
      '-batch',
      '-notext',
      '-config',
      this.config(extensions),
      '-extensions',
      'ext',
      '-in',
      request,
      '-out',
      out,
      '-startdate',
      startdate,
      '-enddate',
      enddate,
      '-subj',
      subject,
      '-preserveDN',
    ];
    if (issuer) args.push('-cert', issuer.cert, '-keyfile', issuer.key);
    else args.push('-selfsign', '-keyfile', key);
    openssl(args);
    return { cert: out, key };
  }

  /**
   * A certificate for a bare public key (no CSR from its owner), as a CA service issues for
   * `generateClientCertificate`: `openssl x509 -req -force_pubkey`, valid for `days`.
   */
  issueForPublicKey({
    publicKeyPem,
    issuer,
    subject = '/CN=client',
    days = 1,
    extensions = 'basicConstraints = critical, CA:FALSE\nkeyUsage = critical, digitalSignature, keyEncipherment\nextendedKeyUsage = clientAuth\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid',
  }) {
    const id = ++this.count;
    const pubPath = this.path(`forced${id}.pub.pem`);
    writeFileSync(pubPath, publicKeyPem);
    const placeholder = this.csr({ key: this.key('p-256'), subject: '/CN=placeholder' });
    const out = this.path(`forced${id}.pem`);
    openssl([
      'x509',
      '-req',
      '-in',
      placeholder,
      '-force_pubkey',
      pubPath,
      '-CA',
      issuer.cert,
      '-CAkey',
      issuer.key,
      '-set_serial',
      String(1000 + id),
      '-days',
      String(days),
      '-extfile',
      this.config(extensions),
      '-extensions',
      'ext',
      '-subj',
      subject,
      '-out',
      out,
    ]);
    return out;
  }

  /** Revokes a certificate this folder's CA issued; `reason` args such as ['-crl_reason', 'keyCompromise']. */
  revoke({ cert, issuer, reason = [] }) {
    openssl(['ca', '-config', this.config(), '-cert', issuer.cert, '-keyfile', issuer.key, '-revoke', cert, ...reason]);
  }

  /**
   * A CRL by `openssl ca -gencrl` of everything revoked so far; v2 with crlNumber and AKI unless
   * `v1`. Dates are YYYYMMDDHHMMSSZ. Returns its PEM path.
   */
  crl({ issuer, lastUpdate = '20250101000000Z', nextUpdate = '20990101000000Z', v1 = false, name = `crl${++this.count}` }) {
    const out = this.path(`${name}.crl.pem`);
    const numberFile = this.path('crlnumber');
    if (!v1 && !existsSync(numberFile)) writeFileSync(numberFile, '01\n');
    const config = v1 ? this.config() : this.numberedConfig(numberFile);
    const args = [
      'ca',
      '-gencrl',
      '-config',
      config,
      '-cert',
      issuer.cert,
      '-keyfile',
      issuer.key,
      '-out',
      out,
      '-crl_lastupdate',
      lastUpdate,
      '-crl_nextupdate',
      nextUpdate,
    ];
    if (!v1) args.push('-crlexts', 'ext');
    openssl(args);
    return out;
  }

  /** A config whose CA section names a crlnumber file. */
  numberedConfig(numberFile) {
    const path = this.config('authorityKeyIdentifier = keyid');
    writeFileSync(path, readFileSync(path, 'utf8').replace('serial = $dir/serial', `serial = $dir/serial\ncrlnumber = ${numberFile}`));
    return path;
  }

  /** A CA hierarchy: root → intermediate → leaf, all valid 2020–2099 unless told otherwise. */
  hierarchy({ rootKey = 'p-384', interKey = 'p-256', leafKey = 'rsa-2048', interDates = {}, leafExtensions } = {}) {
    const caExt =
      'basicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign, cRLSign\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid';
    const root = this.issue({ key: this.key(rootKey), subject: '/O=certkit Test/CN=Test Root', extensions: caExt });
    const inter = this.issue({
      key: this.key(interKey),
      subject: '/O=certkit Test/CN=Test Intermediate',
      issuer: root,
      extensions: `${caExt}\nbasicConstraints = critical, CA:TRUE, pathlen:0`,
      ...interDates,
    });
    const leaf = this.issue({
      key: this.key(leafKey),
      subject: '/O=certkit Test/CN=leaf.example.com',
      issuer: inter,
      ...(leafExtensions ? { extensions: leafExtensions } : {}),
    });
    return { root, inter, leaf };
  }
}

/** The PEM text of a file. */
export const pem = (path) => readFileSync(path, 'utf8');
