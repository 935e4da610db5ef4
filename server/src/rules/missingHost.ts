import { defineRule } from './rule.js';
import { topologyPairs } from './topology.js';
import { bareHostSegment } from './malformedPair.js';

export default defineRule({
  id: 'missing-host',
  defaultSeverity: 'error',
  summary: 'None of host, clusterHosts or sentinelHosts.',
  checkRedis(redis, context) {
    // A bare address such as 'localhost;db=1' names a server, and malformed-pair reports the missing 'host='.
    if (topologyPairs(redis).length > 0 || bareHostSegment(redis)) return;
    const attribute = redis.attribute;
    const span = attribute.valueSpan.end > attribute.valueSpan.start ? attribute.valueSpan : attribute.nameSpan;
    context.report(span, `The Redis connection string '${redis.entry.name}' names no server. Add host=… (standalone), or clusterHosts=host:port,… (Cluster).`);
  },
});
