import { findPipelineTokens, literalCharacters } from '../model/placeholders.js';
import { findRedisKey } from '../model/redisKeys.js';
import { defineRule } from './rule.js';
import { isCheckable } from './text.js';
import { missingSeparatorFix } from './edits.js';

const EXPECTED: Record<string, { min: number; max: number; text: string }> = {
  port: { min: 1, max: 65535, text: 'a port number from 1 to 65535' },
  database: { min: 0, max: Number.MAX_SAFE_INTEGER, text: 'a database number, 0 or more' },
  poolSize: { min: 1, max: 2147483647, text: 'a positive integer' },
};

/** Parses a decimal integer as .NET's int parser would accept it; undefined otherwise. */
export function parseInteger(value: string): number | undefined {
  return /^[+-]?\d{1,15}$/.test(value) ? Number(value) : undefined;
}

export default defineRule({
  id: 'invalid-number',
  defaultSeverity: 'error',
  summary: 'port outside 1–65535, or a db or pool size that is negative or not a number.',
  checkRedis(redis, context) {
    for (const pair of redis.parsed.pairs) {
      const kind = findRedisKey(pair.key)?.kind;
      const expected = kind ? EXPECTED[kind] : undefined;
      if (!expected || !isCheckable(pair)) continue;

      // A pipeline token inside the value, as in port=63${PORT_SUFFIX}, is judged by its literal digits only.
      const tokens = findPipelineTokens(pair.value);
      if (tokens.length > 0 && /^\d*$/.test(literalCharacters(pair.value, tokens))) continue;

      const number = parseInteger(pair.value);
      if (number !== undefined && number >= expected.min && number <= expected.max) continue;
      const glued = missingSeparatorFix(pair);
      if (glued) {
        context.report(pair.valueSpan, `'${pair.key}' expects ${expected.text}, but its value runs into the next pair: a semicolon is missing before ${glued.key}.`, { fixes: [glued.fix] });
        continue;
      }
      context.report(pair.valueSpan, `'${pair.key}' expects ${expected.text}, not '${pair.value}'.`);
    }
  },
});
