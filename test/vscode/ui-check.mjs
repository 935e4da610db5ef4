#!/usr/bin/env node
// Checks the packaged extension the way a user meets it: installs
// dist/creatio-connection-strings.vsix into code-server's VS Code, opens
// examples/ConnectionStrings.config in headless chromium, and checks through
// the DOM that
//   - the status bar shows the extension's language,
//   - the Problems panel lists exactly what the extension's own linter
//     reports for the file, comma-separator and unknown-key included,
//   - the hover on 'maxWritePoolSise' suggests maxWritePoolSize,
//   - the quick fix "Replace ',' with ';'" edits the file and removes the
//     comma-separator problem.
// Run `npm run package` first, and install the host with
// scripts/vscode-host/install.sh.
//
// Options:
//   --vsix FILE           the extension to check (default
//                         dist/creatio-connection-strings.vsix)
//   --timeout-ms N        fail after N milliseconds (default 120000)
//   --update-screenshot   also save the screenshot with the diagnostics to
//                         docs/images/screenshot.png, the README's image
//   --verbose             print code-server and browser console output
// Screenshots: dist/ui-check/problems.png (diagnostics and hover, before the
// fix), dist/ui-check/after-fix.png, and dist/ui-check/failure.png when a
// step fails before the timeout.
// Exit code: 0 when every check passes, 1 otherwise.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { HostError, runWithHost } from './codeServerHost.mjs';
import {
  applyQuickFix,
  closeHover,
  exampleFile,
  formatProblems,
  goToPosition,
  hoverOverText,
  lintWithInstalledExtension,
  openExample,
  repoRoot,
  sameProblems,
  vsixFile,
  waitForCondition,
  waitForEditorText,
  waitForProblemDecorations,
  waitForProblems,
  workbenchSettings,
} from './exampleWorkbench.mjs';

const outputDir = path.join(repoRoot, 'dist', 'ui-check');
const readmeScreenshot = path.join(repoRoot, 'docs', 'images', 'screenshot.png');

// Positions in examples/ConnectionStrings.config (1-based, as VS Code shows them).
const comma = { line: 4, column: 181 };
const misspelledKey = { line: 4, column: 202, text: 'maxWritePoolSise' };
const commaFixTitle = "Replace ',' with ';'";
const fixedText = 'disableTlsCertificateValidation=true; maxReadPoolSize=10';

function readOptions() {
  const { values } = parseArgs({
    options: {
      vsix: { type: 'string', default: vsixFile },
      'timeout-ms': { type: 'string', default: '120000' },
      'update-screenshot': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: process.env.CREATIO_VSCODE_HOST_VERBOSE === '1' },
    },
  });
  const timeoutMs = Number(values['timeout-ms']);
  if (!(timeoutMs > 0)) throw new HostError(`invalid --timeout-ms '${values['timeout-ms']}': expected a positive number of milliseconds`);
  return { vsix: path.resolve(values.vsix), timeoutMs, updateScreenshot: values['update-screenshot'], verbose: values.verbose };
}

// Polls the file every 100 ms until it equals `expected`, so that a write
// still in flight when the tab shows the file saved does not fail the check.
async function waitForFileContent(file, expected, description, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!fs.readFileSync(file).equals(expected)) {
    if (Date.now() > deadline) throw new HostError(`timed out after ${timeoutMs / 1000} s waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function check(condition, message) {
  if (!condition) throw new HostError(`check failed: ${message}`);
}

function findProblem(problems, ruleId, position) {
  return problems.find((problem) => problem.ruleId === ruleId && problem.line === position.line && problem.column === position.column);
}

async function checkExample(run, options) {
  const startedAt = Date.now();
  const log = (message) => {
    // Steps still running while a signal or the timeout stops the run stay quiet.
    if (!run.closing) console.log(`ui-check: ${message} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
  };
  const failureScreenshot = path.join(outputDir, 'failure.png');
  fs.rmSync(failureScreenshot, { force: true });
  const { page, workspaceFile } = await openExample(run, log, { vsix: options.vsix });
  try {
    await checkWorkbench(page, workspaceFile, run, options, log);
  } catch (error) {
    if (!run.closing) {
      fs.mkdirSync(outputDir, { recursive: true });
      await page.screenshot({ path: failureScreenshot }).then(
        () => console.error(`ui-check: screenshot of the failure: ${path.relative(repoRoot, failureScreenshot)}`),
        (screenshotError) => console.error(`ui-check: no screenshot of the failure: ${screenshotError.message}`),
      );
    }
    throw error;
  }
}

async function checkWorkbench(page, workspaceFile, run, options, log) {
  // 1. Diagnostics: the Problems panel against the linter of the same build.
  const expected = await lintWithInstalledExtension(run, workspaceFile);
  const commaProblem = findProblem(expected, 'comma-separator', comma);
  check(commaProblem, `the linter reports comma-separator at ${comma.line}:${comma.column}`);
  check(commaProblem.message.includes("','"), `the comma-separator message names ',': ${commaProblem.message}`);
  const keyProblem = findProblem(expected, 'unknown-key', misspelledKey);
  check(keyProblem, `the linter reports unknown-key at ${misspelledKey.line}:${misspelledKey.column}`);
  check(keyProblem.message.includes(misspelledKey.text), `the unknown-key message names ${misspelledKey.text}: ${keyProblem.message}`);
  // The panel must list exactly the linter's problems, so it shows these two with the same message and rule code.
  await waitForProblems(page, expected);
  log(`the Problems panel lists the ${expected.length} problems that the linter reports`);

  // 2. Hover on the misspelled key, captured with the squiggles and the panel.
  await waitForProblemDecorations(page, expected);
  await hoverOverText(page, misspelledKey.text, 'maxWritePoolSize');
  fs.mkdirSync(outputDir, { recursive: true });
  const problemsScreenshot = path.join(outputDir, 'problems.png');
  await page.screenshot({ path: problemsScreenshot });
  log(`the hover on ${misspelledKey.text} suggests maxWritePoolSize; screenshot: ${path.relative(repoRoot, problemsScreenshot)}`);
  if (options.updateScreenshot) {
    fs.mkdirSync(path.dirname(readmeScreenshot), { recursive: true });
    fs.copyFileSync(problemsScreenshot, readmeScreenshot);
    log(`updated ${path.relative(repoRoot, readmeScreenshot)}`);
  }
  await closeHover(page);

  // 3. Quick fix for the comma, checked in the editor, on disk and in the panel.
  await goToPosition(page, comma.line, comma.column);
  await applyQuickFix(page, commaFixTitle);
  await waitForEditorText(page, fixedText);
  log(`applied "${commaFixTitle}"`);

  // VS Code saves files changed by a refactoring (files.refactoring.autoSave,
  // on by default), so the file may be saved already.
  await page.keyboard.press('Control+S');
  await waitForCondition(page, 'the editor tab to show the file saved', () =>
    document.querySelector('.tabs-container .tab.active:not(.dirty)'),
  );
  const original = fs.readFileSync(exampleFile);
  const commaOffset = original.indexOf(',', original.indexOf('disableTlsCertificateValidation=true'));
  const expectedBytes = Buffer.from(original);
  expectedBytes[commaOffset] = ';'.charCodeAt(0);
  await waitForFileContent(workspaceFile, expectedBytes, "the saved file to be the example with that one ',' replaced by ';' (BOM and CRLF kept)");

  // The fix replaces one character by one, so every other problem keeps its position.
  const expectedAfterFix = expected.filter((problem) => problem !== commaProblem);
  const linterAfterFix = await lintWithInstalledExtension(run, workspaceFile);
  check(
    sameProblems(linterAfterFix, expectedAfterFix),
    `after the fix the linter reports the same problems without comma-separator; it reports:\n${formatProblems(linterAfterFix)}`,
  );
  await waitForProblems(page, expectedAfterFix);
  await waitForProblemDecorations(page, expectedAfterFix);
  const afterFixScreenshot = path.join(outputDir, 'after-fix.png');
  await page.screenshot({ path: afterFixScreenshot });
  log(`the comma-separator problem is gone, ${expectedAfterFix.length} problems remain; screenshot: ${path.relative(repoRoot, afterFixScreenshot)}`);
}

async function main() {
  let options;
  try {
    options = readOptions();
  } catch (error) {
    if (!(error instanceof HostError) && !error.code?.startsWith('ERR_PARSE_ARGS_')) throw error;
    console.error(`ui-check: ${error.message}`);
    return 1;
  }
  const startedAt = Date.now();
  const exitCode = await runWithHost(
    {
      name: 'ui-check',
      timeoutMs: options.timeoutMs,
      hostOptions: { prefix: 'creatio-ui-check-', settings: workbenchSettings, verbose: options.verbose },
    },
    (run) => checkExample(run, options),
  );
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(exitCode === 0 ? `ui-check: passed in ${seconds} s` : `ui-check: FAILED after ${seconds} s`);
  return exitCode;
}

process.exit(await main());
