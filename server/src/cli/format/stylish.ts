/**
 * The default, human-readable report: each file's path, then one aligned row per finding
 * (`line:column  severity  message  rule-id`), then a summary line. It never prints source text.
 */
import { MAX_FINDINGS } from '../../analysis/analyze.js';
import type { Severity } from '../../analysis/types.js';
import { totalsOf, type FileResult } from '../results.js';

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', underline: '\x1b[4m', red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m', gray: '\x1b[90m' };

const SEVERITY_COLOURS: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, information: ANSI.cyan, hint: ANSI.gray };

export interface StylishOptions {
  color: boolean;
  /** Set after --fix, when the fixable count would only repeat what was just done. */
  fixApplied: boolean;
}

export function formatStylish(results: readonly FileResult[], options: StylishOptions): string {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${ANSI.reset}` : text);
  const lines: string[] = [];

  for (const result of results) {
    if (result.messages.length === 0) continue;
    lines.push(paint(ANSI.underline, result.filePath));
    const rows = result.messages.map((message) => ({
      position: `${message.line}:${message.column}`,
      severity: message.severity,
      text: message.message,
      ruleId: message.ruleId,
    }));
    const positionWidth = Math.max(...rows.map((row) => row.position.length));
    const severityWidth = Math.max(...rows.map((row) => row.severity.length));
    const textWidth = Math.max(...rows.map((row) => row.text.length));
    for (const row of rows) {
      // Pad before painting, so escape codes do not upset the alignment.
      const severity = paint(SEVERITY_COLOURS[row.severity], row.severity.padEnd(severityWidth));
      lines.push(`  ${paint(ANSI.dim, row.position.padEnd(positionWidth))}  ${severity}  ${row.text.padEnd(textWidth)}  ${paint(ANSI.dim, row.ruleId)}`);
    }
    if (result.truncated) lines.push(`  Only the first ${MAX_FINDINGS} problems of this file are listed.`);
    lines.push('');
  }

  const totals = totalsOf(results);
  const infos = totals.infos + totals.hints;
  const problems = totals.errors + totals.warnings + infos;
  if (problems === 0) return '';

  const summary = `✖ ${plural(problems, 'problem')} (${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')}, ${plural(infos, 'info')})`;
  lines.push(paint(ANSI.bold + summaryColour(totals.errors, totals.warnings), summary));
  if (totals.fixable > 0 && !options.fixApplied) lines.push(`  ${plural(totals.fixable, 'problem')} can be fixed with the --fix option.`);
  return `${lines.join('\n')}\n`;
}

function summaryColour(errors: number, warnings: number): string {
  if (errors > 0) return ANSI.red;
  if (warnings > 0) return ANSI.yellow;
  return ANSI.cyan;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
