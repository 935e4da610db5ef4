import { defineRule } from './rule.js';
import { validateWithFastXmlParser } from '../xml/wellFormed.js';

export default defineRule({
  id: 'xml-syntax',
  defaultSeverity: 'error',
  summary: 'The file is not well-formed XML, so .NET cannot load it.',
  checkDocument(context) {
    const { scan, text } = context.document;
    for (const error of scan.errors) {
      context.report(error.span, error.message, { fixes: error.fixes, related: error.related });
    }
    if (scan.errors.length > 0) return;

    const fault = validateWithFastXmlParser(text);
    if (fault) context.report(fault.span, fault.message);
  },
});
