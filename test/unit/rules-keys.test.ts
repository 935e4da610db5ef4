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
  spot,
  spots,
} from '../support/fixture.js';

describe('unknown-key', () => {
  it('renames a misspelled key', () => {
    const text = redisConfig('host=10.0.0.5;maxWritePoolSise=500');
    assert.deepEqual(spots(text), [spot(text, 'unknown-key', 'warning', 'maxWritePoolSise')]);

    const finding = onlyFinding(text, 'unknown-key');
    assert.match(finding.message, /Did you mean maxWritePoolSize\?/);
    const fix = fixTitled(finding, 'Rename to maxWritePoolSize');
    assert.equal(fix.safe, true);
    assert.equal(fix.isPreferred, true);
    const fixed = applyFix(text, fix);
    assert.equal(fixed, redisConfig('host=10.0.0.5;maxWritePoolSize=500'));
    assert.deepEqual(spots(fixed), []);
  });

  it('offers every close key, none as safe', () => {
    const text = redisConfig('host=10.0.0.5;hort=6379');
    const finding = onlyFinding(text, 'unknown-key');
    assert.deepEqual(finding.fixes.map((fix) => [fix.title, fix.safe, fix.isPreferred]), [
      ['Rename to port', false, true],
      ['Remove hort', undefined, false],
    ]);
  });

  it('maps ssl to useTls, not as safe', () => {
    const text = redisConfig('host=10.0.0.5;ssl=true');
    assert.deepEqual(spots(text), [spot(text, 'unknown-key', 'warning', 'ssl')]);

    const fix = fixTitled(onlyFinding(text, 'unknown-key'), 'Rename to useTls');
    assert.equal(fix.safe, false);
    const fixed = applyFix(text, fix);
    assert.equal(fixed, redisConfig('host=10.0.0.5;useTls=true'));
    assert.deepEqual(spots(fixed), []);
  });

  it('maps appSettings names', () => {
    const text = redisConfig('host=10.0.0.5;RedisUseTls=true;RedisCertPath=C:\\certs\\redis.pfx');
    assert.deepEqual(spots(text), [
      spot(text, 'unknown-key', 'warning', 'RedisUseTls'),
      spot(text, 'unknown-key', 'warning', 'RedisCertPath'),
    ]);

    const [useTls, certificatePath] = findingsFor(text, 'unknown-key');
    const fixed = applyFix(applyFix(text, fixTitled(certificatePath, 'Rename to certificatePath')), fixTitled(useTls, 'Rename to useTls'));
    assert.equal(fixed, redisConfig('host=10.0.0.5;useTls=true;certificatePath=C:\\certs\\redis.pfx'));
    assert.deepEqual(spots(fixed), []);
  });

  it('removes a timeout and names Web.config', () => {
    const text = redisConfig('host=10.0.0.5;connectTimeout=5000;db=1');
    assert.deepEqual(spots(text), [spot(text, 'unknown-key', 'warning', 'connectTimeout')]);

    const finding = onlyFinding(text, 'unknown-key');
    assert.match(finding.message, /<redis> section of Web\.config/);
    const fix = fixTitled(finding, 'Remove connectTimeout');
    assert.equal(fix.isPreferred, true);
    const fixed = applyFix(text, fix);
    assert.equal(fixed, redisConfig('host=10.0.0.5;db=1'));
    assert.deepEqual(spots(fixed), []);
  });

  it('offers no rename onto a present key', () => {
    const text = redisConfig('host=10.0.0.5;useTls=true;ssl=true');
    assert.deepEqual(onlyFinding(text, 'unknown-key').fixes.map((fix) => fix.title), ['Remove ssl']);
  });

  it('marks a key with no close match', () => {
    const text = redisConfig('host=10.0.0.5;flavour=vanilla');
    assert.deepEqual(spots(text), [spot(text, 'unknown-key', 'warning', 'flavour')]);
    assert.deepEqual(onlyFinding(text, 'unknown-key').fixes.map((fix) => fix.title), ['Remove flavour']);
  });

  it('hides a password split by ;', () => {
    const text = redisConfig('host=10.0.0.5;useTls=true;password=Xq7;Zr9=w2');
    const finding = onlyFinding(text, 'unknown-key');
    assert.deepEqual(spots(text).filter(([ruleId]) => ruleId === 'unknown-key'), [spot(text, 'unknown-key', 'warning', 'Zr9')]);
    assert.doesNotMatch(finding.message, /Zr9|w2/);
    for (const fix of finding.fixes) assert.doesNotMatch(fix.title, /Zr9|w2/);
  });
});

describe('key-case', () => {
  it('renames keys to the documented case', () => {
    const text = redisConfig('Host=10.0.0.5;PORT=6379;usetls=true');
    assert.deepEqual(spots(text), [
      spot(text, 'key-case', 'information', 'Host'),
      spot(text, 'key-case', 'information', 'PORT'),
      spot(text, 'key-case', 'information', 'usetls'),
    ]);

    const fix = fixTitled(findingsFor(text, 'key-case')[2], 'Rename to useTls');
    assert.equal(fix.safe, true);
    const fixed = applyFix(text, fix);
    assert.equal(fixed, redisConfig('Host=10.0.0.5;PORT=6379;useTls=true'));
    assert.deepEqual(addedMarks(text, fixed), []);
    assert.equal(findingsFor(fixed, 'key-case').length, 2);
  });

  it('applies the rules to other spellings', () => {
    const text = redisConfig('HOST=10.0.0.5;DB=abc');
    assert.deepEqual(spots(text), [
      spot(text, 'key-case', 'information', 'HOST'),
      spot(text, 'key-case', 'information', 'DB'),
      spot(text, 'invalid-number', 'error', 'abc'),
    ]);
  });
});

describe('undocumented-key', () => {
  it('marks user and offers removal', () => {
    const text = redisConfig('host=10.0.0.5;user=clio;db=1');
    assert.deepEqual(spots(text), [spot(text, 'undocumented-key', 'information', 'user')]);

    const fixed = applyFixOf(text, 'undocumented-key', 'Remove user');
    assert.equal(fixed, redisConfig('host=10.0.0.5;db=1'));
    assert.deepEqual(spots(fixed), []);
  });

  it('marks username as unknown', () => {
    const text = redisConfig('host=10.0.0.5;username=clio');
    assert.deepEqual(spots(text), [spot(text, 'unknown-key', 'warning', 'username')]);
  });
});

describe('duplicate-key', () => {
  it('marks the second pair', () => {
    const text = redisConfig('host=10.0.0.5;db=1;port=6379;db=2');
    assert.deepEqual(spots(text), [spot(text, 'duplicate-key', 'warning', 'db=2')]);

    const finding = onlyFinding(text, 'duplicate-key');
    const first = text.indexOf('db=1');
    assert.deepEqual(finding.related?.map((related) => related.span), [{ start: first, end: first + 'db=1'.length }]);
    const fixed = applyFix(text, fixTitled(finding, 'Remove db'));
    assert.equal(fixed, redisConfig('host=10.0.0.5;db=1;port=6379'));
    assert.deepEqual(spots(fixed), []);
  });

  it('matches keys in any case', () => {
    const text = redisConfig('host=10.0.0.5;db=1;DB=2;port=6379');
    assert.deepEqual(spots(text), [
      spot(text, 'key-case', 'information', 'DB'),
      spot(text, 'duplicate-key', 'warning', 'DB=2'),
    ]);
    const fixed = applyFixOf(text, 'duplicate-key', 'Remove DB');
    assert.equal(fixed, redisConfig('host=10.0.0.5;db=1;port=6379'));
  });

  it('marks an empty duplicate as key=', () => {
    const text = redisConfig('host=10.0.0.5;db=1;db=');
    assert.deepEqual(spots(text), [
      spot(text, 'duplicate-key', 'warning', 'db=', 1),
      spot(text, 'empty-value', 'warning', 'db=', 1),
    ]);
  });
});

describe('empty-value', () => {
  it('marks the shipped template', () => {
    const text = redisConfig('host=;db=;');
    assert.deepEqual(spots(text), [
      spot(text, 'empty-value', 'warning', 'host='),
      spot(text, 'empty-value', 'warning', 'db='),
    ]);
  });

  it('sets host to localhost', () => {
    const text = redisConfig('host=;db=1');
    const finding = onlyFinding(text, 'empty-value');
    // Removing the only server key would leave a string that names no server, so it is not offered.
    assert.deepEqual(finding.fixes.map((fix) => fix.title), ['Set host=localhost']);
    assert.equal(fixTitled(finding, 'Set host=localhost').safe, undefined);

    const fixed = applyFix(text, fixTitled(finding, 'Set host=localhost'));
    assert.equal(fixed, redisConfig('host=localhost;db=1'));
    assert.deepEqual(spots(fixed), []);
  });

  it('sets host after spaces', () => {
    const text = redisConfig('host= ;db=1');
    const fixed = applyFixOf(text, 'empty-value', 'Set host=localhost');
    assert.equal(fixed, redisConfig('host=localhost ;db=1'));
  });

  it('removes an empty pair', () => {
    const text = redisConfig('host=10.0.0.5;db=;port=6379');
    const fixed = applyFixOf(text, 'empty-value', 'Remove db');
    assert.equal(fixed, redisConfig('host=10.0.0.5;port=6379'));
    assert.deepEqual(spots(fixed), []);
  });

  it('marks an empty password alone', () => {
    const text = redisConfig('host=10.0.0.5;password=');
    assert.deepEqual(spots(text), [spot(text, 'empty-value', 'warning', 'password=')]);
  });

  it('marks no other rule on empty values', () => {
    const text = redisConfig('host=10.0.0.5;port=;useTls=;maxReadPoolSize=;certificatePath=;clusterHosts=');
    assert.deepEqual(spots(text).map(([ruleId, , marked]) => [ruleId, marked]), [
      ['empty-value', 'port='],
      ['empty-value', 'useTls='],
      ['empty-value', 'maxReadPoolSize='],
      ['empty-value', 'certificatePath='],
      ['conflicting-topology', 'clusterHosts'],
      ['empty-value', 'clusterHosts='],
    ]);
  });
});
