import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lspClient.js';
import { positionAt, rangeAt, rangeOf, withCursor } from '../support/editing.js';

const CONFIG = (...entries: string[]) => `<?xml version="1.0" encoding="utf-8"?>
<connectionStrings>
${entries.map((entry) => `  ${entry}`).join('\n')}
</connectionStrings>
`;
const REDIS = (connectionString: string, name = 'redis') => `<add name="${name}" connectionString="${connectionString}" />`;
const DB = '<add name="db" connectionString="Server=sql01;Database=crm;User ID=app;Password=DbS3cret;" />';

describe('hover over stdio', () => {
  const client = new LspTestClient();
  let documents = 0;
  before(() => client.initialize());
  after(() => client.shutdown());

  async function openFresh(text: string): Promise<string> {
    const uri = `file:///hover/${++documents}/ConnectionStrings.config`;
    await client.open(uri, text);
    return uri;
  }

  function requestHover(uri: string, text: string, offset: number): Promise<Hover | null> {
    return client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionAt(text, offset) }) as Promise<Hover | null>;
  }

  /** Opens `marked` and returns the hover at its `|`. */
  async function hover(marked: string): Promise<{ text: string; hover: Hover | null }> {
    const { text, offset } = withCursor(marked);
    const uri = await openFresh(text);
    const result = await requestHover(uri, text, offset);
    await client.close(uri);
    return { text, hover: result };
  }

  function markdownOf(result: Hover | null): string {
    assert.ok(result, 'no hover');
    const contents = result.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    return contents.value;
  }

  describe('on a key', () => {
    it('explains useTls=false', async () => {
      const { text, hover: result } = await hover(CONFIG(REDIS('host=10.0.0.5;use|Tls=false;password=Sup3rS3cret')));
      assert.equal(markdownOf(result), [
        '**useTls**: Redis connection string key',
        'Turns TLS on (true or false; absent means false). Needs Redis 6.0+ built with TLS.',
        'Used with standalone, Cluster. Read by Creatio 8.0.2 and later.',
        'Current value: TLS off: Creatio ignores password, certificatePath and certificatePassword.',
      ].join('\n\n'));
      assert.deepEqual(result!.range, rangeOf(text, 'useTls'));
    });

    it('explains db=3 from its value too', async () => {
      const { text, hover: result } = await hover(CONFIG(REDIS('host=10.0.0.5;db=|3;port=6379')));
      assert.equal(markdownOf(result), [
        '**db**: Redis connection string key',
        'Redis database number, 0 or more. Each Creatio site needs its own; Redis has 16 (0–15) unless configured otherwise.',
        'Used with standalone, Sentinel. Read by all Creatio versions.',
        'Current value: Database 3.',
      ].join('\n\n'));
      const value = text.indexOf('db=3') + 'db='.length;
      assert.deepEqual(result!.range, rangeAt(text, value, value + 1));
    });

    it('masks a password', async () => {
      const { hover: result } = await hover(CONFIG(REDIS('host=10.0.0.5;useTls=true;pass|word=Sup3rS3cret')));
      const markdown = markdownOf(result);
      assert.equal(markdown.split('\n\n').at(-1), 'Current value: Set (••••); Creatio sends it with AUTH over TLS.');
      assert.doesNotMatch(markdown, /Sup3rS3cret/);
    });

    it('says a password without TLS is ignored', async () => {
      const { hover: result } = await hover(CONFIG(REDIS('host=10.0.0.5;password=Sup3r|S3cret')));
      assert.equal(markdownOf(result).split('\n\n').at(-1), "Current value: Set (••••). Creatio 8.0.2 and later ignore it because useTls is not set. Older versions send it without TLS, in clear text.");
    });

    it('names a Vault reference without its name', async () => {
      const { hover: result } = await hover(CONFIG(REDIS('host=10.0.0.5;useTls=true;pass|word=[RedisSecretName]')));
      const markdown = markdownOf(result);
      assert.equal(markdown.split('\n\n').at(-1), 'Current value: A Vault reference: Creatio reads the value from Vault when UseSecretsInConnectionStrings is on.');
      assert.doesNotMatch(markdown, /RedisSecretName/);
    });

    it('cannot check a path of another system', async () => {
      const path = process.platform === 'win32' ? '/etc/ssl/redis.pfx' : 'C:\\certs\\redis.pfx';
      const kind = process.platform === 'win32' ? 'a Linux path' : 'a Windows path';
      const { hover: result } = await hover(CONFIG(REDIS(`host=10.0.0.5;useTls=true;certificate|Path=${path}`)));
      assert.equal(
        markdownOf(result).split('\n\n').at(-1),
        `Current value: Client certificate file \`${path}\`. PKCS#12 carries the client key and may have a password (certificatePassword). This is ${kind}, so it cannot be checked from this machine.`,
      );
    });

    it('says TLS keys are ignored without useTls', async () => {
      const { hover: result } = await hover(CONFIG(REDIS('host=10.0.0.5;disableTls|CertificateValidation=true')));
      assert.equal(
        markdownOf(result).split('\n\n').at(-1),
        'Current value: Turns off validation of the server certificate: Creatio accepts any certificate. Use it in development only. Creatio ignores it because useTls is not set.',
      );
    });

    it('notes a key the configured version does not read', async () => {
      await client.changeSettings({ creatioVersion: '7.18.0' });
      try {
        const { hover: result } = await hover(CONFIG(REDIS('host=10.0.0.5;use|Tls=true')));
        assert.equal(markdownOf(result).split('\n\n')[3], 'creatioConfig.creatioVersion is 7.18.0, which does not read useTls yet (it needs 8.0.2).');
      } finally {
        await client.changeSettings({});
      }
    });

    it('explains an unknown key without its value', async () => {
      const { hover: result } = await hover(CONFIG(REDIS('host=10.0.0.5;pas|word=Typo5ecret')));
      assert.equal(markdownOf(result), '**`pasword`**: not a Creatio Redis key\n\nCreatio does not read this key, so it is ignored.');
    });

    it('explains a key of another client', async () => {
      const { hover: result } = await hover(CONFIG(REDIS('host=10.0.0.5;ss|l=true')));
      assert.equal(markdownOf(result), "**`ssl`**: not a Creatio Redis key\n\nCreatio does not read it: 'ssl' is a StackExchange.Redis key; Creatio turns TLS on with useTls. Use useTls.");
    });
  });

  describe('on an entry', () => {
    it('summarises standalone TLS with a password', async () => {
      const { text, hover: result } = await hover(CONFIG(DB, REDIS('host=10.0.0.5;port=6380;db=3;useTls=true;password=Sup3rS3cret').replace('<add', '<a|dd')));
      assert.equal(markdownOf(result), [
        '**`redis`**: Redis connection string',
        '',
        '- Topology: standalone, server `10.0.0.5`, port `6380`, database `3`',
        '- TLS: on',
        '- Authentication: password (••••)',
        '- Server certificate validation: on',
      ].join('\n'));
      assert.deepEqual(result!.range, rangeOf(text, 'add', 1));
    });

    it('summarises a Cluster with a certificate and a password', async () => {
      const connectionString = 'clusterHosts=10.0.1.10:6379,10.0.1.11:6379,10.0.1.12:6379;useTls=true;certificatePath=client.pfx;certificatePassword=An0therS3cret;password=Sup3rS3cret;disableTlsCertificateValidation=true';
      const { text, hover: result } = await hover(CONFIG(REDIS(connectionString).replace('name="redis"', 'name="re|dis"')));
      assert.equal(markdownOf(result), [
        '**`redis`**: Redis connection string',
        '',
        '- Topology: Cluster of 3 listed nodes',
        '- TLS: on',
        '- Authentication: client certificate `client.pfx` and password (••••); the certificate file has a password (••••)',
        '- Server certificate validation: off (disableTlsCertificateValidation=true): Creatio accepts any server certificate',
      ].join('\n'));
      assert.deepEqual(result!.range, rangeOf(text, 'name="redis"'));
    });

    it('summarises a certificate without a password', async () => {
      const { hover: result } = await hover(CONFIG(REDIS('host=10.0.0.5;useTls=true;certificatePath=client.pfx').replace('<add', '<add|')));
      assert.match(markdownOf(result), /\n- Authentication: client certificate `client\.pfx`\n/);
    });

    it('summarises Sentinel without TLS', async () => {
      const { hover: result } = await hover(CONFIG(REDIS('sentinelHosts=10.0.0.21:26379;masterName=master1;password=Sup3rS3cret', 'redis|Sentinel')));
      assert.equal(markdownOf(result), [
        '**`redisSentinel`**: Redis connection string',
        '',
        '- Topology: Sentinel (retired in Creatio 7.18.3): 1 listed Sentinel, master `master1`',
        "- TLS: off (useTls is not set)",
        '- Authentication: password (••••) without TLS, which Creatio 8.0.2 and later ignore',
        '- Server certificate validation: not applicable, TLS is off',
      ].join('\n'));
    });

    it('reports conflicting topologies and no authentication', async () => {
      const { hover: result } = await hover(CONFIG(REDIS('host=10.0.0.5;clusterHosts=10.0.1.10:6379;useTls=false').replace('<add', '<|add')));
      assert.equal(markdownOf(result), [
        '**`redis`**: Redis connection string',
        '',
        '- Topology: conflicting: standalone and Cluster keys are both set',
        "- TLS: off (useTls is 'false', not true)",
        '- Authentication: none',
        '- Server certificate validation: not applicable, TLS is off',
      ].join('\n'));
    });

    it('does not open a Vault reference', async () => {
      const { hover: result } = await hover(CONFIG(REDIS('[RedisConnection]').replace('<add', '<a|dd')));
      const markdown = markdownOf(result);
      assert.equal(markdown, '**`redis`**: Redis connection string\n\nThe whole value is a Vault reference, so its settings are not known here. A Vault reference: Creatio reads the value from Vault when UseSecretsInConnectionStrings is on.');
    });

    it('names a URI without its password', async () => {
      const { hover: result } = await hover(CONFIG(REDIS('redis://:Uri-Pass-91@cache.example.net:6380/2').replace('<add', '<a|dd')));
      assert.equal(markdownOf(result), "**`redis`**: Redis connection string\n\nThe value is a redis:// URI, which Creatio does not read: it expects key=value pairs separated by ';'.");
    });

    it('explains other known names without their value', async () => {
      const { hover: result } = await hover(CONFIG(DB.replace('<add', '<a|dd')));
      assert.equal(markdownOf(result), '**`db`**: connection string\n\nMain database: an MS SQL, PostgreSQL or Oracle ADO.NET connection string. Required.');
    });

    it('has nothing to say elsewhere', async () => {
      assert.equal((await hover(CONFIG(REDIS('host=10.0.0.5')).replace('<connectionStrings>', '<connection|Strings>'))).hover, null);
      assert.equal((await hover(CONFIG('<add name="quartz" connectionString="x" />').replace('quartz', 'qu|artz'))).hover, null);
      assert.equal((await hover(CONFIG('|', REDIS('host=10.0.0.5')))).hover, null);
    });
  });

  describe('secrets', () => {
    const SECRETS = ['Sup3rS3cret', 'An0therS3cret', 'Typo5ecret', 'CertPass9', 'DbS3cret', 'Uri-Pass-91', 'RedisVaultName', 'REDIS_PW', 'TokenPw', 'SOME_PASSWORD', 'CertToken', 'cd3f'];
    const DOCUMENTS = [
      CONFIG(
        DB,
        REDIS('host=10.0.0.5;useTls=true;password=Sup3rS3cret;certificatePath=client.pfx;certificatePassword=An0therS3cret;pasword=Typo5ecret;RedisCertPass=CertPass9'),
        REDIS('redis://:Uri-Pass-91@cache.example.net:6380', 'redisSentinel'),
      ),
      CONFIG(REDIS('host=10.0.0.5;password=[RedisVaultName];certificatePassword=${REDIS_PW}'), REDIS('#{TokenPw}#', 'redisSentinel')),
      CONFIG(REDIS('host=10.0.0.5;useTls=true;password=SOME_PASSWORD;certificatePassword=__CertToken__;certificatePath=c.pem'), REDIS('host=10.0.0.6;password=ab;cd3f', 'redisSentinel')),
    ];

    it('never shows a secret at any position', async () => {
      for (const text of DOCUMENTS) {
        const uri = await openFresh(text);
        let hovers = 0;
        for (let offset = 0; offset <= text.length; offset++) {
          const result = await requestHover(uri, text, offset);
          if (!result) continue;
          hovers++;
          const markdown = markdownOf(result);
          for (const secret of SECRETS) assert.ok(!markdown.includes(secret), `hover at ${offset} shows '${secret}'`);
        }
        assert.ok(hovers > 100, `only ${hovers} positions had a hover`);
        await client.close(uri);
      }
    });
  });
});
