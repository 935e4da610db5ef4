#!/usr/bin/env node
// Runs the VS Code integration tests through @vscode/test-electron's runTests.
// By default VS Code is code-server in headless chromium (see launcher.mjs),
// installed by scripts/vscode-host/install.sh. With CREATIO_VSCODE_DESKTOP=1,
// runTests downloads and runs desktop VS Code instead.
//
// Options (each defaults to this repository's layout):
//   --extension-development-path DIR  extension under test (repository root)
//   --extension-tests-path FILE       module exporting run(); also
//                                     CREATIO_VSCODE_TESTS_PATH
//                                     (dist/test/vscode/suite/index.js)
//   --workspace DIR|FILE              folder or file to open (test/vscode/workspace)
// Exits non-zero when a test fails or VS Code cannot start.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';

const testDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(testDir, '..', '..');

function readOptions() {
  const { values } = parseArgs({
    options: {
      'extension-development-path': { type: 'string', default: repoRoot },
      'extension-tests-path': {
        type: 'string',
        default: process.env.CREATIO_VSCODE_TESTS_PATH || path.join(repoRoot, 'dist', 'test', 'vscode', 'suite', 'index.js'),
      },
      workspace: { type: 'string', default: path.join(testDir, 'workspace') },
    },
  });
  return {
    extensionDevelopmentPath: path.resolve(values['extension-development-path']),
    extensionTestsPath: path.resolve(values['extension-tests-path']),
    workspace: path.resolve(values.workspace),
  };
}

async function main() {
  let options;
  try {
    options = readOptions();
  } catch (error) {
    if (!error.code?.startsWith('ERR_PARSE_ARGS_')) throw error;
    console.error(`runTests: ${error.message}`);
    return 2;
  }
  // VS Code loads the tests with require(), which also accepts a path without ".js".
  if (!fs.existsSync(options.extensionTestsPath) && !fs.existsSync(`${options.extensionTestsPath}.js`)) {
    console.error(`runTests: extension tests not found at ${options.extensionTestsPath}; build them first`);
    return 1;
  }
  for (const [name, file] of [['extension', options.extensionDevelopmentPath], ['workspace', options.workspace]]) {
    if (!fs.existsSync(file)) {
      console.error(`runTests: ${name} not found at ${file}`);
      return 1;
    }
  }

  const desktop = process.env.CREATIO_VSCODE_DESKTOP === '1';
  // A fresh profile for each run, so that no state carries over between runs.
  // Without these arguments runTests would keep one in .vscode-test/.
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'creatio-vscode-test-'));
  // Tests edit files and workspace settings, so they get a copy of the workspace folder.
  const workspace = path.join(profileDir, 'workspace', path.basename(options.workspace));
  fs.cpSync(options.workspace, workspace, { recursive: true });
  try {
    await runTests({
      vscodeExecutablePath: desktop ? undefined : path.join(testDir, 'launcher.mjs'),
      extensionDevelopmentPath: options.extensionDevelopmentPath,
      extensionTestsPath: options.extensionTestsPath,
      // No --disable-extensions: the extensions folder is empty anyway, and
      // tests may install a .vsix into it.
      launchArgs: [
        workspace,
        `--user-data-dir=${path.join(profileDir, 'user-data')}`,
        `--extensions-dir=${path.join(profileDir, 'extensions')}`,
      ],
    });
    return 0;
  } catch (error) {
    // runTests rejects with TestRunFailedError on a non-zero exit, after
    // printing "Exit code: N" itself.
    console.error(`runTests: ${error.message}`);
    return typeof error.code === 'number' && error.code !== 0 ? error.code : 1;
  } finally {
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
