/**
 * Reads the site's other configuration beside ConnectionStrings.config: Web.config (.NET
 * Framework) or Terrasoft.WebHost.dll.config (.NET Core). Their appSettings can turn Redis TLS on
 * for the whole site, and their <redis connectionStringName> names the Redis entry.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeAttributeText } from '../xml/entities.js';
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
  return found ? decodeAttributeText(found.rawValue) : undefined;
}

/**
 * Extracts the Redis facts from the text of one sibling file, read as .NET reads it: the
 * <appSettings> of the root element, where a later <add> of a key replaces an earlier one,
 * <remove> deletes a key and <clear/> deletes them all, with keys compared without regard to
 * case; and the first <redis connectionStringName>. The file is read with our tolerant scanner
 * rather than fast-xml-parser, which refuses element names such as <constructor> (Unity's
 * configuration has them) and groups elements by name, losing the order <remove> depends on.
 * A file with XML faults still gives its facts: it is not the file being edited.
 */
export function readSiblingText(file: string, text: string, facts: SiblingFacts): void {
  const { elements, roots } = scanXml(text);
  for (const element of elements) {
    if (element.name === 'redis' && !facts.redisConnectionStringName) {
      const name = attribute(element, 'connectionStringName');
      if (name) facts.redisConnectionStringName = { file, value: name.trim() };
    }
  }

  // Keyed by the lower-case key; a setting of the first sibling file wins over the second's.
  const settings = new Map<string, string>();
  for (const section of roots[0]?.children ?? []) {
    if (section.name !== 'appSettings') continue;
    for (const entry of section.children) {
      const key = attribute(entry, 'key');
      if (entry.name === 'clear') settings.clear();
      else if (entry.name === 'remove' && key !== undefined) settings.delete(key.toLowerCase());
      else if (entry.name === 'add' && key !== undefined) settings.set(key.toLowerCase(), attribute(entry, 'value') ?? '');
    }
  }
  for (const name of TLS_APP_SETTINGS) {
    const value = settings.get(name.toLowerCase());
    if (value !== undefined && !facts.appSettings.has(name)) facts.appSettings.set(name, { file, value });
  }
}

/** Decodes a configuration file: UTF-16 when it starts with a UTF-16 byte order mark, else UTF-8. */
function decodeSibling(bytes: Buffer): string {
  // An odd last byte is no UTF-16 character; it is dropped, as swap16 needs pairs.
  const pairs = bytes.subarray(2, 2 + ((bytes.length - 2) & ~1));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return pairs.toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(pairs).swap16().toString('utf16le');
  return bytes.toString('utf8');
}

/** Reads every sibling file that exists in `folder`; missing or unreadable files are skipped. */
export async function readSiblings(folder: string): Promise<SiblingFacts> {
  const facts: SiblingFacts = { appSettings: new Map(), redisConnectionStringName: undefined };
  for (const file of SIBLING_FILES) {
    let text: string;
    try {
      const bytes = await readFile(join(folder, file));
      if (bytes.length > MAX_SIBLING_BYTES) continue;
      text = decodeSibling(bytes);
    } catch {
      continue;
    }
    readSiblingText(file, text, facts);
  }
  return facts;
}
