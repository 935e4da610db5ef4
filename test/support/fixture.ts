/**
 * Helpers for rule tests: small inline configuration files, ranges found by substring, compact
 * views of findings, and fixes applied to text.
 */
import assert from 'node:assert/strict';
import { analyzeText, type AnalysisOptions } from '../../server/src/analysis/analyze.js';
import { applyEdits } from '../../server/src/analysis/fixAll.js';
import type { Finding, Fix, SeveritySetting, Span } from '../../server/src/analysis/types.js';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/settings.js';

/** Builds a ConnectionStrings.config with a `db` entry and one `redis` entry whose value is `connectionString`. */
export function redisConfig(connectionString: string, name = 'redis'): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<connectionStrings>',
    '  <add name="db" connectionString="Data Source=sql01;Initial Catalog=creatio;Integrated Security=SSPI" />',
    `  <add name="${name}" connectionString="${connectionString}" />`,
    '</connectionStrings>',
    '',
  ].join('\n');
}

/** Builds a ConnectionStrings.config whose `<connectionStrings>` section contains `entries`, one per line. */
export function entriesConfig(...entries: string[]): string {
  return ['<?xml version="1.0" encoding="utf-8"?>', '<connectionStrings>', ...entries.map((entry) => `  ${entry}`), '</connectionStrings>', ''].join('\n');
}

/** Returns the default settings with rule severities and other values replaced. */
export function settingsWith(overrides: Partial<Omit<Settings, 'rules'>> & { rules?: Record<string, SeveritySetting> } = {}): Settings {
  return { ...DEFAULT_SETTINGS, ...overrides, rules: { ...DEFAULT_SETTINGS.rules, ...overrides.rules } };
}

/** Finds the `occurrence`-th (zero-based) `needle` in `text` and fails the test when there is none. */
export function spanOf(text: string, needle: string, occurrence = 0): Span {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    assert.ok(index >= 0, `'${needle}' occurrence ${occurrence} not found in the fixture`);
  }
  return { start: index, end: index + needle.length };
}

/** Finds the first `needle` at or after the first `after`, for needles that repeat. */
export function spanAfter(text: string, after: string, needle: string): Span {
  const from = text.indexOf(after);
  assert.ok(from >= 0, `'${after}' not found in the fixture`);
  const index = text.indexOf(needle, from);
  assert.ok(index >= 0, `'${needle}' not found after '${after}'`);
  return { start: index, end: index + needle.length };
}

/** Runs the whole rule catalogue with default settings unless others are given. */
export function findingsOf(text: string, settings: Settings = DEFAULT_SETTINGS, options: AnalysisOptions = {}): Finding[] {
  return analyzeText(text, settings, options).findings;
}

/** A finding as [rule id, severity, underlined raw text, start offset, end offset]. */
export type Spot = [ruleId: string, severity: string, text: string, start: number, end: number];

/** A finding as [rule id, severity, underlined raw text], for comparing texts before and after a fix. */
export type Mark = [ruleId: string, severity: string, text: string];

/** Turns findings into spots; `text` is the analysed text. */
export function spotsOf(text: string, findings: readonly Finding[]): Spot[] {
  return findings.map((finding) => [finding.ruleId, finding.severity, text.slice(finding.span.start, finding.span.end), finding.span.start, finding.span.end]);
}

/** Analyses `text` and returns its findings as spots, in position order. */
export function spots(text: string, settings: Settings = DEFAULT_SETTINGS, options: AnalysisOptions = {}): Spot[] {
  return spotsOf(text, findingsOf(text, settings, options));
}

/** Returns the spot expected at the `occurrence`-th (zero-based) `needle` of `text`. */
export function spot(text: string, ruleId: string, severity: string, needle: string, occurrence = 0): Spot {
  const span = spanOf(text, needle, occurrence);
  return [ruleId, severity, needle, span.start, span.end];
}

/** Returns the spot expected at the first `needle` at or after the first `after`. */
export function spotAfter(text: string, ruleId: string, severity: string, after: string, needle: string): Spot {
  const span = spanAfter(text, after, needle);
  return [ruleId, severity, needle, span.start, span.end];
}

/** Analyses `text` and returns its findings as marks. */
export function marks(text: string, settings: Settings = DEFAULT_SETTINGS, options: AnalysisOptions = {}): Mark[] {
  return findingsOf(text, settings, options).map((finding) => [finding.ruleId, finding.severity, text.slice(finding.span.start, finding.span.end)]);
}

/** Returns the marks that `after` has and `before` has not, each counted as often as it occurs. */
export function addedMarks(before: string, after: string, settings: Settings = DEFAULT_SETTINGS): Mark[] {
  const remaining = marks(before, settings).map((mark) => mark.join('\u0000'));
  return marks(after, settings).filter((mark) => {
    const index = remaining.indexOf(mark.join('\u0000'));
    if (index < 0) return true;
    remaining.splice(index, 1);
    return false;
  });
}

/** Returns the findings of one rule. */
export function findingsFor(text: string, ruleId: string, settings: Settings = DEFAULT_SETTINGS): Finding[] {
  return findingsOf(text, settings).filter((finding) => finding.ruleId === ruleId);
}

/** Returns the only finding of `ruleId` and fails the test unless there is exactly one. */
export function onlyFinding(text: string, ruleId: string, settings: Settings = DEFAULT_SETTINGS): Finding {
  const found = findingsFor(text, ruleId, settings);
  assert.equal(found.length, 1, `expected one ${ruleId} finding, got ${found.length}`);
  return found[0];
}

/** Returns the fix of `finding` titled `title` and fails the test when there is none. */
export function fixTitled(finding: Finding, title: string): Fix {
  const fix = finding.fixes.find((candidate) => candidate.title === title);
  assert.ok(fix, `no fix titled '${title}'; offered: ${finding.fixes.map((f) => `'${f.title}'`).join(', ')}`);
  return fix;
}

/** Applies every edit of one fix to `text`. */
export function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}

/** Applies the fix titled `title` of the only `ruleId` finding of `text`; returns the new text. */
export function applyFixOf(text: string, ruleId: string, title: string, settings: Settings = DEFAULT_SETTINGS): string {
  return applyFix(text, fixTitled(onlyFinding(text, ruleId, settings), title));
}
