import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lspClient.js';
import { applyTextEdits, textIn } from '../support/editing.js';
import { addedMarks, marksOf, secretValues, windowsDocument, windowsFragment } from '../support/fixChecks.js';

const DB = '<add name="db" connectionString="Data Source=sql01;Initial Catalog=creatio" />';
const CONFIG = (...entries: string[]) => `<?xml version="1.0" encoding="utf-8"?>
<connectionStrings>
${entries.map((entry) => `  ${entry}`).join('\n')}
</connectionStrings>
`;
const REDIS = (connectionString: string) => CONFIG(DB, `<add name="redis" connectionString="${connectionString}" />`);

interface FixCase {
  rule: string;
  /** A Redis connection string, placed in a file with a `db` and a `redis` entry. */
  input?: string;
  /** The entries of a whole file, for rules about elements and attributes. */
  entries?: string[];
  /** The text the diagnostic underlines, when the input has more than one of the rule. */
  at?: string;
  title: string;
  /** Each edit as [raw text replaced, new text], in the order the fix lists them. */
  edits: [string, string][];
  expected: string | string[];
  /** Marks (`rule-id: text`) the fixed text has that the input had not. */
  added?: string[];
  settings?: Record<string, unknown>;
  /** False when the fix inserts double-quoted attributes, so the Windows shape keeps double quotes. */
  singleQuotes?: boolean;
}

function documentOf(value: string | string[]): string {
  return Array.isArray(value) ? CONFIG(...value) : REDIS(value);
}

const CASES: FixCase[] = [
  { rule: 'comma-separator', input: 'host=10.0.0.5;useTls=true;password=Pw-9x, db=1', title: "Replace ',' with ';'", edits: [[',', ';']], expected: 'host=10.0.0.5;useTls=true;password=Pw-9x; db=1' },
  { rule: 'key-case', input: 'Host=10.0.0.5;port=6379', title: 'Rename to host', edits: [['Host', 'host']], expected: 'host=10.0.0.5;port=6379' },
  { rule: 'unknown-key', input: 'host=10.0.0.5;maxWritePoolSise=500', title: 'Rename to maxWritePoolSize', edits: [['maxWritePoolSise', 'maxWritePoolSize']], expected: 'host=10.0.0.5;maxWritePoolSize=500' },
  { rule: 'unknown-key', input: 'host=10.0.0.5;ssl=true', title: 'Rename to useTls', edits: [['ssl', 'useTls']], expected: 'host=10.0.0.5;useTls=true' },
  { rule: 'unknown-key', input: 'host=10.0.0.5;abortConnect=false;db=1', title: 'Remove abortConnect', edits: [['abortConnect=false;', '']], expected: 'host=10.0.0.5;db=1' },
  { rule: 'undocumented-key', input: 'host=10.0.0.5;user=creatio;db=1', title: 'Remove user', edits: [['user=creatio;', '']], expected: 'host=10.0.0.5;db=1' },
  { rule: 'duplicate-key', input: 'host=10.0.0.5;db=1;db=2', title: 'Remove db', edits: [[';db=2', '']], expected: 'host=10.0.0.5;db=1' },
  { rule: 'empty-value', input: 'host=;port=6379', title: 'Set host=localhost', edits: [['', 'localhost']], expected: 'host=localhost;port=6379' },
  { rule: 'empty-value', input: 'host=10.0.0.5;db=;port=6379', title: 'Remove db', edits: [['db=;', '']], expected: 'host=10.0.0.5;port=6379' },
  { rule: 'invalid-boolean', input: 'host=10.0.0.5;useTls=yes', title: 'Change to true', edits: [['yes', 'true']], expected: 'host=10.0.0.5;useTls=true' },
  { rule: 'invalid-boolean', input: 'host=10.0.0.5;useTls=maybe', title: 'Change to false', edits: [['maybe', 'false']], expected: 'host=10.0.0.5;useTls=false' },
  { rule: 'malformed-pair', input: 'localhost;db=1', title: 'Insert host=', edits: [['', 'host=']], expected: 'host=localhost;db=1' },
  { rule: 'malformed-pair', input: '10.0.0.5:6380;db=1', title: 'Write host=10.0.0.5;port=6380', edits: [['10.0.0.5:6380', 'host=10.0.0.5;port=6380']], expected: 'host=10.0.0.5;port=6380;db=1' },
  {
    rule: 'host-is-list',
    input: 'host=10.0.0.11,10.0.0.12;port=6379',
    title: 'Convert to clusterHosts',
    edits: [['host=10.0.0.11,10.0.0.12', 'clusterHosts=10.0.0.11:6379,10.0.0.12:6379'], [';port=6379', '']],
    expected: 'clusterHosts=10.0.0.11:6379,10.0.0.12:6379',
  },
  { rule: 'host-list-brackets', input: 'clusterHosts=[10.0.1.10:6379],[10.0.1.11:6379]', at: '[10.0.1.10:6379]', title: 'Remove the brackets', edits: [['[10.0.1.10:6379]', '10.0.1.10:6379']], expected: 'clusterHosts=10.0.1.10:6379,[10.0.1.11:6379]' },
  { rule: 'host-list-format', input: 'clusterHosts=2001:db8::11:6379,10.0.1.11:6379', title: 'Write [2001:db8::11]:6379', edits: [['2001:db8::11:6379', '[2001:db8::11]:6379']], expected: 'clusterHosts=[2001:db8::11]:6379,10.0.1.11:6379' },
  { rule: 'host-list-format', input: 'clusterHosts=10.0.1.10,10.0.1.11:6379', title: 'Append :6379', edits: [['', ':6379']], expected: 'clusterHosts=10.0.1.10:6379,10.0.1.11:6379' },
  { rule: 'cluster-db', input: 'clusterHosts=10.0.1.10:6379;db=2', title: 'Remove db', edits: [[';db=2', '']], expected: 'clusterHosts=10.0.1.10:6379' },
  { rule: 'cluster-db', input: 'clusterHosts=10.0.1.10:6379;db=2', title: 'Set db=0', edits: [['2', '0']], expected: 'clusterHosts=10.0.1.10:6379;db=0' },
  { rule: 'db-out-of-range', input: 'host=10.0.0.5;db=16', title: 'Set db=0', edits: [['16', '0']], expected: 'host=10.0.0.5;db=0' },
  {
    rule: 'conflicting-topology',
    input: 'host=10.0.0.5;port=6379;clusterHosts=10.0.1.10:6379',
    title: 'Remove host, port',
    edits: [['host=10.0.0.5;port=6379;', '']],
    expected: 'clusterHosts=10.0.1.10:6379',
  },
  {
    rule: 'conflicting-topology',
    input: 'host=10.0.0.5;port=6379;clusterHosts=10.0.1.10:6379',
    title: 'Remove clusterHosts',
    edits: [[';clusterHosts=10.0.1.10:6379', '']],
    expected: 'host=10.0.0.5;port=6379',
  },
  {
    rule: 'tls-setting-ignored',
    input: 'host=10.0.0.5;useTls=false;disableTlsCertificateValidation=false',
    title: 'Set useTls=true',
    edits: [['false', 'true']],
    expected: 'host=10.0.0.5;useTls=true;disableTlsCertificateValidation=false',
  },
  { rule: 'tls-setting-ignored', input: 'host=10.0.0.5;certificatePath=client.pfx', title: 'Add useTls=true', edits: [['', ';useTls=true']], expected: 'host=10.0.0.5;certificatePath=client.pfx;useTls=true' },
  { rule: 'tls-setting-ignored', input: 'host=10.0.0.5;certificatePath=client.pfx;db=1', title: 'Remove certificatePath', edits: [['certificatePath=client.pfx;', '']], expected: 'host=10.0.0.5;db=1' },
  { rule: 'password-without-tls', input: 'host=10.0.0.5;password=Pw-9x', title: 'Add useTls=true', edits: [['', ';useTls=true']], expected: 'host=10.0.0.5;password=Pw-9x;useTls=true' },
  { rule: 'password-without-tls', input: 'host=10.0.0.5;password=Pw-9x;', title: 'Remove password', edits: [['password=Pw-9x;', '']], expected: 'host=10.0.0.5;' },
  { rule: 'password-without-tls', input: 'host=10.0.0.5;useTls=false;password=Pw-9x', title: 'Set useTls=true', edits: [['false', 'true']], expected: 'host=10.0.0.5;useTls=true;password=Pw-9x' },
  { rule: 'certificate-password-without-path', input: 'host=10.0.0.5;useTls=true;certificatePassword=Cp-7y', title: 'Remove certificatePassword', edits: [[';certificatePassword=Cp-7y', '']], expected: 'host=10.0.0.5;useTls=true' },
  {
    rule: 'certificate-password-unused',
    input: 'host=10.0.0.5;useTls=true;certificatePath=client.pem;certificatePassword=Cp-7y',
    title: 'Remove certificatePassword',
    edits: [[';certificatePassword=Cp-7y', '']],
    expected: 'host=10.0.0.5;useTls=true;certificatePath=client.pem',
  },
  { rule: 'tls-validation-disabled', input: 'host=10.0.0.5;useTls=true;disableTlsCertificateValidation=true', title: 'Remove disableTlsCertificateValidation', edits: [[';disableTlsCertificateValidation=true', '']], expected: 'host=10.0.0.5;useTls=true' },
  { rule: 'tls-validation-disabled', input: 'host=10.0.0.5;useTls=true;disableTlsCertificateValidation=true', title: 'Set disableTlsCertificateValidation=false', edits: [['true', 'false']], expected: 'host=10.0.0.5;useTls=true;disableTlsCertificateValidation=false' },
  { rule: 'requires-newer-creatio', input: 'host=10.0.0.5;useTls=true', title: 'Remove useTls', edits: [[';useTls=true', '']], expected: 'host=10.0.0.5', settings: { creatioVersion: '7.18.0' } },
  {
    rule: 'foreign-format',
    input: 'redis://:Uri-Pass-91@cache.example.net:6380/2',
    title: "Convert to Creatio's key=value format",
    edits: [['redis://:Uri-Pass-91@cache.example.net:6380/2', 'host=cache.example.net;port=6380;db=2;password=Uri-Pass-91']],
    expected: 'host=cache.example.net;port=6380;db=2;password=Uri-Pass-91',
    added: ['password-without-tls: password=Uri-Pass-91', 'plaintext-secret: Uri-Pass-91'],
  },
  {
    rule: 'foreign-format',
    input: 'cache-01.example.net:6380,password=s3cret,ssl=True,abortConnect=False',
    title: "Convert to Creatio's key=value format",
    edits: [['cache-01.example.net:6380,password=s3cret,ssl=True,abortConnect=False', 'host=cache-01.example.net;port=6380;password=s3cret;useTls=true']],
    expected: 'host=cache-01.example.net;port=6380;password=s3cret;useTls=true',
    added: ['plaintext-secret: s3cret'],
  },
  {
    rule: 'xml-syntax',
    input: 'host=10.0.0.5;useTls=true;password=s3&cret',
    title: 'Escape & as &amp;',
    edits: [['&', '&amp;']],
    expected: 'host=10.0.0.5;useTls=true;password=s3&amp;cret',
    // The same plaintext-secret hint as before: only the raw text it underlines is now escaped.
    added: ['plaintext-secret: s3&amp;cret'],
  },
  {
    rule: 'xml-syntax',
    entries: ['<add name="redis" connectionString="host=10.0.0.5"', DB],
    title: "Close the tag with '/>'",
    edits: [['', ' />']],
    expected: ['<add name="redis" connectionString="host=10.0.0.5" />', DB],
  },
  {
    rule: 'unknown-attribute',
    entries: [DB, '<add name="redis" ConnectionString="host=10.0.0.5" />'],
    title: 'Rename to connectionString',
    edits: [['ConnectionString', 'connectionString']],
    expected: [DB, '<add name="redis" connectionString="host=10.0.0.5" />'],
  },
  {
    rule: 'unknown-attribute',
    entries: [DB, '<add name="redis" connectionString="host=10.0.0.5" providername="Redis" />'],
    title: 'Rename to providerName',
    edits: [['providername', 'providerName']],
    expected: [DB, '<add name="redis" connectionString="host=10.0.0.5" providerName="Redis" />'],
  },
  {
    rule: 'duplicate-name',
    entries: [DB, '<add name="redis" connectionString="host=10.0.0.5" />', '<add name="redis" connectionString="host=10.0.0.6" />'],
    title: 'Remove this duplicate entry',
    edits: [['  <add name="redis" connectionString="host=10.0.0.6" />\n', '']],
    expected: [DB, '<add name="redis" connectionString="host=10.0.0.5" />'],
  },
  {
    rule: 'missing-redis',
    entries: [DB],
    title: 'Add a redis entry after db',
    edits: [['', '\n  <add name="redis" connectionString="host=localhost;port=6379;db=0" />']],
    expected: [DB, '<add name="redis" connectionString="host=localhost;port=6379;db=0" />'],
    singleQuotes: false,
  },
];

describe('quick fixes over stdio', () => {
  const client = new LspTestClient();
  let documents = 0;
  before(() => client.initialize());
  after(() => client.shutdown());

  function codeActions(uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    }) as Promise<CodeAction[]>;
  }

  function pick(text: string, diagnostics: Diagnostic[], rule: string, at: string | undefined): Diagnostic {
    const matching = diagnostics.filter((d) => d.code === rule && (at === undefined || textIn(text, d.range) === at));
    assert.equal(matching.length, 1, `expected one ${rule} diagnostic${at ? ` on '${at}'` : ''}; got ${marksOf(text, diagnostics).join(' | ')}`);
    return matching[0];
  }

  /** Applies the fix of `fixCase` to the input in `shape`, and checks the edit, the text and the diagnostics after. */
  async function checkFix(fixCase: FixCase, shapeDocument: (text: string) => string, shapeFragment: (text: string) => string): Promise<void> {
    const before = shapeDocument(documentOf(fixCase.input ?? fixCase.entries!));
    const uri = `file:///fixes/${++documents}/ConnectionStrings.config`;
    const diagnostics = await client.open(uri, before);
    const diagnostic = pick(before, diagnostics, fixCase.rule, fixCase.at === undefined ? undefined : shapeFragment(fixCase.at));

    const actions = await codeActions(uri, diagnostic);
    const action = actions.find((candidate) => candidate.title === fixCase.title);
    assert.ok(action, `no fix titled '${fixCase.title}'; offered: ${actions.map((a) => `'${a.title}'`).join(', ')}`);
    assert.equal(action.kind, 'quickfix');
    const edits = action.edit!.changes![uri];
    assert.deepEqual(edits.map((edit) => [textIn(before, edit.range), edit.newText]), fixCase.edits.map(([replaced, inserted]) => [shapeFragment(replaced), shapeFragment(inserted)]));

    const fixed = applyTextEdits(before, edits);
    assert.equal(fixed, shapeDocument(documentOf(fixCase.expected)));
    const after = await client.change(uri, fixed);
    const fixedMark = marksOf(before, [diagnostic])[0];
    assert.ok(!marksOf(fixed, after).includes(fixedMark), `'${fixedMark}' is still reported after the fix`);
    assert.deepEqual(addedMarks(marksOf(before, diagnostics), marksOf(fixed, after)), (fixCase.added ?? []).map(shapeFragment));

    // A fix never changes a secret: it keeps each one as it was, or removes the whole pair.
    const secretsBefore = secretValues(before);
    for (const secret of secretValues(fixed)) assert.ok(secretsBefore.includes(secret) || before.includes(secret), `a fix changed a secret into '${secret}'`);
    if (!fixCase.title.startsWith('Remove')) assert.deepEqual(secretValues(fixed).filter((s) => secretsBefore.includes(s)), secretsBefore);
    await client.close(uri);
  }

  for (const fixCase of CASES) {
    describe(`${fixCase.rule}: ${fixCase.title}`, () => {
      before(() => client.changeSettings(fixCase.settings ?? {}));
      after(() => client.changeSettings({}));

      it('applies with LF and double quotes', () => checkFix(fixCase, (text) => text, (text) => text));

      it('keeps BOM, CRLF, tabs and quotes', () =>
        checkFix(fixCase, (text) => windowsDocument(text, fixCase.singleQuotes ?? true), (text) => windowsFragment(text, fixCase.singleQuotes ?? true)));
    });
  }

  it('ignores a diagnostic of an older version', async () => {
    const uri = `file:///fixes/${++documents}/ConnectionStrings.config`;
    const text = REDIS('Host=10.0.0.5');
    const [stale] = await client.open(uri, text);
    assert.equal(stale.code, 'key-case');
    await client.change(uri, REDIS('Host=10.0.0.6'));
    assert.deepEqual(await codeActions(uri, stale), []);
  });
});
