import { defineRule } from './rule.js';

/**
 * Reports the scanner's well-formedness faults; the scanner is the only judge. fast-xml-parser's
 * XMLValidator used to run over the whole text as a second opinion. That doubled the cost of
 * analysing a large file, and in the property tests it found nothing the scanner misses.
 * test/property/well-formed.test.ts keeps checking that.
 */
export default defineRule({
  id: 'xml-syntax',
  defaultSeverity: 'error',
  summary: 'The file is not well-formed XML, so .NET cannot load it.',
  checkDocument(context) {
    for (const error of context.document.scan.errors) {
      context.report(error.span, error.message, { fixes: error.fixes, related: error.related });
    }
  },
});
