import type { ConnectionEntry } from '../model/configDocument.js';
import { defineRule } from './rule.js';
import { walkEntries } from './duplicateName.js';

export default defineRule({
  id: 'duplicate-name-case',
  defaultSeverity: 'warning',
  summary: 'Two <add> names that differ only in letter case; .NET compares names without regard to case.',
  checkDocument(context) {
    walkEntries(context.document.entries, (entry, sameName) => {
      // The same spelling is duplicate-name's finding.
      if (sameName.has(entry.name!) || !entry.nameAttribute) return;
      // Every live entry here differs only in letter case; the first added is the one to name.
      const twin = sameName.values().next().value as ConnectionEntry | undefined;
      if (!twin) return;
      context.report(entry.nameAttribute.span, `'${entry.name}' differs from '${twin.name}' above only in letter case. .NET's connection string collection ignores case, so this is most likely a second entry for the same name. Remove one or rename it.`, {
        related: twin.nameAttribute ? [{ span: twin.nameAttribute.span, message: 'Entry with the same name in other case.' }] : undefined,
      });
    });
  },
});
