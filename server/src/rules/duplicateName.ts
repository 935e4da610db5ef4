import type { ConnectionEntry } from '../model/configDocument.js';
import type { XmlElement } from '../xml/scanner.js';
import { defineRule } from './rule.js';
import { removeElementEdit } from './edits.js';

/**
 * Walks the entries of each section in order, as .NET builds the collection: <clear/> empties it,
 * <remove name> takes one name out. Calls `onAdd` with the live entry of the same name, if any.
 */
export function walkEntries(entries: ConnectionEntry[], onAdd: (entry: ConnectionEntry, live: Map<string, ConnectionEntry>) => void): void {
  const bySection = new Map<XmlElement | undefined, ConnectionEntry[]>();
  for (const entry of entries) {
    const list = bySection.get(entry.element.parent) ?? [];
    list.push(entry);
    bySection.set(entry.element.parent, list);
  }

  for (const list of bySection.values()) {
    const live = new Map<string, ConnectionEntry>();
    for (const entry of list) {
      if (entry.kind === 'clear') live.clear();
      else if (entry.kind === 'remove' && entry.name !== undefined) live.delete(entry.name);
      else if (entry.kind === 'add' && entry.name !== undefined && entry.transform === undefined) {
        onAdd(entry, live);
        live.set(entry.name, entry);
      }
    }
  }
}

export default defineRule({
  id: 'duplicate-name',
  defaultSeverity: 'error',
  summary: 'Two <add> entries with the same name and no <remove> or <clear/> between them.',
  checkDocument(context) {
    const { text } = context.document;
    walkEntries(context.document.entries, (entry, live) => {
      const first = live.get(entry.name!);
      if (!first || !entry.nameAttribute) return;
      context.report(entry.nameAttribute.span, `A connection string named '${entry.name}' is already added above; .NET refuses to start ("entry has already been added"). Remove one of them, or put <remove name="${entry.name}" /> before this one.`, {
        fixes: [{ title: 'Remove this duplicate entry', edits: [removeElementEdit(text, entry.element)], isPreferred: true }],
        related: first.nameAttribute ? [{ span: first.nameAttribute.span, message: 'First entry with this name.' }] : undefined,
      });
    });
  },
});
