// Checks the packaged .vsix: it exists, stays under the size budget and holds only what ships.
import { createRequire } from 'node:module';
import { statSync } from 'node:fs';

const VSIX = 'dist/creatio-connection-strings.vsix';
const MAX_BYTES = 400 * 1024;

const size = statSync(VSIX).size;
// yauzl is the zip reader vsce itself uses, so no system unzip is needed.
const yauzl = createRequire(import.meta.url)('yauzl');
const listing = await new Promise((resolve, reject) => {
  yauzl.open(VSIX, { lazyEntries: false }, (error, zip) => {
    if (error) return reject(error);
    const names = [];
    zip.on('entry', (entry) => names.push(entry.fileName));
    zip.on('end', () => resolve(names));
    zip.on('error', reject);
  });
});
const required = ['extension/package.json', 'extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/lint.js', 'extension/readme.md'];
const lower = listing.map((path) => path.toLowerCase());
const missing = required.filter((path) => !lower.includes(path.toLowerCase()));
const unexpected = listing.filter((path) => path.startsWith('extension/') && /node_modules|\/src\/|\/test\//.test(path));

console.log(`${VSIX}: ${(size / 1024).toFixed(1)} KiB, ${listing.length} entries`);
if (missing.length > 0) throw new Error(`The .vsix is missing ${missing.join(', ')}.`);
if (unexpected.length > 0) throw new Error(`The .vsix contains files that should not ship: ${unexpected.join(', ')}.`);
if (size > MAX_BYTES) throw new Error(`The .vsix is ${size} bytes, over the ${MAX_BYTES}-byte budget.`);
