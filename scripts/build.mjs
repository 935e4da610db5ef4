// Bundles the client, the server, the linter and the VS Code test suite with esbuild, after
// writing the manifest's settings from their single definition in server/src/settings.ts.
import { build } from 'esbuild';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { syncManifest } from './sync-manifest.mjs';

await syncManifest();

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: false, minify: true, legalComments: 'none', logLevel: 'warning' };
const banner = { js: '#!/usr/bin/env node' };

const builds = [
  build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js', banner }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
];
if (existsSync('test/vscode/suite/index.ts')) {
  builds.push(build({ ...common, minify: false, entryPoints: ['test/vscode/suite/index.ts'], outfile: 'dist/test/vscode/suite/index.js', external: ['vscode', 'mocha'] }));
}
await Promise.all(builds);
// The linter is a small launcher of the server bundle, so the analysis ships once.
writeFileSync('dist/lint.js', "#!/usr/bin/env node\n'use strict';\nrequire('./server.js').runLinter(process.argv.slice(2));\n");
// The bundles are the package's bin entries, so they must be executable.
for (const bin of ['dist/server.js', 'dist/lint.js']) if (existsSync(bin)) chmodSync(bin, 0o755);
