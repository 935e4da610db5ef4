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
  spanOf,
  spot,
  spotAfter,
  spots,
} from '../support/fixture.js';

describe('foreign-format', () => {
  it('converts a redis URI', () => {
    const value = 'redis://:Uri-Pass-91@cache.example.net:6380/2';
    const text = redisConfig(value);
    assert.deepEqual(spots(text), [spot(text, 'foreign-format', 'warning', value)]);

    const finding = onlyFinding(text, 'foreign-format');
    assert.doesNotMatch(finding.message, /Uri-Pass-91/);
    const fix = fixTitled(finding, "Convert to Creatio's key=value format");
    assert.equal(fix.safe, true);
    const fixed = applyFix(text, fix);
    assert.equal(fixed, redisConfig('host=cache.example.net;port=6380;db=2;password=Uri-Pass-91'));
    assert.deepEqual(addedMarks(text, fixed), [
      ['password-without-tls', 'information', 'password=Uri-Pass-91'],
      ['plaintext-secret', 'hint', 'Uri-Pass-91'],
    ]);
  });

  it('turns rediss into useTls', () => {
    const text = redisConfig('rediss://default:p%40ss%26w@cache.example.net:6380');
    const fixed = applyFixOf(text, 'foreign-format', "Convert to Creatio's key=value format");
    assert.equal(fixed, redisConfig('host=cache.example.net;port=6380;useTls=true;password=p@ss&amp;w'));
    assert.deepEqual(findingsFor(fixed, 'xml-syntax'), []);
  });

  it('offers no conversion for a ; in the URI password', () => {
    const text = redisConfig('redis://:a%3Bb@cache.example.net:6379');
    assert.deepEqual(onlyFinding(text, 'foreign-format').fixes, []);
  });

  it('converts a StackExchange string', () => {
    const value = 'cache.example.net:6380,password=Se-P&amp;ss-52,ssl=True,abortConnect=False';
    const text = redisConfig(value);
    assert.deepEqual(spots(text), [spot(text, 'foreign-format', 'warning', value)]);
    assert.doesNotMatch(onlyFinding(text, 'foreign-format').message, /Se-P/);

    const fixed = applyFixOf(text, 'foreign-format', "Convert to Creatio's key=value format");
    assert.equal(fixed, redisConfig('host=cache.example.net;port=6380;password=Se-P&amp;ss-52;useTls=true'));
    assert.deepEqual(addedMarks(text, fixed), [['plaintext-secret', 'hint', 'Se-P&amp;ss-52']]);
  });

  it('converts several StackExchange endpoints to clusterHosts', () => {
    const text = redisConfig('10.0.0.1:6379,10.0.0.2:6379,defaultDatabase=0,ssl=false');
    const fixed = applyFixOf(text, 'foreign-format', "Convert to Creatio's key=value format");
    assert.equal(fixed, redisConfig('clusterHosts=10.0.0.1:6379,10.0.0.2:6379;db=0'));
    assert.deepEqual(spots(fixed), []);
  });

  it('writes an IPv6 host without brackets from either format', () => {
    const sources = ['rediss://:Pw-6a@[::1]:6380/2', '[::1]:6380,password=Pw-6a,ssl=True,defaultDatabase=2'];
    const converted = ['host=::1;port=6380;db=2;useTls=true;password=Pw-6a', 'host=::1;port=6380;password=Pw-6a;useTls=true;db=2'];
    sources.forEach((value, index) => {
      const text = redisConfig(value);
      const fix = fixTitled(onlyFinding(text, 'foreign-format'), "Convert to Creatio's key=value format");
      assert.equal(fix.safe, true, value);
      assert.deepEqual(fix.edits, [{ ...spanOf(text, value), newText: converted[index] }], value);
      const fixed = applyFix(text, fix);
      assert.deepEqual(spots(fixed), [spot(fixed, 'plaintext-secret', 'hint', 'Pw-6a')], value);
    });
  });

  it('keeps the brackets of IPv6 cluster nodes', () => {
    const text = redisConfig('[2001:db8::1]:6379,[2001:db8::2]:6379,ssl=True');
    const fixed = applyFixOf(text, 'foreign-format', "Convert to Creatio's key=value format");
    assert.equal(fixed, redisConfig('clusterHosts=[2001:db8::1]:6379,[2001:db8::2]:6379;useTls=true'));
    assert.deepEqual(spots(fixed), []);
  });

  it('silences the Redis rules on a foreign value', () => {
    const text = redisConfig('redis://cache.example.net:99999/abc');
    assert.deepEqual(spots(text).map(([ruleId]) => ruleId), ['foreign-format']);
  });

  it('leaves a Creatio string alone', () => {
    assert.deepEqual(findingsFor(redisConfig('host=cache.example.net;port=6380;db=2'), 'foreign-format'), []);
    assert.deepEqual(findingsFor(redisConfig('clusterHosts=10.0.0.1:6379,10.0.0.2:6379'), 'foreign-format'), []);
  });
});

describe('malformed-pair', () => {
  it('inserts host= before a bare host', () => {
    const text = redisConfig('localhost;db=1');
    assert.deepEqual(spots(text), [spot(text, 'malformed-pair', 'error', 'localhost')]);

    const fix = fixTitled(onlyFinding(text, 'malformed-pair'), 'Insert host=');
    assert.equal(fix.safe, true);
    const fixed = applyFix(text, fix);
    assert.equal(fixed, redisConfig('host=localhost;db=1'));
    assert.deepEqual(spots(fixed), []);
  });

  it('splits a bare host and port', () => {
    const text = redisConfig('redis-01.example.net:6380;db=1');
    assert.deepEqual(spots(text), [spot(text, 'malformed-pair', 'error', 'redis-01.example.net:6380')]);

    const fixed = applyFixOf(text, 'malformed-pair', 'Write host=redis-01.example.net;port=6380');
    assert.equal(fixed, redisConfig('host=redis-01.example.net;port=6380;db=1'));
    assert.deepEqual(spots(fixed), []);
  });

  it('marks a segment with an empty key', () => {
    const text = redisConfig('host=10.0.0.5; =7;db=1');
    assert.deepEqual(spots(text), [spot(text, 'malformed-pair', 'error', '=7')]);
    assert.deepEqual(onlyFinding(text, 'malformed-pair').fixes, []);
  });

  it('marks a word without = in the middle', () => {
    const text = redisConfig('host=10.0.0.5;oops;db=1');
    assert.deepEqual(spots(text), [spot(text, 'malformed-pair', 'error', 'oops')]);
    assert.deepEqual(onlyFinding(text, 'malformed-pair').fixes, []);
  });

  it('hides the password split by ;', () => {
    const text = redisConfig('host=10.0.0.5;db=1;port=6380;useTls=true;password=ab;cd3f');
    assert.deepEqual(spots(text), [
      spot(text, 'plaintext-secret', 'hint', 'ab'),
      spot(text, 'malformed-pair', 'error', 'cd3f'),
    ]);
    const finding = onlyFinding(text, 'malformed-pair');
    assert.doesNotMatch(finding.message, /cd3f/);
    assert.match(finding.message, /password/);
  });

  it('accepts empty segments and spacing', () => {
    const text = redisConfig(' host = 10.0.0.5 ;; db = 1 ; ');
    assert.deepEqual(spots(text), []);
  });

  it('accepts = inside a value', () => {
    const text = redisConfig('host=10.0.0.5;useTls=true;password=[RedisPassword];user=a=b==');
    assert.deepEqual(spots(text), [spot(text, 'undocumented-key', 'information', 'user')]);
  });
});

describe('comma-separator', () => {
  it('marks the comma and replaces it', () => {
    const text = redisConfig('host=10.0.0.5;port=6380;useTls=true, disableTlsCertificateValidation=true');
    assert.deepEqual(spots(text), [
      spotAfter(text, 'comma-separator', 'warning', 'useTls=true', ','),
      spot(text, 'tls-validation-disabled', 'warning', 'disableTlsCertificateValidation=true'),
    ]);

    const fix = fixTitled(onlyFinding(text, 'comma-separator'), "Replace ',' with ';'");
    assert.equal(fix.safe, true);
    const fixed = applyFix(text, fix);
    assert.equal(fixed, redisConfig('host=10.0.0.5;port=6380;useTls=true; disableTlsCertificateValidation=true'));
    assert.deepEqual(findingsFor(fixed, 'comma-separator'), []);
    assert.deepEqual(addedMarks(text, fixed), []);
  });

  it('marks every comma before a key', () => {
    const text = redisConfig('host=10.0.0.5,port=6379 ,db=1');
    assert.deepEqual(spots(text), [
      spotAfter(text, 'comma-separator', 'warning', '10.0.0.5', ','),
      spotAfter(text, 'comma-separator', 'warning', '6379', ','),
    ]);
  });

  it('reads the pairs on both sides', () => {
    const text = redisConfig('host=10.0.0.5,port=99999');
    assert.deepEqual(spots(text), [
      spotAfter(text, 'comma-separator', 'warning', '10.0.0.5', ','),
      spot(text, 'invalid-number', 'error', '99999'),
    ]);
  });

  it('leaves host lists alone', () => {
    const text = redisConfig('clusterHosts=10.0.0.1:6379,10.0.0.2:6379, 10.0.0.3:6379');
    assert.deepEqual(spots(text), []);
  });

  it('leaves a comma before an unknown word alone', () => {
    const text = redisConfig('host=10.0.0.5;useTls=true;password=[RedisPassword];user=a,b=c');
    assert.deepEqual(spots(text), [spot(text, 'undocumented-key', 'information', 'user')]);
  });
});
