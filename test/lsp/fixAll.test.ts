import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lspClient.js';
import { applyTextEdits } from '../support/editing.js';
import { secretValues } from '../support/fixChecks.js';

const CASES = join(__dirname, '..', 'fixtures', 'cases');
const FIX_ALL_KIND = 'source.fixAll.creatioConfig';
const COMMAND = 'creatioConfig.server.applyAllFixes';

/**
 * Changes that fix-all makes in each real-world case, as [raw text before, raw text after]. A case
 * not listed has no safe fix and stays byte for byte as it is.
 */
const EXPECTED_CHANGES: Record<string, [string, string][]> = {
  'rw-01': [[', password=s3cret', '; password=s3cret']],
  'rw-09': [['maxWritePoolSise', 'maxWritePoolSize']],
  'rw-21': [['cache-01.example.net:6380,password=s3cret,ssl=True,abortConnect=False', 'host=cache-01.example.net;port=6380;password=s3cret;useTls=true']],
  'rw-27': [['2001:db8::11:6379', '[2001:db8::11]:6379']],
  // 'yes' becomes true, as meant. Changing disableTlsCertificateValidation=1 to true would switch
  // certificate validation off, so that fix is not safe and the invalid value stays for a person to decide.
  'rw-29': [['useTls=yes', 'useTls=true']],
  'rw-31': [['s3&cret', 's3&amp;cret']],
  'rw-39': [['password=s3cret"', 'password=s3cret" />']],
};

interface Run {
  creatioVersion: string;
}

function applyChanges(text: string, changes: [string, string][]): string {
  let result = text;
  for (const [from, to] of changes) {
    assert.equal(result.split(from).length, 2, `'${from}' must occur once in the case`);
    result = result.replace(from, () => to);
  }
  return result;
}

function hasSafeFix(diagnostic: Diagnostic): boolean {
  const data = diagnostic.data as { fixes: { safe?: boolean }[] };
  return data.fixes.some((fix) => fix.safe === true);
}

describe('fix all over stdio', () => {
  const client = new LspTestClient();
  let documents = 0;
  const applied: TextEdit[][] = [];
  before(async () => {
    await client.initialize();
    client.onApplyEdit = (params) => {
      const changes = (params as { edit: { changes: Record<string, TextEdit[]> } }).edit.changes;
      applied.push(...Object.values(changes));
      return { applied: true };
    };
  });
  after(() => client.shutdown());

  function fixAllActions(uri: string, only = FIX_ALL_KIND): Promise<CodeAction[]> {
    const start = { line: 0, character: 0 };
    return client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start, end: start },
      context: { diagnostics: [], only: [only] },
    }) as Promise<CodeAction[]>;
  }

  const names = readdirSync(CASES).filter((file) => file.endsWith('.config')).map((file) => file.slice(0, -'.config'.length)).sort();

  it('finds the real-world cases', () => {
    assert.ok(names.length >= 20, `only ${names.length} cases in ${CASES}`);
    for (const name of Object.keys(EXPECTED_CHANGES)) assert.ok(names.includes(name), `${name} is missing`);
  });

  for (const name of names) {
    const runs = (JSON.parse(readFileSync(join(CASES, `${name}.expected.json`), 'utf8')) as { runs: Run[] }).runs;

    for (const run of runs) {
      const label = run.creatioVersion ? `${name} with Creatio ${run.creatioVersion}` : name;

      it(`${label} leaves only problems without a safe fix`, async () => {
        await client.changeSettings({ creatioVersion: run.creatioVersion });
        const text = readFileSync(join(CASES, `${name}.config`)).toString('utf8');
        const expected = applyChanges(text, EXPECTED_CHANGES[name] ?? []);
        const uri = `file:///fix-all/${++documents}/ConnectionStrings.config`;
        const diagnostics = await client.open(uri, text);

        const actions = await fixAllActions(uri);
        if (expected === text) {
          assert.deepEqual(actions, []);
          assert.deepEqual(diagnostics.filter(hasSafeFix).map((d) => d.code), []);
          await client.close(uri);
          return;
        }
        assert.deepEqual(actions.map((action) => [action.title, action.kind]), [['Fix all safe problems in ConnectionStrings.config', FIX_ALL_KIND]]);
        const fixed = applyTextEdits(text, actions[0].edit!.changes![uri]);
        assert.equal(fixed, expected);

        const remaining = await client.change(uri, fixed);
        assert.deepEqual(remaining.filter(hasSafeFix).map((d) => d.code), []);
        assert.deepEqual(await fixAllActions(uri), [], 'a second fix-all finds nothing');
        assert.deepEqual(secretValues(fixed), secretValues(text));
        if (text.includes('\r\n')) assert.doesNotMatch(fixed, /[^\r]\n/, 'a line ending lost its CR');
        await client.close(uri);
      });
    }
  }

  it('applies the same edit through the command', async () => {
    await client.changeSettings({});
    for (const name of Object.keys(EXPECTED_CHANGES)) {
      const text = readFileSync(join(CASES, `${name}.config`)).toString('utf8');
      const uri = `file:///fix-all/${++documents}/ConnectionStrings.config`;
      await client.open(uri, text);
      applied.length = 0;
      const result = await client.connection.sendRequest('workspace/executeCommand', { command: COMMAND, arguments: [uri] });
      assert.deepEqual(result, { applied: true }, name);
      assert.equal(applied.length, 1, name);
      assert.equal(applyTextEdits(text, applied[0]), applyChanges(text, EXPECTED_CHANGES[name]), name);
      await client.close(uri);
    }
  });

  it('explains why the command changed nothing', async () => {
    const uri = `file:///fix-all/${++documents}/ConnectionStrings.config`;
    await client.open(uri, readFileSync(join(CASES, 'rw-03.config')).toString('utf8'));
    applied.length = 0;
    assert.deepEqual(await client.connection.sendRequest('workspace/executeCommand', { command: COMMAND, arguments: [uri] }), { applied: false, reason: 'Nothing to fix.' });
    assert.deepEqual(await client.connection.sendRequest('workspace/executeCommand', { command: COMMAND, arguments: ['file:///fix-all/not-open.config'] }), { applied: false, reason: 'The document is not open.' });
    assert.equal(applied.length, 0);
    await client.close(uri);
  });

  it('answers the generic fixAll and source kinds', async () => {
    const uri = `file:///fix-all/${++documents}/ConnectionStrings.config`;
    await client.open(uri, readFileSync(join(CASES, 'rw-01.config')).toString('utf8'));
    for (const only of ['source.fixAll', 'source']) {
      assert.deepEqual((await fixAllActions(uri, only)).map((action) => action.kind), [FIX_ALL_KIND], only);
    }
    assert.deepEqual(await fixAllActions(uri, 'refactor'), []);
    await client.close(uri);
  });
});
