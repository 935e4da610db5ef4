/**
 * The machine-readable report: a JSON array with one object per checked file, shaped like ESLint's
 * `json` format (filePath, messages with 1-based line and column, counts), severities as words.
 */
import type { FileResult } from '../results.js';

export function formatJson(results: readonly FileResult[]): string {
  return `${JSON.stringify(results)}\n`;
}
