/** What the files beside ConnectionStrings.config say about the site. */
import type { Span } from '../analysis/types.js';

export interface SiteTlsSetting {
  /** The file the setting was read from, relative to the config file's folder. */
  file: string;
  value: string;
}

export interface SiteContext {
  /** `RedisUseTls` and its siblings from the appSettings of Web.config or Terrasoft.WebHost.dll.config. */
  appSettings: Map<string, SiteTlsSetting>;
  /** The entry that `<redis connectionStringName>` names, if a sibling file names one. */
  redisConnectionStringName: SiteTlsSetting | undefined;
  /** Checks of certificate files, keyed by the certificatePath pair's value span start. */
  certificates: Map<number, CertificateFinding[]>;
}

export interface CertificateFinding {
  ruleId: string;
  span: Span;
  message: string;
  severity?: 'error' | 'warning' | 'information' | 'hint';
}

export const EMPTY_SITE: SiteContext = { appSettings: new Map(), redisConnectionStringName: undefined, certificates: new Map() };
