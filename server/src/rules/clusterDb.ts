import { firstPair } from '../model/configDocument.js';
import { findPipelineTokens } from '../model/placeholders.js';
import { defineRule } from './rule.js';
import { removePairFix } from './edits.js';
import { isCheckable } from './text.js';

export default defineRule({
  id: 'cluster-db',
  defaultSeverity: 'warning',
  summary: 'A db other than 0 with clusterHosts; Redis Cluster has only database 0.',
  checkRedis(redis, context) {
    const db = firstPair(redis, 'db');
    if (!db || !firstPair(redis, 'clusterHosts') || !isCheckable(db) || /^0+$/.test(db.value)) return;
    // A value with a pipeline token inside, such as ${X}0, may still become 0 at deployment.
    if (findPipelineTokens(db.value).length > 0) return;
    context.report(db.span, `Redis Cluster has only database 0 and refuses SELECT, so ${db.key}=${db.value} cannot work with clusterHosts. Remove db or set it to 0.`, {
      fixes: [removePairFix(context.document.text, db, { isPreferred: true }), { title: 'Set db=0', edits: [{ ...db.valueSpan, newText: '0' }] }],
    });
  },
});
