import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertBuilt, caseText, lint, lintJson, spot, TempFolder } from './helpers.js';

/** An entry named `cache`: a Redis string only when redisConnectionNames lists it. */
const CACHE = '<?xml version="1.0" encoding="utf-8"?>\n<connectionStrings>\n  <add name="cache" connectionString="host=10.0.0.5;useTls=true;port=99999" />\n</connectionStrings>\n';

describe('settings', () => {
  const folder = new TempFolder();
  before(() => {
    assertBuilt();
    // rw-01 reports tls-validation-disabled and comma-separator (warnings) and plaintext-secret (hint).
    for (const site of ['plain', 'flat', 'nested', 'flat/inner', 'config']) folder.write(`${site}/ConnectionStrings.config`, caseText('rw-01'));
    folder.write('cache/ConnectionStrings.config', CACHE);
    folder.write(
      'flat/.vscode/settings.json',
      `// VS Code writes flat keys
{
  "editor.tabSize": 2,
  /* severity overrides */
  "creatioConfig.rules": {
    "comma-separator": "off",
    "tls-validation-disabled": "error", // fails the build
  },
}
`,
    );
    folder.write('nested/.vscode/settings.json', '{ "creatioConfig": { "rules": { "plaintext-secret": "off" } } }');
    folder.write('cache/.vscode/settings.json', '{ "creatioConfig.redisConnectionNames": ["cache"], "creatioConfig.creatioVersion": "7.18.0" }');
    folder.write('other-settings.json', '{ "creatioConfig.rules": { "plaintext-secret": "warning" } }');
  });
  after(() => folder.remove());

  const ruleIds = (args: string[], input?: string) => {
    const { run, reports } = lintJson(args, { cwd: folder.path, input });
    return { run, ids: reports.map((report) => report.messages.map((m) => `${m.ruleId}:${m.severity}`)) };
  };

  it('defaults apply without settings', () => {
    assert.deepEqual(ruleIds(['plain']).ids, [['tls-validation-disabled:warning', 'comma-separator:warning', 'plaintext-secret:hint']]);
  });

  it('reads flat keys with comments and trailing commas', () => {
    const { run, ids } = ruleIds(['flat/ConnectionStrings.config']);
    assert.equal(run.status, 1, 'tls-validation-disabled is an error here');
    assert.equal(run.stderr, '');
    assert.deepEqual(ids, [['tls-validation-disabled:error', 'plaintext-secret:hint']]);
  });

  it('reads a nested creatioConfig object', () => {
    assert.deepEqual(ruleIds(['nested']).ids, [['tls-validation-disabled:warning', 'comma-separator:warning']]);
  });

  it('uses the nearest workspace above each file', () => {
    // flat/inner has no .vscode folder of its own, so flat/.vscode/settings.json applies.
    const { ids } = ruleIds(['flat/inner', 'nested', 'plain']);
    assert.deepEqual(ids, [
      ['tls-validation-disabled:error', 'plaintext-secret:hint'],
      ['tls-validation-disabled:warning', 'comma-separator:warning'],
      ['tls-validation-disabled:warning', 'comma-separator:warning', 'plaintext-secret:hint'],
    ]);
  });

  it('reads every setting, not only rules', () => {
    const { run, reports } = lintJson(['cache'], { cwd: folder.path });
    assert.equal(run.status, 1);
    assert.deepEqual(reports[0].messages.map(spot), ['requires-newer-creatio error 3:53-3:59', 'invalid-number error 3:70-3:75']);
  });

  it('--config replaces the workspace settings', () => {
    assert.deepEqual(ruleIds(['--config', 'other-settings.json', 'flat/ConnectionStrings.config']).ids, [
      ['tls-validation-disabled:warning', 'comma-separator:warning', 'plaintext-secret:warning'],
    ]);
  });

  it('--rule overrides the settings file', () => {
    const { run, ids } = ruleIds(['--config', 'other-settings.json', '--rule', 'plaintext-secret=off', '--rule', 'comma-separator=error', 'config']);
    assert.equal(run.status, 1);
    assert.deepEqual(ids, [['tls-validation-disabled:warning', 'comma-separator:error']]);
  });

  it('--creatio-version overrides the settings file', () => {
    assert.deepEqual(ruleIds(['--creatio-version', '8.1.0', 'cache']).ids, [['invalid-number:error']]);
  });

  it('standard input takes the settings of its --stdin-filename', () => {
    assert.deepEqual(ruleIds(['--stdin-filename', 'nested/ConnectionStrings.config', '-'], caseText('rw-01')).ids, [
      ['tls-validation-disabled:warning', 'comma-separator:warning'],
    ]);
  });

  it('warns about invalid values and keeps the defaults', () => {
    folder.write('invalid/.vscode/settings.json', '{ "creatioConfig.redisDatabaseCount": "sixteen", "creatioConfig.rules": { "no-such-rule": "off" } }');
    folder.write('invalid/ConnectionStrings.config', caseText('rw-19'));
    const { run, reports } = lintJson(['invalid'], { cwd: folder.path });
    const settingsPath = folder.file('invalid/.vscode/settings.json');
    assert.equal(run.status, 0);
    assert.equal(
      run.stderr,
      [
        `creatio-config-lint: warning: ${settingsPath}: Setting creatioConfig.redisDatabaseCount has an invalid value; using the default 16.`,
        `creatio-config-lint: warning: ${settingsPath}: creatioConfig.rules names an unknown rule 'no-such-rule', which has no effect; --list-rules shows every id.`,
        '',
      ].join('\n'),
    );
    assert.deepEqual(reports[0].messages.map((m) => m.ruleId), ['db-out-of-range'], 'redisDatabaseCount stays 16');
  });

  it('rejects settings that are not JSON', () => {
    folder.write('broken/.vscode/settings.json', '{\n  "creatioConfig.rules": { "comma-separator": "off" \n');
    folder.write('broken/ConnectionStrings.config', caseText('rw-01'));
    const run = lint(['broken', 'plain'], { cwd: folder.path });
    assert.equal(run.status, 2);
    assert.equal(run.stderr, `creatio-config-lint: Settings file ${folder.file('broken/.vscode/settings.json')}:3:1: invalid JSON (CloseBraceExpected); correct the file or pass another one with --config.\n`);
    assert.match(run.stdout, /^plain\/ConnectionStrings\.config$/m, 'other files are still checked');
  });

  it('rejects a missing --config file', () => {
    const run = lint(['--config', 'absent.json', 'plain'], { cwd: folder.path });
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, `creatio-config-lint: Settings file ${folder.file('absent.json')}: not found; check the path or the --config option.\n`);
  });

  it('reads the files beside the config', () => {
    // Web.config names the Redis entry and turns TLS on for the site, as the editor reads it.
    folder.write('site/Web.config', '<configuration>\n  <appSettings>\n    <add key="RedisUseTls" value="true" />\n  </appSettings>\n  <redis connectionStringName="cache" />\n</configuration>\n');
    const config = '<connectionStrings>\n  <add name="cache" connectionString="host=10.0.0.5;db=1;port=99999;password=s3cret" />\n</connectionStrings>\n';
    folder.write('site/ConnectionStrings.config', config);

    const { run, reports } = lintJson(['site'], { cwd: folder.path });
    assert.equal(run.status, 1);
    const messages = reports[0].messages;
    assert.deepEqual(messages.map((m) => m.ruleId), ['invalid-number', 'password-without-tls', 'plaintext-secret']);
    assert.match(messages[1].message, /Note: Web\.config sets RedisUseTls=true\.$/);

    const named = lintJson(['--stdin-filename', 'site/ConnectionStrings.config', '-'], { cwd: folder.path, input: config });
    assert.deepEqual(named.reports[0].messages, messages, 'standard input named into the site reads the same files');
    const unnamed = lintJson(['-'], { cwd: folder.path, input: config });
    assert.deepEqual(unnamed.reports[0].messages, [], 'standard input without a name reads no site files');
  });
});
