// Start-up cost: loading the server's modules evaluates neither ioredis nor node-forge. The
// connection test and certificate files load them on first use. The modules run here under tsx,
// where each import is a require at the top of its module, as in the esbuild bundle.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

const DEFERRED_PACKAGE = /[\\/]node_modules[\\/](ioredis|node-forge)[\\/]/;

/** Returns the deferred packages that have been evaluated in this process, sorted. */
function loadedDeferredPackages(): string[] {
  const names = Object.keys(require.cache).flatMap((path) => DEFERRED_PACKAGE.exec(path)?.[1] ?? []);
  return [...new Set(names)].sort();
}

describe('server start-up', () => {
  it('loads neither ioredis nor node-forge', () => {
    require('../../server/src/main.ts');
    assert.ok(Object.keys(require.cache).some((path) => path.endsWith('lsp/server.ts')), 'the language server module was not loaded');
    assert.deepEqual(loadedDeferredPackages(), []);
  });

  it('loads node-forge on the first PKCS#12 check', () => {
    const { inspectCertificateContent } = require('../../server/src/certificates/inspect.ts') as typeof import('../../server/src/certificates/inspect.js');
    // The DER outline of a PFX: SEQUENCE { INTEGER 3 }. Too short to be one, but it takes the PKCS#12 path.
    const info = inspectCertificateContent('client.pfx', Buffer.from([0x30, 0x03, 0x02, 0x01, 0x03]), undefined);
    assert.equal(info.kind, 'not-certificate');
    assert.deepEqual(loadedDeferredPackages(), ['node-forge']);
  });

  it('loads ioredis on the first connection', () => {
    const { SocketTracker } = require('../../server/src/connection/socket-tracker.ts') as typeof import('../../server/src/connection/socket-tracker.js');
    assert.equal(typeof new SocketTracker().connector, 'function');
    assert.deepEqual(loadedDeferredPackages(), ['ioredis', 'node-forge']);
  });
});
