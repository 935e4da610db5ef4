/**
 * Loads node-forge on first use. Its 291 KiB of the minified server bundle are evaluated only
 * when a certificate file is read, so starting the language server, which usually reads none,
 * skips them.
 */
import type * as Forge from 'node-forge';

let forge: typeof Forge | undefined;

/** Returns the node-forge module, evaluating it on the first call. */
export function loadForge(): typeof Forge {
  // A require inside a function stays in the esbuild bundle but runs only when called.
  forge ??= require('node-forge') as typeof Forge;
  return forge;
}
