import { booleanValue, firstPair, isTlsOn, isTlsPlaceholder } from '../model/configDocument.js';
import { findRedisKey } from '../model/redisKeys.js';
import { defineRule } from './rule.js';
import { enableTlsFix, removePairFix } from './edits.js';
import { describePair } from './text.js';
import { siteTlsSource } from './siteTls.js';

export default defineRule({
  id: 'tls-setting-ignored',
  defaultSeverity: 'warning',
  summary: 'certificatePath, certificatePassword or disableTlsCertificateValidation while useTls is absent or false.',
  checkRedis(redis, context) {
    if (isTlsOn(redis) || isTlsPlaceholder(redis)) return;
    const useTls = firstPair(redis, 'useTls');
    const text = context.document.text;
    const site = siteTlsSource(context);

    for (const pair of redis.parsed.pairs) {
      const key = findRedisKey(pair.key);
      if (!key?.needsTls || pair.value.length === 0) continue;
      // An invalid boolean is reported once, by invalid-boolean.
      if (key.kind === 'boolean' && booleanValue(pair) === undefined) continue;
      const state = useTls ? `useTls is '${useTls.value}', not true` : 'useTls is not set';
      const fixes = [enableTlsFix(text, redis, useTls, true), removePairFix(text, pair)];
      if (site) {
        context.report(pair.span, `${describePair(pair)}: ${state} in this string, but ${site}. Whether Creatio then reads this key is not documented; add useTls=true here to be explicit.`, { fixes, severity: 'information' });
      } else {
        context.report(pair.span, `Creatio ignores ${describePair(pair)} because ${state}. Add useTls=true if the server speaks TLS, or remove the pair.`, { fixes });
      }
    }
  },
});
