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

describe('host-list-format with pipeline tokens', () => {
  it('accepts a token in the host or the port', () => {
    const values = [
      'clusterHosts=${REDIS_NODE1}:6379,${REDIS_NODE2}:6379;password=${REDIS_PASSWORD};useTls=true',
      'clusterHosts=$(RedisNode1):6379,$(RedisNode2):6379',
      'clusterHosts=$REDIS_NODE1:6379,$REDIS_NODE2:6379',
      'sentinelHosts=#{Sentinel1}#:26379,#{Sentinel2}#:26379;masterName=mymaster',
      'clusterHosts=__RedisNode1__:__RedisPort__,__RedisNode2__:__RedisPort__',
      'clusterHosts=redis-0.redis:${REDIS_PORT},redis-1.redis:${REDIS_PORT}',
      'clusterHosts=redis-#{Env}#.corp.local:6379,{{ redis_node2 }}:{{ redis_port }}',
      'clusterHosts=${REDIS_NODE1:-redis-01}:6379,[2001:db8::1]:${REDIS_PORT},[${REDIS_IPV6}]:6379',
      'clusterHosts=${REDIS_NODE1},redis-${SUFFIX}',
    ];
    for (const value of values) {
      assert.deepEqual(spots(redisConfig(value)), [], value);
    }
  });

  it('judges the part without a token', () => {
    const text = redisConfig('clusterHosts=${HOST}:99999,#{Node}#:63x,redis 0${N}:6379,:${PORT},10.0.0.1:10.0.0.2:${PORT}');
    assert.deepEqual(spots(text), [
      spot(text, 'host-list-format', 'error', '${HOST}:99999'),
      spot(text, 'host-list-format', 'error', '#{Node}#:63x'),
      spot(text, 'host-list-format', 'error', 'redis 0${N}:6379'),
      spot(text, 'host-list-format', 'error', ':${PORT}'),
      spot(text, 'host-list-format', 'error', '10.0.0.1:10.0.0.2:${PORT}'),
    ]);
    const [badPort, , invalid] = findingsFor(text, 'host-list-format');
    assert.equal(badPort.message, "'${HOST}:99999' has the port '99999', which is not a number from 1 to 65535.");
    assert.equal(invalid.message, "'redis 0${N}:6379' is not host:port. Each clusterHosts entry is written host:port, separated by ','.");
  });

  it('judges a token port by its literal digits', () => {
    const text = redisConfig('clusterHosts=redis-01:63${PORT_SUFFIX},redis-02:${PORT}x');
    assert.deepEqual(spots(text), [spot(text, 'host-list-format', 'error', 'redis-02:${PORT}x')]);
    assert.equal(onlyFinding(text, 'host-list-format').message, "'redis-02:${PORT}x' has the port '${PORT}x', which is not a number from 1 to 65535.");
  });

  it('appends a port after a token inside the host', () => {
    const text = redisConfig('clusterHosts=redis-#{Env}#-01,redis-#{Env}#-02:6379');
    assert.deepEqual(spots(text), [spot(text, 'host-list-format', 'error', 'redis-#{Env}#-01')]);
    const finding = onlyFinding(text, 'host-list-format');
    assert.equal(finding.message, "'redis-#{Env}#-01' has no port. Each clusterHosts entry is host:port, for example redis-#{Env}#-01:6379.");
    const fixed = applyFix(text, fixTitled(finding, 'Append :6379'));
    assert.equal(fixed, redisConfig('clusterHosts=redis-#{Env}#-01:6379,redis-#{Env}#-02:6379'));
    assert.deepEqual(spots(fixed), []);
  });

  it('brackets an IPv6 address before a token port', () => {
    const text = redisConfig('clusterHosts=2001:db8::11:${REDIS_PORT}');
    assert.deepEqual(spots(text), [spot(text, 'host-list-format', 'error', '2001:db8::11:${REDIS_PORT}')]);
    const fixed = applyFixOf(text, 'host-list-format', 'Write [2001:db8::11]:${REDIS_PORT}');
    assert.equal(fixed, redisConfig('clusterHosts=[2001:db8::11]:${REDIS_PORT}'));
    assert.deepEqual(spots(fixed), []);
  });

  it('checks a token that only looks like one', () => {
    const text = redisConfig('clusterHosts=${1}:6379,{{ }}:6379,$ {HOST}:6379');
    assert.deepEqual(spots(text), [
      spot(text, 'host-list-format', 'error', '${1}:6379'),
      spot(text, 'host-list-format', 'error', '{{ }}:6379'),
      spot(text, 'host-list-format', 'error', '$ {HOST}:6379'),
    ]);
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

  it('strips brackets around tokens', () => {
    const text = redisConfig('clusterHosts=[${NODE1}:${PORT}],[#{Node2}#:6379]');
    assert.deepEqual(spots(text), [
      spot(text, 'host-list-brackets', 'warning', '[${NODE1}:${PORT}]'),
      spot(text, 'host-list-brackets', 'warning', '[#{Node2}#:6379]'),
    ]);
    assert.equal(findingsFor(text, 'host-list-brackets')[0].message, "'[${NODE1}:${PORT}]' keeps the brackets of the documentation's [IP:PORT] notation. Write ${NODE1}:${PORT}.");
    const fixed = fixAllText(text, DEFAULT_SETTINGS).text;
    assert.equal(fixed, redisConfig('clusterHosts=${NODE1}:${PORT},#{Node2}#:6379'));
    assert.deepEqual(spots(fixed), []);
  });

  it('leaves a token entry with a bad port to host-list-format', () => {
    const text = redisConfig('clusterHosts=[${NODE1}:0]');
    assert.deepEqual(spots(text), [spot(text, 'host-list-format', 'error', '[${NODE1}:0]')]);
    assert.equal(onlyFinding(text, 'host-list-format').message, "'[${NODE1}:0]' has the port '0', which is not a number from 1 to 65535. Write the entry as host:port, without brackets.");
  });

  it('never turns a warning into an error with fix all', () => {
    const entries = ['[10.0.0.1:6379]', '[redis-02:6380]', '[IP:PORT]', '[IP1:PORT1]', '[a:0]', '[10.0.0.1:]', '[h:65536]', '[a b:1]', '[]', '[2001:db8::1]', '[RedisNode1]', '[x:y:z]', '[${NODE}:${PORT}]', '[${NODE}:0]', '[${NODE}]', '[${NODE}:PORT]'];
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
  it('db with a pipeline token inside: not judged', () => {
    const text = redisConfig('clusterHosts=10.0.0.1:6379,10.0.0.2:6379;db=${X}0');
    assert.deepEqual(findingsFor(text, 'cluster-db'), []);
  });

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
