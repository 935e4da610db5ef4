import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addedMarks,
  applyFix,
  applyFixOf,
  findingsFor,
  fixTitled,
  onlyFinding,
  redisConfig,
  settingsWith,
  spot,
  spotAfter,
  spots,
} from '../support/fixture.js';

const PLACEHOLDERS = ['[RedisSecret]', '${REDIS_VALUE}', '$REDIS_VALUE', '#{Redis.Value}#', '__RedisValue__'];

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

  it('accepts the sample pool sizes', () => {
    assert.deepEqual(spots(redisConfig('host=10.0.0.5;maxReadPoolSize=10;maxWritePoolSize=500')), []);
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
