// Pathological documents, analysed in process and through the bundled language server (run
// `npm run build` first). Time bounds are hang guards only: the sizes make quadratic work take
// minutes, so a linear analysis passes with a wide margin. scripts/bench.mjs measures real speed.
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, MAX_FINDINGS, type AnalysisResult } from '../../server/src/analysis/analyze.js';
import { documentSymbols, MAX_SYMBOLS, type SymbolEntry } from '../../server/src/features/symbols.js';
import { DEFAULT_SETTINGS } from '../../server/src/settings.js';
import { LspTestClient } from '../support/lspClient.js';
import { PATHOLOGICAL } from './documents.js';

const HANG_GUARD_MS = 10_000;
const LSP_HANG_GUARD_MS = 30_000;
const SETTINGS = { ...DEFAULT_SETTINGS, checkCertificateFiles: false };

function countSymbols(symbols: readonly { children?: readonly unknown[] }[]): number {
  return symbols.reduce((sum, symbol) => sum + 1 + countSymbols((symbol.children ?? []) as { children?: unknown[] }[]), 0);
}

function rulesOf(result: AnalysisResult): string[] {
  return [...new Set(result.findings.map((finding) => finding.ruleId))].sort();
}

function textOf(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

/** What each document must produce besides staying within the caps. */
const EXPECTATIONS: Record<string, (text: string, result: AnalysisResult, symbols: SymbolEntry[]) => void> = {
  '10 MB file': (_text, result, symbols) => {
    assert.deepEqual(result.findings, []);
    assert.ok(symbols.length > 1000, `only ${symbols.length} symbols`);
  },
  'single 1 MB line': (text, result) => {
    assert.deepEqual(rulesOf(result), ['invalid-number']);
    assert.equal(textOf(text, result.findings[0].span), '99999');
  },
  '100,000 add entries': (text, result) => {
    assert.equal(result.truncated, true);
    assert.deepEqual(rulesOf(result), ['duplicate-name']);
    assert.equal(textOf(text, result.findings[0].span), 'name="db0"');
  },
  '10,000 nested elements': (text, result) => {
    assert.deepEqual(rulesOf(result), ['unexpected-element']);
    assert.equal(textOf(text, result.findings[0].span), 'a');
  },
  'NUL and binary bytes': (text, result) => {
    const first = result.findings[0];
    assert.equal(first.ruleId, 'xml-syntax');
    assert.equal(textOf(text, first.span), '\u0000');
    assert.match(first.message, /U\+0000 is not allowed anywhere in XML/);
    const forbidden = result.findings.filter((finding) => /not allowed anywhere in XML/.test(finding.message));
    assert.ok(forbidden.length <= 100, `${forbidden.length} reports of forbidden characters`);
  },
  'UTF-16 read as UTF-8': (_text, result) => {
    assert.equal(result.findings.length, 1);
    assert.match(result.findings[0].message, /UTF-16 text read as UTF-8/);
  },
  'billion laughs': (text, result) => {
    assert.deepEqual(rulesOf(result), ['doctype']);
    assert.equal(textOf(text, result.findings[0].span), '<!DOCTYPE');
    // The reference stays one opaque character: nothing was expanded.
    const host = result.document.redis[0].parsed.pairs.find((pair) => pair.key === 'host');
    assert.equal(host?.value.length, 1);
  },
  '1 MB attribute value': (_text, result) => {
    assert.deepEqual(rulesOf(result), ['plaintext-secret']);
    for (const finding of result.findings) assert.ok(finding.message.length < 1000, `${finding.ruleId} message of ${finding.message.length} characters`);
  },
  'unclosed comment opening a 1 MB file': (text, result) => {
    assert.equal(result.findings.length, 1);
    assert.equal(textOf(text, result.findings[0].span), '<!--');
    assert.match(result.findings[0].message, /never closed/);
  },
  '50,000 semicolons in one value': (_text, result) => {
    assert.deepEqual(result.findings, []);
    assert.equal(result.document.redis[0].parsed.pairs.length, 1);
  },
  '50,000 comma separators in one value': (text, result) => {
    assert.equal(result.findings[0].ruleId, 'comma-separator');
    assert.equal(textOf(text, result.findings[0].span), ',');
  },
  '50,000 unknown keys in one value': (text, result) => {
    assert.equal(result.findings[0].ruleId, 'unknown-key');
    assert.equal(textOf(text, result.findings[0].span), 'hots');
  },
  '100,000-character key': (_text, result) => {
    assert.deepEqual(rulesOf(result), ['unknown-key']);
    assert.ok(result.findings[0].message.length < 300, `message of ${result.findings[0].message.length} characters`);
  },
  '50,000 attributes on one element': (_text, result) => {
    assert.deepEqual(rulesOf(result), ['missing-attribute', 'unknown-attribute']);
  },
  '50,000 broken Redis entries': (_text, result) => {
    assert.deepEqual(rulesOf(result), ['duplicate-name', 'xml-syntax']);
  },
  '100,000 stray end tags': (text, result) => {
    assert.deepEqual(rulesOf(result), ['xml-syntax']);
    assert.equal(textOf(text, result.findings[0].span), '</x>');
  },
  '20,000 nested elements closed by wrong end tags': (_text, result) => {
    assert.deepEqual(rulesOf(result), ['unexpected-element', 'xml-syntax']);
  },
  '300,000 spaces after an unclosed quote': (_text, result) => {
    assert.ok(result.findings.some((finding) => /has no closing quote/.test(finding.message)));
  },
  '200,000 bare less-than signs': (_text, result) => {
    assert.deepEqual(rulesOf(result), ['xml-syntax']);
  },
  '100,000 ampersands in one value': (_text, result) => {
    assert.ok(result.findings.some((finding) => /bare '&'/.test(finding.message)));
  },
  '100,000 cluster hosts': (_text, result) => {
    assert.deepEqual(rulesOf(result), ['host-list-format']);
  },
  '300,000 spaces after useTls=true': (text, result) => {
    assert.deepEqual(rulesOf(result), ['invalid-boolean']);
    assert.equal(textOf(text, result.findings[0].span), `true${' '.repeat(300_000)}x`);
    assert.deepEqual(result.findings[0].fixes.map((fix) => fix.title), ['Change to true', 'Change to false']);
  },
  '300,000 spaces after db=1': (text, result) => {
    assert.deepEqual(rulesOf(result), ['invalid-number']);
    assert.equal(textOf(text, result.findings[0].span), `1${' '.repeat(300_000)}x`);
  },
  '300,000 spaces after port=6379': (text, result) => {
    assert.deepEqual(rulesOf(result), ['invalid-number']);
    assert.equal(textOf(text, result.findings[0].span), `6379${' '.repeat(300_000)}x`);
  },
  "password=[ and 150,000 ' a' pairs": (text, result) => {
    assert.deepEqual(rulesOf(result), ['plaintext-secret']);
    assert.equal(textOf(text, result.findings[0].span), `[${' a'.repeat(150_000)}`);
  },
  "db=[ and 150,000 ' a' pairs": (text, result) => {
    assert.deepEqual(rulesOf(result), ['invalid-number']);
    assert.equal(textOf(text, result.findings[0].span), `[${' a'.repeat(150_000)}`);
  },
  "host=[ and 150,000 ' a' pairs": (_text, result) => {
    // No rule checks the characters of a host name.
    assert.deepEqual(result.findings, []);
  },
  "clusterHosts=[ and 150,000 ' a' pairs": (text, result) => {
    assert.deepEqual(rulesOf(result), ['host-list-format']);
    assert.equal(textOf(text, result.findings[0].span), `[${' a'.repeat(150_000)}`);
  },
  '5 MB with CR line endings': (_text, result) => {
    assert.deepEqual(result.findings, []);
  },
  "300 KB of 'redis://:' in a quoted value": (_text, result) => {
    assert.deepEqual(rulesOf(result), ['invalid-number']);
    // The line break in the quoted value becomes a space, so the quote is shortened like any other.
    assert.ok(result.findings[0].message.length < 300, `message of ${result.findings[0].message.length} characters`);
  },
  '20,000 case spellings of one name after 20,000 other entries': (text, result) => {
    assert.equal(result.truncated, true);
    assert.deepEqual(rulesOf(result), ['duplicate-name-case']);
    const first = result.findings[0];
    assert.equal(textOf(text, first.span), 'name="Redisconnection"');
    assert.equal(textOf(text, first.related![0].span), 'name="redisconnection"');
  },
};

describe('pathological documents', () => {
  for (const document of PATHOLOGICAL) {
    it(document.name, { timeout: 120_000 }, (t: TestContext) => {
      const text = document.text();
      const started = performance.now();
      const result = analyzeText(text, SETTINGS, { log: (line) => assert.fail(line) });
      const symbols = documentSymbols(result.document);
      const elapsed = performance.now() - started;
      t.diagnostic(`${(text.length / 1e6).toFixed(2)} M characters analysed in ${elapsed.toFixed(0)} ms, ${result.findings.length} findings`);

      assert.ok(elapsed < HANG_GUARD_MS, `took ${elapsed.toFixed(0)} ms`);
      assert.ok(result.findings.length <= MAX_FINDINGS, `${result.findings.length} findings`);
      assert.ok(countSymbols(symbols) <= MAX_SYMBOLS, `${countSymbols(symbols)} symbols`);
      for (const finding of result.findings) {
        assert.ok(0 <= finding.span.start, `${finding.ruleId} span starts before the text`);
        assert.ok(finding.span.start <= finding.span.end, `${finding.ruleId} span ends before it starts`);
        assert.ok(finding.span.end <= text.length, `${finding.ruleId} span ends after the text`);
      }
      const expectation = EXPECTATIONS[document.name];
      assert.ok(expectation, `no expectation for '${document.name}'`);
      expectation(text, result, symbols);
    });
  }
});

describe('pathological documents over stdio', () => {
  const client = new LspTestClient();
  before(() => client.initialize());
  after(async () => {
    assert.equal(await client.shutdown(), 0);
  });

  PATHOLOGICAL.forEach((document, index) => {
    it(document.name, { timeout: 120_000 }, async (t: TestContext) => {
      const uri = `file:///work/stress-${index}/ConnectionStrings.config`;
      const text = document.text();
      const started = performance.now();

      const opened = await client.open(uri, text);
      assert.ok(opened.length <= MAX_FINDINGS, `${opened.length} diagnostics on open`);

      // One keystroke at the start: every document has a first line.
      const changed = client.diagnosticsFor(uri, 2);
      await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ' ');
      const diagnostics = await changed;
      assert.ok(diagnostics.length <= MAX_FINDINGS, `${diagnostics.length} diagnostics after the change`);

      const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as { children?: unknown[] }[];
      assert.ok(countSymbols(symbols) <= MAX_SYMBOLS, `${countSymbols(symbols)} symbols`);
      const elapsed = performance.now() - started;
      t.diagnostic(`open, change and outline in ${elapsed.toFixed(0)} ms`);
      assert.ok(elapsed < LSP_HANG_GUARD_MS, `took ${elapsed.toFixed(0)} ms`);

      await client.close(uri);
      assert.equal(client.process.exitCode, null, 'the server exited');
    });
  });

  it('keeps the server responsive', async () => {
    const uri = 'file:///work/stress-last/ConnectionStrings.config';
    const diagnostics = await client.open(uri, '<connectionStrings>\n  <add name="redis" connectionString="host=a;port=99999" />\n</connectionStrings>\n');
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['invalid-number']);
    assert.doesNotMatch(client.stderr, /Error|heap/i);
    assert.deepEqual(client.logs.filter((line) => /failed/.test(line)), []);
  });
});
