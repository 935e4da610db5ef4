/** The per-file results every output format reads: positioned messages and their counts. */
import type { AnalysisResult } from '../analysis/analyze.js';
import { LineIndex } from '../analysis/lineIndex.js';
import type { Finding, Severity } from '../analysis/types.js';

/** One finding with 1-based positions. `endColumn` is exclusive, as in ESLint. */
export interface LintMessage {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** True when --fix applies a fix for this finding (it has a safe fix). */
  fixable: boolean;
}

export interface FileResult {
  /** The path relative to the current directory with '/' separators, or absolute when outside it. */
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  hintCount: number;
  fixableCount: number;
  /** True when the analysis stopped listing findings at its limit per file. */
  truncated: boolean;
}

/** Builds the result of one file, leaving out findings below error severity when `errorsOnly` is set. */
export function toFileResult(filePath: string, analysis: AnalysisResult, errorsOnly: boolean): FileResult {
  const index = new LineIndex(analysis.document.text);
  const findings = errorsOnly ? analysis.findings.filter((finding) => finding.severity === 'error') : analysis.findings;
  const messages = findings.map((finding) => toMessage(finding, index));
  const count = (severity: Severity) => messages.filter((message) => message.severity === severity).length;

  return {
    filePath,
    messages,
    errorCount: count('error'),
    warningCount: count('warning'),
    infoCount: count('information'),
    hintCount: count('hint'),
    fixableCount: messages.filter((message) => message.fixable).length,
    truncated: analysis.truncated,
  };
}

function toMessage(finding: Finding, index: LineIndex): LintMessage {
  const start = index.positionAt(finding.span.start);
  const end = index.positionAt(finding.span.end);
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    fixable: finding.fixes.some((fix) => fix.safe === true),
  };
}

export interface Totals {
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  fixable: number;
}

export function totalsOf(results: readonly FileResult[]): Totals {
  const sum = (pick: (result: FileResult) => number) => results.reduce((total, result) => total + pick(result), 0);
  return {
    errors: sum((result) => result.errorCount),
    warnings: sum((result) => result.warningCount),
    infos: sum((result) => result.infoCount),
    hints: sum((result) => result.hintCount),
    fixable: sum((result) => result.fixableCount),
  };
}
