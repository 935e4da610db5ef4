import { defineRule } from './rule.js';

export default defineRule({
  id: 'foreign-format',
  defaultSeverity: 'warning',
  summary: "A whole redis:// URI or StackExchange.Redis string where Creatio expects key=value pairs.",
  checkDocument(context) {
    for (const redis of context.document.redis) {
      const foreign = redis.foreign;
      if (!foreign) continue;

      const what = foreign.kind === 'uri'
        ? 'This is a redis:// URI'
        : 'This is a StackExchange.Redis (Azure) connection string';
      // A conversion that drops something is offered, but never applied without a look.
      const lossy = foreign.dropped.length > 0;
      const title = lossy ? `Convert to Creatio's key=value format (drops ${foreign.dropped.join(', ')})` : "Convert to Creatio's key=value format";
      const fixes = foreign.converted === undefined
        ? []
        : [{ title, edits: [{ ...redis.attribute.valueSpan, newText: foreign.converted }], isPreferred: true, safe: !lossy }];
      const dropped = foreign.kind === 'stackexchange' ? ' Options such as abortConnect and timeouts belong in the <redis> section of Web.config.' : '';
      context.report(redis.attribute.valueSpan, `${what}; Creatio reads only key=value pairs separated by ';', such as host=…;port=…;useTls=true.${dropped}`, { fixes });
    }
  },
});
