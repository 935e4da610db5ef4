import { isDocPlaceholder } from '../model/placeholders.js';
import { findRedisKey } from '../model/redisKeys.js';
import { defineRule } from './rule.js';
import { hostListEntries } from './hostList.js';

export default defineRule({
  id: 'doc-placeholder',
  defaultSeverity: 'error',
  summary: 'An unfilled documentation placeholder such as [Redis DB number] or SOME_PASSWORD.',
  checkRedis(redis, context) {
    for (const pair of redis.parsed.pairs) {
      if (isDocPlaceholder(pair.value)) {
        const valueText = findRedisKey(pair.key)?.kind === 'secret' ? 'a placeholder' : `'${pair.value}'`;
        context.report(pair.valueSpan, `The value of '${pair.key}' is ${valueText} copied from the documentation. Replace it with the real value (a Vault reference is written [Name], without spaces).`);
        continue;
      }
      if (findRedisKey(pair.key)?.kind !== 'hostList') continue;
      for (const entry of hostListEntries(pair)) {
        if (isDocPlaceholder(entry.text)) {
          context.report(entry.span, `'${entry.text}' is a placeholder copied from the documentation. Write the node as host:port, for example 10.0.0.5:6379.`);
        }
      }
    }
  },
});
