import { trueAppSetting } from '../model/siteContext.js';
import type { RuleContext } from './rule.js';

/** Says where the site's other configuration turns TLS on, if it does. */
export function siteTlsSource(context: RuleContext): string | undefined {
  const setting = trueAppSetting(context.site, 'RedisUseTls');
  return setting ? `${setting.file} sets RedisUseTls=true` : undefined;
}
