import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** Writes `files` (name to text or bytes) into a new temporary folder and returns readSiblings' facts for it. */
async function siteFacts(files: Record<string, string | Buffer>): Promise<Facts> {
  const folder = mkdtempSync(join(tmpdir(), 'siblings-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      const path = join(folder, ...name.split('/'));
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, content);
    }
    return summary(await readSiblings(folder));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function webConfig(...lines: string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n${lines.map((line) => `  ${line}\n`).join('')}</configuration>\n`;
}

function appSettingsFile(...entries: string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<appSettings>\n${entries.map((entry) => `  ${entry}\n`).join('')}</appSettings>\n`;
}

const TLS_ON = '<add key="RedisUseTls" value="true" />';

describe('appSettings file= attribute', () => {
  it('reads inline entries and the file', async () => {
    const facts = await siteFacts({
      'Web.config': webConfig('<appSettings file="appSettings.secret.config">', '  <add key="RedisCertPath" value="inline.pfx" />', '</appSettings>'),
      'appSettings.secret.config': appSettingsFile(TLS_ON),
    });
    assert.deepEqual(facts.appSettings, [
      ['RedisUseTls', 'appSettings.secret.config', 'true'],
      ['RedisCertPath', 'Web.config', 'inline.pfx'],
    ]);
  });

  it('file values override inline ones', async () => {
    const facts = await siteFacts({
      'Web.config': webConfig(
        '<appSettings file="appSettings.secret.config">',
        '  <add key="RedisUseTls" value="false" />',
        '  <add key="RedisCertPath" value="inline.pfx" />',
        '  <add key="RedisCertPass" value="inline" />',
        '</appSettings>',
      ),
      'appSettings.secret.config': appSettingsFile('<add key="redisusetls" value="true" />', '<remove key="RedisCertPath" />'),
    });
    assert.deepEqual(facts.appSettings, [
      ['RedisUseTls', 'appSettings.secret.config', 'true'],
      ['RedisCertPass', 'Web.config', 'inline'],
    ]);
  });

  it('missing file: inline values stay', async () => {
    // The present file in the location section shows that file= is read at all.
    const facts = await siteFacts({
      'Web.config': webConfig(
        '<appSettings file="appSettings.secret.config">',
        `  ${TLS_ON}`,
        '</appSettings>',
        '<location path="."><appSettings file="present.config" /></location>',
      ),
      'present.config': appSettingsFile('<add key="RedisCertPass" value="secret" />'),
    });
    assert.deepEqual(facts.appSettings, [
      ['RedisUseTls', 'Web.config', 'true'],
      ['RedisCertPass', 'present.config', 'secret'],
    ]);
  });

  it('UTF-16 file in a subfolder, Windows separator', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(appSettingsFile(TLS_ON), 'utf16le')]);
    const facts = await siteFacts({
      'Web.config': webConfig('<appSettings file="config\\secret.config" />'),
      'config/secret.config': bytes,
    });
    assert.deepEqual(facts.appSettings, [['RedisUseTls', 'config\\secret.config', 'true']]);
  });

  it('absolute path: read', async () => {
    const other = mkdtempSync(join(tmpdir(), 'siblings-external-'));
    try {
      const path = join(other, 'secret.config');
      writeFileSync(path, appSettingsFile(TLS_ON));
      const facts = await siteFacts({ 'Web.config': webConfig(`<appSettings file="${path}" />`) });
      assert.deepEqual(facts.appSettings, [['RedisUseTls', path, 'true']]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('file over the size limit: ignored', async () => {
    const padding = ' '.repeat(16 * 1024 * 1024);
    // small.config has the same form under the limit, so only the size differs.
    const facts = await siteFacts({
      'Web.config': webConfig(
        '<appSettings file="big.config">',
        '  <add key="RedisCertPath" value="inline.pfx" />',
        '</appSettings>',
        '<location path="."><appSettings file="small.config" /></location>',
      ),
      'big.config': appSettingsFile(TLS_ON) + padding,
      'small.config': appSettingsFile('<add key="RedisCertPass" value="secret" />'),
    });
    assert.deepEqual(facts.appSettings, [
      ['RedisCertPath', 'Web.config', 'inline.pfx'],
      ['RedisCertPass', 'small.config', 'secret'],
    ]);
  });

  it('file whose root is not appSettings: ignored', async () => {
    const facts = await siteFacts({
      'Web.config': webConfig('<appSettings file="other.config" />', '<location path="."><appSettings file="good.config" /></location>'),
      'other.config': `<configuration>${TLS_ON}</configuration>`,
      'good.config': appSettingsFile('<add key="RedisCertPath" value="good.pfx" />'),
    });
    assert.deepEqual(facts.appSettings, [['RedisCertPath', 'good.config', 'good.pfx']]);
  });

  it('file named in an external file: not followed', async () => {
    const facts = await siteFacts({
      'Web.config': webConfig('<appSettings file="first.config" />'),
      'first.config': '<appSettings file="second.config"><add key="RedisCertPath" value="first.pfx" /></appSettings>',
      'second.config': appSettingsFile(TLS_ON),
    });
    assert.deepEqual(facts.appSettings, [['RedisCertPath', 'first.config', 'first.pfx']]);
  });
});

describe('appSettings configSource= attribute', () => {
  it('reads the section from the file', async () => {
    const facts = await siteFacts({
      'Web.config': webConfig('<appSettings configSource="appSettings.config" />'),
      'appSettings.config': appSettingsFile('<add key="RedisCertPath" value="a.pfx" />', TLS_ON),
    });
    assert.deepEqual(facts.appSettings, [
      ['RedisUseTls', 'appSettings.config', 'true'],
      ['RedisCertPath', 'appSettings.config', 'a.pfx'],
    ]);
  });

  it('missing file: no settings', async () => {
    const facts = await siteFacts({ 'Web.config': webConfig('<appSettings configSource="appSettings.config">', `  ${TLS_ON}`, '</appSettings>') });
    assert.deepEqual(facts.appSettings, []);
  });

  it('.NET Core config: read the same way', async () => {
    const facts = await siteFacts({
      'Terrasoft.WebHost.dll.config': webConfig('<appSettings configSource="appSettings.config" />'),
      'appSettings.config': appSettingsFile('<add key="DisableRedisTlsCertificateValidation" value="true" />'),
    });
    assert.deepEqual(facts.appSettings, [['DisableRedisTlsCertificateValidation', 'appSettings.config', 'true']]);
  });
});

describe('appSettings inside location', () => {
  for (const path of [' path="."', ' path=""', '']) {
    it(`location${path || ' without path'}: applies to the site`, async () => {
      const facts = await siteFacts({
        'Web.config': webConfig(`<location${path} inheritInChildApplications="false">`, `  <appSettings>${TLS_ON}</appSettings>`, '</location>'),
      });
      assert.deepEqual(facts.appSettings, [['RedisUseTls', 'Web.config', 'true']]);
    });
  }

  it('location merged after the root section', async () => {
    const facts = await siteFacts({
      'Web.config': webConfig(
        `<location path="." inheritInChildApplications="false"><appSettings>${TLS_ON}</appSettings></location>`,
        '<appSettings><add key="RedisUseTls" value="false" /><add key="RedisCertPath" value="root.pfx" /></appSettings>',
      ),
    });
    assert.deepEqual(facts.appSettings, [
      ['RedisUseTls', 'Web.config', 'true'],
      ['RedisCertPath', 'Web.config', 'root.pfx'],
    ]);
  });

  it('location with another path: ignored', async () => {
    const facts = await siteFacts({
      'Web.config': webConfig(`<location path="api"><appSettings>${TLS_ON}</appSettings></location>`, '<location path="."><appSettings><add key="RedisCertPath" value="site.pfx" /></appSettings></location>'),
    });
    assert.deepEqual(facts.appSettings, [['RedisCertPath', 'Web.config', 'site.pfx']]);
  });

  it('location section with file=', async () => {
    const facts = await siteFacts({
      'Web.config': webConfig('<location path="."><appSettings file="appSettings.secret.config" /></location>'),
      'appSettings.secret.config': appSettingsFile(TLS_ON),
    });
    assert.deepEqual(facts.appSettings, [['RedisUseTls', 'appSettings.secret.config', 'true']]);
  });
});
