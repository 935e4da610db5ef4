import type { Fix } from '../analysis/types.js';
import type { Pair } from '../redis/tokenizer.js';
import type { RedisConnectionString } from '../model/configDocument.js';
import { findForeignKey } from '../model/foreignKeys.js';
import { findRedisKey, isSecretKey, REDIS_KEYS, UNDOCUMENTED_KEYS } from '../model/redisKeys.js';
import { defineRule } from './rule.js';
import { removePairFix, replace } from './edits.js';
import { editDistance } from './text.js';

/** Returns up to three documented keys close to `name`, nearest first. */
export function suggestKeys(name: string): string[] {
  const lower = name.toLowerCase();
  const limit = Math.min(2, Math.floor(lower.length / 2));
  // The distance is at least the difference in length, so most keys need no distance computed.
  return REDIS_KEYS.filter((key) => Math.abs(key.name.length - lower.length) <= limit)
    .map((key) => ({ name: key.name, distance: editDistance(lower, key.name.toLowerCase()) }))
    .filter((candidate) => candidate.distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((candidate) => candidate.name);
}

function renameFixes(presentKeys: ReadonlySet<string>, pair: Pair, names: string[], safe: boolean): Fix[] {
  return names
    .filter((name) => !presentKeys.has(name.toLowerCase()))
    // Renaming to a secret key makes Creatio send a value it ignored, so a person decides.
    .map((name, index) => ({ title: `Rename to ${name}`, edits: [replace(pair.keySpan, name)], isPreferred: index === 0, safe: safe && names.length === 1 && !isSecretKey(name) }));
}

export default defineRule({
  id: 'unknown-key',
  defaultSeverity: 'warning',
  summary: 'A key Creatio does not read; suggests the documented key it resembles or replaces.',
  checkRedis(redis, context) {
    const text = context.document.text;
    const presentKeys = new Set(redis.parsed.pairs.map((pair) => pair.lowerKey));
    redis.parsed.pairs.forEach((pair, index) => {
      if (findRedisKey(pair.key) || UNDOCUMENTED_KEYS.has(pair.lowerKey)) return;

      const foreign = findForeignKey(pair.key);
      let suggestions: string[] = [];
      if (!foreign) suggestions = suggestKeys(pair.key);
      else if (foreign.replacement) suggestions = [foreign.replacement];
      const secret = foreign || suggestions.length > 0 ? undefined : secretBefore(redis, index);
      if (secret) {
        // This is most likely the rest of a password that contains ';', so neither the message nor a fix title may show it.
        context.report(pair.keySpan, `The text after the ${secret} value is not a key Creatio reads. A ';' inside the ${secret} splits the string there, because Creatio reads each pair up to a ';'. Choose a ${secret} without ';'.`);
        return;
      }
      // A key from another client changes behaviour when renamed (ssl turns TLS on), so only typos are safe.
      const fixes = renameFixes(presentKeys, pair, suggestions, !foreign);
      fixes.push(removePairFix(text, pair, { isPreferred: fixes.length === 0 }));

      let message: string;
      if (foreign) {
        message = `Creatio does not read '${pair.key}': ${foreign.explanation}.${foreign.replacement ? ` Use ${foreign.replacement}.` : ' Remove it.'}`;
      } else if (suggestions.length > 0) {
        message = `Creatio does not read the key '${pair.key}'. Did you mean ${suggestions.join(', ')}?`;
      } else {
        message = `Creatio does not read the key '${pair.key}', so it is ignored. Remove it, or check the spelling against the documented keys.`;
      }
      context.report(pair.keySpan, message, { fixes });
    });
  },
});

/** Returns the secret key of the pair right before pair `index`, when that pair ends at the ';' before it. */
function secretBefore(redis: RedisConnectionString, index: number): string | undefined {
  const previous = redis.parsed.pairs[index - 1];
  if (!previous || !isSecretKey(previous.key)) return undefined;
  return previous.separatorSpan?.end === redis.parsed.pairs[index].segmentSpan.start ? previous.key : undefined;
}
