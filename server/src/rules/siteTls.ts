import type { RuleContext } from './rule.js';

/** Says where the site's other configuration turns TLS on, if it does. */
export function siteTlsSource(context: RuleContext): string | undefined {
  const setting = context.site.appSettings.get('RedisUseTls');
  if (!setting || !/^true$/i.test(setting.value.trim())) return undefined;
  return `${setting.file} sets RedisUseTls=true`;
}
