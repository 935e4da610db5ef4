import { certificateValidity, EXPIRY_WARNING_DAYS } from '../certificates/inspect.js';
import { defineRule } from './rule.js';
import { certificateFileOf } from './certificateFile.js';

function day(date: Date | undefined): string {
  return date ? date.toISOString().slice(0, 10) : 'an unknown date';
}

export default defineRule({
  id: 'certificate-expired',
  defaultSeverity: 'warning',
  summary: `The certificate's validity has ended or not begun (information when it ends within ${EXPIRY_WARNING_DAYS} days).`,
  checkRedis(redis, context) {
    const file = certificateFileOf(redis, context);
    if (file?.check.kind !== 'checked' || file.check.info.status !== 'ok') return;
    const { info } = file.check;
    const subject = info.subjectCommonName ? ` (${info.subjectCommonName})` : '';

    switch (certificateValidity(info)) {
      case 'expired':
        context.report(file.path.valueSpan, `The certificate${subject} in '${file.path.value}' expired on ${day(info.notAfter)}; Redis will refuse it. Renew it.`);
        break;
      case 'not-yet-valid':
        context.report(file.path.valueSpan, `The certificate${subject} in '${file.path.value}' is valid only from ${day(info.notBefore)}. Check the date, or the clock of the machine that issued it.`);
        break;
      case 'expires-soon':
        context.report(file.path.valueSpan, `The certificate${subject} in '${file.path.value}' expires on ${day(info.notAfter)}, within ${EXPIRY_WARNING_DAYS} days. Plan its renewal.`, { severity: 'information' });
        break;
      default:
    }
  },
});
