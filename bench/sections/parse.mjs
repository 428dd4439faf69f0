// Parse throughput in Node: certificate → complete object, every participant on the same
// inputs, interleaved; then the same files through the native Rust build of the same core.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHAIN_PARSERS, PARSERS } from '../lib/parsers.mjs';
import { compareBatches, summarize } from '../lib/timing.mjs';

const CASES = [
  { id: 'parse.typical', cert: 'typical', title: 'Typical RSA-2048 leaf' },
  { id: 'parse.manySans', cert: 'manySans', title: 'Leaf with 44 SANs (DNS, IP, email, URI)' },
  { id: 'parse.ecdsa', cert: 'ecdsa', title: 'ECDSA P-256 leaf' },
];

/** The example binary built by run.sh; its absence (no cargo) leaves the native rows out. */
function native(repo, files, quick, log) {
  const binary = join(repo, 'target/release/examples/native_bench');
  if (!existsSync(binary)) return { missing: `${binary} not built` };
  log('native Rust: parse and parse + serde_json, same files');
  const out = execFileSync(binary, [quick ? '500' : '3000', quick ? '3' : '7', ...files], { encoding: 'utf8' });
  return Object.fromEntries(JSON.parse(out).map((r) => [r.file, r]));
}

const nativeRows = (result) => [
  { name: 'native Rust: parse only (same core, no JS object)', unit: 'ns', role: 'native-parse-only', ...summarize(result.parseNs) },
  { name: 'native Rust: parse + serde_json::to_string', unit: 'ns', role: 'native', ...summarize(result.parseSerializeNs) },
];

export default async function parse({ repo, inputs, quick, log }) {
  const timing = quick ? { rounds: 3, batchMs: 40, warmupMs: 100 } : { rounds: 7, batchMs: 150, warmupMs: 300 };
  const tables = [];
  for (const { id, cert: kind, title } of CASES) {
    const cert = inputs.certs[kind];
    log(`parse: ${title}`);
    const able = PARSERS.filter((p) => !p.cannot?.(kind));
    const rows = await compareBatches(
      able.map((p) => {
        const input = p.input(cert);
        return { name: p.name, role: p.role, fn: () => p.parse(input) };
      }),
      timing,
    );
    for (const p of PARSERS.filter((q) => q.cannot?.(kind)))
      rows.push({ name: p.name, cannot: 'cannot read EC keys ("Cannot read public key. OID is not RSA.")' });
    tables.push({ id, kind: 'time', title: `${title} (${cert.der.length} B DER)`, baseline: 'certkit (DER)', rows, file: cert.derPath });
  }
  log('parse: 3-certificate PEM chain');
  const chainRows = await compareBatches(
    CHAIN_PARSERS.map((p) => ({ name: p.name, fn: () => p.parse(inputs.chain.pem) })),
    timing,
  );
  tables.push({
    id: 'parse.chain',
    kind: 'time',
    title: `3-certificate PEM chain, leaf + intermediate + root (${inputs.chain.pem.length} B)`,
    baseline: CHAIN_PARSERS[0].name,
    rows: chainRows,
    file: inputs.chain.path,
  });

  const nativeResults = native(
    repo,
    tables.map((t) => t.file),
    quick,
    log,
  );
  for (const table of tables) {
    if (nativeResults[table.file]) table.rows.push(...nativeRows(nativeResults[table.file]));
    delete table.file;
  }
  return {
    title: 'Parse throughput (Node)',
    tables,
    peers: PARSERS.filter((p) => p.leavesOut).map(({ name, decodes, leavesOut }) => ({ name, decodes, leavesOut })),
    certkitDecodes: PARSERS[0].decodes,
    notes: [
      'Each participant builds a complete object: lazy getters and extension decoders of the peers are all read (see "What each parser decodes").',
      'Each peer gets its favourite input form prepared outside the timing: DER bytes, a hex string (jsrsasign), a binary string (node-forge). certkit gets DER bytes or PEM text.',
      "certkit also checks the self-signature of a self-signed certificate while parsing (`selfSigned`): in the chain, the root's RSA signature is verified; no peer does this. The answer is remembered per certificate (by the SHA-256 of its DER, at most 32), so these rounds, which parse the same chain again and again, pay that verification once; the first parse of a new RSA-2048 root costs about 0.5 ms more in wasm.",
      'Chain: every participant gets the PEM bundle text. certkit reads it in one call; for each peer the bundle is split into 3 PEMs (node-forge with its own `pem.decode`, the others with a regular expression) and each is parsed, inside the timing.',
      nativeResults.missing
        ? `Native rows missing: ${nativeResults.missing}.`
        : 'Native rows: `examples/native_bench.rs` in a separate process right after the JS rounds, same files, rounds of equal count; parse + serde_json is the comparable "complete output".',
    ],
  };
}
