import type { Edit } from '../analysis/types.js';
import { firstPair } from '../model/configDocument.js';
import { defineRule } from './rule.js';
import { removePairEdit } from './edits.js';
import { isCheckable } from './text.js';

export default defineRule({
  id: 'host-is-list',
  defaultSeverity: 'error',
  summary: 'host= holds a list of servers; a Cluster is written clusterHosts=host:port,….',
  checkRedis(redis, context) {
    const host = firstPair(redis, 'host');
    if (!host || !isCheckable(host) || !host.value.includes(',')) return;

    const port = firstPair(redis, 'port');
    const portNumber = port && /^\d+$/.test(port.value) ? port.value : '6379';
    const nodes = host.value.split(',').map((node) => node.trim()).filter((node) => node.length > 0);
    const converted = nodes.map((node) => (/:\d+$/.test(node) ? node : `${node}:${portNumber}`)).join(',');
    const edits: Edit[] = [{ ...host.span, newText: `clusterHosts=${converted}` }];
    if (port) edits.push(removePairEdit(context.document.text, port));

    context.report(host.valueSpan, `host takes one server, but this value lists ${nodes.length}. For a Redis Cluster write clusterHosts=host:port,host:port,… instead.`, {
      fixes: [{ title: 'Convert to clusterHosts', edits, isPreferred: true }],
    });
  },
});
