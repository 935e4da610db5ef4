/**
 * Reads the site's other configuration beside ConnectionStrings.config: Web.config (.NET
 * Framework) or Terrasoft.WebHost.dll.config (.NET Core). Their appSettings can turn Redis TLS on
 * for the whole site, and their <redis connectionStringName> names the Redis entry.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DecodedValue } from '../xml/entities.js';
import { scanXml, type XmlElement } from '../xml/scanner.js';
import type { SiteTlsSetting } from '../model/siteContext.js';

export const SIBLING_FILES = ['Web.config', 'Terrasoft.WebHost.dll.config'];
const TLS_APP_SETTINGS = ['RedisUseTls', 'RedisCertPath', 'RedisCertPass', 'DisableRedisTlsCertificateValidation'];

/** Files larger than this are not sibling configuration files worth reading. */
const MAX_SIBLING_BYTES = 16 * 1024 * 1024;

export interface SiblingFacts {
  appSettings: Map<string, SiteTlsSetting>;
  redisConnectionStringName: SiteTlsSetting | undefined;
}

function attribute(element: XmlElement, name: string): string | undefined {
  const found = element.attributes.find((a) => a.name === name);
  return found ? DecodedValue.decode(found.rawValue, 0).text : undefined;
}

/** Extracts the Redis facts from the text of one sibling file. */
export function readSiblingText(file: string, text: string, facts: SiblingFacts): void {
  const { elements } = scanXml(text);
  for (const element of elements) {
    if (element.name === 'redis' && !facts.redisConnectionStringName) {
      const name = attribute(element, 'connectionStringName');
      if (name) facts.redisConnectionStringName = { file, value: name.trim() };
    }
    if (element.name === 'add' && element.parent?.name === 'appSettings') {
      const key = attribute(element, 'key');
      const value = attribute(element, 'value');
      if (key && value !== undefined && TLS_APP_SETTINGS.includes(key) && !facts.appSettings.has(key)) {
        facts.appSettings.set(key, { file, value });
      }
    }
  }
}

/** Reads every sibling file that exists in `folder`; missing or unreadable files are skipped. */
export async function readSiblings(folder: string): Promise<SiblingFacts> {
  const facts: SiblingFacts = { appSettings: new Map(), redisConnectionStringName: undefined };
  for (const file of SIBLING_FILES) {
    let text: string;
    try {
      const bytes = await readFile(join(folder, file));
      if (bytes.length > MAX_SIBLING_BYTES) continue;
      text = bytes.toString('utf8');
    } catch {
      continue;
    }
    readSiblingText(file, text, facts);
  }
  return facts;
}
