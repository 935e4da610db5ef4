import { firstPair } from '../model/configDocument.js';
import { defineRule } from './rule.js';
import { removePairFix } from './edits.js';
import { isCheckable } from './text.js';
import { certificateFileOf } from './certificateFile.js';

/** PEM and DER certificate files, which carry no password. */
export const PASSWORDLESS_EXTENSIONS = /\.(pem|crt|cer|der)$/i;

export default defineRule({
  id: 'certificate-password-unused',
  defaultSeverity: 'information',
  summary: 'certificatePassword for a PEM or DER certificate, which has no password.',
  checkRedis(redis, context) {
    const path = firstPair(redis, 'certificatePath');
    const password = firstPair(redis, 'certificatePassword');
    if (!path || !password || password.value.length === 0 || !isCheckable(path)) return;
    // The file's content decides when it was read; otherwise its extension does.
    const checked = certificateFileOf(redis, context)?.check;
    const info = checked?.kind === 'checked' && checked.info.status === 'ok' ? checked.info : undefined;
    const passwordless = info ? (info.kind === 'pem' || info.kind === 'der') && !info.passwordProtected : PASSWORDLESS_EXTENSIONS.test(path.value);
    if (!passwordless) return;
    context.report(password.span, `certificatePath names a PEM/DER certificate ('${path.value.replace(/^.*[\\/]/, '')}'), which carries no password, so certificatePassword is not used. Creatio most likely expects a PKCS#12 file (.pfx or .p12) with the client key.`, {
      fixes: [removePairFix(context.document.text, password)],
    });
  },
});
