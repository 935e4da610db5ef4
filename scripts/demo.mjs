#!/usr/bin/env node
// Shows the extension at work on examples/ConnectionStrings.config. Run it
// with `npm run demo`, which packages the extension first.
//
// With a `code` command on PATH and a display (DISPLAY or WAYLAND_DISPLAY
// set, or macOS or Windows), it opens the example in your VS Code with this
// repository loaded as a development extension. Otherwise it installs the
// packaged extension into code-server's VS Code (installing code-server
// first, see scripts/vscode-host/install.sh), opens the example in headless
// chromium, prints the rows of the Problems panel and saves a screenshot to
// dist/demo.png.
//
// Options:
//   --headless      use code-server even where `code` and a display exist
//   --vsix FILE     the extension for code-server (default
//                   dist/creatio-connection-strings.vsix)
//   --timeout-ms N  give up on code-server after N milliseconds (default 120000)
//   --verbose       print code-server and browser console output

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { HostError, missingHostFiles, runWithHost } from '../test/vscode/codeServerHost.mjs';
import {
  exampleFile,
  formatProblems,
  hoverOverText,
  lintWithInstalledExtension,
  openExample,
  readProblems,
  repoRoot,
  vsixFile,
  waitForProblemDecorations,
  waitForProblems,
  workbenchSettings,
} from '../test/vscode/exampleWorkbench.mjs';

const screenshotFile = path.join(repoRoot, 'dist', 'demo.png');

function readOptions() {
  const { values } = parseArgs({
    options: {
      headless: { type: 'boolean', default: false },
      vsix: { type: 'string', default: vsixFile },
      'timeout-ms': { type: 'string', default: '120000' },
      verbose: { type: 'boolean', default: process.env.CREATIO_VSCODE_HOST_VERBOSE === '1' },
    },
  });
  const timeoutMs = Number(values['timeout-ms']);
  if (!(timeoutMs > 0)) throw new HostError(`invalid --timeout-ms '${values['timeout-ms']}': expected a positive number of milliseconds`);
  return { headless: values.headless, vsix: path.resolve(values.vsix), timeoutMs, verbose: values.verbose };
}

function hasDisplay() {
  return process.platform === 'darwin' || process.platform === 'win32' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

// Returns the path of the `code` command on PATH, or undefined.
function findCodeCommand() {
  const names = process.platform === 'win32' ? ['code.cmd', 'code.exe', 'code'] : ['code'];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      const file = path.join(dir, name);
      try {
        fs.accessSync(file, fs.constants.X_OK);
        if (fs.statSync(file).isFile()) return file;
      } catch {
        // Not in this folder.
      }
    }
  }
  return undefined;
}

// Opens the example in desktop VS Code and resolves with the exit code of
// the `code` command, which exits once it has passed the file to VS Code.
function openInDesktopVSCode(codeCommand) {
  let args = [`--extensionDevelopmentPath=${repoRoot}`, exampleFile];
  console.log(`demo: ${codeCommand} ${args.join(' ')}`);
  // NOTE: this branch has run on Linux only, not yet on Windows or macOS.
  // Node spawns code.cmd on Windows only through a shell, which splits
  // arguments at spaces unless they are quoted.
  const shell = process.platform === 'win32';
  if (shell) args = args.map((arg) => `"${arg}"`);
  const child = spawn(shell ? `"${codeCommand}"` : codeCommand, args, { stdio: 'inherit', shell });
  return new Promise((resolve) => {
    child.once('error', (error) => {
      console.error(`demo: cannot run ${codeCommand}: ${error.message}`);
      resolve(1);
    });
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

function installHostIfMissing() {
  if (missingHostFiles().length === 0) return;
  if (process.platform !== 'linux') {
    throw new HostError("the headless demo runs on Linux only; install VS Code's `code` command to open the example instead");
  }
  console.log('demo: installing code-server and chromium (bash scripts/vscode-host/install.sh; a few minutes the first time)');
  const result = spawnSync('bash', [path.join(repoRoot, 'scripts', 'vscode-host', 'install.sh')], { stdio: 'inherit' });
  if (result.status !== 0) throw new HostError(`scripts/vscode-host/install.sh failed (${result.signal ?? `exit code ${result.status}`})`);
}

async function showExample(run, vsix) {
  const log = (message) => {
    // Steps still running while a signal or the timeout stops the run stay quiet.
    if (!run.closing) console.log(`demo: ${message}`);
  };
  const { page, workspaceFile } = await openExample(run, log, { vsix, copy: false });
  // The language server publishes the problems in more than one step, so the
  // demo waits for the list that the linter of the installed extension returns.
  const expected = await lintWithInstalledExtension(run, workspaceFile);
  await waitForProblems(page, expected);
  const problems = await readProblems(page);
  console.log(`\nProblems panel, ${path.relative(repoRoot, workspaceFile)} (${problems.length}):\n${formatProblems(problems)}\n`);

  await waitForProblemDecorations(page, expected);
  await hoverOverText(page, 'maxWritePoolSise', 'maxWritePoolSize');
  fs.mkdirSync(path.dirname(screenshotFile), { recursive: true });
  await page.screenshot({ path: screenshotFile });
  log(`screenshot of the workbench with the hover on maxWritePoolSise: ${path.relative(repoRoot, screenshotFile)}`);
}

async function main() {
  let options;
  try {
    options = readOptions();
  } catch (error) {
    if (!(error instanceof HostError) && !error.code?.startsWith('ERR_PARSE_ARGS_')) throw error;
    console.error(`demo: ${error.message}`);
    return 1;
  }

  const codeCommand = options.headless ? undefined : findCodeCommand();
  if (codeCommand && hasDisplay()) return openInDesktopVSCode(codeCommand);

  try {
    installHostIfMissing();
  } catch (error) {
    if (!(error instanceof HostError)) throw error;
    console.error(`demo: ${error.message}`);
    return 1;
  }
  return runWithHost(
    {
      name: 'demo',
      timeoutMs: options.timeoutMs,
      hostOptions: { prefix: 'creatio-demo-', settings: workbenchSettings, verbose: options.verbose },
    },
    (run) => showExample(run, options.vsix),
  );
}

process.exit(await main());
