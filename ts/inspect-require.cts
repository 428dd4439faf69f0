/**
 * `require('certkit/inspect')`: Node versions with require(esm) (20.19+, 22.12+) load the ES
 * module synchronously; older ones get a message saying what to do instead.
 * @module
 */
import type * as Inspect from './inspect-node.js';

function load(): typeof Inspect {
  try {
    return require('./inspect-node.js') as typeof Inspect;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_REQUIRE_ESM') {
      throw new Error(
        `certkit/inspect is an ES module and this Node (${process.version}) cannot require() it: use import() or await import('certkit/inspect'), or Node 20.19+ / 22.12+`,
      );
    }
    throw error;
  }
}

export = load();
