/**
 * Builds the SiteContext of a config file on disk: the sibling Web.config facts and the
 * certificate files its Redis strings name. Results are cached by file time and size, so a change
 * to a certificate or a sibling is picked up on the next analysis.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { inspectCertificateFile, type CertificateInfo } from '../certificates/inspect.js';
import { buildConfigDocument, firstPair } from '../model/configDocument.js';
import type { CertificateCheck, SiteContext } from '../model/siteContext.js';
import { isDocPlaceholder, isPlaceholder } from '../model/placeholders.js';
import { isOtherPlatformPath } from '../model/paths.js';
import type { Settings } from '../settings.js';
import { readSiblings, type SiblingFacts } from './siblings.js';

interface CachedCertificate {
  mtimeMs: number;
  size: number;
  info: CertificateInfo;
}

function isLiteral(value: string | undefined): value is string {
  return value !== undefined && value.length > 0 && !isPlaceholder(value) && !isDocPlaceholder(value);
}

function certificateKey(path: string, password: string | undefined): string {
  // The password only selects a cache entry; a digest keeps it out of the map's keys.
  return `${path}\u0000${password === undefined ? '' : createHash('sha256').update(password).digest('hex')}`;
}

export class SiteReader {
  private readonly certificates = new Map<string, CachedCertificate>();

  /** Forgets every cached file, for example after a watched file changed. */
  invalidate(): void {
    this.certificates.clear();
  }

  /** Reads the sibling files and certificates of `configPath`. With `trusted` false, nothing is read. */
  async read(configPath: string | undefined, text: string, settings: Settings, trusted: boolean): Promise<SiteContext> {
    if (!configPath || !trusted) return { appSettings: new Map(), redisConnectionStringName: undefined, certificate: () => undefined };
    const folder = dirname(configPath);
    const siblings = await readSiblings(folder);
    const checks = settings.checkCertificateFiles ? await this.checkCertificates(folder, text, settings, siblings) : new Map<string, CertificateCheck>();
    return {
      appSettings: siblings.appSettings,
      redisConnectionStringName: siblings.redisConnectionStringName,
      certificate: (path, password) => checks.get(certificateKey(path, password)),
    };
  }

  private async checkCertificates(folder: string, text: string, settings: Settings, siblings: SiblingFacts): Promise<Map<string, CertificateCheck>> {
    const checks = new Map<string, CertificateCheck>();
    if (!/certificatePath/i.test(text)) return checks;

    const names = siblings.redisConnectionStringName ? [...settings.redisConnectionNames, siblings.redisConnectionStringName.value] : settings.redisConnectionNames;
    const document = buildConfigDocument(text, { ...settings, redisConnectionNames: names });
    for (const redis of document.redis) {
      const path = firstPair(redis, 'certificatePath')?.value;
      const password = firstPair(redis, 'certificatePassword')?.value;
      if (!isLiteral(path)) continue;
      const usedPassword = isLiteral(password) ? password : undefined;
      checks.set(certificateKey(path, usedPassword), await this.checkCertificate(folder, path, usedPassword));
    }
    return checks;
  }

  private async checkCertificate(folder: string, path: string, password: string | undefined): Promise<CertificateCheck> {
    if (isOtherPlatformPath(path, process.platform)) {
      const kind = process.platform === 'win32' ? 'a Linux path' : 'a Windows path';
      return { kind: 'not-checkable', reason: `'${path}' is ${kind}, so it cannot be checked from this machine; it is checked where Creatio runs.` };
    }

    const resolvedPath = isAbsolute(path) ? path : resolve(folder, path);
    const key = certificateKey(resolvedPath, password);
    const stats = await stat(resolvedPath).catch(() => undefined);
    const cached = this.certificates.get(key);
    if (stats && cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return { kind: 'checked', resolvedPath, info: cached.info };

    const info = await inspectCertificateFile(resolvedPath, password);
    if (stats) this.certificates.set(key, { mtimeMs: stats.mtimeMs, size: stats.size, info });
    return { kind: 'checked', resolvedPath, info };
  }
}
