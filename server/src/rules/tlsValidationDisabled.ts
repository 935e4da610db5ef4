import { booleanValue, firstPair, isTlsOn } from '../model/configDocument.js';
import { defineRule } from './rule.js';
import { removePairFix } from './edits.js';

export default defineRule({
  id: 'tls-validation-disabled',
  defaultSeverity: 'warning',
  summary: 'disableTlsCertificateValidation=true: the server certificate is not checked.',
  checkRedis(redis, context) {
    const pair = firstPair(redis, 'disableTlsCertificateValidation');
    // Without TLS the key is ignored, which tls-setting-ignored reports.
    if (!pair || booleanValue(pair) !== true || !isTlsOn(redis)) return;
    context.report(pair.span, 'disableTlsCertificateValidation=true makes Creatio accept any server certificate, so anyone between Creatio and Redis can read the traffic. Use it in development only; in production trust the server\'s certificate instead.', {
      fixes: [removePairFix(context.document.text, pair, { isPreferred: true }), { title: 'Set disableTlsCertificateValidation=false', edits: [{ ...pair.valueSpan, newText: 'false' }] }],
    });
  },
});
