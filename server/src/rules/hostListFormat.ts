import type { Fix } from '../analysis/types.js';
import { isDocPlaceholder } from '../model/placeholders.js';
import { findRedisKey } from '../model/redisKeys.js';
import { defineRule } from './rule.js';
import { entryShape, hostListEntries, isHostListPlaceholder } from './hostList.js';

export default defineRule({
  id: 'host-list-format',
  defaultSeverity: 'error',
  summary: 'An entry of clusterHosts or sentinelHosts that is not host:port with a valid port.',
  checkRedis(redis, context) {
    for (const pair of redis.parsed.pairs) {
      if (findRedisKey(pair.key)?.kind !== 'hostList' || pair.value.length === 0 || isHostListPlaceholder(pair.value) || isDocPlaceholder(pair.value)) continue;
      const defaultPort = pair.lowerKey === 'sentinelhosts' ? '26379' : '6379';

      for (const entry of hostListEntries(pair)) {
        if (isHostListPlaceholder(entry.text) || isDocPlaceholder(entry.text)) continue;
        const shape = entryShape(entry.text);
        const fixes: Fix[] = [];
        let message: string;

        switch (shape.kind) {
          case 'valid':
            continue;
          case 'bracketed': {
            // host-list-brackets reports [host:port] when the host and port are valid, so here the text in brackets is broken too.
            const inner = entryShape(shape.inner);
            if (inner.kind === 'valid') continue;
            message = inner.kind === 'bad-port'
              ? `'${entry.text}' has the port '${inner.port}', which is not a number from 1 to 65535. Write the entry as host:port, without brackets.`
              : `'${entry.text}' is not host:port. Write the entry as host:port, without brackets.`;
            break;
          }
          case 'empty':
            message = `${pair.key} has an empty entry here. Remove the extra ','.`;
            fixes.push({ title: "Remove the extra ','", edits: [{ ...entry.span, newText: '' }], isPreferred: true, safe: true });
            break;
          case 'ipv6-without-brackets':
            message = `'${entry.text}' is an IPv6 address without brackets, so its port cannot be separated from the address. Write [${shape.address}]:${shape.port}.`;
            fixes.push({ title: `Write [${shape.address}]:${shape.port}`, edits: [{ ...entry.span, newText: `[${shape.address}]:${shape.port}` }], isPreferred: true, safe: true });
            break;
          case 'no-port':
            message = `'${entry.text}' has no port. Each ${pair.key} entry is host:port, for example ${entry.text}:${defaultPort}.`;
            fixes.push({ title: `Append :${defaultPort}`, edits: [{ start: entry.span.end, end: entry.span.end, newText: `:${defaultPort}` }] });
            break;
          case 'bad-port':
            message = `'${entry.text}' has the port '${shape.port}', which is not a number from 1 to 65535.`;
            break;
          default:
            message = `'${entry.text}' is not host:port. Each ${pair.key} entry is written host:port, separated by ','.`;
        }
        context.report(entry.span, message, { fixes });
      }
    }
  },
});
