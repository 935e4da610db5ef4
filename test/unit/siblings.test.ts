import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readSiblingText, type SiblingFacts } from '../../server/src/site/siblings.js';
import { OPAQUE_CHARACTER } from '../../server/src/xml/entities.js';

function factsOf(text: string, file = 'Web.config'): { appSettings: [string, string, string][]; redis: [string, string] | undefined } {
  const facts: SiblingFacts = { appSettings: new Map(), redisConnectionStringName: undefined };
  readSiblingText(file, text, facts);
  return {
    appSettings: [...facts.appSettings].map(([key, setting]) => [key, setting.file, setting.value]),
    redis: facts.redisConnectionStringName ? [facts.redisConnectionStringName.file, facts.redisConnectionStringName.value] : undefined,
  };
}

describe('sibling Web.config facts', () => {
  it('reads the Redis entry name and the TLS appSettings of a Web.config', () => {
    const text = [
      '\uFEFF<?xml version="1.0" encoding="utf-8"?>',
      '<configuration>',
      '  <!-- <redis connectionStringName="commented" /> -->',
      '  <connectionStrings configSource="ConnectionStrings.config" />',
      '  <redis connectionStringName=" cache&amp;more " />',
      '  <appSettings>',
      '    <add key="UseSsl" value="false" />',
      '    <add key="RedisUseTls" value="true" />',
      '    <add key="RedisCertPath" value="C:\\certs\\redis.pfx" />',
      '    <add key="RedisUseTls" value="false" />',
      '  </appSettings>',
      '  <system.web><add key="RedisCertPass" value="not in appSettings" /></system.web>',
      '</configuration>',
      '',
    ].join('\r\n');
    assert.deepEqual(factsOf(text), {
      appSettings: [['RedisUseTls', 'Web.config', 'true'], ['RedisCertPath', 'Web.config', 'C:\\certs\\redis.pfx']],
      redis: ['Web.config', 'cache&more'],
    });
  });

  it('reads a .NET Core Terrasoft.WebHost.dll.config, first redis element first', () => {
    const text = '<configuration>\n<appSettings><add key="DisableRedisTlsCertificateValidation" value="true"/></appSettings>\n<redis connectionStringName="redis1"/><redis connectionStringName="redis2"/>\n</configuration>\n';
    assert.deepEqual(factsOf(text, 'Terrasoft.WebHost.dll.config'), {
      appSettings: [['DisableRedisTlsCertificateValidation', 'Terrasoft.WebHost.dll.config', 'true']],
      redis: ['Terrasoft.WebHost.dll.config', 'redis1'],
    });
  });

  it('never expands DOCTYPE entities', () => {
    const entities = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level === 0 ? '' : level};`.repeat(10)}">`)];
    const text = `<!DOCTYPE configuration [${entities.join('')}]>\n<configuration><appSettings><add key="RedisUseTls" value="&lol9;" /></appSettings></configuration>`;
    assert.deepEqual(factsOf(text), { appSettings: [['RedisUseTls', 'Web.config', OPAQUE_CHARACTER]], redis: undefined });
  });

  it('refused file: no facts', () => {
    assert.deepEqual(factsOf('<configuration><__proto__ polluted="x" /><redis connectionStringName="a" /></configuration>'), { appSettings: [], redis: undefined });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(factsOf('not xml at all & < >'), { appSettings: [], redis: undefined });
  });

  it('broken file: the facts before the fault', () => {
    assert.deepEqual(factsOf('<configuration><redis connectionStringName="cache"><appSettings>'), { appSettings: [], redis: ['Web.config', 'cache'] });
  });
});
