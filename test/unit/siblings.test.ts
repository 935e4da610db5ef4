import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSiblings, readSiblingText, type SiblingFacts } from '../../server/src/site/siblings.js';
import { OPAQUE_CHARACTER } from '../../server/src/xml/entities.js';

type Facts = { appSettings: [string, string, string][]; redis: [string, string] | undefined };

function summary(facts: SiblingFacts): Facts {
  return {
    appSettings: [...facts.appSettings].map(([key, setting]) => [key, setting.file, setting.value]),
    redis: facts.redisConnectionStringName ? [facts.redisConnectionStringName.file, facts.redisConnectionStringName.value] : undefined,
  };
}

function factsOf(text: string, file = 'Web.config'): Facts {
  const facts: SiblingFacts = { appSettings: new Map(), redisConnectionStringName: undefined };
  readSiblingText(file, text, facts);
  return summary(facts);
}

function appSettings(...entries: string[]): string {
  return `<configuration>\n  <appSettings>\n${entries.map((entry) => `    ${entry}\n`).join('')}  </appSettings>\n</configuration>\n`;
}

describe('sibling Web.config facts', () => {
  it('reads the Redis entry name and the TLS appSettings of a Web.config', () => {
    const text = [
      '\uFEFF<?xml version="1.0" encoding="utf-8"?>',
      '<configuration>',
      '  <!-- <redis connectionStringName="commented" /> -->',
      '  <connectionStrings configSource="ConnectionStrings.config" />',
      '  <redis connectionStringName=" cache&amp;more " />',
      '  <unity><container><register type="A"><constructor><param name="x" /></constructor></register></container></unity>',
      '  <appSettings>',
      '    <add key="UseSsl" value="false" />',
      '    <add key="RedisUseTls" value="true" />',
      '    <add key="RedisCertPath" value="C:\\certs\\redis.pfx" />',
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

  it('later add: replaces the earlier value, as .NET does', () => {
    const text = appSettings('<add key="RedisUseTls" value="true" />', '<add key="redisusetls" value="false" />');
    assert.deepEqual(factsOf(text).appSettings, [['RedisUseTls', 'Web.config', 'false']]);
  });

  it('remove and clear: delete the settings before them', () => {
    assert.deepEqual(factsOf(appSettings('<add key="RedisUseTls" value="true" />', '<remove key="RedisUseTls" />')).appSettings, []);
    assert.deepEqual(factsOf(appSettings('<add key="RedisUseTls" value="true" />', '<clear />', '<add key="RedisCertPath" value="a.pfx" />')).appSettings, [
      ['RedisCertPath', 'Web.config', 'a.pfx'],
    ]);
  });

  it('appSettings outside the root element: ignored', () => {
    const text = '<configuration><location path="x"><appSettings><add key="RedisUseTls" value="true" /></appSettings></location></configuration>';
    assert.deepEqual(factsOf(text).appSettings, []);
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

  it('broken file: the facts it still shows', () => {
    assert.deepEqual(factsOf('<configuration><redis connectionStringName="cache"><appSettings>'), { appSettings: [], redis: ['Web.config', 'cache'] });
    assert.deepEqual(factsOf('not xml at all & < >'), { appSettings: [], redis: undefined });
  });

  it('UTF-16 files, both byte orders, and the first file wins', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'siblings-'));
    try {
      const text = appSettings('<add key="RedisUseTls" value="true" />');
      writeFileSync(join(folder, 'Web.config'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      const bigEndian = Buffer.from(appSettings('<add key="RedisUseTls" value="false" />', '<add key="RedisCertPath" value="b.pfx" />'), 'utf16le').swap16();
      writeFileSync(join(folder, 'Terrasoft.WebHost.dll.config'), Buffer.concat([Buffer.from([0xfe, 0xff]), bigEndian, Buffer.from([0x00])]));
      assert.deepEqual(summary(await readSiblings(folder)), {
        appSettings: [['RedisUseTls', 'Web.config', 'true'], ['RedisCertPath', 'Terrasoft.WebHost.dll.config', 'b.pfx']],
        redis: undefined,
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
