// Node's entry is one bundled file (scripts/build.sh): it must export exactly what the API
// module does and be built from the current output, never an older one.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { test } from 'node:test';

const pkg = new URL('../../pkg/', import.meta.url);

test('the bundled Node entry exports what api.js exports', async () => {
  const bundled = Object.keys(await import('../../pkg/node.js')).sort();
  const api = Object.keys(await import('../../pkg/api.js')).sort();
  assert.deepEqual(bundled, api);
});

test('the bundled Node entry is newer than every module it holds', () => {
  assert.match(readFileSync(new URL('node.js', pkg), 'utf8').split('\n')[0], /bundled by scripts\/build\.sh/);
  const built = statSync(new URL('node.js', pkg)).mtimeMs;
  const sources = readdirSync(pkg).filter((f) => f.endsWith('.js') && f !== 'node.js');
  assert.ok(sources.includes('api.js'));
  for (const file of sources) {
    assert.ok(statSync(new URL(file, pkg)).mtimeMs <= built, `pkg/${file} is newer than the bundle in pkg/node.js`);
  }
});
