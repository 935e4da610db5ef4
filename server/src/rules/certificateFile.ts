/** The certificate file a Redis string names, as the site context checked it. */
import { firstPair, type RedisConnectionString } from '../model/configDocument.js';
import type { CertificateCheck } from '../model/siteContext.js';
import type { Pair } from '../redis/tokenizer.js';
import type { RuleContext } from './rule.js';
import { isCheckable } from './text.js';

export interface CertificateFile {
  path: Pair;
  password: Pair | undefined;
  check: CertificateCheck;
}

/** Returns the checked certificate file of `redis`, or undefined when none was read. */
export function certificateFileOf(redis: RedisConnectionString, context: RuleContext): CertificateFile | undefined {
  const path = firstPair(redis, 'certificatePath');
  if (!path || !isCheckable(path)) return undefined;
  const password = firstPair(redis, 'certificatePassword');
  const check = context.site.certificate(path.value, password && isCheckable(password) ? password.value : undefined);
  return check ? { path, password, check } : undefined;
}
