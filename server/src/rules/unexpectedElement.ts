import { defineRule } from './rule.js';

const ROOTS = new Set(['connectionStrings', 'configuration']);

export default defineRule({
  id: 'unexpected-element',
  defaultSeverity: 'error',
  summary: 'An element other than <add>, <remove> or <clear> inside <connectionStrings>, or any element inside those.',
  checkDocument(context) {
    const { document } = context;
    for (const element of document.unexpectedChildren) {
      if (element.broken) continue;
      const parent = element.parent?.name ?? 'connectionStrings';
      const allowed = parent === 'connectionStrings' ? 'only <add>, <remove> and <clear> there' : 'no child elements there';
      context.report(element.nameSpan, `<${element.name}> is not allowed inside <${parent}>; .NET accepts ${allowed} and refuses to start. Remove it or turn it into a comment.`);
    }

    const root = document.scan.roots[0];
    if (root && !ROOTS.has(root.name) && !root.broken) {
      context.report(root.nameSpan, `The root element is <${root.name}>. A ConnectionStrings.config starts with <connectionStrings>; a Web.config with <configuration>.`);
    }
  },
});
