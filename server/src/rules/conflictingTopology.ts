import type { Fix } from '../analysis/types.js';
import { SENTINEL_KEYS } from '../model/redisKeys.js';
import { pairsOf } from '../model/configDocument.js';
import { defineRule } from './rule.js';
import { removePairEdit } from './edits.js';
import { topologyPairs } from './topology.js';

const GROUPS: Record<string, string[]> = {
  host: ['host', 'port'],
  clusterhosts: ['clusterHosts'],
  sentinelhosts: [...SENTINEL_KEYS],
};

export default defineRule({
  id: 'conflicting-topology',
  defaultSeverity: 'warning',
  summary: 'More than one of host, clusterHosts and sentinelHosts.',
  checkRedis(redis, context) {
    const present = topologyPairs(redis);
    if (present.length < 2) return;
    const text = context.document.text;

    // Which key wins inside Creatio is not documented, so both removals are offered and neither is preferred.
    const fixes: Fix[] = present.map((pair) => {
      const keys = GROUPS[pair.lowerKey];
      const edits = keys.flatMap((name) => pairsOf(redis, name)).map((p) => removePairEdit(text, p)).sort((a, b) => a.start - b.start);
      return { title: `Remove ${keys.join(', ')}`, edits: mergeAdjacent(edits) };
    });
    for (const pair of present.slice(1)) {
      context.report(pair.keySpan, `${present.map((p) => p.key).join(' and ')} are both set; Creatio connects to one topology, and which one wins is not documented. Keep one.`, { fixes });
    }
  },
});

/** Joins removals that touch or overlap, so a fix never carries overlapping edits. */
function mergeAdjacent<T extends { start: number; end: number; newText: string }>(edits: T[]): T[] {
  const merged: T[] = [];
  for (const edit of edits) {
    const last = merged[merged.length - 1];
    if (last && edit.start <= last.end) last.end = Math.max(last.end, edit.end);
    else merged.push({ ...edit });
  }
  return merged;
}
