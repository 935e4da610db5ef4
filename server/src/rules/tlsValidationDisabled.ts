import { booleanValue, firstPair, isTlsOn, type RedisConnectionString } from '../model/configDocument.js';
import { defineRule, type RuleContext } from './rule.js';
import { siteTlsSource } from './siteTls.js';
import { trueAppSetting } from '../model/siteContext.js';
import { removePairFix } from './edits.js';

export default defineRule({
  id: 'tls-validation-disabled',
  defaultSeverity: 'warning',
  summary: 'disableTlsCertificateValidation=true: the server certificate is not checked.',
  checkRedis(redis, context) {
    const pair = firstPair(redis, 'disableTlsCertificateValidation');
    if (!pair) {
      reportSiteSetting(redis, context);
      return;
    }
    // Without TLS the key is ignored, which tls-setting-ignored reports.
    if (booleanValue(pair) !== true || !isTlsOn(redis)) return;
    context.report(pair.span, 'disableTlsCertificateValidation=true makes Creatio accept any server certificate, so anyone between Creatio and Redis can read the traffic. Use it in development only; in production trust the server\'s certificate instead.', {
      fixes: [removePairFix(context.document.text, pair, { isPreferred: true }), { title: 'Set disableTlsCertificateValidation=false', edits: [{ ...pair.valueSpan, newText: 'false' }] }],
    });
  },
});

/**
 * Reports DisableRedisTlsCertificateValidation=true in the appSettings of a sibling Web.config,
 * which turns validation off for the site, on the useTls pair of an entry that uses TLS.
 */
function reportSiteSetting(redis: RedisConnectionString, context: RuleContext): void {
  const setting = trueAppSetting(context.site, 'DisableRedisTlsCertificateValidation');
  if (!setting) return;
  const useTls = firstPair(redis, 'useTls');
  const tlsOn = isTlsOn(redis) || siteTlsSource(context) !== undefined;
  if (!tlsOn) return;
  const span = useTls?.span ?? redis.attribute.nameSpan;
  context.report(span, `${setting.file} sets DisableRedisTlsCertificateValidation=true, so Creatio accepts any server certificate for this connection and anyone between Creatio and Redis can read the traffic. Use it in development only; in production remove that appSetting and trust the server's certificate.`);
}
