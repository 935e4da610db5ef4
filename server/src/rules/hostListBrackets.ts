import { isDocPlaceholder } from '../model/placeholders.js';
import { findRedisKey } from '../model/redisKeys.js';
import { defineRule } from './rule.js';
import { entryShape, hostListEntries } from './hostList.js';

export default defineRule({
  id: 'host-list-brackets',
  defaultSeverity: 'warning',
  summary: 'A host list entry written [host:port], as in the documentation; the brackets are placeholder notation.',
  checkRedis(redis, context) {
    for (const pair of redis.parsed.pairs) {
      if (findRedisKey(pair.key)?.kind !== 'hostList') continue;
      for (const entry of hostListEntries(pair)) {
        const shape = entryShape(entry.text);
        // Without a ':' inside, [Name] is a Vault reference; a documentation placeholder is reported by doc-placeholder.
        if (shape.kind !== 'bracketed' || !shape.inner.includes(':') || isDocPlaceholder(entry.text)) continue;
        // Only an entry that is valid without its brackets is reported here, so the safe fix never
        // leaves an error behind. host-list-format reports the others, such as [10.0.0.1:99999].
        if (entryShape(shape.inner).kind !== 'valid') continue;
        context.report(entry.span, `'${entry.text}' keeps the brackets of the documentation's [IP:PORT] notation. Write ${shape.inner}.`, {
          fixes: [{ title: 'Remove the brackets', edits: [{ ...entry.span, newText: shape.inner }], isPreferred: true, safe: true }],
        });
      }
    }
  },
});
