import { UNDOCUMENTED_KEYS } from '../model/redisKeys.js';
import { defineRule } from './rule.js';
import { removePairFix } from './edits.js';

export default defineRule({
  id: 'undocumented-key',
  defaultSeverity: 'information',
  summary: "A key written by deployment tools but not in Creatio's documentation (user).",
  checkRedis(redis, context) {
    for (const pair of redis.parsed.pairs) {
      const explanation = UNDOCUMENTED_KEYS.get(pair.lowerKey);
      if (!explanation) continue;
      context.report(pair.keySpan, explanation, { fixes: [removePairFix(context.document.text, pair)] });
    }
  },
});
