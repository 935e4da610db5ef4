import { defineRule } from './rule.js';

export default defineRule({
  id: 'comma-separator',
  defaultSeverity: 'warning',
  summary: "',' used where ';' separates pairs (as in one sample of Creatio's TLS documentation).",
  checkRedis(redis, context) {
    for (const comma of redis.parsed.commaSeparators) {
      context.report(comma, "',' separates two pairs here, but Creatio separates pairs with ';': the next pair becomes part of this value. Replace ',' with ';'.", {
        fixes: [{ title: "Replace ',' with ';'", edits: [{ ...comma, newText: ';' }], isPreferred: true, safe: true }],
      });
    }
  },
});
