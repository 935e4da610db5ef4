import { firstPair, isTlsOn } from '../model/configDocument.js';
import { defineRule } from './rule.js';

export default defineRule({
  id: 'sentinel-tls',
  defaultSeverity: 'warning',
  summary: 'useTls with sentinelHosts; TLS is documented for standalone and Cluster only.',
  checkRedis(redis, context) {
    if (!firstPair(redis, 'sentinelHosts') || !isTlsOn(redis)) return;
    const useTls = firstPair(redis, 'useTls')!;
    context.report(useTls.span, "Creatio documents TLS for standalone Redis and Redis Cluster only, not for Sentinel. Do not count on TLS here; move to standalone or Cluster if you need it.");
  },
});
