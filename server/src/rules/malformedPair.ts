import type { Fix } from '../analysis/types.js';
import type { MalformedSegment } from '../redis/tokenizer.js';
import type { RedisConnectionString } from '../model/configDocument.js';
import { isSecretKey } from '../model/redisKeys.js';
import { defineRule } from './rule.js';

const HOST_LIKE = /^(localhost|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:]+\])(:\d{1,5})?$/;

/** Returns the first segment when it is a server address without `host=`, for which malformed-pair offers the key. */
export function bareHostSegment(redis: RedisConnectionString): MalformedSegment | undefined {
  const first = redis.parsed.malformed[0];
  if (!first || first.hasEquals || first.previous !== undefined || !HOST_LIKE.test(first.text)) return undefined;
  return first;
}

function describe(segment: MalformedSegment): string {
  if (segment.previous && isSecretKey(segment.previous.key)) return 'The text after the ' + segment.previous.key + ' value';
  if (segment.text.length > 40 || /pass|pwd|secret/i.test(segment.text)) return 'This segment';
  return `'${segment.text}'`;
}

export default defineRule({
  id: 'malformed-pair',
  defaultSeverity: 'error',
  summary: "A segment of the Redis string without '=' or with an empty key.",
  checkRedis(redis, context) {
    const segments = [...redis.parsed.pairs, ...redis.parsed.malformed];
    for (const segment of redis.parsed.malformed) {
      const isFirst = segments.every((other) => other === segment || other.span.start > segment.span.start);
      const fixes: Fix[] = [];
      let message: string;

      if (segment.hasEquals) {
        message = `${describe(segment)} has '=' but no key before it. Write key=value, or remove the segment.`;
      } else if (segment.previous && isSecretKey(segment.previous.key)) {
        message = `${describe(segment)} has no '='. A ';' inside the ${segment.previous.key} splits the string there, because Creatio reads each pair up to a ';'. Choose a ${segment.previous.key} without ';'.`;
      } else if (isFirst && HOST_LIKE.test(segment.text)) {
        const [, host, , port] = HOST_LIKE.exec(segment.text)!;
        const replacement = port ? `host=${host};port=${port.slice(1)}` : `host=${host}`;
        message = `${describe(segment)} has no key. A server address is written ${replacement}.`;
        const edit = port ? { ...segment.span, newText: replacement } : { start: segment.span.start, end: segment.span.start, newText: 'host=' };
        fixes.push({ title: port ? `Write ${replacement}` : 'Insert host=', edits: [edit], isPreferred: true, safe: true });
      } else {
        message = `${describe(segment)} is not a key=value pair. Write key=value, or remove it.`;
      }
      context.report(segment.span, message, { fixes });
    }
  },
});
