/**
 * Helpers for the tests of the built `creatio-config-lint` bundle: run it as a subprocess in a
 * temporary folder, and read the case fixtures. Run `npm run build` before these tests.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FileResult as FileReport, LintMessage } from '../../server/src/cli/results.js';

export const LINT_BUNDLE = join(__dirname, '..', '..', 'dist', 'lint.js');
export const CASES = join(__dirname, '..', 'fixtures', 'cases');

export interface LintRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The parsed `--format json` output has the shape of the linter's own results. */
export type { LintMessage, FileReport };

export function assertBuilt(): void {
  assert.ok(existsSync(LINT_BUNDLE), `${LINT_BUNDLE} is missing; run npm run build first`);
}

/**
 * Runs the bundle with colour variables removed, so output does not depend on the caller's shell.
 * With `timeoutMs` the run is killed after that many milliseconds, and `status` is then null.
 */
export function lint(args: string[], options: { cwd: string; input?: string | Buffer; env?: Record<string, string>; wrapper?: string[]; timeoutMs?: number }): LintRun {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  Object.assign(env, options.env);
  // A wrapper command, such as setpriv, runs the linter under another user.
  const [command, ...prefix] = [...(options.wrapper ?? []), process.execPath];
  const result = spawnSync(command, [...prefix, LINT_BUNDLE, ...args], { cwd: options.cwd, input: options.input, env, encoding: 'utf8', timeout: options.timeoutMs });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the bundle with `--format json` and parses the report. */
export function lintJson(args: string[], options: { cwd: string; input?: string | Buffer; env?: Record<string, string> }): { run: LintRun; reports: FileReport[] } {
  const run = lint(['--format', 'json', ...args], options);
  return { run, reports: run.stdout ? (JSON.parse(run.stdout) as FileReport[]) : [] };
}

export function caseText(name: string): string {
  return readFileSync(join(CASES, `${name}.config`), 'utf8');
}

export function caseNames(): string[] {
  return readdirSync(CASES)
    .filter((file) => /^rw-\d+\.config$/.test(file))
    .map((file) => file.replace(/\.config$/, ''))
    .sort();
}

/**
 * A temporary folder that is also a workspace with empty settings, so no .vscode/settings.json
 * further up the real file system can reach the tests.
 */
export class TempFolder {
  readonly path: string;

  constructor() {
    this.path = realpathSync(mkdtempSync(join(tmpdir(), 'creatio-lint-test-')));
    this.write('.vscode/settings.json', '{}');
  }

  file(relativePath: string): string {
    return join(this.path, relativePath);
  }

  write(relativePath: string, content: string | Uint8Array): string {
    const path = this.file(relativePath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  }

  read(relativePath: string): Buffer {
    return readFileSync(this.file(relativePath));
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** Formats a message as "rule severity line:column-endLine:endColumn", as the case fixtures write it. */
export function spot(message: LintMessage): string {
  return `${message.ruleId} ${message.severity} ${message.line}:${message.column}-${message.endLine}:${message.endColumn}`;
}
