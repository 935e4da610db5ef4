// Property-based tests of the analysis on random and mutated ConnectionStrings.config texts.
// Every run uses one seed: PROPERTY_SEED, or a fixed default. A failure reports the seed, the
// shrunk counterexample and the path that replays it (fast-check's `seed` and `path` parameters).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText, type AnalysisResult } from '../../server/src/analysis/analyze.js';
import { applyEdits, fixAllText } from '../../server/src/analysis/fixAll.js';
import { LineIndex } from '../../server/src/analysis/lineIndex.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Edit, Finding, Fix, Span } from '../../server/src/analysis/types.js';
import type { RedisConnectionString } from '../../server/src/model/configDocument.js';
import { DecodedValue } from '../../server/src/xml/entities.js';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/settings.js';
import { anyConfig, mutatedConfig, redisConfig } from './mutations.js';

const SEED = Number(process.env.PROPERTY_SEED ?? 20_261_204);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);

/** Version-dependent rules on, certificate files off: the properties must not depend on the disk. */
const SETTINGS: Settings = { ...DEFAULT_SETTINGS, creatioVersion: '7.18.0', checkCertificateFiles: false };

function check<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void, numRuns = RUNS): void {
  const details = fc.check(fc.property(arbitrary, predicate), { seed: SEED, numRuns });
  if (details.failed) {
    const input = excerpt(JSON.stringify(details.counterexample?.[0]), 0, 4000);
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    assert.fail(`Property failed with seed ${SEED}, path "${details.counterexamplePath}" after ${details.numRuns} runs.\nInput: ${input}\n${cause}`);
  }
}

/** Analyses `text` and fails when a rule threw or reported an invalid range, which the analysis only logs. */
function analyze(text: string): AnalysisResult {
  const failures: string[] = [];
  const result = analyzeText(text, SETTINGS, { log: (line) => failures.push(line) });
  assert.deepEqual(failures, [], 'a rule failed');
  return result;
}

/** Returns up to `width` characters of `text` from `start`, marking what was cut. */
function excerpt(text: string, start: number, width = 160): string {
  const from = Math.max(0, start);
  const cut = text.slice(from, from + width);
  return `${from > 0 ? '…' : ''}${cut}${from + width < text.length ? '…' : ''}`;
}

function show(text: string, span: Span): string {
  return JSON.stringify(text.slice(span.start, span.end));
}

/** Returns the decoded text of a raw span inside an attribute value, as the tokenizer reads it. */
function decodedAt(text: string, span: Span): string {
  return DecodedValue.decode(text.slice(span.start, span.end), span.start).text;
}

function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}

function within(inner: Span, outer: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

function assertInside(span: Span, length: number, label: string): void {
  assert.ok(Number.isInteger(span.start), `${label}: start ${span.start} is not an integer`);
  assert.ok(Number.isInteger(span.end), `${label}: end ${span.end} is not an integer`);
  assert.ok(0 <= span.start, `${label}: start ${span.start} < 0`);
  assert.ok(span.start <= span.end, `${label}: start ${span.start} > end ${span.end}`);
  assert.ok(span.end <= length, `${label}: end ${span.end} > length ${length}`);
}

/** Where a rule's span must lie, by the convention every rule follows. */
type Anchor = 'key' | 'value' | 'valuePart' | 'pair' | 'emptyValue' | 'comma' | 'segment' | 'nameAttribute' | 'attributeValue' | 'valueOrName';

const ANCHORS: Record<string, Anchor> = {
  'unknown-key': 'key',
  'key-case': 'key',
  'undocumented-key': 'key',
  'conflicting-topology': 'key',
  'requires-newer-creatio': 'key',
  'sentinel-retired': 'key',
  'sentinel-master-missing': 'key',
  'invalid-boolean': 'value',
  'invalid-number': 'value',
  'db-out-of-range': 'value',
  'plaintext-secret': 'value',
  'host-is-list': 'value',
  'doc-placeholder': 'valuePart',
  'host-list-format': 'valuePart',
  'host-list-brackets': 'valuePart',
  'duplicate-key': 'pair',
  'tls-setting-ignored': 'pair',
  'password-without-tls': 'pair',
  'tls-validation-disabled': 'pair',
  'cluster-db': 'pair',
  'sentinel-tls': 'pair',
  'certificate-password-without-path': 'pair',
  'certificate-password-unused': 'pair',
  'empty-value': 'emptyValue',
  'comma-separator': 'comma',
  'malformed-pair': 'segment',
  'duplicate-name': 'nameAttribute',
  'duplicate-name-case': 'nameAttribute',
  'foreign-format': 'attributeValue',
  'missing-host': 'valueOrName',
};

function checkAnchor(result: AnalysisResult, finding: Finding): void {
  const anchor = ANCHORS[finding.ruleId];
  if (!anchor) return;
  const { text, redis } = result.document;
  const span = finding.span;
  const label = `${finding.ruleId} at ${span.start}-${span.end} ${show(text, span)}`;
  const pairs = redis.flatMap((r: RedisConnectionString) => r.parsed.pairs);

  switch (anchor) {
    case 'key': {
      const pair = pairs.find((p) => sameSpan(p.keySpan, span));
      assert.ok(pair, `${label}: not on a key`);
      assert.equal(decodedAt(text, span), pair.key, `${label}: span text is not the key`);
      return;
    }
    case 'value': {
      const pair = pairs.find((p) => sameSpan(p.valueSpan, span));
      assert.ok(pair, `${label}: not on a value`);
      assert.equal(decodedAt(text, span), pair.value, `${label}: span text is not the value`);
      return;
    }
    case 'valuePart':
      assert.ok(pairs.some((p) => within(span, p.valueSpan)), `${label}: not inside a value`);
      return;
    case 'pair': {
      const pair = pairs.find((p) => sameSpan(p.span, span));
      assert.ok(pair, `${label}: not on a key=value pair`);
      assert.ok(decodedAt(text, span).startsWith(pair.key), `${label}: does not start with the key`);
      return;
    }
    case 'emptyValue': {
      const pair = pairs.find((p) => p.keySpan.start === span.start && p.equalsSpan.end === span.end);
      assert.ok(pair, `${label}: not on key=`);
      assert.equal(pair.value, '', `${label}: the pair has a value`);
      assert.ok(decodedAt(text, span).endsWith('='), `${label}: does not end with '='`);
      return;
    }
    case 'comma':
      assert.equal(decodedAt(text, span), ',', `${label}: not on a comma`);
      assert.ok(redis.some((r) => within(span, r.attribute.valueSpan)), `${label}: not inside a Redis value`);
      return;
    case 'segment': {
      const segment = redis.flatMap((r) => r.parsed.malformed).find((s) => sameSpan(s.span, span));
      assert.ok(segment, `${label}: not on a malformed segment`);
      assert.equal(decodedAt(text, span), segment.text, `${label}: span text is not the segment`);
      return;
    }
    case 'nameAttribute': {
      const entry = result.document.entries.find((e) => e.nameAttribute && sameSpan(e.nameAttribute.span, span));
      assert.ok(entry, `${label}: not on a name attribute`);
      assert.match(text.slice(span.start, span.end), /^name\s*=/, `${label}: does not start with name=`);
      return;
    }
    case 'attributeValue':
      assert.ok(redis.some((r) => sameSpan(r.attribute.valueSpan, span)), `${label}: not on a connectionString value`);
      return;
    case 'valueOrName':
      assert.ok(redis.some((r) => sameSpan(r.attribute.valueSpan, span) || sameSpan(r.attribute.nameSpan, span)), `${label}: not on the connectionString attribute`);
      return;
  }
}

/** True when two edits touch the same character, or insert at one point (their order would be ambiguous). */
function editsOverlap(a: Edit, b: Edit): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  return a.start === a.end && b.start === b.end && a.start === b.start;
}

/**
 * Maps an offset of the fixed text back to the original text. Offsets inside inserted text map to
 * the edit they belong to; an offset right after a replacement maps to the end of what it replaced.
 */
function mapBack(offset: number, edits: readonly Edit[]): { offset: number; edit?: Edit } {
  let delta = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    const newStart = edit.start + delta;
    const newEnd = newStart + edit.newText.length;
    if (offset < newStart) return { offset: offset - delta };
    if (offset < newEnd) return { offset: edit.start, edit };
    delta += edit.newText.length - (edit.end - edit.start);
  }
  return { offset: offset - delta };
}

/** Returns a message without the text it quotes, which a fix changes even where the fault stays. */
function shape(message: string): string {
  return message.replace(/'[^']*'/g, "'…'");
}

/**
 * Returns the finding of the fixed text that is still the finding `fix` was meant to remove, if
 * any: the same rule, either on the very same text with the same message or starting inside text the fix wrote. A
 * finding that another finding of the original text explains (same rule and message, same place)
 * does not count.
 */
function survivor(before: Finding, fix: Fix, original: readonly Finding[], after: readonly Finding[]): Finding | undefined {
  const touches = (edit: Edit) => edit.start <= before.span.end && before.span.start <= edit.end;
  const others = original.filter((finding) => finding !== before && finding.ruleId === before.ruleId);
  return after.find((finding) => {
    if (finding.ruleId !== before.ruleId) return false;
    const start = mapBack(finding.span.start, fix.edits);
    const explained = (at: (other: Finding) => boolean) => others.some((other) => other.message === finding.message && at(other));
    if (start.edit) {
      const edit = start.edit;
      // Only the same fault counts: escaping a bare '<' may show that text is not allowed there, a finding of its own.
      return touches(edit) && shape(finding.message) === shape(before.message) && !explained((other) => edit.start <= other.span.start && other.span.start <= edit.end);
    }
    const end = mapBack(finding.span.end, fix.edits);
    // Outside the fix's own text only the same message counts: the deduplication keeps one finding per
    // rule and range, so a second fault there (an undeclared entity in a value just quoted) shows next.
    const untouched = start.offset === before.span.start && end.offset === before.span.end && finding.message === before.message;
    return untouched && !explained((other) => other.span.start === start.offset);
  });
}

describe('analysis properties', () => {
  it('keeps every span inside the document', () => {
    check(anyConfig, (text) => {
      const result = analyze(text);
      for (const finding of result.findings) {
        assertInside(finding.span, text.length, `${finding.ruleId} span`);
        for (const related of finding.related ?? []) assertInside(related.span, text.length, `${finding.ruleId} related span`);
        for (const fix of finding.fixes) {
          for (const edit of fix.edits) assertInside(edit, text.length, `${finding.ruleId} fix '${fix.title}'`);
        }
      }
    });
  });

  it('marks the key, value or pair a rule names', () => {
    check(anyConfig, (text) => {
      const result = analyze(text);
      for (const finding of result.findings) checkAnchor(result, finding);
    });
  });

  it('returns the same findings twice', () => {
    check(anyConfig, (text) => {
      const first = JSON.stringify(analyze(text).findings);
      const second = JSON.stringify(analyze(text).findings);
      assert.equal(second, first);
    }, Math.ceil(RUNS / 3));
  });

  it('never offers overlapping edits in one fix', () => {
    check(anyConfig, (text) => {
      for (const finding of analyze(text).findings) {
        for (const fix of finding.fixes) {
          fix.edits.forEach((edit, i) => {
            for (const other of fix.edits.slice(i + 1)) {
              assert.ok(!editsOverlap(edit, other), `${finding.ruleId} fix '${fix.title}': edits ${JSON.stringify(edit)} and ${JSON.stringify(other)} overlap`);
            }
          });
        }
      }
    });
  });

  it('removes the finding with every fix', () => {
    check(anyConfig, (text) => {
      const findings = analyze(text).findings;
      for (const finding of findings) {
        for (const fix of finding.fixes) {
          const fixed = applyEdits(text, fix.edits);
          const left = survivor(finding, fix, findings, analyze(fixed).findings);
          assert.equal(
            left,
            undefined,
            `${finding.ruleId} at ${show(text, finding.span)}: fix '${fix.title}' (safe: ${fix.safe === true}) leaves ${left && show(fixed, left.span)}\nfixed text near the fault: ${JSON.stringify(excerpt(fixed, (left?.span.start ?? 0) - 80))}`,
          );
        }
      }
    });
  });

  it('places findings where the editor does', () => {
    // The command-line linter counts lines with LineIndex, the language server with TextDocument.
    check(anyConfig, (text) => {
      const index = new LineIndex(text);
      const document = TextDocument.create('file:///ConnectionStrings.config', 'xml', 1, text);
      for (const finding of analyze(text).findings) {
        for (const offset of [finding.span.start, finding.span.end]) {
          assert.deepEqual(index.positionAt(offset), document.positionAt(offset), `position of offset ${offset}`);
          assert.equal(index.offsetAt(index.positionAt(offset)), document.offsetAt(document.positionAt(offset)), `offset ${offset} after a round trip`);
        }
      }
    }, Math.ceil(RUNS / 3));
  });

  it('fixes all safe problems without failing', () => {
    check(anyConfig, (text) => {
      const failures: string[] = [];
      const { text: fixed, applied } = fixAllText(text, SETTINGS, { log: (line) => failures.push(line) });
      assert.deepEqual(failures, [], 'a rule failed');
      assert.equal(fixed === text, applied === 0, `applied ${applied} fixes but the text ${fixed === text ? 'did not change' : 'changed'}`);
    }, Math.ceil(RUNS / 3));
  });

  it('finds faults in most generated Redis strings', () => {
    // Guards the generators: properties over inputs without findings would prove nothing.
    const samples = fc.sample(redisConfig, { seed: SEED, numRuns: 200 });
    const withFindings = samples.filter((text) => analyze(text).findings.some((f) => f.ruleId !== 'xml-syntax'));
    assert.ok(withFindings.length > 150, `only ${withFindings.length} of 200 generated files have findings`);
    const mutated = fc.sample(mutatedConfig(), { seed: SEED, numRuns: 200 });
    assert.ok(new Set(mutated).size > 150, 'the mutated fixtures repeat too often');
  });
});
