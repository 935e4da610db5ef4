import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fixAllText } from '../../server/src/analysis/fixAll.js';
import { DEFAULT_SETTINGS } from '../../server/src/settings.js';
import {
  addedMarks,
  applyFix,
  applyFixOf,
  entriesConfig,
  findingsFor,
  fixTitled,
  marks,
  onlyFinding,
  redisConfig,
  spot,
  spotAfter,
  spots,
} from '../support/fixture.js';

describe('missing-host', () => {
  it('marks a value without a server', () => {
    const text = redisConfig('port=6379;db=1');
    assert.deepEqual(spots(text), [spot(text, 'missing-host', 'error', 'port=6379;db=1')]);
  });

  it('marks the attribute name of an empty value', () => {
    const text = entriesConfig('<add name="db" connectionString="Data Source=sql01" />', '<add name="redis" connectionString="" />');
    assert.deepEqual(spots(text), [spotAfter(text, 'missing-host', 'error', 'name="redis"', 'connectionString')]);
  });

  it('accepts each topology key', () => {
    for (const value of ['host=10.0.0.5', 'clusterHosts=10.0.0.1:6379', 'sentinelHosts=10.0.0.1:26379;masterName=mymaster']) {
      assert.deepEqual(spots(redisConfig(value)), [], value);
    }
  });
});

describe('conflicting-topology', () => {
  const value = 'host=10.0.0.5;port=6379;clusterHosts=10.0.0.1:6379,10.0.0.2:6379';

  it('marks the second topology key', () => {
    const text = redisConfig(value);
    assert.deepEqual(spots(text), [spot(text, 'conflicting-topology', 'warning', 'clusterHosts')]);
    const finding = onlyFinding(text, 'conflicting-topology');
    assert.deepEqual(finding.fixes.map((fix) => [fix.title, fix.isPreferred, fix.safe]), [
      ['Remove host, port', undefined, undefined],
      ['Remove clusterHosts', undefined, undefined],
    ]);
  });

  it('removes host and port', () => {
    const text = redisConfig(value);
    const fixed = applyFixOf(text, 'conflicting-topology', 'Remove host, port');
    assert.equal(fixed, redisConfig('clusterHosts=10.0.0.1:6379,10.0.0.2:6379'));
    assert.deepEqual(spots(fixed), []);
  });

  it('removes clusterHosts', () => {
    const text = redisConfig(value);
    const fixed = applyFixOf(text, 'conflicting-topology', 'Remove clusterHosts');
    assert.equal(fixed, redisConfig('host=10.0.0.5;port=6379'));
    assert.deepEqual(spots(fixed), []);
  });

  it('removes all Sentinel keys', () => {
    const text = redisConfig('sentinelHosts=10.0.0.1:26379;masterName=mymaster;host=10.0.0.5;scanForOtherSentinels=false');
    assert.deepEqual(spots(text), [spot(text, 'conflicting-topology', 'warning', 'host')]);
    const fixed = applyFixOf(text, 'conflicting-topology', 'Remove sentinelHosts, masterName, scanForOtherSentinels');
    assert.equal(fixed, redisConfig('host=10.0.0.5'));
    assert.deepEqual(spots(fixed), []);
  });

  it('marks each key after the first', () => {
    const text = redisConfig('host=10.0.0.5;clusterHosts=10.0.0.1:6379;sentinelHosts=10.0.0.1:26379;masterName=m');
    assert.deepEqual(spots(text), [
      spot(text, 'conflicting-topology', 'warning', 'clusterHosts'),
      spot(text, 'conflicting-topology', 'warning', 'sentinelHosts'),
    ]);
  });
});

describe('host-list-format', () => {
  it('appends the default port', () => {
    const text = redisConfig('clusterHosts=10.0.0.1,10.0.0.2:6379');
    assert.deepEqual(spots(text), [spot(text, 'host-list-format', 'error', '10.0.0.1')]);

    const fix = fixTitled(onlyFinding(text, 'host-list-format'), 'Append :6379');
    assert.equal(fix.safe, undefined);
    const fixed = applyFix(text, fix);
    assert.equal(fixed, redisConfig('clusterHosts=10.0.0.1:6379,10.0.0.2:6379'));
    assert.deepEqual(spots(fixed), []);
  });

  it('appends the Sentinel port', () => {
    const text = redisConfig('sentinelHosts=sentinel-01,sentinel-02:26379;masterName=mymaster');
    const fixed = applyFixOf(text, 'host-list-format', 'Append :26379');
    assert.equal(fixed, redisConfig('sentinelHosts=sentinel-01:26379,sentinel-02:26379;masterName=mymaster'));
  });

  it('brackets an IPv6 address', () => {
    const text = redisConfig('clusterHosts=2001:db8::11:6379,[2001:db8::12]:6379');
    assert.deepEqual(spots(text), [spot(text, 'host-list-format', 'error', '2001:db8::11:6379')]);

    const fix = fixTitled(onlyFinding(text, 'host-list-format'), 'Write [2001:db8::11]:6379');
    assert.equal(fix.safe, true);
    const fixed = applyFix(text, fix);
    assert.equal(fixed, redisConfig('clusterHosts=[2001:db8::11]:6379,[2001:db8::12]:6379'));
    assert.deepEqual(spots(fixed), []);
  });

  it('accepts valid entries', () => {
    const text = redisConfig('clusterHosts=[2001:db8::12]:6379, redis-01.corp.local:7000 ,10.0.0.3:65535');
    assert.deepEqual(spots(text), []);
  });

  it('marks a bad port', () => {
    const text = redisConfig('clusterHosts=10.0.0.1:0,10.0.0.2:65536,[2001:db8::1]:x');
    assert.deepEqual(spots(text), [
      spot(text, 'host-list-format', 'error', '10.0.0.1:0'),
      spot(text, 'host-list-format', 'error', '10.0.0.2:65536'),
      spot(text, 'host-list-format', 'error', '[2001:db8::1]:x'),
    ]);
  });

  it('marks a broken entry in brackets', () => {
    const text = redisConfig('clusterHosts=[10.0.0.1:99999],[redis-02:0],[],[a[b]');
    assert.deepEqual(spots(text), [
      spot(text, 'host-list-format', 'error', '[10.0.0.1:99999]'),
      spot(text, 'host-list-format', 'error', '[redis-02:0]'),
      spot(text, 'host-list-format', 'error', '[]'),
      spot(text, 'host-list-format', 'error', '[a[b]'),
    ]);
    const [first, , empty] = findingsFor(text, 'host-list-format');
    assert.equal(first.message, "'[10.0.0.1:99999]' has the port '99999', which is not a number from 1 to 65535. Write the entry as host:port, without brackets.");
    assert.deepEqual(first.fixes, []);
    assert.equal(empty.message, "'[]' is not host:port. Write the entry as host:port, without brackets.");
  });

  it('checks a whole value in brackets', () => {
    const text = redisConfig('clusterHosts=[10.0.0.1:99999]');
    assert.deepEqual(spots(text), [spot(text, 'host-list-format', 'error', '[10.0.0.1:99999]')]);
  });

  it('appends a port to a lone IPv6 address', () => {
    const text = redisConfig('clusterHosts=[2001:db8::1]');
    assert.deepEqual(spots(text), [spot(text, 'host-list-format', 'error', '[2001:db8::1]')]);
    const fixed = applyFixOf(text, 'host-list-format', 'Append :6379');
    assert.equal(fixed, redisConfig('clusterHosts=[2001:db8::1]:6379'));
    assert.deepEqual(spots(fixed), []);
  });

  it('marks an entry that is not host:port', () => {
    const text = redisConfig('clusterHosts=10.0.0.1:6379,redis 02:6379');
    assert.deepEqual(spots(text), [spot(text, 'host-list-format', 'error', 'redis 02:6379')]);
  });

  it('removes empty entries', () => {
    const cases: [value: string, marked: string, occurrence: number, repaired: string][] = [
      ['clusterHosts=10.0.0.1:6379,,10.0.0.2:6379', ',', 1, 'clusterHosts=10.0.0.1:6379,10.0.0.2:6379'],
      ['clusterHosts=10.0.0.1:6379, ,10.0.0.2:6379', ' ,', 0, 'clusterHosts=10.0.0.1:6379,10.0.0.2:6379'],
      ['clusterHosts=,10.0.0.1:6379', ',', 0, 'clusterHosts=10.0.0.1:6379'],
      ['clusterHosts=10.0.0.1:6379,', ',', 0, 'clusterHosts=10.0.0.1:6379'],
    ];
    for (const [value, marked, occurrence, repaired] of cases) {
      const text = redisConfig(value);
      assert.deepEqual(spots(text), [spot(text, 'host-list-format', 'error', marked, occurrence)], value);
      assert.equal(applyFixOf(text, 'host-list-format', "Remove the extra ','"), redisConfig(repaired), value);
    }
  });
});

describe('host-list-brackets', () => {
  it('strips documentation brackets', () => {
    const text = redisConfig('clusterHosts=[10.0.0.1:6379],[redis-02:6379]');
    assert.deepEqual(spots(text), [
      spot(text, 'host-list-brackets', 'warning', '[10.0.0.1:6379]'),
      spot(text, 'host-list-brackets', 'warning', '[redis-02:6379]'),
    ]);

    const [first, second] = findingsFor(text, 'host-list-brackets');
    const fix = fixTitled(first, 'Remove the brackets');
    assert.equal(fix.safe, true);
    const fixed = applyFix(applyFix(text, fixTitled(second, 'Remove the brackets')), fix);
    assert.equal(fixed, redisConfig('clusterHosts=10.0.0.1:6379,redis-02:6379'));
    assert.deepEqual(spots(fixed), []);
  });

  it('leaves Vault references and IPv6 alone', () => {
    const text = redisConfig('clusterHosts=[RedisNode1],[2001:db8::12]:6379');
    assert.deepEqual(spots(text), []);
  });

  it('leaves an entry with a broken port to host-list-format', () => {
    const text = redisConfig('clusterHosts=[10.0.0.1:99999],[redis-02:6379]');
    assert.deepEqual(spots(text), [
      spot(text, 'host-list-format', 'error', '[10.0.0.1:99999]'),
      spot(text, 'host-list-brackets', 'warning', '[redis-02:6379]'),
    ]);
    const result = fixAllText(text, DEFAULT_SETTINGS);
    assert.equal(result.text, redisConfig('clusterHosts=[10.0.0.1:99999],redis-02:6379'));
    assert.deepEqual(addedMarks(text, result.text), []);
  });

  it('never turns a warning into an error with fix all', () => {
    const entries = ['[10.0.0.1:6379]', '[redis-02:6380]', '[IP:PORT]', '[IP1:PORT1]', '[a:0]', '[10.0.0.1:]', '[h:65536]', '[a b:1]', '[]', '[2001:db8::1]', '[RedisNode1]', '[x:y:z]'];
    for (const entry of entries) {
      const text = redisConfig(`clusterHosts=${entry},10.0.0.9:6379;useTls=true`);
      const fixed = fixAllText(text, DEFAULT_SETTINGS).text;
      const errors = (marked: string) => marks(marked).filter(([, severity]) => severity === 'error').length;
      assert.ok(errors(fixed) <= errors(text), `${entry}: fix all added an error`);
      assert.deepEqual(addedMarks(text, fixed).filter(([, severity]) => severity === 'error'), [], entry);
    }
  });
});

describe('host-is-list', () => {
  it('converts a host list to clusterHosts', () => {
    const text = redisConfig('host=10.0.0.1,10.0.0.2,10.0.0.3;port=6380;useTls=true');
    assert.deepEqual(spots(text), [spot(text, 'host-is-list', 'error', '10.0.0.1,10.0.0.2,10.0.0.3')]);

    const fix = fixTitled(onlyFinding(text, 'host-is-list'), 'Convert to clusterHosts');
    assert.equal(fix.safe, undefined);
    const fixed = applyFix(text, fix);
    assert.equal(fixed, redisConfig('clusterHosts=10.0.0.1:6380,10.0.0.2:6380,10.0.0.3:6380;useTls=true'));
    assert.deepEqual(spots(fixed), []);
  });

  it('keeps ports written on nodes', () => {
    const text = redisConfig('host=10.0.0.1:7000, 10.0.0.2');
    const fixed = applyFixOf(text, 'host-is-list', 'Convert to clusterHosts');
    assert.equal(fixed, redisConfig('clusterHosts=10.0.0.1:7000,10.0.0.2:6379'));
    assert.deepEqual(addedMarks(text, fixed), []);
  });
});

describe('cluster-db', () => {
  it('marks db other than 0', () => {
    const text = redisConfig('clusterHosts=10.0.0.1:6379,10.0.0.2:6379;db=3');
    assert.deepEqual(spots(text), [spot(text, 'cluster-db', 'warning', 'db=3')]);

    const finding = onlyFinding(text, 'cluster-db');
    assert.equal(applyFix(text, fixTitled(finding, 'Remove db')), redisConfig('clusterHosts=10.0.0.1:6379,10.0.0.2:6379'));
    const fixed = applyFix(text, fixTitled(finding, 'Set db=0'));
    assert.equal(fixed, redisConfig('clusterHosts=10.0.0.1:6379,10.0.0.2:6379;db=0'));
    assert.deepEqual(spots(fixed), []);
  });

  it('accepts db 0 and a placeholder', () => {
    assert.deepEqual(spots(redisConfig('clusterHosts=10.0.0.1:6379;db=0')), []);
    assert.deepEqual(spots(redisConfig('clusterHosts=10.0.0.1:6379;db=#{RedisDb}#')), []);
  });

  it('ignores db without clusterHosts', () => {
    assert.deepEqual(findingsFor(redisConfig('host=10.0.0.5;db=3'), 'cluster-db'), []);
  });
});

describe('sentinel-master-missing', () => {
  it('marks sentinelHosts without masterName', () => {
    const text = redisConfig('sentinelHosts=10.0.0.1:26379,10.0.0.2:26379;db=1', 'redisSentinel');
    assert.deepEqual(spots(text), [spot(text, 'sentinel-master-missing', 'error', 'sentinelHosts')]);
  });

  it('accepts a known Sentinel string', () => {
    const text = redisConfig('sentinelHosts=10.0.0.1:26379,10.0.0.2:26379;masterName=mymaster;scanForOtherSentinels=false;db=1;maxReadPoolSize=10;maxWritePoolSize=500', 'redisSentinel');
    assert.deepEqual(spots(text), []);
  });
});
