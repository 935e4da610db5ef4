import type { Fix } from '../analysis/types.js';
import { findRedisKey } from '../model/redisKeys.js';
import { defineRule } from './rule.js';
import { missingSeparatorFix, replace } from './edits.js';
import { isCheckable } from './text.js';

const TRUE_WORDS = new Set(['yes', 'y', '1', 'on', 'enable', 'enabled']);
const FALSE_WORDS = new Set(['no', 'n', '0', 'off', 'disable', 'disabled']);

export default defineRule({
  id: 'invalid-boolean',
  defaultSeverity: 'error',
  summary: 'A boolean key whose value is not true or false.',
  checkRedis(redis, context) {
    for (const pair of redis.parsed.pairs) {
      if (findRedisKey(pair.key)?.kind !== 'boolean' || !isCheckable(pair)) continue;
      const value = pair.value.toLowerCase();
      if (value === 'true' || value === 'false') continue;

      const glued = missingSeparatorFix(pair);
      if (glued) {
        context.report(pair.valueSpan, `'${pair.key}' expects true or false, but its value runs into the next pair: a semicolon is missing before ${glued.key}.`, { fixes: [glued.fix] });
        continue;
      }
      const meant = TRUE_WORDS.has(value) ? 'true' : FALSE_WORDS.has(value) ? 'false' : undefined;
      // Creatio does not read '1' as true, so writing true for this key would switch validation off:
      // never without the administrator looking.
      const weakensSecurity = meant === 'true' && pair.lowerKey === 'disabletlscertificatevalidation';
      let fixes: Fix[];
      if (weakensSecurity) {
        fixes = [
          { title: 'Change to true (turns server certificate validation off)', edits: [replace(pair.valueSpan, 'true')] },
          { title: 'Change to false', edits: [replace(pair.valueSpan, 'false')] },
        ];
      } else if (meant) {
        fixes = [{ title: `Change to ${meant}`, edits: [replace(pair.valueSpan, meant)], isPreferred: true, safe: true }];
      } else {
        fixes = ['true', 'false'].map((word) => ({ title: `Change to ${word}`, edits: [replace(pair.valueSpan, word)] }));
      }
      context.report(pair.valueSpan, `'${pair.key}' expects true or false, not '${pair.value}'; Creatio does not read other words.${meant ? ` Write ${meant}.` : ''}`, { fixes });
    }
  },
});
