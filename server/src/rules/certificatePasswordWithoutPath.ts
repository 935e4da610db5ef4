import { firstPair } from '../model/configDocument.js';
import { defineRule } from './rule.js';
import { removePairFix } from './edits.js';

export default defineRule({
  id: 'certificate-password-without-path',
  defaultSeverity: 'warning',
  summary: 'certificatePassword without certificatePath.',
  checkRedis(redis, context) {
    const password = firstPair(redis, 'certificatePassword');
    if (!password || firstPair(redis, 'certificatePath')) return;
    context.report(password.span, 'certificatePassword is set but certificatePath is not, so there is no certificate file to open with it. Add certificatePath=… or remove the password.', {
      fixes: [removePairFix(context.document.text, password, { isPreferred: true })],
    });
  },
});
