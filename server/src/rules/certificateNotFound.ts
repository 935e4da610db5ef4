import { defineRule } from './rule.js';
import { certificateFileOf } from './certificateFile.js';

export default defineRule({
  id: 'certificate-not-found',
  defaultSeverity: 'warning',
  summary: 'certificatePath names a file that does not exist (relative paths start at the config file\'s folder).',
  checkRedis(redis, context) {
    const file = certificateFileOf(redis, context);
    if (file?.check.kind !== 'checked' || file.check.info.status !== 'not-found') return;
    context.report(file.path.valueSpan, `The certificate file '${file.path.value}' does not exist (looked for ${file.check.resolvedPath}). Fix the path; relative paths start at the folder of this file. If the path belongs to another machine, set creatioConfig.checkCertificateFiles to false.`);
  },
});
