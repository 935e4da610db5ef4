import type { Fix } from '../analysis/types.js';
import { defineRule } from './rule.js';
import { removePairFix } from './edits.js';
import { TOPOLOGY_KEYS } from '../model/redisKeys.js';
import { topologyPairs } from './topology.js';

export default defineRule({
  id: 'empty-value',
  defaultSeverity: 'warning',
  summary: 'A key with no value, as in the shipped default host=;db=;.',
  checkRedis(redis, context) {
    for (const pair of redis.parsed.pairs) {
      if (pair.value.length > 0) continue;
      const fixes: Fix[] = [];
      // No value is invented for the administrator; localhost is offered only as a visible placeholder.
      if (pair.lowerKey === 'host') {
        fixes.push({ title: 'Set host=localhost', edits: [{ start: pair.equalsSpan.end, end: pair.valueSpan.end, newText: 'localhost' }] });
      }
      // Without its only server key the string names no server, which is a worse fault.
      const onlyTopologyKey = TOPOLOGY_KEYS.some((name) => name.toLowerCase() === pair.lowerKey) && topologyPairs(redis).length === 1;
      if (!onlyTopologyKey) fixes.push(removePairFix(context.document.text, pair));
      context.report({ start: pair.keySpan.start, end: pair.equalsSpan.end }, `'${pair.key}' has no value (the shipped template leaves it empty). Fill it in, or remove the pair if you do not need it.`, { fixes });
    }
  },
});
