// Each entry is one bundled file (scripts/bundle-entries.mjs): it must export exactly what its
// API module does and be built from the current output, never an older one.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { test } from 'node:test';

const pkg = new URL('../../pkg/', import.meta.url);

const BUNDLED = ['node.js', 'index.js', 'inspect.js', 'inspect-node.js'];

test('the bundled Node entry exports what api.js exports', async () => {
  const bundled = Object.keys(await import('../../pkg/node.js')).sort();
  const api = Object.keys(await import('../../pkg/api.js')).sort();
  assert.deepEqual(bundled, api);
});

test('the whole package entries are bundles newer than every module they hold', () => {
  const sources = readdirSync(pkg).filter((f) => f.endsWith('.js') && !f.startsWith('.') && !BUNDLED.includes(f));
  assert.ok(sources.includes('api.js'));
  for (const bundle of ['node.js', 'index.js']) {
    const text = readFileSync(new URL(bundle, pkg), 'utf8');
    assert.match(text.split('\n')[0], /bundled by scripts\/bundle-entries\.mjs/, bundle);
    // Every import left is the wasm glue (browsers) or a Node built-in: nothing of ours unbundled.
    for (const [, from] of text.matchAll(/^(?:import|export)\b[^;]*?from\s*["']([^"']+)["']/gm)) {
      assert.ok(from === './wasm/certkit.js' || from.startsWith('node:'), `${bundle} imports ${from}`);
    }
    const built = statSync(new URL(bundle, pkg)).mtimeMs;
    for (const file of sources) {
      assert.ok(statSync(new URL(file, pkg)).mtimeMs <= built, `pkg/${file} is newer than the bundle in pkg/${bundle}`);
    }
  }
});

test('the certkit/inspect entries export what read.js exports, and hold the current modules', async () => {
  const read = Object.keys(await import('../../pkg/read.js')).sort();
  assert.deepEqual(Object.keys(await import('../../pkg/inspect-node.js')).sort(), read);
  for (const file of ['inspect.js', 'inspect-node.js']) {
    const text = readFileSync(new URL(file, pkg), 'utf8');
    assert.match(text.split('\n')[0], /bundled by scripts\/bundle-entries\.mjs/, file);
    // Bound to the lean module, never to the whole package's glue.
    assert.doesNotMatch(text, /from\s*["'][^"']*wasm\/certkit\.js["']|certkit_bg\.wasm/, file);
    const built = statSync(new URL(file, pkg)).mtimeMs;
    for (const source of ['read.js', 'tape.js', 'errors.js', 'inspect/certkit_inspect.js'])
      assert.ok(statSync(new URL(source, pkg)).mtimeMs <= built, `pkg/${source} is newer than pkg/${file}`);
  }
});
