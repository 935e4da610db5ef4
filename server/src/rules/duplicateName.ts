import type { ConnectionEntry } from '../model/configDocument.js';
import type { XmlElement } from '../xml/scanner.js';
import { lowerCaseOf } from '../model/connectionNames.js';
import { defineRule } from './rule.js';
import { removeElementEdit } from './edits.js';

/** The lower-case name of each entry, and the lower-case names that more than one entry carries. */
interface NameIndex {
  lowerNames: (string | undefined)[];
  repeated: Set<string>;
}

/** Built once per document and shared by the rules that compare names. */
const nameIndexes = new WeakMap<readonly ConnectionEntry[], NameIndex>();

function nameIndex(entries: readonly ConnectionEntry[]): NameIndex {
  let index = nameIndexes.get(entries);
  if (index) return index;
  const lowerNames: (string | undefined)[] = new Array(entries.length);
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (let i = 0; i < entries.length; i++) {
    const name = entries[i].name;
    if (name === undefined) continue;
    const lower = lowerCaseOf(name);
    lowerNames[i] = lower;
    const before = seen.size;
    // One operation per name instead of a lookup and an insertion: every entry of a large file passes here.
    if (seen.add(lower).size === before) repeated.add(lower);
  }
  index = { lowerNames, repeated };
  nameIndexes.set(entries, index);
  return index;
}

/**
 * Walks the entries of each section in order, as .NET builds the collection: <clear/> empties it,
 * <remove name> takes one name out. Calls `onAdd` for every <add> with the live entries whose
 * names differ from its name at most in letter case, keyed by their exact names in the order they
 * were added. A name no other entry carries, in any case, can have no such entry, so it is skipped:
 * the walk costs one lookup per entry, and one more per entry whose name repeats.
 */
export function walkEntries(entries: readonly ConnectionEntry[], onAdd: (entry: ConnectionEntry, sameName: ReadonlyMap<string, ConnectionEntry>) => void): void {
  const { lowerNames, repeated } = nameIndex(entries);
  if (repeated.size === 0) return;
  const bySection = new Map<XmlElement | undefined, Map<string, Map<string, ConnectionEntry>>>();

  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const parent = entry.element.parent;
    let live = bySection.get(parent);
    if (!live) bySection.set(parent, (live = new Map()));
    if (entry.kind === 'clear') {
      live.clear();
      continue;
    }
    const lower = lowerNames[i];
    if (lower === undefined || !repeated.has(lower)) continue;
    const name = entry.name!;
    if (entry.kind === 'remove') {
      live.get(lower)?.delete(name);
    } else if (entry.kind === 'add' && entry.transform === undefined) {
      let sameName = live.get(lower);
      if (!sameName) live.set(lower, (sameName = new Map()));
      onAdd(entry, sameName);
      sameName.set(name, entry);
    }
  }
}

export default defineRule({
  id: 'duplicate-name',
  defaultSeverity: 'error',
  summary: 'Two <add> entries with the same name and no <remove> or <clear/> between them.',
  checkDocument(context) {
    const { text } = context.document;
    walkEntries(context.document.entries, (entry, sameName) => {
      const first = sameName.get(entry.name!);
      if (!first || !entry.nameAttribute) return;
      context.report(entry.nameAttribute.span, `A connection string named '${entry.name}' is already added above; .NET refuses to start ("entry has already been added"). Remove one of them, or put <remove name="${entry.name}" /> before this one.`, {
        fixes: [{ title: 'Remove this duplicate entry', edits: [removeElementEdit(text, entry.element)], isPreferred: true }],
        related: first.nameAttribute ? [{ span: first.nameAttribute.span, message: 'First entry with this name.' }] : undefined,
      });
    });
  },
});
