import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LspTestClient } from '../support/lspClient.js';

const TEXT = '<connectionStrings>\n  <add name="db" connectionString="x" />\n  <add name="redis" connectionString="host=127.0.0.1;port=1" />\n</connectionStrings>\n';

async function lenses(initializationOptions?: Record<string, unknown>) {
  const client = new LspTestClient();
  await client.initialize(initializationOptions);
  const uri = 'file:///work/lens/ConnectionStrings.config';
  await client.open(uri, TEXT);
  const result = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as { range: unknown; command: { title: string; command: string; arguments: unknown[] } }[];
  await client.shutdown();
  return { uri, result };
}

describe('connection test code lens', () => {
  let plain: Awaited<ReturnType<typeof lenses>>;
  let vscodeClient: Awaited<ReturnType<typeof lenses>>;
  before(async () => {
    plain = await lenses();
    vscodeClient = await lenses({ showsConnectionTests: true });
  });

  it('marks the Redis entry only', () => {
    assert.deepEqual(plain.result.map((lens) => lens.range), [{ start: { line: 2, character: 3 }, end: { line: 2, character: 6 } }]);
  });

  it('names the server command for any client', () => {
    assert.deepEqual(plain.result[0].command, { title: 'Test Redis connection', command: 'creatioConfig.server.testConnection', arguments: [plain.uri, TEXT.indexOf('<add name="redis"')] });
  });

  it('names the client command for VS Code', () => {
    assert.equal(vscodeClient.result[0].command.command, 'creatioConfig.testConnection');
  });
});

describe('secrets and settings over LSP', () => {
  const client = new LspTestClient();
  before(() => client.initialize());
  after(() => client.shutdown());

  it('masks a glued password in the entry hover', async () => {
    const uri = 'file:///work/glued/ConnectionStrings.config';
    const text = '<connectionStrings>\n  <add name="redis" connectionString="host=r1;db=1;useTls=true password=RdPw_Kk11" />\n</connectionStrings>\n';
    await client.open(uri, text);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 4 } })) as { contents: { value: string } };
    assert.match(hover.contents.value, /useTls is 'true password=••••'/);
    assert.doesNotMatch(hover.contents.value, /RdPw_Kk11/);
  });

  it('warns about an unknown rule id in settings', async () => {
    const uri = 'file:///work/rules/ConnectionStrings.config';
    client.logs.length = 0;
    client.settings = { rules: { 'plaintext-secrets': 'off' } };
    await client.open(uri, TEXT);
    assert.ok(client.logs.includes("Setting creatioConfig.rules names an unknown rule 'plaintext-secrets', which has no effect. The README lists the rule ids."), client.logs.join('\n'));
  });
});
