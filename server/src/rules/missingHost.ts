import { defineRule } from './rule.js';
import { topologyPairs } from './topology.js';

export default defineRule({
  id: 'missing-host',
  defaultSeverity: 'error',
  summary: 'None of host, clusterHosts or sentinelHosts.',
  checkRedis(redis, context) {
    if (topologyPairs(redis).length > 0) return;
    const attribute = redis.attribute;
    const span = attribute.valueSpan.end > attribute.valueSpan.start ? attribute.valueSpan : attribute.nameSpan;
    context.report(span, `The Redis connection string '${redis.entry.name}' names no server. Add host=… (standalone), or clusterHosts=host:port,… (Cluster).`);
  },
});
