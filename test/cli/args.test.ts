import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../server/src/rules/index.js';
import { assertBuilt, caseText, lint, TempFolder } from './helpers.js';

const HELP_SUFFIX = ' Run creatio-config-lint --help for the options.\n';

describe('command line', () => {
  const folder = new TempFolder();
  before(() => {
    assertBuilt();
    folder.write('ConnectionStrings.config', caseText('rw-01'));
  });
  after(() => folder.remove());

  it('help lists every option with defaults', () => {
    const run = lint(['--help'], { cwd: folder.path });
    assert.equal(run.status, 0);
    assert.equal(run.stderr, '');
    for (const flag of ['--format', '--config', '--rule', '--creatio-version', '--fix', '--fix-dry-run', '--quiet', '--max-warnings', '--stdin-filename', '--color', '--no-color', '--list-rules', '--help', '--version']) {
      assert.match(run.stdout, new RegExp(`^  (-\\w, )?${flag}\\b`, 'm'), flag);
    }
    // Descriptions wrap, so the defaults are searched in the text with its line breaks joined.
    const joined = run.stdout.replace(/\s+/g, ' ');
    assert.match(joined, /Default: stylish\./);
    assert.match(joined, /Default: no limit\./);
    assert.match(joined, /Default: unknown\./);
    assert.match(joined, /Default: <stdin>/);
    assert.match(joined, /error, warning, information, hint, off/);
    for (const line of run.stdout.split('\n')) assert.ok(line.length <= 80, `help line too long: ${line}`);
  });

  it('version matches the manifest', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    const run = lint(['--version'], { cwd: folder.path });
    assert.equal(run.status, 0);
    assert.equal(run.stdout, `${manifest.version}\n`);
  });

  it('list-rules shows every rule', () => {
    const run = lint(['--list-rules'], { cwd: folder.path });
    assert.equal(run.status, 0);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, RULES.length);
    for (const [index, rule] of RULES.entries()) {
      assert.match(lines[index], new RegExp(`^${rule.id} +${rule.defaultSeverity} +\\S`));
    }
  });

  const usageErrors: [string[], string][] = [
    [['--frobnicate'], "Unknown option '--frobnicate'."],
    [['--format', 'xml'], "Invalid --format 'xml'; expected stylish, json, sarif."],
    [['--format'], 'Option --format needs a value (NAME).'],
    [['--quiet=yes'], "Option --quiet takes no value, but '--quiet=yes' gives one."],
    [['--rule', 'unknown-kye=off'], "Unknown rule 'unknown-kye' in --rule (did you mean unknown-key?); --list-rules shows every id."],
    [['--rule', 'no-such-rule-at-all=off'], "Unknown rule 'no-such-rule-at-all' in --rule; --list-rules shows every id."],
    [['--rule', 'unknown-key=loud'], "Invalid severity 'loud' for rule unknown-key; expected error, warning, information, hint, off."],
    [['--rule', 'unknown-key'], "Invalid --rule 'unknown-key'; expected ID=SEVERITY, such as unknown-key=off."],
    [['--max-warnings', 'many'], "Invalid --max-warnings 'many'; expected a whole number of 0 or more, or -1 for no limit."],
    [['--creatio-version', '8.x'], "Invalid --creatio-version '8.x'; expected numbers separated by dots, such as 8.1.0."],
    [['--fix', '--fix-dry-run'], 'Use either --fix or --fix-dry-run, not both.'],
    [['--fix', '-'], '--fix cannot write back to standard input; use --fix-dry-run to see the changes.'],
    [['-', '-'], "Standard input ('-') can be read only once."],
    [['--stdin-filename', 'x.config', 'ConnectionStrings.config'], "--stdin-filename applies to standard input only; add '-' to the arguments."],
  ];
  for (const [args, message] of usageErrors) {
    it(`rejects ${args.join(' ')}`, () => {
      const run = lint(args, { cwd: folder.path, input: '' });
      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, `creatio-config-lint: ${message}${HELP_SUFFIX}`);
    });
  }

  it('accepts --option=value and --', () => {
    const run = lint(['--format=json', '--rule=comma-separator=off', '--', 'ConnectionStrings.config'], { cwd: folder.path });
    assert.equal(run.status, 0, run.stderr);
    const [report] = JSON.parse(run.stdout) as { messages: { ruleId: string }[] }[];
    assert.deepEqual(report.messages.map((m) => m.ruleId), ['tls-validation-disabled', 'plaintext-secret']);
  });

  it('checks the current folder by default', () => {
    const run = lint(['-f', 'json'], { cwd: folder.path });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual((JSON.parse(run.stdout) as { filePath: string }[]).map((r) => r.filePath), ['ConnectionStrings.config']);
  });
});
