// Packages the extension as a .vsix. vsce rejects relative links and images in the README when the
// package names no public repository, so the README shipped inside the .vsix is a copy with
// relative links turned into plain text and relative images left out. Anchors stay, because
// diagnostics link to the rule table.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const SHIPPED_README = 'dist/README.md';
const RELATIVE_IMAGE = /!\[[^\]]*\]\((?![a-z]+:)[^)]*\)\n?/g;
const RELATIVE_LINK = /\[([^\]]+)\]\((?![a-z]+:|#)[^)]*\)/g;

const readme = readFileSync('README.md', 'utf8').replace(RELATIVE_IMAGE, '').replace(RELATIVE_LINK, '$1');
mkdirSync('dist', { recursive: true });
writeFileSync(SHIPPED_README, readme);

execFileSync(
  process.execPath,
  ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--readme-path', SHIPPED_README, '-o', 'dist/creatio-connection-strings.vsix'],
  { stdio: 'inherit' },
);
