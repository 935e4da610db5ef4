import { defineRule } from './rule.js';
import { walkEntries } from './duplicateName.js';

export default defineRule({
  id: 'duplicate-name-case',
  defaultSeverity: 'warning',
  summary: 'Two <add> names that differ only in letter case; .NET compares names without regard to case.',
  checkDocument(context) {
    walkEntries(context.document.entries, (entry, live) => {
      if (live.has(entry.name!) || !entry.nameAttribute) return;
      const lower = entry.name!.toLowerCase();
      const twin = [...live.values()].find((other) => other.name!.toLowerCase() === lower);
      if (!twin) return;
      context.report(entry.nameAttribute.span, `'${entry.name}' differs from '${twin.name}' above only in letter case. .NET's connection string collection ignores case, so this is most likely a second entry for the same name. Remove one or rename it.`, {
        related: twin.nameAttribute ? [{ span: twin.nameAttribute.span, message: 'Entry with the same name in other case.' }] : undefined,
      });
    });
  },
});
