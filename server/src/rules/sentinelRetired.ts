import { SENTINEL_KEYS } from '../model/redisKeys.js';
import { firstPair } from '../model/configDocument.js';
import { isAtLeast, parseVersion } from '../model/version.js';
import { defineRule } from './rule.js';

const RETIRED_IN = [7, 18, 3];

export default defineRule({
  id: 'sentinel-retired',
  defaultSeverity: 'warning',
  summary: 'With creatioVersion 7.18.3 or later: Sentinel keys, which that version no longer reads.',
  checkRedis(redis, context) {
    const version = parseVersion(context.settings.creatioVersion);
    if (!version || isAtLeast(version, RETIRED_IN) !== true) return;
    const pair = SENTINEL_KEYS.map((name) => firstPair(redis, name)).find((p) => p !== undefined);
    if (!pair) return;
    context.report(pair.keySpan, `Creatio retired Redis Sentinel in 7.18.3, and creatioConfig.creatioVersion is ${context.settings.creatioVersion}. Move to a standalone Redis (host=…) or a Redis Cluster (clusterHosts=…).`);
  },
});
