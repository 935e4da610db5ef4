import { TOPOLOGY_KEYS } from '../model/redisKeys.js';
import { firstPair } from '../model/configDocument.js';
import type { RedisConnectionString } from '../model/configDocument.js';
import type { Pair } from '../redis/tokenizer.js';

/** Returns the topology keys present, in the order they appear. */
export function topologyPairs(redis: RedisConnectionString): Pair[] {
  return TOPOLOGY_KEYS.map((name) => firstPair(redis, name))
    .filter((pair): pair is Pair => pair !== undefined)
    .sort((a, b) => a.span.start - b.span.start);
}
