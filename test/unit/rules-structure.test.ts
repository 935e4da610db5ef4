// Structure faults .NET rejects, secrets in broken tags, and foreign-format conversions that lose
// information.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/analysis/analyze.js';
import { DEFAULT_SETTINGS, resolveSettings } from '../../server/src/settings.js';
import { entriesConfig, redisConfig } from '../support/fixture.js';

function found(text: string) {
  return analyzeText(text, DEFAULT_SETTINGS).findings.filter((f) => f.ruleId !== 'plaintext-secret');
}

function summary(text: string) {
  return found(text).map((f) => [f.ruleId, text.slice(f.span.start, f.span.end)]);
}

describe('structure .NET rejects', () => {
  it('reports an element inside an entry', () => {
    const text = entriesConfig('<add name="redis" connectionString="host=a"><foo /></add>');
    assert.deepEqual(summary(text), [['unexpected-element', 'foo']]);
    assert.match(found(text)[0].message, /inside <add>/);
  });

  it('reports an unknown attribute on the section', () => {
    const text = '<connectionStrings foo="bar">\n  <add name="redis" connectionString="host=a" />\n</connectionStrings>\n';
    assert.deepEqual(summary(text), [['unknown-attribute', 'foo']]);
  });

  it('accepts configSource on the section', () => {
    const text = '<configuration>\n  <connectionStrings configSource="ConnectionStrings.config" />\n</configuration>\n';
    assert.deepEqual(summary(text), []);
  });

  it('reports an empty name', () => {
    const text = entriesConfig('<add name="" connectionString="x" />');
    assert.deepEqual(summary(text), [['missing-attribute', 'name=""']]);
  });
});

describe('secrets in broken markup', () => {
  it('keeps a password out of the stray fragment message', () => {
    const text = '<connectionStrings>\n  <redis connectionString="host=r;password=LeakSecret2\n</connectionStrings>\n';
    const findings = found(text);
    assert.ok(findings.length > 0);
    for (const finding of findings) assert.doesNotMatch(finding.message, /LeakSecret2/);
  });

  it('masks a password glued to another value', () => {
    const text = redisConfig('host=r;useTls=true;certificatePath=c.pfx password=LeakSecret6');
    for (const finding of found(text)) assert.doesNotMatch(finding.message, /LeakSecret6/);
  });

  it('names the missing semicolon before a glued password', () => {
    const text = redisConfig('host=r;port=6380 password=LeakSecret6;useTls=true');
    const invalid = found(text).find((f) => f.ruleId === 'invalid-number');
    assert.ok(invalid);
    assert.equal(invalid.message, "'port' expects a port number from 1 to 65535, but its value runs into the next pair: a semicolon is missing before password.");
  });
});

describe('foreign-format conversions', () => {
  it('turns a StackExchange Sentinel string into sentinelHosts', () => {
    const text = redisConfig('s1.local:26379,s2.local:26379,serviceName=mymaster,password=Pw1');
    const [fix] = found(text).find((f) => f.ruleId === 'foreign-format')!.fixes;
    assert.equal(fix.edits[0].newText, 'sentinelHosts=s1.local:26379,s2.local:26379;masterName=mymaster;password=Pw1');
    assert.equal(fix.safe, true);
  });

  it('maps ssl=true of a redis URI and keeps the fix safe', () => {
    const text = redisConfig('redis://:UriSecret77@redis.local:6380/3?ssl=true');
    const [fix] = found(text).find((f) => f.ruleId === 'foreign-format')!.fixes;
    assert.equal(fix.edits[0].newText, 'host=redis.local;port=6380;db=3;useTls=true;password=UriSecret77');
    assert.equal(fix.safe, true);
  });

  it('marks a lossy conversion as not safe', () => {
    const text = redisConfig('redis://:UriSecret77@redis.local:6380/3?ssl_cert_reqs=none');
    const [fix] = found(text).find((f) => f.ruleId === 'foreign-format')!.fixes;
    assert.equal(fix.title, "Convert to Creatio's key=value format (drops the option ssl_cert_reqs)");
    assert.equal(fix.safe, false);
  });
});

describe('rules setting', () => {
  it('keeps the valid severities when one is invalid', () => {
    const { settings, problems } = resolveSettings({ rules: { 'plaintext-secret': 'off', 'tls-validation-disabled': 'warn' } });
    assert.deepEqual(settings.rules, { 'plaintext-secret': 'off' });
    assert.equal(problems.length, 1);
    assert.match(problems[0], /"warn" for tls-validation-disabled/);
  });
});

describe('a Creatio version with fewer parts', () => {
  it('reports no key that a later 8.x version reads', () => {
    const text = redisConfig('host=r;useTls=true;certificatePath=C:\\\\c.pfx');
    const findings = analyzeText(text, { ...DEFAULT_SETTINGS, creatioVersion: '8' }).findings;
    assert.deepEqual(findings.filter((f) => f.ruleId === 'requires-newer-creatio'), []);
  });

  it('still reports a key that no 7.x version reads', () => {
    const text = redisConfig('host=r;useTls=true');
    const findings = analyzeText(text, { ...DEFAULT_SETTINGS, creatioVersion: '7' }).findings;
    assert.deepEqual(findings.filter((f) => f.ruleId === 'requires-newer-creatio').map((f) => text.slice(f.span.start, f.span.end)), ['useTls']);
  });
});

describe('closing an unclosed tag', () => {
  it('reuses the space after the last attribute', () => {
    const text = '<connectionStrings>\n  <add name="redis" connectionString="host=a" \n</connectionStrings>\n';
    const finding = analyzeText(text, DEFAULT_SETTINGS).findings.find((f) => f.ruleId === 'xml-syntax')!;
    const [edit] = finding.fixes[0].edits;
    const fixed = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
    assert.equal(fixed, '<connectionStrings>\n  <add name="redis" connectionString="host=a" />\n</connectionStrings>\n');
  });
});

describe('message length', () => {
  const messagesOf = (text: string) => analyzeText(text, { ...DEFAULT_SETTINGS, checkCertificateFiles: false }).findings.map((finding) => [finding.ruleId, finding.message]);

  it('long quoted value: shortened', () => {
    const text = redisConfig(`host=r;port=${'x'.repeat(120)}`);
    assert.deepEqual(messagesOf(text), [['invalid-number', `'port' expects a port number from 1 to 65535, not '${'x'.repeat(79)}…'.`]]);
  });

  it('prose between quotes: kept whole', () => {
    const text = redisConfig('host=r;db=1;useTls=true;password=ab;cd=ef').replace('</connectionStrings>', '<!-- a -- b -->\n</connectionStrings>');
    const messages = messagesOf(text).map(([, message]) => message);
    assert.ok(messages.includes("The text after the password value is not a key Creatio reads. A ';' inside the password splits the string there, because Creatio reads each pair up to a ';'. Choose a password without ';'."), messages.join('\n'));
    assert.ok(messages.includes("'--' is not allowed inside a comment. .NET rejects the file; replace it, for example with '- -'."), messages.join('\n'));
  });
});
