// applyEdits joins the kept parts in one pass. Its result must equal applying the edits one by one
// from the end, insertions at one point included.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits } from '../../server/src/analysis/fixAll.js';
import type { Edit } from '../../server/src/analysis/types.js';

const SEED = Number(process.env.PROPERTY_SEED ?? 20_261_204);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);

function oneByOne(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/** A text and edits that do not share a character (insertions may share a point). */
const textAndEdits = fc.string({ maxLength: 40 }).chain((text) =>
  fc.array(fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: 4 }), fc.string({ maxLength: 3 })), { maxLength: 8 }).map((raw) => {
    const edits: Edit[] = [];
    for (const [start, length, newText] of raw) {
      const end = Math.min(text.length, start + length);
      const clashes = edits.some((other) => (start < other.end && other.start < end) || (start === end && other.start < start && start < other.end) || (other.start === other.end && start < other.start && other.start < end));
      if (!clashes) edits.push({ start, end, newText });
    }
    return { text, edits };
  }),
);

describe('applyEdits', () => {
  it('gives the text of applying the edits one by one from the end', () => {
    fc.assert(fc.property(textAndEdits, ({ text, edits }) => {
      assert.equal(applyEdits(text, edits), oneByOne(text, edits));
    }), { seed: SEED, numRuns: RUNS });
  });

  it('10,000 edits on a 1 MB text: one pass', () => {
    const text = 'x'.repeat(1_000_000);
    const edits = Array.from({ length: 10_000 }, (_, i) => ({ start: i * 100, end: i * 100 + 1, newText: 'y' }));
    const result = applyEdits(text, edits);
    assert.equal(result.length, 1_000_000);
    assert.equal(result.split('y').length - 1, 10_000);
  });
});
