/** What the files beside ConnectionStrings.config, and the certificate files it names, say. */
import type { CertificateInfo } from '../certificates/inspect.js';
import type { Settings } from '../settings.js';

export interface SiteTlsSetting {
  /** The file the setting was read from, relative to the config file's folder. */
  file: string;
  value: string;
}

/** The result of looking at the file a certificatePath names. */
export type CertificateCheck =
  | { kind: 'checked'; resolvedPath: string; info: CertificateInfo }
  /** The path cannot be checked here, for example a Windows path on Linux; `reason` says why. */
  | { kind: 'not-checkable'; reason: string };

export interface SiteContext {
  /** `RedisUseTls` and its siblings from the appSettings of Web.config or Terrasoft.WebHost.dll.config. */
  appSettings: Map<string, SiteTlsSetting>;
  /** The entry that `<redis connectionStringName>` names, if a sibling file names one. */
  redisConnectionStringName: SiteTlsSetting | undefined;
  /**
   * Returns the check of the certificate file `path` (as written in the file) opened with
   * `password`; undefined when files were not read (setting off, untrusted workspace, no file on disk).
   */
  certificate(path: string, password: string | undefined): CertificateCheck | undefined;
}

export const EMPTY_SITE: SiteContext = { appSettings: new Map(), redisConnectionStringName: undefined, certificate: () => undefined };

/** Adds the Redis entry name a sibling Web.config names to the configured names. */
export function withSiteRedisName(settings: Settings, site: SiteContext): Settings {
  const name = site.redisConnectionStringName?.value;
  if (!name || settings.redisConnectionNames.some((known) => known.toLowerCase() === name.toLowerCase())) return settings;
  return { ...settings, redisConnectionNames: [...settings.redisConnectionNames, name] };
}

/** One sentence on a certificate check for hovers and messages; never contains the password. */
export function describeCertificateCheck(check: CertificateCheck): string {
  if (check.kind === 'not-checkable') return check.reason;
  const { info } = check;
  if (info.status !== 'ok' || info.kind === 'not-certificate') return info.message ?? `${check.resolvedPath} cannot be read as a certificate.`;
  const kind = info.kind === 'pkcs12' ? 'PKCS#12' : info.kind.toUpperCase();
  const subject = info.subject ? ` for ${info.subject}` : '';
  const until = info.notAfter ? `, valid until ${info.notAfter.toISOString().slice(0, 10)}` : '';
  return `${kind} certificate${subject}${until}${info.hasPrivateKey ? ', with its private key' : ''}.`;
}
