// Real-world cases: each input in test/fixtures/cases/ with the diagnostics it must produce.
// The expectations follow the case notes; where this project decided otherwise, the
// "decisions" list of the expectation file gives the reason. Besides the rules the notes list,
// literal passwords also get the plaintext-secret hint, which the notes leave out.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/analysis/analyze.js';
import { DEFAULT_SETTINGS } from '../../server/src/settings.js';

const FOLDER = join(__dirname, '..', 'fixtures', 'cases');

interface ExpectedDiagnostic {
  rule: string;
  severity: string;
  range: string;
  text: string;
  fixes: string[];
}

interface Expectation {
  runs: { creatioVersion: string; diagnostics: ExpectedDiagnostic[] }[];
  decisions: string[];
}

/** Formats an offset as the 1-based line:column the case notes use. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - (before.lastIndexOf('\n') + 1) + 1}`;
}

const cases = readdirSync(FOLDER).filter((file) => file.endsWith('.config')).sort();

describe('real-world cases', () => {
  it('has every case input', () => {
    assert.equal(cases.length, 22);
  });

  for (const file of cases) {
    const text = readFileSync(join(FOLDER, file), 'utf8');
    const expectation = JSON.parse(readFileSync(join(FOLDER, file.replace('.config', '.expected.json')), 'utf8')) as Expectation;

    for (const run of expectation.runs) {
      it(`${file} with version '${run.creatioVersion}'`, () => {
        const settings = { ...DEFAULT_SETTINGS, creatioVersion: run.creatioVersion, checkCertificateFiles: false };
        const actual = analyzeText(text, settings).findings.map((finding) => ({
          rule: finding.ruleId,
          severity: finding.severity,
          range: `${position(text, finding.span.start)}-${position(text, finding.span.end)}`,
          text: text.slice(finding.span.start, finding.span.end),
          fixes: finding.fixes.map((fix) => fix.title + (fix.isPreferred ? ' (preferred)' : '')),
        }));
        assert.deepEqual(actual, run.diagnostics);
      });
    }
  }
});
