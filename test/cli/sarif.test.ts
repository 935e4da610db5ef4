import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { RULES } from '../../server/src/rules/index.js';
import { assertBuilt, caseText, lint, lintJson, TempFolder } from './helpers.js';

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: SarifRegion } }[];
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; shortDescription: { text: string }; helpUri: string; defaultConfiguration: { level: string } }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
    results: SarifResult[];
  }[];
}

const LEVELS: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

describe('sarif output', () => {
  const folder = new TempFolder();
  before(() => {
    assertBuilt();
    folder.write('my site/ConnectionStrings.config', caseText('rw-29'));
    folder.write('other/ConnectionStrings.config', caseText('rw-01'));
  });
  after(() => folder.remove());

  const sarif = (args: string[]) => {
    const run = lint(['--format', 'sarif', ...args], { cwd: folder.path });
    return { run, log: JSON.parse(run.stdout) as SarifLog };
  };

  it('has the required top-level fields', () => {
    const { run, log } = sarif(['my site', 'other']);
    assert.equal(run.status, 1);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /^https:\/\/.*sarif.*2\.1\.0.*\.json$/);
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'creatio-config-lint');
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.doesNotThrow(() => new URL(driver.informationUri));
    assert.equal(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri, `${pathToFileURL(folder.path).href}/`);
    assert.equal(log.runs[0].invocations[0].executionSuccessful, true);
  });

  it('lists every rule with its default level', () => {
    const { log } = sarif(['other']);
    const rules = log.runs[0].tool.driver.rules;
    assert.deepEqual(rules.map((rule) => rule.id), RULES.map((rule) => rule.id));
    for (const [index, rule] of rules.entries()) {
      assert.ok(rule.shortDescription.text.length > 0, rule.id);
      assert.doesNotThrow(() => new URL(rule.helpUri), rule.id);
      assert.ok(rule.helpUri.endsWith(`#${rule.id}`), rule.id);
      assert.equal(rule.defaultConfiguration.level, LEVELS[RULES[index].defaultSeverity], rule.id);
    }
  });

  it('results match the json report', () => {
    const { log } = sarif(['my site', 'other']);
    const { reports } = lintJson(['my site', 'other'], { cwd: folder.path });
    const rules = log.runs[0].tool.driver.rules;
    const expected = reports.flatMap((report) =>
      report.messages.map((m) => ({
        ruleId: m.ruleId,
        level: LEVELS[m.severity],
        text: m.message,
        uri: report.filePath.replace(' ', '%20'),
        region: { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn },
      })),
    );
    const results = log.runs[0].results;
    assert.equal(results.length, expected.length);
    for (const [index, result] of results.entries()) {
      const location = result.locations[0].physicalLocation;
      assert.equal(rules[result.ruleIndex].id, result.ruleId, 'ruleIndex points at the rule');
      assert.deepEqual(
        { ruleId: result.ruleId, level: result.level, text: result.message.text, uri: location.artifactLocation.uri, region: location.region },
        expected[index],
      );
      assert.equal(location.artifactLocation.uriBaseId, '%SRCROOT%');
    }
    assert.ok(results.some((result) => result.level === 'note'), 'hints and information become notes');
    assert.ok(results.some((result) => result.locations[0].physicalLocation.artifactLocation.uri === 'my%20site/ConnectionStrings.config'));
  });

  it('marks a run with an unreadable file as failed', () => {
    const { run, log } = sarif(['other', 'missing.config']);
    assert.equal(run.status, 2);
    const invocation = log.runs[0].invocations[0];
    assert.equal(invocation.executionSuccessful, false);
    assert.deepEqual(invocation.toolExecutionNotifications, [{ level: 'error', message: { text: 'missing.config: file not found; check the path.' } }]);
    assert.ok(log.runs[0].results.length > 0, 'the readable file is still reported');
  });

  it('writes an empty result list for clean files', () => {
    folder.write('clean/ConnectionStrings.config', '<connectionStrings>\n  <add name="redis" connectionString="host=10.0.0.5;db=1" />\n</connectionStrings>\n');
    const { run, log } = sarif(['clean']);
    assert.equal(run.status, 0);
    assert.deepEqual(log.runs[0].results, []);
  });
});
