import { findRedisKey } from '../model/redisKeys.js';
import { defineRule } from './rule.js';
import { replace } from './edits.js';

export default defineRule({
  id: 'key-case',
  defaultSeverity: 'information',
  summary: 'A documented key spelled with other letter case.',
  checkRedis(redis, context) {
    for (const pair of redis.parsed.pairs) {
      const key = findRedisKey(pair.key);
      if (!key || key.name === pair.key) continue;
      context.report(pair.keySpan, `'${pair.key}' is documented as '${key.name}'. Other tools match keys in any case, but Creatio's parser is not public; write the documented spelling to be sure.`, {
        fixes: [{ title: `Rename to ${key.name}`, edits: [replace(pair.keySpan, key.name)], isPreferred: true, safe: true }],
      });
    }
  },
});
