/**
 * fast-xml-parser's validator as a second opinion on well-formedness. The scanner catches the
 * faults the validator misses (a bare '&', '--' in a comment, repeated attributes) and places
 * every fault itself, so the validator's verdict is used only when the scanner found nothing.
 * The library's parser output is not used for structure: it has no offsets, and for a broken
 * file it drops entries, so the structure comes from the scanner.
 */
import { XMLValidator } from 'fast-xml-parser';
import type { Span } from '../analysis/types.js';
import { isXmlSpace } from './chars.js';

export interface ValidatorFault {
  span: Span;
  message: string;
}

/** Runs the validator; entities are never expanded by it. */
export function validateWithFastXmlParser(text: string): ValidatorFault | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let result: ReturnType<typeof XMLValidator.validate>;
  try {
    result = XMLValidator.validate(bom ? text.slice(1) : text);
  } catch (error) {
    return { span: { start: bom, end: bom }, message: `The XML validator failed on this file (${(error as Error).name}).` };
  }
  if (result === true) return undefined;

  const start = bom + offsetOf(text.slice(bom), result.err.line, result.err.col);
  let end = start;
  while (end < text.length && !isXmlSpace(text.charCodeAt(end)) && end - start < 80) end++;
  return { span: { start, end: Math.max(end, Math.min(start + 1, text.length)) }, message: `Not well-formed XML: ${result.err.msg}` };
}

/** Converts the validator's 1-based line and column; the column is missing for some faults, such as "Start tag expected". */
function offsetOf(text: string, line: number | undefined, column: number | undefined): number {
  let offset = 0;
  for (let current = 1; current < (line ?? 1); current++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const columnOffset = typeof column === 'number' && Number.isFinite(column) ? Math.max(0, column - 1) : 0;
  return Math.min(text.length, offset + columnOffset);
}
