import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentSymbol, Range } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lspClient.js';
import { rangeOf } from '../support/editing.js';

const OBJECT = 19;
const EVENT = 24;
const PROPERTY = 7;

interface Outline {
  name: string;
  detail: string | undefined;
  kind: number;
  range: Range;
  selectionRange: Range;
  children: Outline[];
}

function outline(symbol: DocumentSymbol): Outline {
  return {
    name: symbol.name,
    detail: symbol.detail,
    kind: symbol.kind,
    range: symbol.range,
    selectionRange: symbol.selectionRange,
    children: (symbol.children ?? []).map(outline),
  };
}

describe('document symbols over stdio', () => {
  const client = new LspTestClient();
  before(() => client.initialize());
  after(() => client.shutdown());

  async function symbolsOf(uri: string, text: string): Promise<Outline[]> {
    await client.open(uri, text);
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    return symbols.map(outline);
  }

  it('lists entries and Redis keys with CRLF', async () => {
    const text = [
      '\uFEFF<?xml version="1.0" encoding="utf-8"?>',
      '<connectionStrings>',
      '  <clear />',
      '  <add name="db" connectionString="Server=sql01;Password=DbS3cret;" />',
      '  <remove name="redisSentinel" />',
      '  <add name="redis" connectionString="host=10.0.0.5;port=6380;useTls=true;password=Sup3rS3cret;',
      '       certificatePassword=[CertVault];pasword=Typo5ecret;db=" />',
      '  <add name="redisSentinel" connectionString="${REDIS_CONNECTION}" />',
      '  <add connectionString="x" />',
      '</connectionStrings>',
      '',
    ].join('\r\n');
    const key = (name: string, detail: string | undefined, pair: string, occurrence = 0): Outline => {
      const range = rangeOf(text, pair, occurrence);
      const keyEnd = { line: range.start.line, character: range.start.character + name.length };
      return { name, detail, kind: PROPERTY, range, selectionRange: { start: range.start, end: keyEnd }, children: [] };
    };
    const redisTag = '<add name="redis" connectionString="host=10.0.0.5;port=6380;useTls=true;password=Sup3rS3cret;\r\n       certificatePassword=[CertVault];pasword=Typo5ecret;db=" />';

    assert.deepEqual(await symbolsOf('file:///symbols/a/ConnectionStrings.config', text), [
      { name: '<clear />', detail: undefined, kind: EVENT, range: rangeOf(text, '<clear />'), selectionRange: rangeOf(text, 'clear'), children: [] },
      {
        name: 'db',
        detail: undefined,
        kind: OBJECT,
        range: rangeOf(text, '<add name="db" connectionString="Server=sql01;Password=DbS3cret;" />'),
        selectionRange: rangeOf(text, 'db'),
        children: [],
      },
      { name: 'remove redisSentinel', detail: undefined, kind: EVENT, range: rangeOf(text, '<remove name="redisSentinel" />'), selectionRange: rangeOf(text, 'redisSentinel'), children: [] },
      {
        name: 'redis',
        detail: 'Redis',
        kind: OBJECT,
        range: rangeOf(text, redisTag),
        selectionRange: rangeOf(text, 'redis', 1),
        children: [
          key('host', '10.0.0.5', 'host=10.0.0.5'),
          key('port', '6380', 'port=6380'),
          key('useTls', 'true', 'useTls=true'),
          key('password', '••••', 'password=Sup3rS3cret'),
          key('certificatePassword', 'Vault reference', 'certificatePassword=[CertVault]'),
          key('pasword', undefined, 'pasword=Typo5ecret'),
          key('db', '(empty)', 'db='),
        ],
      },
      {
        name: 'redisSentinel',
        detail: 'Redis',
        kind: OBJECT,
        range: rangeOf(text, '<add name="redisSentinel" connectionString="${REDIS_CONNECTION}" />'),
        selectionRange: rangeOf(text, 'redisSentinel', 1),
        children: [],
      },
      { name: '(no name)', detail: undefined, kind: OBJECT, range: rangeOf(text, '<add connectionString="x" />'), selectionRange: rangeOf(text, 'add', 3), children: [] },
    ]);
  });

  it('never shows a secret as a detail', async () => {
    const text = '<connectionStrings>\n  <add name="redis" connectionString="host=a;password=Sup3rS3cret;RedisCertPass=CertPass9;certificatePassword=${CERT_PW};user=Us3r" />\n</connectionStrings>\n';
    const [redis] = await symbolsOf('file:///symbols/b/ConnectionStrings.config', text);
    assert.deepEqual(redis.children.map((child) => [child.name, child.detail]), [
      ['host', 'a'],
      ['password', '••••'],
      ['RedisCertPass', undefined],
      ['certificatePassword', 'deployment variable'],
      ['user', undefined],
    ]);
  });
});
