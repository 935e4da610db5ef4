import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText } from '../../server/src/analysis/analyze.js';
import { completeAt } from '../../server/src/features/completion.js';
import { ENTRY_SNIPPETS, resolveSnippet } from '../../server/src/features/entrySnippets.js';
import { hoverAt } from '../../server/src/features/hover.js';
import { documentSymbols, type SymbolEntry } from '../../server/src/features/symbols.js';
import { buildConfigDocument } from '../../server/src/model/configDocument.js';
import { isVaultReference } from '../../server/src/model/placeholders.js';
import { EMPTY_SITE } from '../../server/src/model/siteContext.js';
import { DEFAULT_SETTINGS } from '../../server/src/settings.js';

/** Pieces of ConnectionStrings.config, valid and broken, that random documents are made of. */
const FRAGMENTS = [
  '\uFEFF', '<?xml version="1.0" encoding="utf-8"?>', '<connectionStrings>', '</connectionStrings>', '<connectionStrings/>',
  '<add', '<remove', '<clear />', ' name="redis"', ' name="db"', ' name="', ' connectionString="', " connectionString='", '"', "'",
  ' />', '>', '<', '</add>', 'host=10.0.0.5', 'clusterHosts=a:1,b:2', 'sentinelHosts=s:26379', ';', '=', ',', ' ', '\t', '\r\n', '\n', '\r',
  'useTls=', 'true', 'certificatePath=', 'C:\\certs\\', '/etc/', 'password=', 'S3cret', '&amp;', '&', '&#59;', '&pw;', '<!--', '-->',
  '[Vault]', '${VAR}', 'db=3', 'é', '\u{1F600}', 'redis://:pw@h:1', '<!DOCTYPE c [<!ENTITY pw "x">]>',
];

const documents = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(''));

function lineBreakBetween(text: string, start: number, end: number): boolean {
  return /[\r\n]/.test(text.slice(start, end));
}

function checkSymbol(symbol: SymbolEntry, text: string, parent?: SymbolEntry): void {
  assert.ok(symbol.name.length > 0, 'a symbol without a name');
  assert.ok(symbol.span.start <= symbol.selectionSpan.start, `selection starts before ${symbol.name}`);
  assert.ok(symbol.selectionSpan.end <= symbol.span.end, `selection ends after ${symbol.name}`);
  if (parent) {
    assert.ok(parent.span.start <= symbol.span.start, `${symbol.name} starts before ${parent.name}`);
    assert.ok(symbol.span.end <= parent.span.end, `${symbol.name} ends after ${parent.name}`);
  }
  assert.ok(symbol.span.end <= text.length);
  for (const child of symbol.children) checkSymbol(child, text, symbol);
}

describe('editor features on any text', () => {
  it('completion never throws and replaces around the cursor on one line', () => {
    fc.assert(
      fc.property(documents, (text) => {
        const document = buildConfigDocument(text, DEFAULT_SETTINGS);
        for (let offset = 0; offset <= text.length; offset++) {
          for (const entry of completeAt(document, offset, DEFAULT_SETTINGS, { configFolder: __dirname })) {
            const { start, end } = entry.replace;
            assert.ok(start <= offset, `replace ${start}-${end} starts after cursor ${offset}`);
            assert.ok(offset <= end, `replace ${start}-${end} ends before cursor ${offset}`);
            assert.ok(end <= text.length, `replace ${start}-${end} ends after the text`);
            assert.ok(!lineBreakBetween(text, start, end), `replace ${start}-${end} spans lines`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('hover and symbols never throw and stay in the text', () => {
    fc.assert(
      fc.property(documents, (text) => {
        const document = buildConfigDocument(text, DEFAULT_SETTINGS);
        for (let offset = 0; offset <= text.length; offset++) {
          const hover = hoverAt(document, offset, DEFAULT_SETTINGS, EMPTY_SITE);
          if (!hover) continue;
          assert.ok(hover.span.start <= offset, `hover at ${offset} starts after it`);
          assert.ok(offset <= hover.span.end, `hover at ${offset} ends before it`);
          assert.ok(hover.span.end <= text.length, `hover at ${offset} ends after the text`);
        }
        for (const symbol of documentSymbols(document)) checkSymbol(symbol, text);
      }),
      { numRuns: 300 },
    );
  });

  it('completion clamps offsets outside the text', () => {
    const document = buildConfigDocument('<connectionStrings>\n</connectionStrings>', DEFAULT_SETTINGS);
    assert.deepEqual(completeAt(document, -5, DEFAULT_SETTINGS, {}), []);
    assert.deepEqual(completeAt(document, 10_000, DEFAULT_SETTINGS, {}), []);
  });
});

describe('entry snippets', () => {
  for (const snippet of ENTRY_SNIPPETS) {
    it(`${snippet.label} inserts a clean entry`, () => {
      const entry = resolveSnippet(snippet.body);
      const text = `<?xml version="1.0" encoding="utf-8"?>\n<connectionStrings>\n  <add name="db" connectionString="Data Source=sql01" />\n  ${entry}\n</connectionStrings>\n`;
      assert.deepEqual(analyzeText(text, DEFAULT_SETTINGS).findings.map((finding) => finding.ruleId), []);

      const redis = buildConfigDocument(text, DEFAULT_SETTINGS).redis[0];
      const secrets = redis.parsed.pairs.filter((pair) => /password/i.test(pair.key));
      assert.ok(secrets.length > 0);
      for (const pair of secrets) assert.ok(isVaultReference(pair.value), `${pair.key} is not a Vault reference`);
    });
  }

  it('resolves tab stops to their placeholders', () => {
    assert.equal(resolveSnippet('a=${1:x};b=${2:[Y]}$0'), 'a=x;b=[Y]');
  });
});
