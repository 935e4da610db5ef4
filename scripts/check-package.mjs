// Checks the packaged .vsix: it exists, stays under the size budget and holds only what ships.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';

const VSIX = 'dist/creatio-connection-strings.vsix';
const MAX_BYTES = 400 * 1024;

const size = statSync(VSIX).size;
const listing = execFileSync('unzip', ['-Z1', VSIX], { encoding: 'utf8' }).trim().split('\n');
const required = ['extension/package.json', 'extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/lint.js', 'extension/readme.md'];
const lower = listing.map((path) => path.toLowerCase());
const missing = required.filter((path) => !lower.includes(path.toLowerCase()));
const unexpected = listing.filter((path) => path.startsWith('extension/') && /node_modules|\/src\/|\/test\//.test(path));

console.log(`${VSIX}: ${(size / 1024).toFixed(1)} KiB, ${listing.length} entries`);
if (missing.length > 0) throw new Error(`The .vsix is missing ${missing.join(', ')}.`);
if (unexpected.length > 0) throw new Error(`The .vsix contains files that should not ship: ${unexpected.join(', ')}.`);
if (size > MAX_BYTES) throw new Error(`The .vsix is ${size} bytes, over the ${MAX_BYTES}-byte budget.`);
