import { isSecretKey } from '../model/redisKeys.js';
import { defineRule } from './rule.js';
import { isCheckable } from './text.js';

export default defineRule({
  id: 'plaintext-secret',
  defaultSeverity: 'hint',
  summary: 'A literal password or certificatePassword; a Vault [Secret] reference keeps it out of the file.',
  checkRedis(redis, context) {
    for (const pair of redis.parsed.pairs) {
      if (!isSecretKey(pair.key) || !isCheckable(pair)) continue;
      context.report(pair.valueSpan, `The ${pair.key} is stored in plain text in this file. Consider Creatio's Vault integration (UseSecretsInConnectionStrings) or a pipeline variable, so the secret stays out of the file and the repository.`);
    }
  },
});
