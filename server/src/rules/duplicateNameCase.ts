import type { ConnectionEntry } from '../model/configDocument.js';
import { defineRule } from './rule.js';
import { walkEntries } from './duplicateName.js';

/** Returns the lower-case names that occur in more than one spelling, so most entries skip the search for a twin. */
function namesWithCaseVariants(entries: readonly ConnectionEntry[]): Set<string> {
  const firstSpelling = new Map<string, string>();
  const variants = new Set<string>();
  for (const entry of entries) {
    if (entry.kind !== 'add' || entry.name === undefined) continue;
    const lower = entry.name.toLowerCase();
    const first = firstSpelling.get(lower);
    if (first === undefined) firstSpelling.set(lower, entry.name);
    else if (first !== entry.name) variants.add(lower);
  }
  return variants;
}

/** Returns the first entry whose lower-case name is `lower`, reading no further than it (no copy of the map). */
function firstWithLowerName(entries: Iterable<ConnectionEntry>, lower: string): ConnectionEntry | undefined {
  for (const entry of entries) {
    if (entry.name!.toLowerCase() === lower) return entry;
  }
  return undefined;
}

export default defineRule({
  id: 'duplicate-name-case',
  defaultSeverity: 'warning',
  summary: 'Two <add> names that differ only in letter case; .NET compares names without regard to case.',
  checkDocument(context) {
    const variants = namesWithCaseVariants(context.document.entries);
    if (variants.size === 0) return;
    walkEntries(context.document.entries, (entry, live) => {
      if (live.has(entry.name!) || !entry.nameAttribute) return;
      const lower = entry.name!.toLowerCase();
      // Without a second spelling anywhere in the file there is no twin, and searching every live entry would make large files quadratic.
      if (!variants.has(lower)) return;
      const twin = firstWithLowerName(live.values(), lower);
      if (!twin) return;
      context.report(entry.nameAttribute.span, `'${entry.name}' differs from '${twin.name}' above only in letter case. .NET's connection string collection ignores case, so this is most likely a second entry for the same name. Remove one or rename it.`, {
        related: twin.nameAttribute ? [{ span: twin.nameAttribute.span, message: 'Entry with the same name in other case.' }] : undefined,
      });
    });
  },
});
