/**
 * `require('certkit')`: Node versions with require(esm) (20.19+, 22.12+) load the ES module
 * synchronously; older ones get a message saying what to do instead of a bare ERR_REQUIRE_ESM.
 * @module
 */
import type * as Certkit from './node.js';

function load(): typeof Certkit {
  try {
    return require('./node.js') as typeof Certkit;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_REQUIRE_ESM') {
      throw new Error(
        `certkit is an ES module and this Node (${process.version}) cannot require() it: use import() or await import('certkit'), or Node 20.19+ / 22.12+`,
      );
    }
    throw error;
  }
}

export = load();
