import { firstPair, isTlsOn, isTlsPlaceholder } from '../model/configDocument.js';
import { defineRule } from './rule.js';
import { enableTlsFix, removePairFix } from './edits.js';
import { siteTlsSource } from './siteTls.js';

export default defineRule({
  id: 'password-without-tls',
  defaultSeverity: 'information',
  summary: 'password while useTls is absent or false: Creatio 8.0.2+ documents it as ignored, older documentation uses it so.',
  checkRedis(redis, context) {
    const password = firstPair(redis, 'password');
    if (!password || password.value.length === 0 || isTlsOn(redis) || isTlsPlaceholder(redis)) return;
    const useTls = firstPair(redis, 'useTls');
    const state = useTls ? `useTls is '${useTls.value}', not true` : 'useTls is not set';
    const site = siteTlsSource(context);
    const siteNote = site ? ` Note: ${site}.` : '';
    const text = context.document.text;

    context.report(password.span, `password is set but ${state}. Creatio's TLS documentation (8.0.2+) says the password is then ignored, while the 7.13.4+ pages use a password without TLS; without TLS it travels in clear text. Add useTls=true if the server speaks TLS.${siteNote}`, {
      fixes: [enableTlsFix(text, redis, useTls, false), removePairFix(text, password)],
    });
  },
});
