// Drives code-server's workbench through its DOM with the packaged extension
// and the shipped example file: the steps that test/vscode/ui-check.mjs and
// scripts/demo.mjs share. Selectors and key bindings are VS Code 1.139's
// (code-server 4.139.1). They are not an API and may change with VS Code.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { HostError } from './codeServerHost.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const vsixFile = path.join(repoRoot, 'dist', 'creatio-connection-strings.vsix');
export const exampleFile = path.join(repoRoot, 'examples', 'ConnectionStrings.config');

const extensionId = 'creatio-config-tools.creatio-connection-strings';
const languageName = 'Creatio ConnectionStrings';

/**
 * Settings on top of HostRun's quiet settings, for a readable screenshot.
 * Word wrap shows the whole Redis line, and the hover opens below it instead
 * of over its squiggles. The empty secondary side bar stays closed, and the
 * Ports view does not list the ports of other programs on this machine.
 */
export const workbenchSettings = {
  'editor.wordWrap': 'on',
  'editor.minimap.enabled': false,
  'editor.hover.above': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'remote.autoForwardPorts': false,
};

const viewport = { width: 1440, height: 900 };

const problemRows = '.markers-panel .monaco-list-row';
const conditionTimeoutMs = 30_000;

/**
 * Waits until `predicate(arg)` is truthy in the page, and throws a HostError
 * that names `description` when 30 s pass first.
 */
export async function waitForCondition(page, description, predicate, arg) {
  try {
    await page.waitForFunction(predicate, arg, { timeout: conditionTimeoutMs });
  } catch (error) {
    if (error.name !== 'TimeoutError') throw error;
    throw new HostError(`timed out after ${conditionTimeoutMs / 1000} s waiting for ${description}`);
  }
}

/** Waits for a locator's `state` like waitForCondition(). */
async function waitForLocator(locator, description, state = 'visible') {
  try {
    await locator.waitFor({ state, timeout: conditionTimeoutMs });
  } catch (error) {
    if (error.name !== 'TimeoutError') throw error;
    throw new HostError(`timed out after ${conditionTimeoutMs / 1000} s waiting for ${description}`);
  }
}

/**
 * Installs the packaged extension `vsix`, starts code-server on a workspace
 * folder with the example and opens the example from the explorer. The
 * folder is a fresh copy when `copy` is true, for steps that edit the file,
 * and the repository's examples folder otherwise. Resolves once the status
 * bar shows the extension's language, the editor shows a squiggle and the
 * Problems panel is open.
 */
export async function openExample(run, log, { vsix = vsixFile, copy = true } = {}) {
  if (!fs.existsSync(vsix)) {
    throw new HostError(`${vsix} not found${vsix === vsixFile ? ": run 'npm run package' first" : ''}`);
  }
  await run.installExtension(vsix);
  log('installed the packaged extension');

  let workspace = path.dirname(exampleFile);
  if (copy) {
    workspace = run.path('workspace');
    fs.mkdirSync(workspace);
    fs.copyFileSync(exampleFile, path.join(workspace, path.basename(exampleFile)));
  }
  const workspaceFile = path.join(workspace, path.basename(exampleFile));

  const port = await run.startCodeServer();
  log(`code-server listening on http://127.0.0.1:${port}/`);
  const page = await run.openBrowser({ viewport });
  await page.goto(`http://127.0.0.1:${port}/?${new URLSearchParams({ folder: workspace })}`);
  await waitForLocator(page.locator('.monaco-workbench'), 'the workbench to load');

  const explorerRow = page.locator('.explorer-folders-view .monaco-list-row', { hasText: path.basename(exampleFile) });
  await waitForLocator(explorerRow, `${path.basename(exampleFile)} in the explorer`);
  await explorerRow.click();
  // The status bar shows Plain Text or XML until the extension's language
  // contribution is read.
  await waitForCondition(
    page,
    `the status bar to show the language ${languageName}`,
    (name) => document.querySelector('[id="status.editor.mode"]')?.textContent?.includes(name),
    languageName,
  );
  await waitForLocator(page.locator('.monaco-editor .squiggly-warning').first(), 'a warning squiggle in the editor');
  log(`opened ${path.basename(exampleFile)} as ${languageName}`);

  await page.keyboard.press('Control+Shift+M');
  await waitForLocator(page.locator(problemRows).first(), 'a row in the Problems panel');
  return { page, workspaceFile };
}

/**
 * Reads the rows of the Problems panel: one entry per problem, with the
 * severity as the linter names it (error, warning, information). The panel
 * renders only the rows in view, about ten at this viewport, so compare the
 * result with readProblemCount().
 */
export function readProblems(page) {
  return page.$$eval(problemRows, (rows) =>
    rows
      .filter((row) => row.querySelector('.marker-message'))
      .map((row) => {
        const severity = /^(Error|Warning|Info|Hint):/.exec(row.getAttribute('aria-label') ?? '')?.[1] ?? 'unknown';
        const position = /Ln (\d+), Col (\d+)/.exec(row.querySelector('.marker-line')?.textContent ?? '');
        return {
          severity: severity === 'Info' ? 'information' : severity.toLowerCase(),
          message: row.querySelector('.marker-message')?.textContent ?? '',
          ruleId: row.querySelector('.marker-code')?.textContent ?? '',
          line: position ? Number(position[1]) : 0,
          column: position ? Number(position[2]) : 0,
        };
      }),
  );
}

/** Returns the number of problems that the Problems panel reports for the file, 0 when it lists none. */
function readProblemCount(page) {
  return page.$$eval(problemRows, (rows) => {
    const counts = rows.map((row) => /^(\d+) problems? in file/.exec(row.getAttribute('aria-label') ?? '')?.[1]);
    return Number(counts.find((count) => count !== undefined) ?? 0);
  });
}

/** Formats problems one a line, like the linter's stylish output. */
export function formatProblems(problems) {
  const positions = problems.map((problem) => `${problem.line}:${problem.column}`);
  const width = Math.max(0, ...positions.map((position) => position.length));
  return problems
    .map((problem, i) => `  ${positions[i].padEnd(width)}  ${problem.severity.padEnd(11)}  ${problem.message}  ${problem.ruleId}`)
    .join('\n');
}

function problemKey(problem) {
  return `${problem.line}:${problem.column} ${problem.severity} ${problem.ruleId} ${problem.message}`;
}

/** Returns whether two lists contain the same problems, in any order. */
export function sameProblems(actual, expected) {
  const sortedKeys = (problems) => problems.map(problemKey).sort().join('\n');
  return sortedKeys(actual) === sortedKeys(expected);
}

/**
 * Waits until the Problems panel lists exactly `expected` (in any order),
 * because diagnostics arrive from the language server after the file opens
 * or changes. Throws with both lists when `timeoutMs` passes first.
 */
export async function waitForProblems(page, expected, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let actual = [];
  let count = 0;
  while (Date.now() < deadline) {
    // Read before the problems, so that a change in between ends the wait below at once.
    const before = await problemRowsText(page);
    actual = await readProblems(page);
    count = await readProblemCount(page);
    if (count === expected.length && sameProblems(actual, expected)) return actual;
    // Waits for the panel to change instead of polling at a fixed rate.
    await page
      .waitForFunction(
        ({ selector, text }) => [...document.querySelectorAll(selector)].map((row) => row.textContent).join('\n') !== text,
        { selector: problemRows, text: before },
        { timeout: Math.max(1, deadline - Date.now()) },
      )
      .catch(() => undefined);
  }
  throw new HostError(
    `the Problems panel did not show the expected problems within ${timeoutMs / 1000} s\n` +
      `expected (${expected.length}):\n${formatProblems(expected)}\nshown (${count}):\n${formatProblems(actual)}`,
  );
}

function problemRowsText(page) {
  return page.$$eval(problemRows, (rows) => rows.map((row) => row.textContent).join('\n'));
}

/**
 * Runs the linter of the installed extension (the same build as its language
 * server) on `file` with the user settings of the run, and returns its
 * problems in the form readProblems() returns. Hints are left out because
 * the Problems panel does not list them.
 */
export async function lintWithInstalledExtension(run, file) {
  const folder = fs.readdirSync(run.extensionsDir).find((name) => name.startsWith(`${extensionId}-`));
  if (!folder) throw new HostError(`${extensionId} is not installed in ${run.extensionsDir}`);
  const linter = path.join(run.extensionsDir, folder, 'dist', 'lint.js');
  if (!fs.existsSync(linter)) throw new HostError(`${linter} not found: the .vsix is out of date, run 'npm run package'`);

  const settingsFile = path.join(run.userDataDir, 'User', 'settings.json');
  let stdout;
  try {
    ({ stdout } = await promisify(execFile)(process.execPath, [linter, '--format', 'json', '--config', settingsFile, file]));
  } catch (error) {
    // The linter exits 1 when it finds problems and still prints the report.
    if (error.code !== 1 || !error.stdout) throw new HostError(`${linter} failed: ${error.stderr || error.message}`);
    stdout = error.stdout;
  }
  return JSON.parse(stdout)
    .flatMap((result) => result.messages)
    .filter((message) => message.severity !== 'hint')
    .map(({ severity, message, ruleId, line, column }) => ({ severity, message, ruleId, line, column }));
}

/**
 * Waits until the status bar counts the errors, warnings and infos of
 * `problems` and the explorer shows the problem badge on the file. These
 * update after the Problems panel, and a screenshot taken in between shows
 * them empty.
 */
export async function waitForProblemDecorations(page, problems) {
  const counts = ['error', 'warning', 'information'].map((severity) => problems.filter((problem) => problem.severity === severity).length);
  await waitForCondition(
    page,
    `the status bar to count ${counts[0]} errors, ${counts[1]} warnings and ${counts[2]} infos`,
    (expected) => (document.querySelector('[id="status.problems"]')?.textContent?.match(/\d+/g) ?? []).join(',') === expected,
    counts.join(','),
  );
  if (counts[0] + counts[1] > 0) {
    await waitForCondition(page, 'the problem badge in the explorer', () =>
      document.querySelector('.explorer-folders-view .monaco-list-row .monaco-icon-label.monaco-decoration-badge'),
    );
  }
}

/** Moves the cursor with Go to Line/Column (Ctrl+G) and waits for the status bar to show it. */
export async function goToPosition(page, line, column) {
  await page.keyboard.press('Control+G');
  await waitForLocator(page.locator('.quick-input-widget input'), 'the Go to Line/Column input');
  // The input starts with ':', so this types ':LINE:COLUMN'.
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await waitForCondition(
    page,
    `the status bar to show the cursor at Ln ${line}, Col ${column}`,
    (text) => document.querySelector('[id="status.editor.selection"]')?.textContent?.includes(text),
    `Ln ${line}, Col ${column}`,
  );
}

/**
 * Moves the mouse onto the first rendered occurrence of `text` in the editor,
 * which must lie within one syntax token. Then waits until the hover is
 * complete: it contains `hoverText`, the extension's own hover (with `text`
 * as code) and the Quick Fix link. That link replaces "Checking for quick
 * fixes..." once the code actions arrive. The mouse is used because Ctrl+.
 * did not open the Quick Fix menu after Show or Focus Hover (Ctrl+K Ctrl+I)
 * and Escape in VS Code 1.139.
 */
export async function hoverOverText(page, text, hoverText) {
  const center = await page.$eval(
    '.monaco-editor .view-lines',
    (lines, needle) => {
      const walker = document.createTreeWalker(lines, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const start = node.textContent.indexOf(needle);
        if (start < 0) continue;
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + needle.length);
        const box = range.getBoundingClientRect();
        return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      }
      return undefined;
    },
    text,
  );
  if (!center) throw new HostError(`'${text}' is not rendered in the editor`);
  await page.mouse.move(center.x, center.y);
  const hover = page
    .locator('.monaco-hover', { hasText: hoverText })
    .filter({ has: page.locator('code', { hasText: text }) })
    .filter({ hasText: 'Quick Fix' });
  await waitForLocator(hover.first(), `a hover with '${hoverText}', the extension's hover on '${text}' and a Quick Fix link`);
}

/** Moves the mouse out of the editor, onto the explorer, and waits for the hover to close. */
export async function closeHover(page) {
  const explorer = await page.locator('.explorer-folders-view').boundingBox();
  if (!explorer) throw new HostError('the explorer is not visible');
  await page.mouse.move(explorer.x + explorer.width / 2, explorer.y + explorer.height - 10);
  await waitForLocator(page.locator('.monaco-hover').first(), 'the hover to close', 'hidden');
}

/** Opens the Quick Fix menu at the cursor (Ctrl+.) and picks the action titled `title`. */
export async function applyQuickFix(page, title) {
  await page.keyboard.press('Control+.');
  const action = page
    .locator('.action-widget .monaco-list-row.action', { has: page.locator('.title', { hasText: title }) })
    .first();
  await waitForLocator(action, `the Quick Fix menu to offer "${title}"`);
  await action.click();
  await waitForLocator(action, 'the Quick Fix menu to close', 'detached');
}

/**
 * Waits until the editor's rendered lines contain `text`. The lines are
 * joined without separators, so that the search also matches across the rows
 * of a wrapped line, and the U+00A0 that the editor renders for a space is
 * read as a space.
 */
export async function waitForEditorText(page, text) {
  await waitForCondition(
    page,
    `the editor to show '${text}'`,
    (needle) => {
      const lines = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')];
      lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
      return lines.map((line) => line.textContent).join('').replaceAll('\u00a0', ' ').includes(needle);
    },
    text,
  );
}
