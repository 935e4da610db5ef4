/** A unified diff of two texts, line by line, for --fix-dry-run. */

export const CONTEXT_LINES = 3;

/** Above this many cells the middle part is shown as one block of removed and added lines. */
const MAX_TABLE_CELLS = 4_000_000;

interface Line {
  content: string;
  /** False for a last line without a line break. */
  terminated: boolean;
}

type Operation = { kind: ' ' | '-' | '+'; before: number; after: number };

/** Splits after CRLF, LF or a lone CR, as the analysis counts lines. */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const pattern = /\r\n|\r|\n/g;
  let start = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    lines.push({ content: text.slice(start, match.index), terminated: true });
    start = match.index + match[0].length;
  }
  if (start < text.length) lines.push({ content: text.slice(start), terminated: false });
  return lines;
}

const same = (a: Line, b: Line) => a.content === b.content && a.terminated === b.terminated;

export interface DiffOptions {
  context?: number;
  /**
   * Texts printed in place of `before` and `after`, with the same line breaks, such as copies with
   * secrets masked. Changes are still found on the real texts, so a change inside a masked value
   * shows as a removed and an added line that read alike.
   */
  shown?: { before: string; after: string };
}

/** Returns the diff of `before` and `after` under `label`, or '' when they are equal. */
export function unifiedDiff(label: string, before: string, after: string, options: DiffOptions = {}): string {
  if (before === after) return '';
  const beforeLines = splitLines(before);
  const afterLines = splitLines(after);
  const operations = diffLines(beforeLines, afterLines);
  const hunks = groupHunks(operations, options.context ?? CONTEXT_LINES);
  if (hunks.length === 0) return '';

  const shownBefore = options.shown ? splitLines(options.shown.before) : beforeLines;
  const shownAfter = options.shown ? splitLines(options.shown.after) : afterLines;
  if (shownBefore.length !== beforeLines.length || shownAfter.length !== afterLines.length) {
    throw new Error('The texts shown in a diff must have the line breaks of the texts compared.');
  }
  const shownLine = (operation: Operation) => (operation.kind === '+' ? shownAfter[operation.after] : shownBefore[operation.before]);
  return [`--- ${label}`, `+++ ${label}`, ...hunks.flatMap((hunk) => formatHunk(hunk, shownLine))].join('\n') + '\n';
}

/** Lists every line as kept, removed or added: common ends first, then a longest common subsequence. */
function diffLines(a: Line[], b: Line[]): Operation[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && same(a[prefix], b[prefix])) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && same(a[a.length - 1 - suffix], b[b.length - 1 - suffix])) suffix++;

  const operations: Operation[] = [];
  for (let i = 0; i < prefix; i++) operations.push({ kind: ' ', before: i, after: i });
  operations.push(...diffMiddle(a, b, prefix, a.length - suffix, b.length - suffix));
  for (let i = suffix; i > 0; i--) operations.push({ kind: ' ', before: a.length - i, after: b.length - i });
  return operations;
}

function diffMiddle(a: Line[], b: Line[], start: number, endA: number, endB: number): Operation[] {
  const rows = endA - start;
  const columns = endB - start;
  const operations: Operation[] = [];
  if (rows * columns > MAX_TABLE_CELLS) {
    for (let i = start; i < endA; i++) operations.push({ kind: '-', before: i, after: start });
    for (let j = start; j < endB; j++) operations.push({ kind: '+', before: endA, after: j });
    return operations;
  }

  // lengths[i][j] is the longest common subsequence of a[start + i..] and b[start + j..].
  const lengths = Array.from({ length: rows + 1 }, () => new Uint32Array(columns + 1));
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = columns - 1; j >= 0; j--) {
      lengths[i][j] = same(a[start + i], b[start + j]) ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }

  let i = 0;
  let j = 0;
  while (i < rows || j < columns) {
    if (i < rows && j < columns && same(a[start + i], b[start + j])) {
      operations.push({ kind: ' ', before: start + i++, after: start + j++ });
    } else if (i < rows && (j === columns || lengths[i + 1][j] >= lengths[i][j + 1])) {
      // Removed lines come before added ones when both are possible, as in GNU diff.
      operations.push({ kind: '-', before: start + i++, after: start + j });
    } else {
      operations.push({ kind: '+', before: start + i, after: start + j++ });
    }
  }
  return operations;
}

/** Groups changes into hunks with `context` kept lines around them, merging nearby groups. */
function groupHunks(operations: Operation[], context: number): Operation[][] {
  const changed = operations.map((operation, index) => (operation.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  const hunks: Operation[][] = [];
  let first = -1;
  let last = -1;
  for (const index of changed) {
    // Up to 2 × context kept lines between two changes are all context, so the hunks merge, as in diff -u.
    if (first >= 0 && index - last - 1 > 2 * context) {
      hunks.push(operations.slice(Math.max(0, first - context), last + context + 1));
      first = -1;
    }
    if (first < 0) first = index;
    last = index;
  }
  if (first >= 0) hunks.push(operations.slice(Math.max(0, first - context), last + context + 1));
  return hunks;
}

function formatHunk(hunk: Operation[], shownLine: (operation: Operation) => Line): string[] {
  const beforeCount = hunk.filter((operation) => operation.kind !== '+').length;
  const afterCount = hunk.filter((operation) => operation.kind !== '-').length;
  const header = `@@ -${range(hunk[0].before, beforeCount)} +${range(hunk[0].after, afterCount)} @@`;
  const lines = [header];
  for (const operation of hunk) {
    const line = shownLine(operation);
    lines.push(`${operation.kind}${line.content}`);
    if (!line.terminated) lines.push('\\ No newline at end of file');
  }
  return lines;
}

/** Formats a hunk range as a 1-based start and a count, leaving the count out when it is 1, as diff -u does. */
function range(start: number, count: number): string {
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}
