/**
 * Helpers for editor-feature tests over LSP: a `|` cursor marker in inline fixtures, LSP
 * positions found by substring, and text edits applied the way an editor applies them.
 */
import assert from 'node:assert/strict';
import type { Position, Range, TextEdit } from 'vscode-languageserver-protocol';

/** Removes the one `|` of `marked` and returns the text and the cursor offset. */
export function withCursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'the fixture has no | cursor marker');
  assert.equal(marked.indexOf('|', offset + 1), -1, 'the fixture has more than one | cursor marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** Converts an offset to an LSP position; lines end at CRLF, LF or CR, as LSP defines them. */
export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a && i + 1 < offset) continue;
    if (code === 0x0a || code === 0x0d) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

/** Converts an LSP position back to an offset. */
export function offsetAt(text: string, position: Position): number {
  let line = 0;
  let i = 0;
  while (line < position.line && i < text.length) {
    const code = text.charCodeAt(i);
    i++;
    if (code === 0x0d && text.charCodeAt(i) === 0x0a) i++;
    if (code === 0x0a || code === 0x0d) line++;
  }
  return i + position.character;
}

/** Returns the LSP range of the `occurrence`-th (zero-based) `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    assert.ok(index >= 0, `'${needle}' occurrence ${occurrence} not found in the fixture`);
  }
  return { start: positionAt(text, index), end: positionAt(text, index + needle.length) };
}

/** Returns the LSP range from `start` to `end` offsets. */
export function rangeAt(text: string, start: number, end: number): Range {
  return { start: positionAt(text, start), end: positionAt(text, end) };
}

/** Returns the raw text that `range` covers. */
export function textIn(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/** Applies edits that do not overlap, as an editor applies one workspace edit to one document. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const resolved = edits
    .map((edit) => ({ start: offsetAt(text, edit.range.start), end: offsetAt(text, edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  for (let i = 1; i < resolved.length; i++) {
    assert.ok(resolved[i].end <= resolved[i - 1].start, 'the edits overlap');
  }
  let result = text;
  for (const edit of resolved) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}
