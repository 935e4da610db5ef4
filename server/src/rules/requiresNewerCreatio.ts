import { findRedisKey } from '../model/redisKeys.js';
import { formatVersion, isAtLeast, parseVersion } from '../model/version.js';
import { defineRule } from './rule.js';
import { removePairFix } from './edits.js';

export default defineRule({
  id: 'requires-newer-creatio',
  defaultSeverity: 'error',
  summary: 'With creatioVersion set: a key that the configured Creatio version does not read yet.',
  checkRedis(redis, context) {
    const version = parseVersion(context.settings.creatioVersion);
    if (!version) return;
    for (const pair of redis.parsed.pairs) {
      const since = findRedisKey(pair.key)?.since;
      // Only a version known to be older is reported; '8' may be 8.0.2 or later.
      if (!since || isAtLeast(version, since) !== false) continue;
      context.report(pair.keySpan, `${pair.key} needs Creatio ${formatVersion(since)} or later, but creatioConfig.creatioVersion is ${formatVersion(version)}, so this version ignores it. Upgrade Creatio or remove the pair.`, {
        fixes: [removePairFix(context.document.text, pair)],
      });
    }
  },
});
