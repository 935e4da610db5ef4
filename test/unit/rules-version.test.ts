import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, findingsFor, fixTitled, redisConfig, settingsWith, spot, spots } from '../support/fixture.js';

const TLS = 'host=10.0.0.5;useTls=true;certificatePath=C:\\certs\\redis.pfx;db=1';
const SENTINEL = 'sentinelHosts=10.0.0.1:26379;masterName=mymaster;scanForOtherSentinels=false';

describe('requires-newer-creatio', () => {
  it('stays silent without a version', () => {
    assert.deepEqual(spots(redisConfig(TLS)), []);
  });

  it('marks TLS keys before 8.0.2', () => {
    const text = redisConfig(TLS);
    const settings = settingsWith({ creatioVersion: '8.0.1' });
    assert.deepEqual(spots(text, settings), [
      spot(text, 'requires-newer-creatio', 'error', 'useTls'),
      spot(text, 'requires-newer-creatio', 'error', 'certificatePath'),
    ]);
    assert.match(findingsFor(text, 'requires-newer-creatio', settings)[0].message, /8\.0\.2 or later.*8\.0\.1/);
  });

  it('removes the pair', () => {
    const text = redisConfig('host=10.0.0.5;useTls=true;db=1');
    const settings = settingsWith({ creatioVersion: '7.18.0' });
    const [finding] = findingsFor(text, 'requires-newer-creatio', settings);
    const fixed = applyFix(text, fixTitled(finding, 'Remove useTls'));
    assert.equal(fixed, redisConfig('host=10.0.0.5;db=1'));
    assert.deepEqual(spots(fixed, settings), []);
  });

  it('accepts keys from their first version', () => {
    assert.deepEqual(spots(redisConfig(TLS), settingsWith({ creatioVersion: '8.0.2' })), []);
    assert.deepEqual(spots(redisConfig(TLS), settingsWith({ creatioVersion: '8.1.0.1234' })), []);
    assert.deepEqual(spots(redisConfig('clusterHosts=10.0.0.1:6379'), settingsWith({ creatioVersion: '7.18' })), []);
  });

  it('marks password before 7.13.4', () => {
    const text = redisConfig('host=10.0.0.5;password=[RedisPassword]');
    const settings = settingsWith({ creatioVersion: '7.13.3', rules: { 'password-without-tls': 'off' } });
    assert.deepEqual(spots(text, settings), [spot(text, 'requires-newer-creatio', 'error', 'password')]);
  });

  it('ignores a version that is not a number', () => {
    assert.deepEqual(spots(redisConfig(TLS), settingsWith({ creatioVersion: 'latest' })), []);
  });
});

describe('sentinel-retired', () => {
  it('stays silent without a version', () => {
    assert.deepEqual(spots(redisConfig(SENTINEL, 'redisSentinel')), []);
  });

  it('accepts Sentinel up to 7.18.2', () => {
    assert.deepEqual(spots(redisConfig(SENTINEL, 'redisSentinel'), settingsWith({ creatioVersion: '7.18.2' })), []);
  });

  it('marks the first Sentinel key from 7.18.3', () => {
    const text = redisConfig(SENTINEL, 'redisSentinel');
    for (const version of ['7.18.3', '8.2']) {
      const settings = settingsWith({ creatioVersion: version });
      assert.deepEqual(spots(text, settings), [spot(text, 'sentinel-retired', 'warning', 'sentinelHosts')], version);
      assert.match(findingsFor(text, 'sentinel-retired', settings)[0].message, new RegExp(`creatioVersion is ${version.replace(/\./g, '\\.')}\\.`));
    }
  });

  it('marks masterName alone', () => {
    const text = redisConfig('host=10.0.0.5;masterName=mymaster');
    assert.deepEqual(spots(text, settingsWith({ creatioVersion: '8.0' })), [spot(text, 'sentinel-retired', 'warning', 'masterName')]);
  });
});
