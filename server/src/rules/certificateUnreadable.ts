import { defineRule } from './rule.js';
import { certificateFileOf } from './certificateFile.js';

export default defineRule({
  id: 'certificate-unreadable',
  defaultSeverity: 'error',
  summary: 'The certificate file cannot be opened as a certificate, or certificatePassword does not open the PKCS#12 file.',
  checkRedis(redis, context) {
    const file = certificateFileOf(redis, context);
    // A missing file is certificate-not-found's fault alone.
    if (file?.check.kind !== 'checked' || file.check.info.status === 'not-found') return;
    const { info } = file.check;
    const name = `'${file.path.value}'`;

    if (info.status === 'wrong-password') {
      const span = file.password && file.password.value.length > 0 ? file.password.valueSpan : file.path.valueSpan;
      const what = file.password ? 'certificatePassword does not open' : 'a password is needed to open';
      context.report(span, `${what} the PKCS#12 file ${name}. Set the password the file was exported with.`);
    } else if (info.status === 'legacy-encryption') {
      context.report(file.path.valueSpan, `${name} uses legacy PKCS#12 encryption (such as RC2) that current TLS libraries refuse. Export it again with AES-256, for example: openssl pkcs12 -export -certpbe AES-256-CBC -keypbe AES-256-CBC.`);
    } else if (info.status === 'unreadable' || info.status === 'invalid' || info.kind === 'not-certificate') {
      context.report(file.path.valueSpan, `${name} cannot be opened as a certificate: ${info.message ?? 'unknown format'} Creatio expects a PKCS#12 (.pfx, .p12) file.`);
    }
  },
});
