#!/usr/bin/env bash
# Runs every test of the project, in order of cost. The Redis and VS Code suites install what
# they need (Debian's redis-server, chromium; code-server and Node 24 from npm, cached).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }

step 'Build and typecheck'
npm run build
npm run typecheck
node scripts/sync-manifest.mjs --check

step 'Unit tests'
node --import tsx --test test/unit/*.test.ts

step 'Properties over random and mutated files'
node --import tsx --test test/property/*.test.ts

step 'Language server over stdio'
node --import tsx --test test/lsp/*.test.ts

step 'Pathological inputs and a 10,000-edit soak over stdio'
node --import tsx --test test/stress/*.test.ts

step 'Command-line linter'
node --import tsx --test test/cli/*.test.ts

step 'Real Redis over TLS'
bash scripts/redis/install.sh
node --import tsx --test test/redis/*.test.ts

step 'Package'
npm run package
node scripts/check-package.mjs

step 'Extension in VS Code (code-server in headless Chromium)'
bash scripts/vscode-host/install.sh
node test/vscode/runTests.mjs
node test/vscode/ui-check.mjs
