#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests
// spawns: it runs the extension tests in code-server (VS Code for the web)
// inside headless Debian chromium. This project's machines and CI reach only
// the npm registry and Debian's archive, so runTests cannot download desktop
// VS Code there. Install the host first with scripts/vscode-host/install.sh.
// codeServerHost.mjs starts and stops code-server and chromium, and this file
// reads the arguments, builds the test URL and relays the tests' log and
// exit code.
//
// NOTE: the `payload` query parameter and the smoke-test driver hooks
// (window.codeAutomationLog, window.codeAutomationExit) are how VS Code's own
// web test tooling runs extension tests. They are not a public API. Checked
// against code-server 4.139.1 (VS Code 1.139.1).
//
// Arguments: the ones runTests passes (--extensionDevelopmentPath=,
// --extensionTestsPath=, --user-data-dir=, --extensions-dir=) and one folder,
// .code-workspace file or file to open. A file opens its parent folder with
// the file in an editor. --disable-extensions is passed on to VS Code, and
// other flags are ignored, so give any other flag's value after "=".
//
// Environment: CREATIO_VSCODE_HOST_CACHE (install folder),
// CREATIO_VSCODE_HOST_TIMEOUT_MS (default 240000),
// CREATIO_VSCODE_HOST_VERBOSE=1 (print code-server and browser console output).

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { HostError, runWithHost } from './codeServerHost.mjs';

const timeoutMs = Number(process.env.CREATIO_VSCODE_HOST_TIMEOUT_MS || 240_000);
const verbose = process.env.CREATIO_VSCODE_HOST_VERBOSE === '1';

function log(message) {
  console.error(`launcher: ${message}`);
}

function parseArgs(argv) {
  const options = { developmentPaths: [], testsPath: undefined, userDataDir: undefined, extensionsDir: undefined };
  const targets = [];
  const valueFlags = {
    '--extensionDevelopmentPath': (value) => options.developmentPaths.push(path.resolve(value)),
    '--extensionTestsPath': (value) => (options.testsPath = path.resolve(value)),
    '--user-data-dir': (value) => (options.userDataDir = path.resolve(value)),
    '--extensions-dir': (value) => (options.extensionsDir = path.resolve(value)),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inlineValue] = arg.startsWith('--') ? splitOnce(arg, '=') : [arg, undefined];
    if (flag in valueFlags) {
      const value = inlineValue ?? argv[++i];
      if (value === undefined) throw new HostError(`missing value for ${flag}`);
      valueFlags[flag](value);
    } else if (flag === '--disable-extensions') {
      options.disableExtensions = true;
    } else if (!arg.startsWith('-')) {
      targets.push(path.resolve(arg));
    }
  }
  if (options.developmentPaths.length === 0) throw new HostError('missing --extensionDevelopmentPath');
  if (!options.testsPath) throw new HostError('missing --extensionTestsPath');
  if (targets.length > 1) throw new HostError(`expected at most one folder or file to open, got: ${targets.join(', ')}`);
  options.target = targets[0];
  return options;
}

function splitOnce(text, separator) {
  const index = text.indexOf(separator);
  return index < 0 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)];
}

function remoteUri(port, file) {
  return `vscode-remote://127.0.0.1:${port}${pathToFileURL(file).pathname}`;
}

// Builds the workbench URL. A folder opens as the workspace, a
// .code-workspace file as a multi-root workspace, and any other file opens
// in an editor inside its parent folder.
function workbenchUrl(port, options) {
  const payload = [
    ...options.developmentPaths.map((folder) => ['extensionDevelopmentPath', remoteUri(port, folder)]),
    ['extensionTestsPath', remoteUri(port, options.testsPath)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const query = new URLSearchParams();
  const target = options.target;
  if (!target) {
    query.set('ew', 'true');
  } else if (fs.statSync(target).isDirectory()) {
    query.set('folder', target);
  } else if (target.endsWith('.code-workspace')) {
    query.set('workspace', target);
  } else {
    query.set('folder', path.dirname(target));
    payload.push(['openFile', remoteUri(port, target)]);
  }
  query.set('payload', JSON.stringify(payload));
  return `http://127.0.0.1:${port}/?${query}`;
}

// Starts code-server with the smoke-test driver, opens the workbench in
// chromium and resolves with the exit code that the extension host reports
// through window.codeAutomationExit.
async function runExtensionTests(run, options) {
  const codeServerArgs = ['--vscode-option', 'enable-smoke-test-driver'];
  if (options.disableExtensions) codeServerArgs.push('--vscode-option', 'disable-extensions');
  const port = await run.startCodeServer(codeServerArgs);
  log(`code-server listening on http://127.0.0.1:${port}/`);
  const page = await run.openBrowser();

  let resolveExitCode;
  let exited = false;
  const exitCode = new Promise((resolve) => (resolveExitCode = resolve));
  // Receives the workbench log and the extension host's console output, where
  // `message` is the console call's argument list. Messages after the exit
  // code are shutdown noise such as "Canceled" errors, so they are dropped.
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    if (exited) return;
    const text = Array.isArray(message) ? format(...message) : String(message);
    console.log(level === 'info' ? text : `[${level}] ${text}`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => {
    exited = true;
    resolveExitCode(Number.isInteger(code) ? code : 1);
  });
  page.on('crash', () => {
    log('the browser page crashed');
    resolveExitCode(1);
  });

  await page.goto(workbenchUrl(port, options));
  return exitCode;
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
    if (!(timeoutMs > 0)) {
      throw new HostError(
        `invalid CREATIO_VSCODE_HOST_TIMEOUT_MS "${process.env.CREATIO_VSCODE_HOST_TIMEOUT_MS}": expected a positive number of milliseconds`,
      );
    }
  } catch (error) {
    if (!(error instanceof HostError)) throw error;
    log(error.message);
    return 1;
  }
  // The profile folders come from runTests's arguments when it passes them,
  // and otherwise are new folders that the run removes.
  return runWithHost(
    {
      name: 'launcher',
      timeoutMs,
      timeoutSetting: 'CREATIO_VSCODE_HOST_TIMEOUT_MS',
      hostOptions: { userDataDir: options.userDataDir, extensionsDir: options.extensionsDir, verbose },
    },
    (run) => runExtensionTests(run, options),
  );
}

process.exit(await main());
