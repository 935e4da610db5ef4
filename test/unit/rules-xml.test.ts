import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addedMarks,
  applyFix,
  applyFixOf,
  entriesConfig,
  findingsFor,
  fixTitled,
  onlyFinding,
  redisConfig,
  settingsWith,
  spot,
  spotAfter,
  spots,
} from '../support/fixture.js';

const DB = '<add name="db" connectionString="Data Source=sql01" />';

describe('xml-syntax', () => {
  it('marks a bare & and escapes it', () => {
    const text = redisConfig('host=10.0.0.5;useTls=true;password=[RedisPassword];user=a&b');
    assert.deepEqual(spots(text), [
      spot(text, 'undocumented-key', 'information', 'user'),
      spot(text, 'xml-syntax', 'error', '&b'),
    ]);

    const fixed = applyFixOf(text, 'xml-syntax', 'Escape & as &amp;');
    assert.equal(fixed, redisConfig('host=10.0.0.5;useTls=true;password=[RedisPassword];user=a&amp;b'));
    assert.deepEqual(findingsFor(fixed, 'xml-syntax'), []);
    assert.deepEqual(addedMarks(text, fixed), []);
  });

  it('marks an undeclared entity', () => {
    const text = redisConfig('host=&redisHost;');
    const finding = onlyFinding(text, 'xml-syntax');
    assert.deepEqual(spots(text), [spot(text, 'xml-syntax', 'error', '&redisHost;')]);
    assert.equal(finding.fixes[0].isPreferred, false);
  });

  it('accepts predefined and character entities', () => {
    const text = redisConfig('host=10.0.0.5;useTls=true;password=[RedisPassword];user=a&amp;&lt;&gt;&quot;&apos;&#65;&#x42;');
    assert.deepEqual(spots(text), [spot(text, 'undocumented-key', 'information', 'user')]);
  });

  it('marks -- inside a comment', () => {
    const text = entriesConfig('<!-- old -- value -->', DB, '<add name="redis" connectionString="host=10.0.0.5" />');
    assert.deepEqual(spots(text), [spot(text, 'xml-syntax', 'error', '--', 1)]);
  });

  it('marks an unclosed add and reads the next entry', () => {
    const text = entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5;db=1"', '<add name="influx" connectionString="url=http://10.0.0.9:8086" />');
    assert.deepEqual(spots(text), [spot(text, 'xml-syntax', 'error', '<add name="redis"')]);

    const fixed = applyFixOf(text, 'xml-syntax', "Close the tag with '/>'");
    assert.equal(fixed, entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5;db=1" />', '<add name="influx" connectionString="url=http://10.0.0.9:8086" />'));
    assert.deepEqual(spots(fixed), []);
  });

  it('marks a missing closing quote once', () => {
    const text = entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5;db=1 />', '<add name="influx" connectionString="url=http://10.0.0.9:8086" />');
    assert.deepEqual(spots(text), [spotAfter(text, 'xml-syntax', 'error', 'name="redis"', 'connectionString')]);

    const fixed = applyFixOf(text, 'xml-syntax', 'Add the closing quote');
    assert.equal(fixed, entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5;db=1" />', '<add name="influx" connectionString="url=http://10.0.0.9:8086" />'));
    assert.deepEqual(spots(fixed), []);
  });

  it('marks a missing closing quote at the end of the file', () => {
    const text = `<connectionStrings>\n  ${DB}\n  <add name="redis" connectionString="host=10.0.0.5;db=1 />\n</connectionStrings>\n`;
    assert.deepEqual(spots(text), [spotAfter(text, 'xml-syntax', 'error', 'name="redis"', 'connectionString')]);
  });

  it('marks an early quote inside a value', () => {
    const text = redisConfig('host=10.0.0.5;useTls=true;password=s3"cret');
    assert.deepEqual(spots(text), [spot(text, 'xml-syntax', 'error', 'cret"')]);

    const finding = onlyFinding(text, 'xml-syntax');
    assert.doesNotMatch(finding.message, /s3|cret/);
    const fixed = applyFix(text, fixTitled(finding, 'Escape the inner quote as &quot;'));
    assert.equal(fixed, redisConfig('host=10.0.0.5;useTls=true;password=s3&quot;cret'));
    assert.deepEqual(findingsFor(fixed, 'xml-syntax'), []);
  });

  it('quotes an unquoted placeholder whole', () => {
    const text = entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" />', '<add name="tempDirectoryPath" connectionString=[Path to folder] />');
    assert.deepEqual(spots(text), [spot(text, 'xml-syntax', 'error', '[Path to folder]')]);

    const fixed = applyFixOf(text, 'xml-syntax', 'Put the value in quotes');
    assert.equal(fixed, entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" />', '<add name="tempDirectoryPath" connectionString="[Path to folder]" />'));
    assert.deepEqual(spots(fixed), []);
  });

  it('quotes an unquoted word', () => {
    const text = entriesConfig(DB, '<add name=redis connectionString="host=10.0.0.5" />');
    assert.deepEqual(spots(text), [spot(text, 'xml-syntax', 'error', 'redis')]);
    const fixed = applyFixOf(text, 'xml-syntax', 'Put the value in quotes');
    assert.equal(fixed, entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" />'));
  });

  it('deletes a stray fragment', () => {
    const redis = '<add name="redis" connectionString="host=10.0.0.5;db=1;port=6379" />';
    const text = entriesConfig(DB, `${redis} <Integrated Security=SSPI" />`, '<add name="defRepositoryUri" connectionString="" />');
    assert.deepEqual(spots(text), [spot(text, 'xml-syntax', 'error', '<Integrated Security=SSPI" />')]);

    const finding = onlyFinding(text, 'xml-syntax');
    assert.equal(fixTitled(finding, 'Delete the stray fragment').safe, false);
    const fixed = applyFix(text, fixTitled(finding, 'Delete the stray fragment'));
    assert.equal(fixed, entriesConfig(DB, redis, '<add name="defRepositoryUri" connectionString="" />'));
    assert.deepEqual(spots(fixed), []);
  });

  it('marks a repeated attribute', () => {
    const text = entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" connectionString="host=10.0.0.6" />');
    assert.deepEqual(spots(text), [spot(text, 'xml-syntax', 'error', 'connectionString=', 2)]);
  });

  it('marks a mismatched end tag once', () => {
    const text = entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" />', '<remove name="influx"></add>');
    assert.deepEqual(spots(text), [spot(text, 'xml-syntax', 'error', '</add>')]);

    const fixed = applyFixOf(text, 'xml-syntax', 'Write </remove>');
    assert.equal(fixed, entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" />', '<remove name="influx"></remove>'));
    assert.deepEqual(spots(fixed), []);
  });

  it('marks an end tag without start tag', () => {
    const text = entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" /></add>');
    assert.deepEqual(spots(text), [spot(text, 'xml-syntax', 'error', '</add>')]);
  });

  it('marks a misspelled root end tag', () => {
    const text = `<connectionStrings>\n  ${DB}\n  <add name="redis" connectionString="host=10.0.0.5" />\n</connectionString>\n`;
    assert.deepEqual(spots(text), [spot(text, 'xml-syntax', 'error', '</connectionString>')]);
  });

  it('marks text outside the root', () => {
    const text = `${entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" />')}copied text\n`;
    assert.deepEqual(spots(text), [spot(text, 'xml-syntax', 'error', 'copied')]);
  });

  it('marks a second root', () => {
    const text = `${entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" />')}<connectionStrings />\n`;
    assert.deepEqual(spots(text), [spot(text, 'xml-syntax', 'error', 'connectionStrings', 2)]);
  });

  it('accepts a BOM and CRLF line breaks', () => {
    const text = '\uFEFF' + entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5;db=1" />').replace(/\n/g, '\r\n');
    assert.deepEqual(spots(text), []);
  });

  it('keeps ranges after a BOM', () => {
    const text = '\uFEFF' + redisConfig('host=10.0.0.5;db=x').replace(/\n/g, '\r\n');
    assert.deepEqual(spots(text), [spotAfter(text, 'invalid-number', 'error', 'db=', 'x')]);
  });
});

describe('doctype', () => {
  it('marks the DOCTYPE keyword', () => {
    const text = `<!DOCTYPE connectionStrings [ <!ENTITY pw "Ent1ty-Secret"> ]>\n${entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5;useTls=true;password=&pw;" />').replace(/^<\?xml.*\n/, '')}`;
    assert.deepEqual(spots(text), [
      spot(text, 'doctype', 'warning', '<!DOCTYPE'),
      spot(text, 'plaintext-secret', 'hint', '&pw;'),
    ]);
  });

  it('stays silent without a DOCTYPE', () => {
    assert.deepEqual(findingsFor(redisConfig('host=10.0.0.5'), 'doctype'), []);
  });
});

describe('unexpected-element', () => {
  it('marks a foreign child of the section', () => {
    const text = entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" />', '<redis connectionStringName="redis" />');
    assert.deepEqual(spots(text), [spotAfter(text, 'unexpected-element', 'error', '<redis', 'redis')]);
  });

  it('marks an unknown root', () => {
    const text = '<appSettings>\n  <add key="RedisUseTls" value="true" />\n</appSettings>\n';
    assert.deepEqual(spots(text), [spot(text, 'unexpected-element', 'error', 'appSettings')]);
  });

  it('accepts a Web.config with the section inline', () => {
    const text = [
      '<configuration>',
      '  <appSettings>',
      '    <add key="RedisUseTls" value="false" />',
      '  </appSettings>',
      '  <connectionStrings>',
      `    ${DB}`,
      '    <add name="redis" connectionString="host=10.0.0.5;db=x" />',
      '  </connectionStrings>',
      '</configuration>',
      '',
    ].join('\n');
    assert.deepEqual(spots(text), [spotAfter(text, 'invalid-number', 'error', 'db=', 'x')]);
  });
});

describe('unknown-attribute', () => {
  it('renames an attribute written in other case', () => {
    const text = entriesConfig(DB, '<add name="redis" ConnectionString="host=10.0.0.5" />');
    assert.deepEqual(spots(text), [spot(text, 'unknown-attribute', 'error', 'ConnectionString')]);

    const fixed = applyFixOf(text, 'unknown-attribute', 'Rename to connectionString');
    assert.equal(fixed, entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" />'));
    assert.deepEqual(spots(fixed), []);
  });

  it('removes an unknown attribute', () => {
    const text = entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" provider="x" />');
    assert.deepEqual(spots(text), [spot(text, 'unknown-attribute', 'error', 'provider')]);

    const fixed = applyFixOf(text, 'unknown-attribute', 'Remove attribute provider');
    assert.equal(fixed, entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" />'));
  });

  it('marks attributes on clear', () => {
    const text = entriesConfig('<clear name="x" />', DB, '<add name="redis" connectionString="host=10.0.0.5" />');
    assert.deepEqual(spots(text), [spot(text, 'unknown-attribute', 'error', 'name')]);
  });

  it('accepts providerName, lock attributes and xdt', () => {
    const text = entriesConfig(
      DB,
      '<add name="redis" connectionString="host=10.0.0.5" providerName="x" lockItem="true" xdt:Transform="Replace" xdt:Locator="Match(name)" />',
    );
    assert.deepEqual(findingsFor(text, 'unknown-attribute'), []);
  });
});

describe('missing-attribute', () => {
  it('marks add without name', () => {
    const text = entriesConfig(DB, '<add connectionString="host=10.0.0.5" />', '<add name="redis" connectionString="host=10.0.0.5" />');
    assert.deepEqual(spots(text), [spotAfter(text, 'missing-attribute', 'error', '<add connectionString', 'add')]);
  });

  it('marks add without connectionString', () => {
    const text = entriesConfig(DB, '<add name="redis" />');
    assert.deepEqual(spots(text), [spotAfter(text, 'missing-attribute', 'error', '<add name="redis"', 'add')]);
    assert.match(onlyFinding(text, 'missing-attribute').message, /<add name="redis">/);
  });

  it('marks remove without name', () => {
    const text = entriesConfig(DB, '<remove />', '<add name="redis" connectionString="host=10.0.0.5" />');
    assert.deepEqual(spots(text), [spot(text, 'missing-attribute', 'error', 'remove')]);
  });

  it('leaves a misspelled attribute to unknown-attribute', () => {
    const text = entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" />', '<add Name="influx" connectionString="url=http://10.0.0.9:8086" />');
    assert.deepEqual(spots(text), [spot(text, 'unknown-attribute', 'error', 'Name')]);
  });

  it('accepts an empty connectionString', () => {
    const text = entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" />', '<add name="defRepositoryUri" connectionString="" />');
    assert.deepEqual(spots(text), []);
  });

  it('accepts partial transform entries', () => {
    const text = [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<connectionStrings xmlns:xdt="http://schemas.microsoft.com/XML-Document-Transform">',
      '  <add name="redisSentinel" xdt:Transform="Remove" xdt:Locator="Match(name)" />',
      '  <add name="db" connectionString="Data Source=sql02" xdt:Transform="SetAttributes" xdt:Locator="Match(name)" />',
      '  <add xdt:Transform="RemoveAll" />',
      '</connectionStrings>',
      '',
    ].join('\n');
    assert.deepEqual(spots(text), []);
  });

  it('marks an inserted entry without connectionString', () => {
    const text = [
      '<connectionStrings xmlns:xdt="http://schemas.microsoft.com/XML-Document-Transform">',
      '  <add name="influx" xdt:Transform="Insert" />',
      '</connectionStrings>',
      '',
    ].join('\n');
    assert.deepEqual(spots(text), [spot(text, 'missing-attribute', 'error', 'add')]);
  });
});

describe('duplicate-name', () => {
  it('marks the second name attribute', () => {
    const text = entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" />', '<add name="redis" connectionString="host=10.0.0.6" />');
    assert.deepEqual(spots(text), [spot(text, 'duplicate-name', 'error', 'name="redis"', 1)]);

    const finding = onlyFinding(text, 'duplicate-name');
    assert.deepEqual(finding.related?.map((related) => related.span), [{ start: text.indexOf('name="redis"'), end: text.indexOf('name="redis"') + 'name="redis"'.length }]);
    const fixed = applyFix(text, fixTitled(finding, 'Remove this duplicate entry'));
    assert.equal(fixed, entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" />'));
    assert.deepEqual(spots(fixed), []);
  });

  it('removes a duplicate on a CRLF line', () => {
    const text = entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" />', '<add name="redis" connectionString="host=10.0.0.6" />').replace(/\n/g, '\r\n');
    const fixed = applyFixOf(text, 'duplicate-name', 'Remove this duplicate entry');
    assert.equal(fixed, entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" />').replace(/\n/g, '\r\n'));
  });

  it('accepts a name again after remove or clear', () => {
    const text = entriesConfig(
      DB,
      '<add name="redis" connectionString="host=10.0.0.5" />',
      '<remove name="redis" />',
      '<add name="redis" connectionString="host=10.0.0.6" />',
      '<clear />',
      DB,
      '<add name="redis" connectionString="host=10.0.0.7" />',
    );
    assert.deepEqual(spots(text), []);
  });

  it('ignores transform entries', () => {
    const text = [
      '<connectionStrings xmlns:xdt="http://schemas.microsoft.com/XML-Document-Transform">',
      '  <add name="redis" connectionString="host=10.0.0.5" xdt:Transform="Replace" xdt:Locator="Match(name)" />',
      '  <add name="redis" connectionString="host=10.0.0.6" xdt:Transform="Replace" xdt:Locator="Match(name)" />',
      '</connectionStrings>',
      '',
    ].join('\n');
    assert.deepEqual(findingsFor(text, 'duplicate-name'), []);
  });
});

describe('duplicate-name-case', () => {
  it('marks a name differing in case', () => {
    const text = entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" />', '<add name="Redis" connectionString="host=10.0.0.6" />');
    assert.deepEqual(spots(text), [spot(text, 'duplicate-name-case', 'warning', 'name="Redis"')]);
  });

  it('accepts the twin after clear', () => {
    const text = entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" />', '<clear />', DB, '<add name="Redis" connectionString="host=10.0.0.6" />');
    assert.deepEqual(spots(text), []);
  });
});

describe('missing-redis', () => {
  it('marks the section and adds a redis entry', () => {
    const text = entriesConfig(DB, '<add name="influx" connectionString="url=http://10.0.0.9:8086" />');
    assert.deepEqual(spots(text), [spot(text, 'missing-redis', 'warning', 'connectionStrings')]);

    const fixed = applyFixOf(text, 'missing-redis', 'Add a redis entry after db');
    assert.equal(
      fixed,
      entriesConfig(DB, '<add name="redis" connectionString="host=localhost;port=6379;db=0" />', '<add name="influx" connectionString="url=http://10.0.0.9:8086" />'),
    );
    assert.deepEqual(spots(fixed), []);
  });

  it('keeps CRLF in the added entry', () => {
    const text = entriesConfig(DB).replace(/\n/g, '\r\n');
    const fixed = applyFixOf(text, 'missing-redis', 'Add a redis entry after db');
    assert.equal(fixed, entriesConfig(DB, '<add name="redis" connectionString="host=localhost;port=6379;db=0" />').replace(/\n/g, '\r\n'));
  });

  it('offers no entry while the XML is broken', () => {
    // The db tag has no closing quote, so its end lies inside the broken text.
    const text = entriesConfig('<add name="db" connectionString="Server=sql01;Database=cr>');
    const finding = onlyFinding(text, 'missing-redis');
    assert.deepEqual(finding.fixes, []);
    assert.ok(findingsFor(text, 'xml-syntax').length > 0);
  });

  it('accepts redisSentinel as the Redis entry', () => {
    const text = redisConfig('sentinelHosts=10.0.0.5:26379;masterName=mymaster', 'redisSentinel');
    assert.deepEqual(findingsFor(text, 'missing-redis'), []);
  });

  it('needs no redis in a file without db', () => {
    const text = entriesConfig('<add name="influx" connectionString="url=http://10.0.0.9:8086" />');
    assert.deepEqual(spots(text), []);
  });

  it('needs no redis in a transform file', () => {
    const text = [
      '<connectionStrings xmlns:xdt="http://schemas.microsoft.com/XML-Document-Transform">',
      '  <add name="db" connectionString="Data Source=sql02" xdt:Transform="SetAttributes" xdt:Locator="Match(name)" />',
      '</connectionStrings>',
      '',
    ].join('\n');
    assert.deepEqual(spots(text), []);
  });

  it('follows redisConnectionNames', () => {
    const text = redisConfig('host=10.0.0.5', 'cache');
    assert.deepEqual(findingsFor(text, 'missing-redis', settingsWith({ redisConnectionNames: ['cache'] })), []);
    assert.equal(findingsFor(text, 'missing-redis').length, 1);
  });
});
