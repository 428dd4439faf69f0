// The project's performance targets, checked against the measured medians. Rows are found by
// the `role` their section gave them; certkit's row is each table's baseline.
import { formatBytes, formatTime } from './format.mjs';

const table = (sections, id) => {
  const [sectionId] = id.split('.');
  return sections[sectionId]?.tables?.find((t) => t.id === id);
};
const base = (t) => t?.rows.find((r) => r.name === t.baseline);
const byRole = (t, role) => t?.rows.filter((r) => r.role === role && r.median != null) ?? [];

const status = (met, measured) => (!measured ? 'not measured' : met ? '**met**' : '**missed**');

function parseTargets(sections) {
  const t = table(sections, 'parse.typical');
  const certkit = base(t);
  const fastest = byRole(t, 'js').sort((a, b) => a.median - b.median)[0];
  const node = byRole(t, 'node')[0];
  const native = byRole(t, 'native')[0];
  const nativeOnly = byRole(t, 'native-parse-only')[0];
  const x = (a, b) => (a && b ? a.median / b.median : NaN);
  return [
    {
      target: 'Parse ≥ 2.5× the fastest JS peer (typical leaf)',
      detail: fastest
        ? `${formatTime(certkit.median)} vs ${fastest.name} ${formatTime(fastest.median)}: ${x(fastest, certkit).toFixed(2)}×`
        : '—',
      status: status(x(fastest, certkit) >= 2.5, fastest && certkit),
    },
    {
      target: 'Parse ≥ 4× Node X509Certificate (typical leaf)',
      detail: node ? `${formatTime(node.median)} ÷ ${formatTime(certkit.median)} = ${x(node, certkit).toFixed(2)}×` : '—',
      status: status(x(node, certkit) >= 4, node && certkit),
    },
    {
      target: 'Parse within 3× of native Rust (typical leaf)',
      detail: native
        ? `${formatTime(certkit.median)} vs native parse + serde_json ${formatTime(native.median)}: ${x(certkit, native).toFixed(2)}× (vs parse only ${formatTime(nativeOnly?.median)}: ${x(certkit, nativeOnly).toFixed(2)}×)`
        : '—',
      status: status(x(certkit, native) <= 3, native && certkit),
    },
    {
      target: 'Native parse only ≤ 8 µs (typical leaf)',
      detail: nativeOnly ? formatTime(nativeOnly.median) : '—',
      status: status(nativeOnly?.median <= 8e3, nativeOnly),
    },
    chainTarget(sections),
  ];
}

function chainTarget(sections) {
  const t = table(sections, 'parse.chain');
  const certkit = base(t);
  const forge = t?.rows.find((r) => r.name === 'node-forge' && r.median != null);
  const ratio = certkit && forge ? forge.median / certkit.median : NaN;
  return {
    target: 'Parse of a 3-certificate PEM chain ≥ 1.5× node-forge',
    detail: forge ? `${formatTime(certkit.median)} vs node-forge ${formatTime(forge.median)}: ${ratio.toFixed(2)}×` : '—',
    status: status(ratio >= 1.5, forge && certkit),
  };
}

/** Issue 13's bound: 100 same-subject intermediates that lead nowhere are refused quickly. */
function verifyTargets(sections) {
  const rows = table(sections, 'verify.pathological')?.rows.filter((r) => r.median != null) ?? [];
  const slowest = [...rows].sort((a, b) => b.median - a.median)[0];
  return [
    {
      target: 'x509-limbo pathological chains (100 intermediates) refused in under 100 ms each',
      detail: slowest ? `slowest: ${slowest.name}, median ${formatTime(slowest.median)}` : '—',
      status: status(slowest?.median < 100e6, slowest),
    },
  ];
}

function keygenTargets(sections) {
  const out = [];
  for (const [id, where] of [
    ['keygen.rsa', 'Node'],
    ['browser.rsa', 'Chromium'],
  ]) {
    const t = table(sections, id);
    const certkit = base(t);
    const webcrypto = byRole(t, 'webcrypto')[0];
    const r = certkit && webcrypto ? certkit.median / webcrypto.median : NaN;
    out.push({
      target: `RSA-2048 keygen within 1.3× of WebCrypto (${where})`,
      detail: webcrypto ? `${formatTime(certkit.median)} vs ${formatTime(webcrypto.median)}: ${r.toFixed(2)}×` : '—',
      status: status(r <= 1.3, webcrypto && certkit),
    });
  }
  for (const [id, where] of [
    ['keygen.csr', 'Node'],
    ['browser.csr', 'Chromium'],
  ]) {
    const certkit = base(table(sections, id));
    out.push({
      target: `P-256 keypair + CSR under 1 ms (${where})`,
      detail: certkit ? formatTime(certkit.median) : '—',
      status: status(certkit?.median < 1e6, certkit),
    });
  }
  return out;
}

function otherTargets(sections) {
  const total = table(sections, 'size')?.rows.find((r) => r.baseline);
  const lean = table(sections, 'size')?.rows.find((r) => r.role === 'inspect-total');
  const cold = base(table(sections, 'coldstart.node'));
  const coldLean = byRole(table(sections, 'coldstart.node'), 'inspect')[0];
  return [
    {
      target: 'Browser download of the whole package under 250 kB gzip',
      detail: total ? `${formatBytes(total.gzip)} gzip (JS + wasm)` : '—',
      status: status(total?.gzip < 250_000, total),
    },
    {
      target: 'Browser download of certkit/inspect under 100 kB gzip',
      detail: lean ? `${formatBytes(lean.gzip)} gzip (JS + wasm)` : '—',
      status: status(lean?.gzip < 100_000, lean),
    },
    {
      target: 'Cold start (import → first parsed certificate) under 30 ms in Node',
      detail: cold ? `median ${formatTime(cold.median)}` : '—',
      status: status(cold?.median < 30e6, cold),
    },
    {
      target: 'Cold start (import → first parsed certificate) under 30 ms in Node, certkit/inspect',
      detail: coldLean ? `median ${formatTime(coldLean.median)}` : '—',
      status: status(coldLean?.median < 30e6, coldLean),
    },
  ];
}

/** Every target with what certkit measured and met / missed / not measured. */
export function evaluateTargets(sections) {
  return [...parseTargets(sections), ...verifyTargets(sections), ...keygenTargets(sections), ...otherTargets(sections)];
}
