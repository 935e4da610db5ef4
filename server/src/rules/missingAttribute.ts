import type { ConnectionEntry } from '../model/configDocument.js';
import { defineRule } from './rule.js';

/** Transforms that carry a whole element; the others only locate or patch one. */
const FULL_TRANSFORMS = /^(Insert|InsertBefore|InsertAfter|Replace)\b/;

function isPartial(entry: ConnectionEntry): boolean {
  return entry.transform !== undefined && !FULL_TRANSFORMS.test(entry.transform.trim());
}

/** True when the attribute is written in other letter case, which unknown-attribute reports with a rename fix. */
function hasMisspelled(entry: ConnectionEntry, name: string): boolean {
  return entry.element.attributes.some((a) => a.name !== name && a.name.toLowerCase() === name.toLowerCase());
}

export default defineRule({
  id: 'missing-attribute',
  defaultSeverity: 'error',
  summary: '<add> without name or connectionString, or <remove> without name (or with an empty one).',
  checkDocument(context) {
    for (const entry of context.document.entries) {
      if (entry.kind === 'clear') continue;
      const locatedByName = entry.element.attributes.some((a) => a.name === 'xdt:Locator');
      // RemoveAll without a locator removes every <add>, so it needs no name.
      const removesAll = entry.transform?.trim() === 'RemoveAll';
      if (!entry.nameAttribute && !(isPartial(entry) && (locatedByName || removesAll)) && !hasMisspelled(entry, 'name')) {
        context.report(entry.element.nameSpan, `<${entry.kind}> has no name attribute, which .NET requires. Add name="…".`);
      }
      if (entry.nameAttribute && entry.name === '') {
        context.report(entry.nameAttribute.span, `<${entry.kind}> has an empty name, which .NET rejects. Write the connection string's name, such as name="redis".`);
      }
      if (entry.kind === 'add' && entry.connectionStrings.length === 0 && !isPartial(entry) && !hasMisspelled(entry, 'connectionString')) {
        const what = entry.name ? `<add name="${entry.name}">` : '<add>';
        context.report(entry.element.nameSpan, `${what} has no connectionString attribute, which .NET requires (it may be empty). Add connectionString="…".`);
      }
    }
  },
});
