/** Applies every safe fix of a document at once, for "fix all", format-on-save and `--fix`. */
import type { Edit, Fix } from './types.js';
import { analyzeText, type AnalysisOptions } from './analyze.js';
import type { Settings } from '../settings.js';

/** Passes of analyse-and-fix; a fix may reveal another (a separator, then a spelling). */
const MAX_PASSES = 10;

/**
 * Applies non-overlapping edits to `text`, in one pass that joins the kept parts and the new
 * texts: a copy of the whole text per edit made fixing a large file with many edits quadratic.
 * Insertions at one point come out in the reverse of the given order, as when applied one by one
 * from the end.
 */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || b.index - a.index);
  const parts: string[] = [];
  let cursor = 0;
  for (const { edit } of sorted) {
    // Overlapping edits are a fault of the caller; they are applied one by one from the end, as before.
    if (edit.start < cursor) return applyOneByOne(text, edits);
    parts.push(text.slice(cursor, edit.start), edit.newText);
    cursor = edit.end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

function applyOneByOne(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/** True when two edits share a character, or insert at the same point (their order would be ambiguous). */
function overlaps(a: Edit, b: Edit): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  return a.start === a.end && b.start === b.end && a.start === b.start;
}

/** Chooses the first safe fix of each finding, skipping any that touch text another fix changes. */
export function chooseSafeFixes(fixLists: readonly (readonly Fix[])[]): Edit[] {
  const chosen: Edit[] = [];
  for (const fixes of fixLists) {
    const fix = fixes.find((candidate) => candidate.safe);
    if (!fix || fix.edits.some((edit) => chosen.some((other) => overlaps(edit, other)))) continue;
    chosen.push(...fix.edits);
  }
  return chosen;
}

export interface FixAllResult {
  text: string;
  /** Number of fixes applied over all passes. */
  applied: number;
}

/** Applies safe fixes until none is left; returns the new text. */
export function fixAllText(text: string, settings: Settings, options: AnalysisOptions = {}): FixAllResult {
  let current = text;
  let applied = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const { findings } = analyzeText(current, settings, options);
    const edits = chooseSafeFixes(findings.map((finding) => finding.fixes));
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    applied += findings.filter((finding) => finding.fixes.some((fix) => fix.safe && fix.edits.every((edit) => edits.includes(edit)))).length;
    current = next;
  }
  return { text: current, applied };
}

/** Returns the smallest single edit that turns `before` into `after`, so a client keeps everything else. */
export function minimalEdit(before: string, after: string): Edit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, newText: after.slice(start, endAfter) };
}
