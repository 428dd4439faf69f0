// The certificate corpus the conformance test compares with OpenSSL and Node: Debian's
// ca-certificates plus edge cases made here with openssl.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openssl } from './helpers.mjs';
import { OpensslCa } from './openssl-ca.mjs';

const DEBIAN_CA_DIR = '/usr/share/ca-certificates/mozilla';

/** Debian's CA certificates: [{name, path}]. */
export function debianCaCertificates() {
  if (!existsSync(DEBIAN_CA_DIR)) return [];
  return readdirSync(DEBIAN_CA_DIR)
    .filter((f) => f.endsWith('.crt'))
    .sort()
    .map((f) => ({ name: `debian/${f}`, path: join(DEBIAN_CA_DIR, f) }));
}

// An SCT list with two entries (a v1 SCT from a made-up log, and one more), as a CT log would embed.
const SCT_LIST = (() => {
  const sct = (logByte, ms) => {
    const body = Buffer.concat([
      Buffer.from([0]),
      Buffer.alloc(32, logByte),
      Buffer.from(ms.toString(16).padStart(16, '0'), 'hex'),
      Buffer.from([0, 0]),
      Buffer.from([4, 3]),
      Buffer.from([0, 4, 1, 2, 3, 4]),
    ]);
    return Buffer.concat([Buffer.from([body.length >> 8, body.length & 0xff]), body]);
  };
  const list = Buffer.concat([sct(0xab, 1_700_000_000_123), sct(0x5c, 1_710_000_000_000)]);
  const tls = Buffer.concat([Buffer.from([list.length >> 8, list.length & 0xff]), list]);
  return `DER:04${tls.length.toString(16).padStart(2, '0')}${tls.toString('hex')}`;
})();

/** Edge cases made with openssl: [{name, path}]. */
export function edgeCaseCertificates(ca = new OpensslCa()) {
  const out = [];
  const add = (name, made) => out.push({ name: `edge/${name}`, path: made.cert, key: made.key });
  const caExt = 'basicConstraints = critical, CA:TRUE\nsubjectKeyIdentifier = hash';

  for (const type of ['rsa-2048', 'rsa-4096', 'rsa-pss', 'p-256', 'p-384', 'p-521', 'secp256k1', 'ed25519', 'ed448']) {
    add(`key-${type}`, ca.selfSigned({ key: ca.key(type), subject: `/CN=${type} key` }));
  }
  const explicitKey = ca.path('explicit.key');
  openssl(['ecparam', '-name', 'prime256v1', '-param_enc', 'explicit', '-genkey', '-noout', '-out', explicitKey]);
  add('key-ec-explicit-params', ca.selfSigned({ key: explicitKey, subject: '/CN=explicit curve' }));
  add('sha1-rsa', ca.selfSigned({ key: ca.key('rsa-2048'), subject: '/CN=sha1', digest: '-sha1' }));
  add('sha512-p384', ca.selfSigned({ key: ca.key('p-384'), subject: '/CN=sha512', digest: '-sha512' }));
  add(
    'many-sans',
    ca.selfSigned({
      subject: '/CN=many.example.com',
      extensions: `subjectAltName = ${[
        ...Array.from({ length: 40 }, (_, i) => `DNS:host${i}.example.com`),
        'IP:192.0.2.1',
        'IP:2001:db8::1',
        'IP:::1',
        'IP:fe80::1:2:3:4',
        'email:a@example.com',
        'URI:https://example.com/path?q=1',
        'URI:spiffe://trust.example/ns/a',
        'RID:1.2.3.4',
        'otherName:1.3.6.1.4.1.311.20.2.3;UTF8:user@example.com',
        'dirName:dir_sect',
      ].join(', ')}\nissuerAltName = email:ca@example.com, URI:http://ca.example.com\n[dir_sect]\nC = US\nO = Dir Org\nCN = Dir Name`,
    }),
  );
  add(
    'name-constraints',
    ca.selfSigned({
      subject: '/CN=Constrained CA',
      extensions: `${caExt}\nnameConstraints = critical, permitted;DNS:.example.com, permitted;IP:10.0.0.0/255.0.0.0, permitted;IP:2001:db8::/ffff:ffff::, excluded;DNS:bad.example.com, excluded;email:.example.org, permitted;dirName:nc_dir\n[nc_dir]\nO = Allowed Org`,
    }),
  );
  add(
    'no-ski',
    ca.selfSigned({
      subject: '/CN=no ski',
      extensions: 'basicConstraints = CA:FALSE\nsubjectKeyIdentifier = none\nauthorityKeyIdentifier = none',
    }),
  );
  add(
    'policies',
    ca.selfSigned({
      subject: '/CN=policies',
      extensions: `${caExt}\ncertificatePolicies = critical, 2.23.140.1.2.1, @pol\npolicyConstraints = requireExplicitPolicy:0, inhibitPolicyMapping:1\ninhibitAnyPolicy = 2\npolicyMappings = 1.2.3.4:1.2.3.5\n[pol]\npolicyIdentifier = 1.3.6.1.4.1.99999.1\nCPS.1 = "https://example.com/cps"\nuserNotice.1 = @notice\n[notice]\nexplicitText = "Use only for testing"\norganization = "Example Org"\nnoticeNumbers = 1, 2, 3`,
    }),
  );
  add(
    'access',
    ca.selfSigned({
      subject: '/CN=access',
      extensions:
        'basicConstraints = CA:FALSE\nsubjectKeyIdentifier = hash\nauthorityInfoAccess = OCSP;URI:http://ocsp.example.com, caIssuers;URI:http://ca.example.com/ca.crt\ncrlDistributionPoints = URI:http://crl.example.com/a.crl, URI:ldap://ldap.example.com/cn=crl\nkeyUsage = critical, digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment, keyAgreement, encipherOnly\nextendedKeyUsage = serverAuth, clientAuth, codeSigning, emailProtection, timeStamping, OCSPSigning, 1.3.6.1.4.1.99999.7\ntlsfeature = status_request\nnsCertType = client, server\nnsComment = "made by certkit tests"',
    }),
  );
  add('sct', ca.selfSigned({ subject: '/CN=sct', extensions: `basicConstraints = CA:FALSE\n1.3.6.1.4.1.11129.2.4.2 = ${SCT_LIST}` }));
  add('precert', ca.selfSigned({ subject: '/CN=precert', extensions: 'basicConstraints = CA:FALSE', extraArgs: ['-precert'] }));
  add(
    'unknown-ext',
    ca.selfSigned({
      subject: '/CN=unknown ext',
      extensions: 'basicConstraints = CA:FALSE\n1.3.6.1.4.1.99999.42 = critical, ASN1:UTF8String:hello',
    }),
  );
  add('multi-valued-rdn', ca.selfSigned({ subject: '/C=US/O=Multi+OU=Valued/CN=first+UID=second+emailAddress=m@example.com' }));
  add('escapes', ca.selfSigned({ subject: '/O=Comma\\, Plus\\+ Quote" Semi; Less< More>/OU= leading and trailing /CN=#hash\\\\back' }));
  add('utf8', ca.selfSigned({ subject: '/O=Müller & Søn/CN=日本語 テスト 😀' }));
  add('bmp', ca.selfSigned({ subject: '/O=Müller/CN=Ωmega', stringMask: 'pkix' }));
  add('teletex', ca.selfSigned({ subject: '/O=Café/CN=Crème brûlée', stringMask: 'nombstr' }));
  add('printable-ia5', ca.selfSigned({ subject: '/C=DE/CN=plain/emailAddress=ia5@example.com/DC=example/DC=com', stringMask: 'default' }));
  add('unknown-attr', ca.selfSigned({ subject: '/1.2.3.4.5=custom/CN=unknown attribute' }));
  add('serial-zero', ca.selfSigned({ subject: '/CN=serial zero', serial: 0 }));
  add('serial-20-bytes', ca.selfSigned({ subject: '/CN=serial 20 bytes', serial: '0x7fa1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3' }));
  add('serial-leading-zero', ca.selfSigned({ subject: '/CN=serial msb', serial: '0x80' }));
  add('expired', ca.issue({ subject: '/CN=expired', startdate: '20100101000000Z', enddate: '20110101000000Z' }));
  add('generalized-time', ca.issue({ subject: '/CN=far future', startdate: '20200101000000Z', enddate: '20991231235959Z' }));
  add('utc-1950', ca.issue({ subject: '/CN=old', startdate: '500101000000Z', enddate: '491231235959Z' }));
  add('v1', ca.selfSigned({ subject: '/CN=version one', extensions: '', extraArgs: [] }));
  return out;
}
