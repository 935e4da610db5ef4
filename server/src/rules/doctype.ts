import { defineRule } from './rule.js';

export default defineRule({
  id: 'doctype',
  defaultSeverity: 'warning',
  summary: 'A DOCTYPE (DTD) in a configuration file; its entities are never expanded here.',
  checkDocument(context) {
    const doctype = context.document.scan.doctype;
    if (!doctype) return;
    context.report(
      doctype.keywordSpan,
      'This file declares a DOCTYPE. Configuration files do not need DTDs or entities, and entity expansion is a known denial-of-service risk, so this extension never expands them. Write values directly instead.',
    );
  },
});
