import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LspTestClient } from '../support/lspClient.js';

const REDIS = (connectionString: string) => `<?xml version="1.0" encoding="utf-8"?>
<connectionStrings>
  <add name="redis" connectionString="${connectionString}" />
</connectionStrings>
`;

function at(text: string, needle: string, occurrence = 0) {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, `'${needle}' not found`);
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  const character = index - (before.lastIndexOf('\n') + 1);
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

describe('diagnostics over stdio', () => {
  const client = new LspTestClient();
  before(() => client.initialize());
  after(() => client.shutdown());

  it('reports codes and exact ranges on open', async () => {
    const text = REDIS('host=10.0.0.5;port=6380;useTls=true;disableTlsCertificateValidation=true, password=s3cret');
    const diagnostics = await client.open('file:///work/a/ConnectionStrings.config', text);
    const summary = diagnostics.filter((d) => d.code !== 'plaintext-secret').map((d) => [d.code, d.range]);
    assert.deepEqual(summary, [
      ['tls-validation-disabled', at(text, 'disableTlsCertificateValidation=true')],
      ['comma-separator', at(text, ',')],
    ]);
  });

  it('publishes new diagnostics after an edit', async () => {
    const uri = 'file:///work/b/ConnectionStrings.config';
    await client.open(uri, REDIS('host=10.0.0.5;port=6379'));
    const text = REDIS('host=10.0.0.5;port=99999');
    const diagnostics = await client.change(uri, text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range, d.severity]), [['invalid-number', at(text, '99999'), 1]]);
  });

  it('turns a rule off through settings without reopening', async () => {
    const uri = 'file:///work/c/ConnectionStrings.config';
    const first = await client.open(uri, REDIS('host=10.0.0.5;maxWritePoolSise=500'));
    assert.deepEqual(first.map((d) => d.code), ['unknown-key']);
    const next = client.diagnosticsFor(uri, 1);
    client.published.length = 0;
    await client.changeSettings({ rules: { 'unknown-key': 'off' } });
    assert.deepEqual(await next, []);
    await client.changeSettings({});
  });

  it('never shows a secret value in a message', async () => {
    const text = REDIS('host=10.0.0.5;password=Sup3rS3cret;certificatePassword=An0therS3cret;user=x;password=ab;cd3f');
    const diagnostics = await client.open('file:///work/d/ConnectionStrings.config', text);
    assert.ok(diagnostics.length > 0);
    for (const diagnostic of diagnostics) {
      assert.doesNotMatch(String(diagnostic.message), /Sup3rS3cret|An0therS3cret|cd3f/);
    }
  });
});

describe('quick fixes for clients without diagnostic data', () => {
  const client = new LspTestClient();
  before(() => client.initialize());
  after(() => client.shutdown());

  it('finds the fixes by rule id and range', async () => {
    const uri = 'file:///work/e/ConnectionStrings.config';
    const text = REDIS('host=10.0.0.5;maxWritePoolSise=500');
    const [diagnostic] = await client.open(uri, text);
    const { data: _data, ...withoutData } = diagnostic;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: withoutData.range,
      context: { diagnostics: [withoutData], only: ['quickfix'] },
    })) as { title: string; edit: { changes: Record<string, { range: unknown; newText: string }[]> } }[];
    assert.deepEqual(actions.map((action) => action.title), ['Rename to maxWritePoolSize', 'Remove maxWritePoolSise']);
    assert.deepEqual(actions[0].edit.changes[uri], [{ range: at(text, 'maxWritePoolSise'), newText: 'maxWritePoolSize' }]);
  });
});
