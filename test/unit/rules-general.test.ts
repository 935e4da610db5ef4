import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fixAllText } from '../../server/src/analysis/fixAll.js';
import type { Finding } from '../../server/src/analysis/types.js';
import { DEFAULT_SETTINGS } from '../../server/src/settings.js';
import { entriesConfig, findingsOf, redisConfig, settingsWith, spot, spotAfter, spots } from '../support/fixture.js';

/** Returns every text of a finding that a user or a log can see. */
function visibleTexts(finding: Finding): string[] {
  return [finding.message, ...finding.fixes.map((fix) => fix.title), ...(finding.related ?? []).map((related) => related.message)];
}

const DB = '<add name="db" connectionString="Data Source=sql01" />';

describe('secrets', () => {
  // Each input hides one of these words inside a password; no visible text may contain one.
  const words = ['Plugh', 'Xyzzy', 'Frotz', 'Gnusto', 'Rezrov', 'Blorb', 'Spell'];
  const inputs = [
    redisConfig('host=10.0.0.5;password=Plugh-42;certificatePassword=Xyzzy-77'),
    redisConfig('host=10.0.0.5;useTls=true;password=Plugh-42;PASSWORD=Frotz-19'),
    redisConfig('host=10.0.0.5;useTls=true;certificatePath=/etc/redis/client.pem;certificatePassword=Xyzzy-77'),
    redisConfig('host=10.0.0.5;useTls=false;certificatePassword=Xyzzy-77'),
    redisConfig('host=10.0.0.5;useTls=true;password=Gnusto;Spell'),
    redisConfig('host=10.0.0.5;useTls=true;password=Rezrov;Spell=x'),
    redisConfig('host=10.0.0.5;useTls=true;password=Blorb-55, db=1'),
    redisConfig('host=10.0.0.5;useTls=true;password=Plugh&42'),
    redisConfig('host=10.0.0.5;useTls=true;password=Frotz&Spell;'),
    redisConfig('redis://:Plugh-42@10.0.0.5:6379'),
    redisConfig('10.0.0.5:6380,password=Xyzzy-77,ssl=True'),
    redisConfig('host=10.0.0.5;useTls=true;password=Plugh-42', 'REDIS'),
    entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5;useTls=true;password=Plugh-42" />', '<add name="redis" connectionString="host=10.0.0.5;password=Xyzzy-77" />'),
  ];

  for (const [index, text] of inputs.entries()) {
    it(`never shows a secret, input ${index + 1}`, () => {
      const findings = findingsOf(text, settingsWith({ creatioVersion: '7.13.0' }));
      assert.ok(findings.length > 0, 'the input should produce findings');
      for (const finding of findings) {
        for (const visible of visibleTexts(finding)) {
          for (const word of words) assert.ok(!visible.includes(word), `${finding.ruleId} shows '${word}': ${visible}`);
        }
      }
    });
  }

  it('masks secrets as ••••', () => {
    const text = redisConfig('host=10.0.0.5;certificatePassword=Xyzzy-77');
    const ignored = findingsOf(text).find((finding) => finding.ruleId === 'tls-setting-ignored')!;
    assert.match(ignored.message, /'certificatePassword=••••'/);
  });
});

describe('non-Redis entries', () => {
  it('get no Redis rules', () => {
    const text = entriesConfig(
      '<add name="db" connectionString="Server=10.0.0.4;Port=99999;Database=crm;User ID=app;password=s3cret;" />',
      '<add name="redis" connectionString="host=10.0.0.5" />',
      '<add name="influx" connectionString="url=http://10.0.0.9:8086; user=app; password=s3cret; batchIntervalMs=5000" />',
      '<add name="messageBroker" connectionString="amqp://app:s3cret@10.0.0.7:5672" />',
      '<add name="elasticsearchCredentials" connectionString="User=elastic; Password=s3cret;" />',
      '<add name="quartz" connectionString="host=;db=;port=abc" />',
      '<add name="tempDirectoryPath" connectionString="C:\\Temp\\Creatio" />',
    );
    assert.deepEqual(spots(text), []);
  });

  it('follow redisConnectionNames', () => {
    const text = entriesConfig(DB, '<add name="redis" connectionString="port=abc" />', '<add name="cache" connectionString="port=xyz" />');
    const settings = settingsWith({ redisConnectionNames: ['cache'] });
    assert.deepEqual(spots(text, settings), [
      spotAfter(text, 'missing-host', 'error', 'name="cache"', 'port=xyz'),
      spot(text, 'invalid-number', 'error', 'xyz'),
    ]);
  });

  it('match the Redis name in any case', () => {
    const text = redisConfig('host=10.0.0.5;port=abc', 'Redis');
    assert.deepEqual(spots(text), [spot(text, 'invalid-number', 'error', 'abc')]);
  });
});

describe('ranges', () => {
  const value = 'host=10.0.0.5;user=a&amp;&quot;b&#59;c;\n     pasword=[RedisPassword];\n     port=x&lt;y';

  for (const [name, lineBreak] of [['LF', '\n'], ['CRLF', '\r\n']] as const) {
    it(`stay on the raw text with entities and ${name}`, () => {
      const text = redisConfig(value).replace(/\n/g, lineBreak);
      assert.deepEqual(spots(text), [
        spot(text, 'undocumented-key', 'information', 'user'),
        spotAfter(text, 'malformed-pair', 'error', '&#59;', 'c'),
        spot(text, 'unknown-key', 'warning', 'pasword'),
        spot(text, 'invalid-number', 'error', 'x&lt;y'),
      ]);
    });
  }

  it('cover a value that wraps lines', () => {
    const text = redisConfig('host=10.0.0.5;db=1;\r\n  useTls=\r\n  maybe').replace(/\n/g, '\r\n');
    assert.deepEqual(spots(text), [spot(text, 'invalid-boolean', 'error', 'maybe')]);
  });

  it('cover a pair that wraps lines', () => {
    const text = redisConfig('host=10.0.0.5;useTls=true;disableTlsCertificateValidation\n  =\n  true');
    assert.deepEqual(spots(text), [spot(text, 'tls-validation-disabled', 'warning', 'disableTlsCertificateValidation\n  =\n  true')]);
  });
});

describe('fix all', () => {
  it('applies every safe fix', () => {
    const text = redisConfig('HOST=10.0.0.5, port=6379;useTls=yes;maxWritePoolSise=500;user=a&b');
    const result = fixAllText(text, DEFAULT_SETTINGS);
    assert.equal(result.text, redisConfig('host=10.0.0.5; port=6379;useTls=true;maxWritePoolSize=500;user=a&amp;b'));
    assert.equal(result.applied, 5);
    assert.deepEqual(spots(result.text), [spot(result.text, 'undocumented-key', 'information', 'user')]);
  });

  it('repairs a host list', () => {
    const text = redisConfig('clusterHosts=[10.0.0.1:6379],2001:db8::1:6379,,10.0.0.3:6379');
    const result = fixAllText(text, DEFAULT_SETTINGS);
    assert.equal(result.text, redisConfig('clusterHosts=10.0.0.1:6379,[2001:db8::1]:6379,10.0.0.3:6379'));
    assert.deepEqual(spots(result.text), []);
  });

  it('leaves unsafe fixes alone', () => {
    const text = redisConfig('host=10.0.0.5;ssl=true;db=42');
    assert.equal(fixAllText(text, DEFAULT_SETTINGS).text, text);
  });
});
