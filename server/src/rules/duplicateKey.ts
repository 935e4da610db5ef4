import { defineRule } from './rule.js';
import { removePairFix } from './edits.js';

export default defineRule({
  id: 'duplicate-key',
  defaultSeverity: 'warning',
  summary: 'The same key twice in one Redis string.',
  checkRedis(redis, context) {
    const seen = new Map<string, (typeof redis.parsed.pairs)[number]>();
    for (const pair of redis.parsed.pairs) {
      const lower = pair.lowerKey;
      const first = seen.get(lower);
      if (!first) {
        seen.set(lower, pair);
        continue;
      }
      context.report(pair.span, `'${pair.key}' is set twice in this connection string; which one Creatio uses is not documented. Keep one.`, {
        fixes: [removePairFix(context.document.text, pair, { isPreferred: true })],
        related: [{ span: first.span, message: `First ${first.key}.` }],
      });
    }
  },
});
