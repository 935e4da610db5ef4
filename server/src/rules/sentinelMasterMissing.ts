import { firstPair } from '../model/configDocument.js';
import { defineRule } from './rule.js';

export default defineRule({
  id: 'sentinel-master-missing',
  defaultSeverity: 'error',
  summary: 'sentinelHosts without masterName.',
  checkRedis(redis, context) {
    const sentinels = firstPair(redis, 'sentinelHosts');
    if (!sentinels || firstPair(redis, 'masterName')) return;
    context.report(sentinels.keySpan, 'sentinelHosts is set but masterName is missing, so the Sentinels cannot tell which master to use. Add masterName=… (the name in the Sentinels\' configuration).');
  },
});
