// Extensions as labelled rows: the name (or the OID when certkit has none), whether it is
// critical, the value decoded into words, and the raw DER behind a toggle.
import type { DistributionPoint, Extension, ExtensionValue, GeneralName, GeneralSubtree, IssuingDistributionPoint } from 'certkit';
import { h } from './ui.ts';

type Node_ = HTMLElement | string;

const NAME_KIND: Record<string, string> = {
  dns: 'DNS',
  ip: 'IP',
  email: 'Email',
  uri: 'URI',
  dirName: 'Directory name',
  other: 'Other name',
  registeredId: 'Registered ID',
  x400: 'X.400 address',
  ediParty: 'EDI party',
};

const ACCESS_METHOD: Record<string, string> = {
  ocsp: 'OCSP responder',
  caIssuers: 'CA issuers (the issuer certificate)',
  timeStamping: 'Time stamping',
  caRepository: 'CA repository',
};

const TLS_FEATURE: Record<number, string> = { 5: 'OCSP must-staple (status_request)', 17: 'status_request_v2' };

export function generalName(name: GeneralName): string {
  const kind = NAME_KIND[name.type] ?? name.type;
  return `${kind}: ${name.value}${name.oid ? ` (${name.oid})` : ''}`;
}

function list(items: Node_[]): HTMLElement {
  return h('ul', { class: 'plain' }, ...items.map((item) => h('li', {}, item)));
}

function names(items: GeneralName[]): HTMLElement {
  return list(items.map(generalName));
}

function subtree(tree: GeneralSubtree): string {
  const range = tree.minimum || tree.maximum !== undefined ? ` (depth ${tree.minimum ?? 0} to ${tree.maximum ?? 'any'})` : '';
  return `${generalName(tree.base)}${range}`;
}

function distributionPoints(points: DistributionPoint[]): HTMLElement {
  return list(
    points.map((p) =>
      [
        (p.fullName ?? []).map(generalName).join(', ') || (p.relativeName ? `relative name ${p.relativeName}` : 'no location'),
        p.reasons?.length ? `for ${p.reasons.join(', ')}` : '',
        p.crlIssuer?.length ? `CRL issued by ${p.crlIssuer.map(generalName).join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    ),
  );
}

function issuingDistributionPoint(idp: IssuingDistributionPoint): Node_ {
  const scope = [
    idp.onlyContainsUserCerts && 'only end-entity certificates',
    idp.onlyContainsCaCerts && 'only CA certificates',
    idp.onlyContainsAttributeCerts && 'only attribute certificates',
    idp.indirectCrl && 'indirect CRL (entries for other issuers)',
    idp.onlySomeReasons?.length && `only for ${idp.onlySomeReasons.join(', ')}`,
  ].filter((x): x is string => typeof x === 'string');
  return list([
    (idp.fullName ?? []).map(generalName).join(', ') || (idp.relativeName ? `relative name ${idp.relativeName}` : 'no location'),
    scope.length ? `Covers ${scope.join('; ')}` : 'Covers every certificate of the issuer',
  ]);
}

/** The decoded value in words. */
export function extensionValueText(value: ExtensionValue): Node_ {
  switch (value.type) {
    case 'basicConstraints':
      return value.ca
        ? `A CA${value.pathLength !== undefined ? `; at most ${value.pathLength} intermediate CA${value.pathLength === 1 ? '' : 's'} below it` : ''}`
        : 'Not a CA (an end-entity certificate)';
    case 'keyUsage':
      return value.usages.join(', ') || '(none)';
    case 'extendedKeyUsage':
      return value.purposes.map((p) => (p.name ? `${p.name} (${p.oid})` : p.oid)).join(', ');
    case 'subjectKeyIdentifier':
      return h('span', { class: 'mono' }, value.keyIdentifier);
    case 'authorityKeyIdentifier':
      return list(
        [
          value.keyIdentifier ? h('span', {}, 'Key ID ', h('span', { class: 'mono' }, value.keyIdentifier)) : '',
          value.authorityCertIssuer?.length ? `Issuer ${value.authorityCertIssuer.map(generalName).join(', ')}` : '',
          value.authorityCertSerialNumber ? `Issuer serial ${value.authorityCertSerialNumber}` : '',
        ].filter(Boolean),
      );
    case 'subjectAltName':
    case 'issuerAltName':
    case 'certificateIssuer':
      return names(value.names);
    case 'certificatePolicies':
      return list(
        value.policies.map((p) => {
          const qualifiers = p.qualifiers.map((q) =>
            q.type === 'cps'
              ? `practice statement ${q.uri}`
              : q.type === 'userNotice'
                ? `notice "${q.explicitText ?? ''}"${q.organization ? ` from ${q.organization}` : ''}`
                : `qualifier ${q.oid}`,
          );
          return `${p.name ? `${p.name} (${p.oid})` : p.oid}${qualifiers.length ? `: ${qualifiers.join('; ')}` : ''}`;
        }),
      );
    case 'policyMappings':
      return list(value.mappings.map((m) => `${m.issuerDomainPolicy} → ${m.subjectDomainPolicy}`));
    case 'policyConstraints':
      return list(
        [
          value.requireExplicitPolicy !== undefined
            ? `An explicit policy is required after ${value.requireExplicitPolicy} more certificates`
            : '',
          value.inhibitPolicyMapping !== undefined
            ? `Policy mapping is not allowed after ${value.inhibitPolicyMapping} more certificates`
            : '',
        ].filter(Boolean),
      );
    case 'inhibitAnyPolicy':
      return `anyPolicy is not accepted after ${value.skipCerts} more certificates`;
    case 'nameConstraints':
      return list(
        [
          value.permitted.length ? `Permitted: ${value.permitted.map(subtree).join(', ')}` : '',
          value.excluded.length ? `Excluded: ${value.excluded.map(subtree).join(', ')}` : '',
        ].filter(Boolean),
      );
    case 'crlDistributionPoints':
    case 'freshestCrl':
      return distributionPoints(value.points);
    case 'authorityInfoAccess':
    case 'subjectInfoAccess':
      return list(value.descriptions.map((d) => `${ACCESS_METHOD[d.method] ?? d.oid}: ${generalName(d.location)}`));
    case 'signedCertificateTimestamps':
      return list(
        value.timestamps.map(
          (t) => `Log ${t.logId} at ${t.timestamp} (version ${t.version + 1}, ${t.hashAlgorithm} with ${t.signatureAlgorithm})`,
        ),
      );
    case 'precertificatePoison':
      return 'A precertificate for Certificate Transparency: not for use';
    case 'tlsFeature':
      return value.features.map((f) => TLS_FEATURE[f] ?? `TLS feature ${f}`).join(', ');
    case 'netscapeCertType':
      return value.types.join(', ');
    case 'netscapeComment':
      return value.comment;
    case 'crlNumber':
      return `CRL number ${value.number}`;
    case 'deltaCrlIndicator':
      return `A delta CRL on top of base CRL number ${value.baseCrlNumber}`;
    case 'issuingDistributionPoint':
      return issuingDistributionPoint(value);
    case 'crlReason':
      return value.reason;
    case 'invalidityDate':
      return `Invalid since ${value.date}`;
  }
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** The rows: one per extension, in the certificate's order. */
export function extensionRows(extensions: Extension[]): HTMLElement {
  if (extensions.length === 0) return h('p', { class: 'muted' }, 'No extensions.');
  return h(
    'dl',
    { class: 'extension-rows' },
    ...extensions.flatMap((ext) => [
      h(
        'dt',
        {},
        h('span', { class: 'extension-name' }, ext.name ?? 'Extension certkit does not know'),
        ' ',
        h('span', { class: 'muted mono small-text' }, ext.oid),
        ext.critical ? ' ' : null,
        ext.critical ? h('span', { class: 'tag warn' }, 'critical') : null,
      ),
      h(
        'dd',
        {},
        ext.value
          ? h('div', { class: 'extension-value' }, extensionValueText(ext.value))
          : h('p', { class: 'muted' }, 'Not decoded: see the DER.'),
        h('details', { class: 'raw' }, h('summary', {}, `Raw DER (${ext.der.length} bytes)`), h('pre', { class: 'mono' }, hex(ext.der))),
      ),
    ]),
  );
}
