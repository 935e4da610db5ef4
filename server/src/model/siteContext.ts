/** Facts from the files beside ConnectionStrings.config and from the certificate files it names. */
import type { CertificateInfo } from '../certificates/inspect.js';
import type { Settings } from '../settings.js';

export interface SiteTlsSetting {
  /** The file the setting was read from: a sibling's name, or the path an appSettings file= or configSource= attribute gives. */
  file: string;
  value: string;
}

/** The result of looking at the file a certificatePath names. */
export type CertificateCheck =
  | { kind: 'checked'; resolvedPath: string; info: CertificateInfo }
  /** A path that cannot be checked here, such as a Windows path on Linux, with the reason. */
  | { kind: 'not-checkable'; reason: string };

export interface SiteContext {
  /** `RedisUseTls` and its siblings from the appSettings of Web.config or Terrasoft.WebHost.dll.config. */
  appSettings: Map<string, SiteTlsSetting>;
  /** The entry that `<redis connectionStringName>` names, if a sibling file names one. */
  redisConnectionStringName: SiteTlsSetting | undefined;
  /**
   * Returns the check of the certificate file `path` (as written in the file) opened with
   * `password`. It is undefined when no file was read: the setting is off, the workspace is
   * untrusted, or the document is not on disk.
   */
  certificate(path: string, password: string | undefined): CertificateCheck | undefined;
}

/** Returns the site's appSetting `name` when its value is true in any letter case. */
export function trueAppSetting(site: SiteContext, name: string): SiteTlsSetting | undefined {
  const setting = site.appSettings.get(name);
  return setting && /^true$/i.test(setting.value.trim()) ? setting : undefined;
}

export const EMPTY_SITE: SiteContext = { appSettings: new Map(), redisConnectionStringName: undefined, certificate: () => undefined };

/** Adds the Redis entry name a sibling Web.config names to the configured names. */
export function withSiteRedisName(settings: Settings, site: SiteContext): Settings {
  const name = site.redisConnectionStringName?.value;
  if (!name || settings.redisConnectionNames.some((known) => known.toLowerCase() === name.toLowerCase())) return settings;
  return { ...settings, redisConnectionNames: [...settings.redisConnectionNames, name] };
}

/** Describes a certificate check in one sentence for hovers and messages, without the password. */
export function describeCertificateCheck(check: CertificateCheck): string {
  if (check.kind === 'not-checkable') return check.reason;
  const { info } = check;
  if (info.status !== 'ok' || info.kind === 'not-certificate') return info.message ?? `${check.resolvedPath} cannot be read as a certificate.`;
  const kind = info.kind === 'pkcs12' ? 'PKCS#12' : info.kind.toUpperCase();
  const subject = info.subject ? ` for ${info.subject}` : '';
  const until = info.notAfter ? `, valid until ${info.notAfter.toISOString().slice(0, 10)}` : '';
  return `${kind} certificate${subject}${until}${info.hasPrivateKey ? ', with its private key' : ''}.`;
}
