// `certkit/inspect` gives what the whole package gives: every reading function, called on the
// same inputs through both entries (the lean wasm module and the whole one), returns the same
// value or throws the same error. Inputs: the certificate vectors, the fuzz corpora of the
// parsers (valid and broken inputs alike), and the x509-limbo core suite through verifyChain
// with each case's options.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import * as fullModule from '../../pkg/node.js';
import * as leanModule from '../../pkg/inspect-node.js';
import { argumentsOf, limboCases } from '../shared/limbo.mjs';

const READING = [
  'parseCertificate',
  'parseCertificates',
  'parseCsr',
  'parseCrl',
  'inspect',
  'verifyChain',
  'subjectKeyIdentifier',
  'keyIdentifiers',
  'identifyKeyIdMethod',
];
const NOW = '2026-06-01T00:00:00Z';
// Plain objects: each test looks functions up by name.
const full = { ...fullModule };
const lean = { ...leanModule };

/** What a call gave: its value, or the error's code, field, message and problems. */
function outcome(fn, args) {
  try {
    return { value: fn(...args) };
  } catch (error) {
    const { code, status, field, message, problems } = error;
    return { error: { name: error.name, code, status, field, message, problems } };
  }
}

/** Calls `name` through both entries; returns how many calls gave a value (not an error). */
function same(name, args, label) {
  const whole = outcome(full[name], args);
  const inspected = outcome(lean[name], args);
  assert.deepEqual(inspected, whole, `${name}(${label}) differs between certkit/inspect and certkit`);
  return whole.value === undefined ? 0 : 1;
}

const corpus = (target) => {
  const dir = new URL(`../../fuzz/corpus/${target}/`, import.meta.url);
  return readdirSync(dir)
    .sort()
    .map((file) => ({ file, bytes: new Uint8Array(readFileSync(new URL(file, dir))) }));
};

test('certkit/inspect exports the reading functions of certkit, and only those', () => {
  for (const name of READING) assert.equal(typeof lean[name], 'function', name);
  assert.equal(typeof lean.CertkitError, 'function');
  for (const name of ['generateKeyPair', 'createCsr', 'createCertificate', 'exportPrivateKey', 'alloydb', 'halo'])
    assert.equal(lean[name], undefined, name);
  // The lean wasm module is a module of its own, without the key generation and building exports.
  const exportsOf = (path) =>
    WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(new URL(path, import.meta.url)))).map((e) => e.name);
  const wholeExports = exportsOf('../../pkg/wasm/certkit_bg.wasm');
  const leanExports = exportsOf('../../pkg/inspect/certkit_inspect_bg.wasm');
  assert.ok(wholeExports.includes('createCsr'));
  assert.ok(!leanExports.includes('createCsr'));
  assert.ok(!leanExports.includes('generateKeyPairNow') && !leanExports.includes('alloydbBuildRequest'));
  for (const name of READING) assert.ok(leanExports.includes(name), name);
});

test("the lean module leaves out the errors only the whole package raises (the core's `full` feature)", () => {
  const text = (path) => Buffer.from(readFileSync(new URL(path, import.meta.url))).toString('latin1');
  const whole = text('../../pkg/wasm/certkit_bg.wasm');
  const lean = text('../../pkg/inspect/certkit_inspect_bg.wasm');
  // A reading error's code and message are in both; an AlloyDB and a builder error only in the whole one.
  for (const kept of ['NOT_A_CERTIFICATE', 'the input holds no certificate', 'WRONG_PASSPHRASE']) {
    assert.ok(whole.includes(kept) && lean.includes(kept), kept);
  }
  for (const left of ['INVALID_PARENT', 'the nil UUID is not accepted', 'CSR_KEY_MISMATCH']) {
    assert.ok(whole.includes(left), `the whole module has ${left}`);
    assert.ok(!lean.includes(left), `the lean module has ${left}`);
  }
});

test('the certificate vectors read the same through both entries', () => {
  const dir = new URL('../vectors/fixtures/', import.meta.url);
  let values = 0;
  const files = readdirSync(dir).sort();
  for (const file of files) {
    const text = readFileSync(new URL(file, dir), 'utf8');
    for (const name of ['parseCertificate', 'parseCertificates', 'parseCsr', 'inspect', 'keyIdentifiers', 'identifyKeyIdMethod'])
      values += same(name, [text], file);
    for (const method of ['rfc5280-sha1', 'rfc7093-sha256', 'spki-sha256-160'])
      values += same('subjectKeyIdentifier', [text, method], file);
    values += same('verifyChain', [text, { now: NOW }], file);
  }
  // Most vectors are readable: the comparison is not between two identical errors.
  assert.ok(values > files.length * 4, `${values} values from ${files.length} files`);
});

test('the parsers give the same values and errors on their fuzz corpora', () => {
  const plan = {
    certificate_der: ['parseCertificate', 'inspect', 'identifyKeyIdMethod'],
    certificate_text: ['parseCertificate', 'parseCertificates'],
    bundle: ['parseCertificates', 'inspect'],
    csr: ['parseCsr', 'identifyKeyIdMethod'],
    key_import: ['keyIdentifiers', 'subjectKeyIdentifier', 'inspect'],
    crl: ['parseCrl', 'inspect'],
  };
  for (const [target, names] of Object.entries(plan)) {
    let values = 0;
    const inputs = corpus(target);
    for (const { file, bytes } of inputs) for (const name of names) values += same(name, [bytes], `${target}/${file}`);
    assert.ok(values > 0, `${target}: every input failed in both`);
  }
});

test('PKCS#12 files and CRLs with options read the same through both entries', () => {
  let values = 0;
  const issuer = readFileSync(new URL('../vectors/fixtures/root.pem', import.meta.url), 'utf8');
  for (const { file, bytes } of corpus('pkcs12')) values += same('inspect', [bytes, { passphrase: 'passphrase' }], `pkcs12/${file}`);
  for (const { file, bytes } of corpus('crl')) values += same('parseCrl', [bytes, { issuer }], `crl/${file}`);
  assert.ok(values > 0);
});

test('chains from the fuzz corpus validate the same through both entries', () => {
  let values = 0;
  for (const { file, bytes } of corpus('chain')) values += same('verifyChain', [bytes, { now: NOW }], `chain/${file}`);
  assert.ok(values > 0);
});

test('x509-limbo: every case gives the same report through both entries', () => {
  let ok = 0;
  for (const testcase of limboCases()) {
    const [chain, options] = argumentsOf(testcase);
    same('verifyChain', [chain, options], testcase.id);
    same('parseCertificates', [chain.join('\n')], testcase.id);
    ok += outcome(full.verifyChain, [chain, options]).value?.ok ? 1 : 0;
  }
  // Both verdicts occur, so the comparison covers valid and refused chains.
  assert.ok(ok > 0 && ok < limboCases().length);
});
