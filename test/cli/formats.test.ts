import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertBuilt, CASES, caseNames, caseText, lint, lintJson, spot, TempFolder, type LintMessage } from './helpers.js';

interface ExpectedCase {
  runs: { creatioVersion: string; diagnostics: { rule: string; severity: string; range: string }[] }[];
}

function expectedOf(name: string): ExpectedCase {
  return JSON.parse(readFileSync(join(CASES, `${name}.expected.json`), 'utf8')) as ExpectedCase;
}

/** Rebuilds the stylish rows of one file from the JSON report: path, aligned rows, blank line. */
function expectedStylish(filePath: string, messages: LintMessage[]): string {
  const positions = messages.map((m) => `${m.line}:${m.column}`);
  const positionWidth = Math.max(...positions.map((p) => p.length));
  const severityWidth = Math.max(...messages.map((m) => m.severity.length));
  const textWidth = Math.max(...messages.map((m) => m.message.length));
  const rows = messages.map((m, i) => `  ${positions[i].padEnd(positionWidth)}  ${m.severity.padEnd(severityWidth)}  ${m.message.padEnd(textWidth)}  ${m.ruleId}`);
  return [filePath, ...rows, ''].join('\n');
}

describe('output formats', () => {
  const folder = new TempFolder();
  before(() => {
    assertBuilt();
    for (const name of caseNames()) folder.write(`cases/${name}.config`, caseText(name));
    // The case fixtures expect no certificate file checks, whose results depend on the machine.
    folder.write('cases/.vscode/settings.json', '{ "creatioConfig.checkCertificateFiles": false }');
  });
  after(() => folder.remove());

  it('json matches every case fixture', () => {
    // One run per Creatio version keeps the subprocesses few. Reports follow the argument order.
    const runs = caseNames().flatMap((name) => expectedOf(name).runs.map((run) => ({ name, ...run })));
    const versions = [...new Set(runs.map((run) => run.creatioVersion))];
    for (const version of versions) {
      const selected = runs.filter((run) => run.creatioVersion === version);
      const versionArgs = version ? ['--creatio-version', version] : [];
      const { reports } = lintJson([...selected.map((run) => `cases/${run.name}.config`), ...versionArgs], { cwd: folder.path });
      assert.equal(reports.length, selected.length);
      for (const [index, run] of selected.entries()) {
        const expected = run.diagnostics.map((d) => `${d.rule} ${d.severity} ${d.range}`).sort();
        assert.deepEqual(reports[index].messages.map(spot).sort(), expected, `${run.name} with creatioVersion '${version}'`);
      }
    }
  });

  it('exit code follows errors in each case', () => {
    for (const name of caseNames()) {
      const { run, reports } = lintJson([`cases/${name}.config`], { cwd: folder.path });
      assert.equal(run.status, reports[0].errorCount > 0 ? 1 : 0, `${name}: ${run.stderr}`);
      assert.equal(run.stderr, '', name);
    }
  });

  it('json has the documented fields', () => {
    const { run, reports } = lintJson(['cases/rw-01.config'], { cwd: folder.path });
    assert.equal(run.status, 0);
    assert.equal(reports.length, 1);
    const report = reports[0];
    assert.equal(report.filePath, 'cases/rw-01.config');
    assert.deepEqual(Object.keys(report).sort(), ['errorCount', 'filePath', 'fixableCount', 'hintCount', 'infoCount', 'messages', 'truncated', 'warningCount']);
    assert.deepEqual(
      report.messages.map((m) => [m.ruleId, m.severity, m.line, m.column, m.endLine, m.endColumn, m.fixable]),
      [
        ['tls-validation-disabled', 'warning', 4, 80, 4, 116, false],
        ['comma-separator', 'warning', 4, 116, 4, 117, true],
        ['plaintext-secret', 'hint', 4, 127, 4, 133, false],
      ],
    );
    assert.deepEqual([report.errorCount, report.warningCount, report.infoCount, report.hintCount, report.fixableCount], [0, 2, 0, 1, 1]);
    assert.equal(report.truncated, false);
  });

  it('stylish aligns rows and sums up', () => {
    const { reports } = lintJson(['cases/rw-01.config', 'cases/rw-29.config'], { cwd: folder.path });
    const run = lint(['cases/rw-01.config', 'cases/rw-29.config'], { cwd: folder.path });
    assert.equal(run.status, 1);
    const expected = [
      expectedStylish('cases/rw-01.config', reports[0].messages),
      expectedStylish('cases/rw-29.config', reports[1].messages),
      '✖ 7 problems (2 errors, 2 warnings, 3 infos)',
      '  2 problems can be fixed with the --fix option.',
      '',
    ].join('\n');
    assert.equal(run.stdout, expected);
  });

  it('stylish prints nothing for a clean file', () => {
    folder.write('clean/ConnectionStrings.config', '<?xml version="1.0" encoding="utf-8"?>\n<connectionStrings>\n  <add name="redis" connectionString="host=10.0.0.5;db=1;port=6379" />\n</connectionStrings>\n');
    const run = lint(['clean'], { cwd: folder.path });
    assert.equal(run.status, 0);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, '');
  });

  it('stylish uses singular words', () => {
    const run = lint(['cases/rw-13.config'], { cwd: folder.path });
    assert.match(run.stdout, /^✖ 1 problem \(1 error, 0 warnings, 0 infos\)$/m);
  });

  it('colours only when asked or on a terminal', () => {
    const escape = /\x1b\[/;
    assert.doesNotMatch(lint(['cases/rw-01.config'], { cwd: folder.path }).stdout, escape, 'a pipe gets no colour');
    assert.match(lint(['cases/rw-01.config'], { cwd: folder.path, env: { FORCE_COLOR: '1' } }).stdout, escape, 'FORCE_COLOR=1');
    assert.doesNotMatch(lint(['cases/rw-01.config'], { cwd: folder.path, env: { FORCE_COLOR: '0' } }).stdout, escape, 'FORCE_COLOR=0');
    assert.match(lint(['--color', 'cases/rw-01.config'], { cwd: folder.path, env: { NO_COLOR: '1' } }).stdout, escape, '--color beats NO_COLOR');
    assert.doesNotMatch(lint(['--no-color', 'cases/rw-01.config'], { cwd: folder.path, env: { FORCE_COLOR: '1' } }).stdout, escape, '--no-color');
    assert.doesNotMatch(lint(['cases/rw-01.config'], { cwd: folder.path, env: { NO_COLOR: '1' } }).stdout, escape, 'NO_COLOR');
  });

  it('quiet keeps errors only', () => {
    const { run, reports } = lintJson(['--quiet', 'cases/rw-29.config'], { cwd: folder.path });
    assert.equal(run.status, 1);
    assert.deepEqual(reports[0].messages.map((m) => m.severity), ['error', 'error']);
    const stylish = lint(['--quiet', 'cases/rw-01.config'], { cwd: folder.path });
    assert.equal(stylish.status, 0);
    assert.equal(stylish.stdout, '');
  });

  it('max-warnings sets exit code 1', () => {
    // rw-01 has two warnings and no errors.
    assert.equal(lint(['--max-warnings', '2', 'cases/rw-01.config'], { cwd: folder.path }).status, 0);
    const over = lint(['--max-warnings', '1', 'cases/rw-01.config'], { cwd: folder.path });
    assert.equal(over.status, 1);
    assert.equal(over.stderr, 'creatio-config-lint: 2 warnings found, more than --max-warnings 1 allows.\n');
    assert.equal(lint(['--max-warnings=-1', 'cases/rw-01.config'], { cwd: folder.path }).status, 0);
    assert.equal(lint(['--max-warnings', '0', '--quiet', 'cases/rw-01.config'], { cwd: folder.path }).status, 0, 'quiet ignores warnings');
  });

  it('no output shows a secret value', () => {
    const secret = 'Zq7-secret-Value';
    const text = caseText('rw-01').replaceAll('s3cret', secret);
    folder.write('secret/ConnectionStrings.config', text);
    for (const args of [[], ['-f', 'json'], ['-f', 'sarif'], ['--fix-dry-run']]) {
      const run = lint([...args, 'secret'], { cwd: folder.path });
      assert.ok(run.stdout.length > 0, `${args.join(' ')} prints a report`);
      assert.ok(!run.stdout.includes(secret), `stdout of ${args.join(' ') || 'stylish'}`);
      assert.ok(!run.stderr.includes(secret), `stderr of ${args.join(' ') || 'stylish'}`);
    }
  });
});
