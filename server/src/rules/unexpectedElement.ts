import { defineRule } from './rule.js';

const ROOTS = new Set(['connectionStrings', 'configuration']);

export default defineRule({
  id: 'unexpected-element',
  defaultSeverity: 'error',
  summary: 'An element other than <add>, <remove> or <clear> inside <connectionStrings>.',
  checkDocument(context) {
    const { document } = context;
    for (const element of document.unexpectedChildren) {
      if (element.broken) continue;
      context.report(element.nameSpan, `<${element.name}> is not allowed inside <connectionStrings>; .NET accepts only <add>, <remove> and <clear> there and refuses to start. Remove it or turn it into a comment.`);
    }

    const root = document.scan.roots[0];
    if (root && !ROOTS.has(root.name) && !root.broken) {
      context.report(root.nameSpan, `The root element is <${root.name}>. A ConnectionStrings.config starts with <connectionStrings>; a Web.config with <configuration>.`);
    }
  },
});
