import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompletionItem } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient } from '../support/lspClient.js';
import { positionAt, rangeAt, textIn, withCursor } from '../support/editing.js';

const REDIS = (connectionString: string) => `<?xml version="1.0" encoding="utf-8"?>
<connectionStrings>
  <add name="db" connectionString="Data Source=sql01;Initial Catalog=creatio" />
  <add name="redis" connectionString="${connectionString}" />
</connectionStrings>
`;

const STANDALONE_KEYS = ['port', 'db', 'password', 'maxReadPoolSize', 'maxWritePoolSize', 'useTls', 'certificatePath', 'certificatePassword', 'disableTlsCertificateValidation'];
const TLS_KEYS = ['useTls', 'certificatePath', 'certificatePassword', 'disableTlsCertificateValidation'];
const SENTINEL_ONLY = ['sentinelHosts', 'masterName', 'scanForOtherSentinels'];

/** Labels in the order the editor shows them before filtering: by sortText, then label. */
function labels(items: CompletionItem[]): string[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label)).map((item) => item.label);
}

function item(items: CompletionItem[], label: string): CompletionItem {
  const found = items.find((candidate) => candidate.label === label);
  assert.ok(found, `no completion labelled '${label}'; offered: ${items.map((i) => i.label).join(', ')}`);
  return found;
}

/** Returns the raw text an item replaces and the text it inserts. */
function edit(text: string, completion: CompletionItem): [replaced: string, inserted: string] {
  const textEdit = completion.textEdit;
  assert.ok(textEdit, `'${completion.label}' has no textEdit`);
  assert.ok('range' in textEdit, `'${completion.label}' has an insert-and-replace edit`);
  return [textIn(text, textEdit.range), textEdit.newText];
}

describe('completion over stdio', () => {
  const client = new LspTestClient();
  let documents = 0;
  before(() => client.initialize());
  after(() => client.shutdown());

  /** Opens `marked` under `uri` (a fresh one by default) and requests completion at its `|`. */
  async function complete(marked: string, uri = `file:///completion/${++documents}/ConnectionStrings.config`) {
    const { text, offset } = withCursor(marked);
    await client.open(uri, text);
    const items = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: positionAt(text, offset) })) as CompletionItem[];
    await client.close(uri);
    return { text, offset, items };
  }

  describe('Redis keys', () => {
    it('offers every key in an empty string, Sentinel keys last', async () => {
      const { text, offset, items } = await complete(REDIS('|'));
      assert.deepEqual(labels(items), ['host', ...STANDALONE_KEYS.slice(0, 5), 'clusterHosts', ...TLS_KEYS, ...SENTINEL_ONLY]);
      assert.deepEqual(item(items, 'host').textEdit, { range: rangeAt(text, offset, offset), newText: 'host=' });
      assert.equal(item(items, 'host').kind, 10);
      assert.equal(item(items, 'host').insertTextFormat, 1);
    });

    it('leaves out present keys and other topologies', async () => {
      const { items } = await complete(REDIS('host=10.0.0.5;|'));
      assert.deepEqual(labels(items), STANDALONE_KEYS);
    });

    it('matches present keys in any case', async () => {
      const { items } = await complete(REDIS('HOST=10.0.0.5;Port=6379;|'));
      assert.deepEqual(labels(items), STANDALONE_KEYS.slice(1));
    });

    it('offers Cluster keys after clusterHosts', async () => {
      const { items } = await complete(REDIS('clusterHosts=10.0.1.10:6379,10.0.1.11:6379;|'));
      assert.deepEqual(labels(items), ['password', ...TLS_KEYS]);
    });

    it('offers Sentinel keys after sentinelHosts', async () => {
      const { items } = await complete(REDIS('sentinelHosts=10.0.0.21:26379;|'));
      assert.deepEqual(labels(items), ['db', 'password', 'maxReadPoolSize', 'maxWritePoolSize', 'masterName', 'scanForOtherSentinels']);
      assert.deepEqual(items.filter((i) => i.sortText!.startsWith('1')), []);
    });

    it('replaces exactly the prefix typed', async () => {
      const { text, items } = await complete(REDIS('host=10.0.0.5;ma|'));
      assert.deepEqual(edit(text, item(items, 'maxReadPoolSize')), ['ma', 'maxReadPoolSize=']);
      assert.equal(item(items, 'maxReadPoolSize').filterText, 'maxReadPoolSize');
    });

    it('replaces a whole key without doubling =', async () => {
      const { text, items } = await complete(REDIS('host=10.0.0.5;po|rt=6379'));
      assert.deepEqual(edit(text, item(items, 'port')), ['port', 'port']);
    });

    it('inserts before a key right after the cursor', async () => {
      const { text, offset, items } = await complete(REDIS('host=10.0.0.5;|port=6379'));
      assert.deepEqual(item(items, 'db').textEdit, { range: rangeAt(text, offset, offset), newText: 'db=' });
      assert.ok(!labels(items).includes('port'));
    });

    it('keeps raw offsets after an entity', async () => {
      const { text, items } = await complete(REDIS('host=10.0.0.5;password=[Redis&amp;Pw];us|'));
      assert.deepEqual(edit(text, item(items, 'useTls')), ['us', 'useTls=']);
    });

    it('completes on a wrapped line with CRLF', async () => {
      const marked = REDIS('host=10.0.0.5;\n       |').replace(/\n/g, '\r\n');
      const { text, offset, items } = await complete(marked);
      assert.deepEqual(item(items, 'port').textEdit, { range: rangeAt(text, offset, offset), newText: 'port=' });
      assert.equal(rangeAt(text, offset, offset).start.line, 4);
    });

    it('documents mode and version', async () => {
      const { items } = await complete(REDIS('host=10.0.0.5;|'));
      const useTls = item(items, 'useTls');
      assert.equal(useTls.detail, 'standalone, Cluster · Creatio 8.0.2 and later');
      assert.deepEqual(useTls.documentation, { kind: 'markdown', value: 'Turns TLS on (true or false; absent means false). Needs Redis 6.0+ built with TLS.' });
      assert.deepEqual(useTls.command, { title: 'Suggest', command: 'editor.action.triggerSuggest' });
      assert.equal(item(items, 'password').detail, 'all topologies · Creatio 7.13.4 and later');
      assert.equal(item(items, 'port').command, undefined);
      const certificatePassword = item(items, 'certificatePassword').documentation as { value: string };
      assert.equal(certificatePassword.value, 'Password of the certificate file, used only with useTls=true.\n\nRead only with useTls=true.');
    });
  });

  describe('with creatioVersion', () => {
    after(() => client.changeSettings({}));

    it('sorts keys newer than the version last', async () => {
      await client.changeSettings({ creatioVersion: '7.17.0' });
      const { items } = await complete(REDIS('|'));
      assert.deepEqual(labels(items), ['host', ...STANDALONE_KEYS.slice(0, 5), ...SENTINEL_ONLY, 'clusterHosts', ...TLS_KEYS]);
      const documentation = item(items, 'clusterHosts').documentation as { value: string };
      assert.match(documentation.value, /creatioConfig\.creatioVersion is 7\.17\.0, which does not read clusterHosts yet \(it needs 7\.18\.0\)\./);
    });

    it('sorts retired Sentinel keys last', async () => {
      await client.changeSettings({ creatioVersion: '7.18.3' });
      const { items } = await complete(REDIS('sentinelHosts=10.0.0.21:26379;|'));
      assert.deepEqual(labels(items), ['db', 'password', 'maxReadPoolSize', 'maxWritePoolSize', 'masterName', 'scanForOtherSentinels']);
      assert.deepEqual(items.filter((i) => i.sortText!.startsWith('1')).map((i) => i.label), ['masterName', 'scanForOtherSentinels']);
    });
  });

  describe('Redis values', () => {
    it('offers true and false after a boolean key', async () => {
      const { text, offset, items } = await complete(REDIS('host=10.0.0.5;useTls=|'));
      assert.deepEqual(labels(items), ['true', 'false']);
      assert.deepEqual(item(items, 'true').textEdit, { range: rangeAt(text, offset, offset), newText: 'true' });
      assert.deepEqual(item(items, 'false').documentation, { kind: 'markdown', value: 'TLS off: Creatio ignores password, certificatePath and certificatePassword.' });
    });

    it('replaces a partial boolean', async () => {
      const { text, items } = await complete(REDIS('host=10.0.0.5;useTls=true;disableTlsCertificateValidation=fa|'));
      assert.deepEqual(edit(text, item(items, 'false')), ['fa', 'false']);
      assert.deepEqual(item(items, 'true').documentation, { kind: 'markdown', value: 'Turns off validation of the server certificate: Creatio accepts any certificate. Use it in development only.' });
    });

    it('offers nothing after other keys', async () => {
      assert.deepEqual((await complete(REDIS('host=10.0.0.5;port=|'))).items, []);
      assert.deepEqual((await complete(REDIS('host=10.0.0.5;password=ab|'))).items, []);
    });

    it('offers nothing in a placeholder value', async () => {
      assert.deepEqual((await complete(REDIS('[Redis|Connection]'))).items, []);
    });

    it('offers nothing in other entries', async () => {
      const marked = REDIS('host=10.0.0.5').replace('Initial Catalog=creatio', 'Initial Catalog=creatio;|');
      assert.deepEqual((await complete(marked)).items, []);
    });
  });

  describe('connection string names', () => {
    it('offers the names not yet used', async () => {
      const marked = REDIS('host=10.0.0.5').replace('</connectionStrings>', '  <add name="|" connectionString="" />\n</connectionStrings>');
      const { text, offset, items } = await complete(marked.replace('name="redis"', 'name="Redis"'));
      assert.deepEqual(labels(items), [
        'dbPostgreSql', 'db_Replica', 'redisSentinel', 'influx', 'messageBroker', 'elasticsearchCredentials', 's3Connection', 'azureConnection',
        'clientPerformanceLoggerServiceUri', 'tempDirectoryPath', 'defPackagesWorkingCopyPath', 'sourceControlAuthPath', 'defRepositoryUri',
        'defWorkingCopyPath', 'clientUnitContentPath',
      ]);
      assert.deepEqual(item(items, 'influx').textEdit, { range: rangeAt(text, offset, offset), newText: 'influx' });
      assert.equal(item(items, 'db_Replica').detail, 'Creatio 7.18.4 and later');
    });

    it('replaces the name typed so far', async () => {
      const { text, items } = await complete('<connectionStrings>\n  <add name="redisSen|" connectionString="" />\n</connectionStrings>\n');
      assert.deepEqual(edit(text, item(items, 'redisSentinel')), ['redisSen', 'redisSentinel']);
      assert.ok(labels(items).includes('redis'));
    });
  });

  describe('entry snippets', () => {
    const SNIPPETS = ['Redis: standalone with TLS and password', 'Redis: standalone with a client certificate', 'Redis: Cluster with TLS'];
    const BETWEEN = REDIS('host=10.0.0.5').replace('  <add name="redis"', '  |\n  <add name="redis"');

    it('offers entries between elements', async () => {
      const { text, offset, items } = await complete(BETWEEN);
      assert.deepEqual(labels(items), SNIPPETS);
      const snippet = item(items, SNIPPETS[0]);
      assert.equal(snippet.insertTextFormat, 2);
      assert.equal(snippet.kind, 15);
      assert.deepEqual(snippet.textEdit, {
        range: rangeAt(text, offset, offset),
        newText: '<add name="${1:redis}" connectionString="host=${2:redis.example.com};port=${3:6379};db=${4:0};useTls=true;password=${5:[RedisPassword]}" />$0',
      });
      assert.equal(item(items, SNIPPETS[2]).textEdit!.newText, '<add name="${1:redis}" connectionString="clusterHosts=${2:redis-1.example.com:6379},${3:redis-2.example.com:6379},${4:redis-3.example.com:6379};useTls=true;password=${5:[RedisPassword]}" />$0');
    });

    it('replaces a partial tag', async () => {
      const { text, items } = await complete(BETWEEN.replace('|', '<ad|'));
      assert.deepEqual(labels(items), SNIPPETS);
      assert.deepEqual(edit(text, item(items, SNIPPETS[1])).map((part) => part.slice(0, 20)), ['<ad', '<add name="${1:redis']);
      assert.equal(item(items, SNIPPETS[1]).filterText, '<add redis standalone tls client certificate');
    });

    it('offers no entry in a comment, a tag or outside the section', async () => {
      assert.deepEqual((await complete(BETWEEN.replace('|', '<!-- | -->'))).items, []);
      assert.deepEqual((await complete(REDIS('host=10.0.0.5').replace('<add name="db" ', '<add name="db" | '))).items, []);
      assert.deepEqual((await complete(`|${REDIS('host=10.0.0.5')}`)).items, []);
      assert.deepEqual((await complete(`${REDIS('host=10.0.0.5')}|`)).items, []);
    });
  });

  describe('certificate paths', () => {
    let root: string;
    let site: string;
    let uri: string;

    before(() => {
      root = mkdtempSync(join(tmpdir(), 'creatio-completion-'));
      site = join(root, 'site');
      mkdirSync(join(site, 'certs', 'archive'), { recursive: true });
      for (const name of ['certs/client.pfx', 'certs/ca.pem', 'certs/notes.txt', 'certs/.old.pfx', 'root.p12', 'R&D.pfx', 'a;b.pfx', 'ConnectionStrings.config']) {
        writeFileSync(join(site, name), '');
      }
      uri = fileUri(join(site, 'ConnectionStrings.config'));
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    const PATH = (path: string) => REDIS(`host=10.0.0.5;useTls=true;certificatePath=${path}`);

    it('lists the config folder', async () => {
      const { text, offset, items } = await complete(PATH('|'), uri);
      assert.deepEqual(labels(items), ['certs', 'R&D.pfx', 'root.p12']);
      assert.deepEqual(item(items, 'certs').textEdit, { range: rangeAt(text, offset, offset), newText: 'certs/' });
      assert.equal(item(items, 'certs').kind, 19);
      assert.deepEqual(item(items, 'certs').command, { title: 'Suggest', command: 'editor.action.triggerSuggest' });
      assert.equal(item(items, 'R&D.pfx').textEdit!.newText, 'R&amp;D.pfx');
      assert.equal(item(items, 'root.p12').detail, 'PKCS#12: client key, may have a password');
      assert.equal(item(items, 'root.p12').kind, 17);
    });

    it('lists a relative folder and replaces the name typed', async () => {
      const { text, items } = await complete(PATH('certs/cl|'), uri);
      assert.deepEqual(labels(items), ['archive', 'ca.pem', 'client.pfx']);
      assert.deepEqual(edit(text, item(items, 'client.pfx')), ['cl', 'client.pfx']);
      assert.equal(item(items, 'ca.pem').detail, 'PEM/DER certificate: no password');
    });

    it('shows hidden files when a dot is typed', async () => {
      const { items } = await complete(PATH('certs/.|'), uri);
      assert.deepEqual(labels(items), ['archive', '.old.pfx', 'ca.pem', 'client.pfx']);
    });

    it('lists an absolute folder', async () => {
      const { items } = await complete(PATH(`${join(site, 'certs')}/|`), uri);
      assert.deepEqual(labels(items), ['archive', 'ca.pem', 'client.pfx']);
    });

    it('keeps the backslash typed', async () => {
      const { items } = await complete(PATH('certs\\|'), uri);
      assert.equal(item(items, 'archive').textEdit!.newText, 'archive\\');
    });

    it('offers nothing it cannot list', async () => {
      const otherPlatform = process.platform === 'win32' ? '/etc/ssl/|' : 'C:\\certs\\|';
      for (const path of ['missing/|', 'root.p12/|', otherPlatform]) {
        assert.deepEqual((await complete(PATH(path), uri)).items, [], path);
      }
      const untitled = await complete(PATH('|'), 'untitled:Untitled-1');
      assert.deepEqual(untitled.items, []);
    });
  });
});
