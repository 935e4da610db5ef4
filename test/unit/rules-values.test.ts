import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fixAllText } from '../../server/src/analysis/fixAll.js';
import { findPipelineTokens, isPlaceholder } from '../../server/src/model/placeholders.js';
import { findGluedKey } from '../../server/src/rules/edits.js';
import { DEFAULT_SETTINGS } from '../../server/src/settings.js';
import {
  addedMarks,
  applyFix,
  applyFixOf,
  findingsFor,
  fixTitled,
  onlyFinding,
  redisConfig,
  settingsWith,
  spanAfter,
  spanOf,
  spot,
  spotAfter,
  spots,
} from '../support/fixture.js';

const PLACEHOLDERS = [
  '[RedisSecret]',
  '${REDIS_VALUE}',
  '$REDIS_VALUE',
  '#{Redis.Value}#',
  '__RedisValue__',
  '$(Redis.Value)',
  '${REDIS_VALUE:-0}',
  '${REDIS_VALUE-0}',
  '${REDIS_VALUE:=0}',
  '{{ redis_value }}',
  '{{redis_value}}',
];

describe('placeholders', () => {
  for (const placeholder of PLACEHOLDERS) {
    it(`passes value checks: ${placeholder}`, () => {
      const value = (key: string) => `${key}=${placeholder}`;
      const keys = ['host', 'port', 'db', 'maxReadPoolSize', 'maxWritePoolSize', 'useTls', 'password', 'certificatePath', 'certificatePassword'];
      const text = redisConfig(keys.map(value).join(';'));
      assert.deepEqual(spots(text), []);
    });

    it(`passes as a whole value: ${placeholder}`, () => {
      assert.deepEqual(spots(redisConfig(placeholder)), []);
    });

    it(`passes in a host list: ${placeholder}`, () => {
      assert.deepEqual(spots(redisConfig(`clusterHosts=${placeholder}`)), []);
    });
  }

  it('accepts shell defaults and templates', () => {
    assert.deepEqual(spots(redisConfig('host=${REDIS_HOST:-redis};db=${REDIS_DB:-0}')), []);
    assert.deepEqual(spots(redisConfig('host={{ redis_host }};db={{ redis_db }};port={{ redis_port }};useTls=true;password={{ redis_password }}')), []);
    assert.deepEqual(spots(redisConfig('host={{redis_host}};db={{redis_db}}')), []);
  });

  it('rejects text that only looks like a token', () => {
    for (const value of ['${1}', '${}', '{{ }}', '{{a}', '$ {A}', '#{}#', '__1__', '$()', '${A}x', 'x{{a}}', '${A}${B}']) {
      assert.equal(isPlaceholder(value), false, value);
    }
  });

  it('finds tokens inside a value', () => {
    const value = 'redis-#{Env}#.corp:${PORT:-6379},$(Node)__Suffix__{{ x }}$HOST';
    const found = findPipelineTokens(value).map((token) => value.slice(token.start, token.end));
    assert.deepEqual(found, ['#{Env}#', '${PORT:-6379}', '$(Node)', '__Suffix__', '{{ x }}', '$HOST']);
  });

  it('finds tokens in linear time', () => {
    const inputs = ['${A-a'.repeat(200_000), `{{${'a'.repeat(1_000_000)}`, `{{${' '.repeat(1_000_000)}`, '__a.'.repeat(250_000), `__${'a_'.repeat(500_000)}`, '#{a'.repeat(300_000)];
    const started = performance.now();
    for (const input of inputs) {
      findPipelineTokens(input);
      isPlaceholder(input);
    }
    // The bound is a hang guard only: a backtracking pattern would be quadratic on these.
    assert.ok(performance.now() - started < 2000, `took ${(performance.now() - started).toFixed(0)} ms`);
  });

  it('keeps TLS rules quiet for a useTls token', () => {
    const text = redisConfig('host=10.0.0.5;useTls=${REDIS_TLS};password=[RedisPassword];disableTlsCertificateValidation=true');
    assert.deepEqual(spots(text), []);
  });
});

describe('invalid-boolean', () => {
  it('changes yes to true', () => {
    const text = redisConfig('host=10.0.0.5;useTls=yes');
    assert.deepEqual(spots(text), [spot(text, 'invalid-boolean', 'error', 'yes')]);

    const fix = fixTitled(onlyFinding(text, 'invalid-boolean'), 'Change to true');
    assert.equal(fix.safe, true);
    const fixed = applyFix(text, fix);
    assert.equal(fixed, redisConfig('host=10.0.0.5;useTls=true'));
    assert.deepEqual(spots(fixed), []);
  });

  it('changes 0 to false', () => {
    const text = redisConfig('sentinelHosts=10.0.0.5:26379;masterName=mymaster;scanForOtherSentinels=0');
    assert.deepEqual(spots(text), [spotAfter(text, 'invalid-boolean', 'error', 'scanForOtherSentinels=', '0')]);
    const fixed = applyFixOf(text, 'invalid-boolean', 'Change to false');
    assert.equal(fixed, redisConfig('sentinelHosts=10.0.0.5:26379;masterName=mymaster;scanForOtherSentinels=false'));
    assert.deepEqual(spots(fixed), []);
  });

  it('offers both words for an unclear value', () => {
    const text = redisConfig('host=10.0.0.5;useTls=maybe');
    const finding = onlyFinding(text, 'invalid-boolean');
    assert.deepEqual(finding.fixes.map((fix) => [fix.title, fix.safe]), [['Change to true', undefined], ['Change to false', undefined]]);
  });

  it('reveals the validation rule after a fix', () => {
    const text = redisConfig('host=10.0.0.5;useTls=true;disableTlsCertificateValidation=1');
    assert.deepEqual(spots(text), [spotAfter(text, 'invalid-boolean', 'error', 'disableTlsCertificateValidation=', '1')]);
    const fixed = applyFixOf(text, 'invalid-boolean', 'Change to true (turns server certificate validation off)');
    assert.deepEqual(addedMarks(text, fixed), [['tls-validation-disabled', 'warning', 'disableTlsCertificateValidation=true']]);
  });

  it('inserts a missing semicolon instead of changing a glued value', () => {
    const text = redisConfig('host=r1;db=1;useTls=true password=RdPw_Kk11');
    const finding = onlyFinding(text, 'invalid-boolean');
    assert.equal(finding.message, "'useTls' expects true or false, but its value runs into the next pair: a semicolon is missing before password.");
    assert.deepEqual(finding.fixes.map((fix) => fix.title), ["Insert ';' before password"]);
    assert.equal(applyFix(text, finding.fixes[0]), redisConfig('host=r1;db=1;useTls=true; password=RdPw_Kk11'));
  });

  it('inserts the semicolon where the whitespace starts', () => {
    const text = redisConfig('host=r1;useTls=true\u00a0\t password = RdPw_Kk11');
    const finding = onlyFinding(text, 'invalid-boolean');
    assert.deepEqual(spots(text), [spot(text, 'invalid-boolean', 'error', 'true\u00a0\t password = RdPw_Kk11')]);
    const at = spanOf(text, '\u00a0').start;
    assert.deepEqual(fixTitled(finding, "Insert ';' before password").edits, [{ start: at, end: at, newText: ';' }]);
  });

  it('offers no semicolon before an unknown key', () => {
    const text = redisConfig('host=r1;useTls=true x=1 password=RdPw_Kk11');
    const finding = onlyFinding(text, 'invalid-boolean');
    assert.deepEqual(finding.fixes.map((fix) => fix.title), ['Change to true', 'Change to false']);
  });

  it('accepts any case and spacing', () => {
    for (const value of ['True', 'TRUE', ' true ', 'False', 'fAlSe']) {
      assert.deepEqual(findingsFor(redisConfig(`host=10.0.0.5;useTls=${value}`), 'invalid-boolean'), [], value);
    }
  });

  it('finds a value over CRLF', () => {
    const text = redisConfig('host=10.0.0.5;\r\n    useTls=on').replace(/\n/g, '\r\n');
    assert.deepEqual(spots(text), [spotAfter(text, 'invalid-boolean', 'error', 'useTls=', 'on')]);
  });
});

describe('invalid-number', () => {
  it('marks ports outside 1 to 65535', () => {
    for (const port of ['0', '65536', '99999', 'abc', '-1', '6379.0']) {
      const text = redisConfig(`host=10.0.0.5;port=${port}`);
      assert.deepEqual(spots(text), [spotAfter(text, 'invalid-number', 'error', 'port=', port)], port);
    }
  });

  it('accepts ports 1 and 65535', () => {
    for (const port of ['1', '6379', '65535']) {
      assert.deepEqual(spots(redisConfig(`host=10.0.0.5;port=${port}`)), [], port);
    }
  });

  it('marks a negative or text db', () => {
    for (const db of ['-1', 'one', '1.5']) {
      const text = redisConfig(`host=10.0.0.5;db=${db}`);
      assert.deepEqual(spots(text), [spotAfter(text, 'invalid-number', 'error', 'db=', db)], db);
    }
  });

  it('marks pool sizes below 1', () => {
    const text = redisConfig('host=10.0.0.5;maxReadPoolSize=0;maxWritePoolSize=-5');
    assert.deepEqual(spots(text), [
      spotAfter(text, 'invalid-number', 'error', 'maxReadPoolSize=', '0'),
      spot(text, 'invalid-number', 'error', '-5'),
    ]);
  });

  it('judges a value with a token by its literal digits', () => {
    assert.deepEqual(spots(redisConfig('host=10.0.0.5;port=63${PORT_SUFFIX};db=#{DbPrefix}#1')), []);
    const text = redisConfig('host=10.0.0.5;db=${DB}x');
    assert.deepEqual(spots(text), [spotAfter(text, 'invalid-number', 'error', 'db=', '${DB}x')]);
    assert.equal(onlyFinding(text, 'invalid-number').message, "'db' expects a database number, 0 or more, not '${DB}x'.");
  });

  it('inserts a missing semicolon after a db number', () => {
    const text = redisConfig('host=r1;db=1   port=6380');
    const finding = onlyFinding(text, 'invalid-number');
    assert.equal(finding.message, "'db' expects a database number, 0 or more, but its value runs into the next pair: a semicolon is missing before port.");
    const at = spanAfter(text, 'db=1', ' ').start;
    assert.deepEqual(fixTitled(finding, "Insert ';' before port").edits, [{ start: at, end: at, newText: ';' }]);
    const fixed = applyFix(text, finding.fixes[0]);
    assert.equal(fixed, redisConfig('host=r1;db=1;   port=6380'));
    assert.deepEqual(spots(fixed), []);
  });

  it('accepts the sample pool sizes', () => {
    assert.deepEqual(spots(redisConfig('host=10.0.0.5;maxReadPoolSize=10;maxWritePoolSize=500')), []);
  });
});

describe('findGluedKey', () => {
  it('returns the first match of the pattern it replaces', () => {
    const pattern = /\s+([A-Za-z_]\w*)\s*=/;
    const characters = fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u2003', '\u2028', '\ufeff', '\u200b', 'a', 'Z', '_', '7', '=', ';', '-', 'é');
    fc.assert(
      fc.property(fc.array(characters, { maxLength: 24 }), (parts) => {
        const value = parts.join('');
        const match = pattern.exec(value);
        assert.deepEqual(findGluedKey(value), match ? { index: match.index, key: match[1] } : undefined, JSON.stringify(value));
      }),
      { seed: 20_261_204, numRuns: 20_000 },
    );
  });

  it('scans a long run of spaces in linear time', () => {
    const started = performance.now();
    assert.equal(findGluedKey(`true${' '.repeat(1_000_000)}x`), undefined);
    assert.deepEqual(findGluedKey(`true${' '.repeat(1_000_000)}password=x`), { index: 4, key: 'password' });
    // The bound is a hang guard only: the regular expression is quadratic on these and takes minutes.
    assert.ok(performance.now() - started < 2000, `took ${(performance.now() - started).toFixed(0)} ms`);
  });
});

describe('db-out-of-range', () => {
  it('accepts db 0 to 15', () => {
    for (let db = 0; db <= 15; db++) {
      assert.deepEqual(spots(redisConfig(`host=10.0.0.5;db=${db}`)), [], String(db));
    }
  });

  it('marks db 16', () => {
    const text = redisConfig('host=10.0.0.5;db=16');
    assert.deepEqual(spots(text), [spot(text, 'db-out-of-range', 'warning', '16')]);

    const finding = onlyFinding(text, 'db-out-of-range');
    assert.equal(fixTitled(finding, 'Set db=0').safe, undefined);
    const fixed = applyFix(text, fixTitled(finding, 'Set db=0'));
    assert.equal(fixed, redisConfig('host=10.0.0.5;db=0'));
    assert.deepEqual(spots(fixed), []);
  });

  it('asks about a db equal to the port', () => {
    const text = redisConfig('host=10.0.0.5;port=6379;db=6379');
    assert.deepEqual(spots(text), [spotAfter(text, 'db-out-of-range', 'warning', 'db=', '6379')]);
    assert.match(onlyFinding(text, 'db-out-of-range').message, /swapped/);
  });

  it('follows redisDatabaseCount', () => {
    const settings = settingsWith({ redisDatabaseCount: 32 });
    assert.deepEqual(findingsFor(redisConfig('host=10.0.0.5;db=31'), 'db-out-of-range', settings), []);
    const text = redisConfig('host=10.0.0.5;db=32');
    assert.deepEqual(findingsFor(text, 'db-out-of-range', settings).length, 1);
  });

  it('leaves a Cluster db to cluster-db', () => {
    const text = redisConfig('clusterHosts=10.0.0.1:6379;db=20');
    assert.deepEqual(spots(text), [spot(text, 'cluster-db', 'warning', 'db=20')]);
  });
});

describe('doc-placeholder', () => {
  it('marks bracketed documentation text', () => {
    const text = redisConfig('host=[Redis host];db=[Redis DB number];port=6379');
    assert.deepEqual(spots(text), [
      spot(text, 'doc-placeholder', 'error', '[Redis host]'),
      spot(text, 'doc-placeholder', 'error', '[Redis DB number]'),
    ]);
    assert.match(findingsFor(text, 'doc-placeholder')[1].message, /\[Redis DB number\]/);
  });

  it('hides a placeholder password', () => {
    const text = redisConfig('host=10.0.0.5;useTls=true;password=SOME_PASSWORD');
    assert.deepEqual(spots(text), [spot(text, 'doc-placeholder', 'error', 'SOME_PASSWORD')]);
    assert.doesNotMatch(onlyFinding(text, 'doc-placeholder').message, /SOME_PASSWORD/);
  });

  it('marks an escaped angle placeholder', () => {
    const text = redisConfig('host=10.0.0.5;useTls=true;password=&lt;password&gt;');
    assert.deepEqual(spots(text), [spot(text, 'doc-placeholder', 'error', '&lt;password&gt;')]);
  });

  it('marks a host list entry', () => {
    const text = redisConfig('clusterHosts=[IP:PORT],10.0.0.2:6379');
    assert.deepEqual(spots(text), [spot(text, 'doc-placeholder', 'error', '[IP:PORT]')]);
  });

  it('marks capitals words', () => {
    const text = redisConfig('host=YOUR_REDIS_HOST;port=6379');
    assert.deepEqual(spots(text), [spot(text, 'doc-placeholder', 'error', 'YOUR_REDIS_HOST')]);
  });

  it('leaves real values alone', () => {
    assert.deepEqual(spots(redisConfig('host=redis-01.corp.local;port=6379;db=3')), []);
  });

  it('leaves upper-case host names and passwords alone', () => {
    const text = redisConfig('host=CACHESERVER;db=1;password=TOPSECRET');
    assert.deepEqual(spots(text), [
      spot(text, 'password-without-tls', 'information', 'password=TOPSECRET'),
      spot(text, 'plaintext-secret', 'hint', 'TOPSECRET'),
    ]);
    for (const host of ['WEBSERVER', 'REDIS_HOST', 'REDISHOST01', 'SQL_SERVER', 'MAILHOST', 'APP_ADDRESS']) {
      assert.deepEqual(spots(redisConfig(`host=${host};port=6379`)), [], host);
    }
    for (const password of ['TOPSECRET', 'MYPASSWORD', 'ADMIN_PASSWORD', 'PORT']) {
      const text = redisConfig(`host=10.0.0.5;useTls=true;password=${password}`);
      assert.deepEqual(spots(text), [spot(text, 'plaintext-secret', 'hint', password)], password);
    }
  });

  it('marks the documentation forms', () => {
    for (const value of ['[Path to folder]', '[IP:PORT]', '[10.0.0.1:PORT]', 'IP', 'HOST:PORT', 'ENTER_HOST_NAME', 'INSERT_IP_ADDRESS', '[YOUR_HOST]', '&lt;host name&gt;']) {
      const text = redisConfig(`host=${value};port=6379`);
      assert.deepEqual(spots(text), [spot(text, 'doc-placeholder', 'error', value)], value);
    }
  });

  it('marks numbered host:port placeholders in a host list', () => {
    const text = redisConfig('clusterHosts=[IP2:PORT],[host3:port3],[10.0.0.1:PORT],IP4:PORT4,10.0.0.5:6379');
    assert.deepEqual(spots(text), [
      spot(text, 'doc-placeholder', 'error', '[IP2:PORT]'),
      spot(text, 'doc-placeholder', 'error', '[host3:port3]'),
      spot(text, 'doc-placeholder', 'error', '[10.0.0.1:PORT]'),
      spot(text, 'doc-placeholder', 'error', 'IP4:PORT4'),
    ]);
    assert.equal(findingsFor(text, 'doc-placeholder')[0].message, "'[IP2:PORT]' is a placeholder copied from the documentation. Write the node as host:port, for example 10.0.0.5:6379.");
  });

  it('marks a PORT word beside a token', () => {
    const text = redisConfig('clusterHosts=${NODE1}:PORT,[#{Node2}#:PORT2],${NODE3}:6379');
    assert.deepEqual(spots(text), [
      spot(text, 'doc-placeholder', 'error', '${NODE1}:PORT'),
      spot(text, 'doc-placeholder', 'error', '[#{Node2}#:PORT2]'),
    ]);
  });

  it('leaves IPv6 addresses in brackets to the host list rules', () => {
    const text = redisConfig('clusterHosts=[2001:db8::ab]:6379,[fe80::cafe]:6380');
    assert.deepEqual(spots(text), []);
  });

  it('offers no fix, so fix all keeps the file', () => {
    const text = redisConfig('clusterHosts=[IP1:PORT1],[IP2:PORT2];useTls=true');
    assert.deepEqual(spots(text), [
      spot(text, 'doc-placeholder', 'error', '[IP1:PORT1]'),
      spot(text, 'doc-placeholder', 'error', '[IP2:PORT2]'),
    ]);
    assert.deepEqual(fixAllText(text, DEFAULT_SETTINGS), { text, applied: 0 });
  });
});

describe('plaintext-secret', () => {
  it('marks literal passwords as hints', () => {
    const text = redisConfig('host=10.0.0.5;useTls=true;password=Plugh-42;certificatePath=C:\\certs\\redis.pfx;certificatePassword=Xyzzy-77');
    assert.deepEqual(spots(text), [
      spot(text, 'plaintext-secret', 'hint', 'Plugh-42'),
      spot(text, 'plaintext-secret', 'hint', 'Xyzzy-77'),
    ]);
    for (const finding of findingsFor(text, 'plaintext-secret')) {
      assert.doesNotMatch(finding.message, /Plugh|Xyzzy/);
    }
  });

  it('marks the raw text of an escaped password', () => {
    const text = redisConfig('host=10.0.0.5;useTls=true;password=p&amp;w&quot;d');
    assert.deepEqual(spots(text), [spot(text, 'plaintext-secret', 'hint', 'p&amp;w&quot;d')]);
  });

  it('leaves Vault references alone', () => {
    assert.deepEqual(spots(redisConfig('host=10.0.0.5;useTls=true;password=[RedisPassword]')), []);
  });
});
