/**
 * Reads the site's other configuration beside ConnectionStrings.config: Web.config (.NET
 * Framework) or Terrasoft.WebHost.dll.config (.NET Core). Their appSettings can turn Redis TLS on
 * for the whole site, and their <redis connectionStringName> names the Redis entry.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { decodeAttributeText } from '../xml/entities.js';
import type { SiteTlsSetting } from '../model/siteContext.js';

export const SIBLING_FILES = ['Web.config', 'Terrasoft.WebHost.dll.config'];
const TLS_APP_SETTINGS = ['RedisUseTls', 'RedisCertPath', 'RedisCertPass', 'DisableRedisTlsCertificateValidation'];

/** Files larger than this are not sibling configuration files worth reading. */
const MAX_SIBLING_BYTES = 16 * 1024 * 1024;

export interface SiblingFacts {
  appSettings: Map<string, SiteTlsSetting>;
  redisConnectionStringName: SiteTlsSetting | undefined;
}

/**
 * A sibling file needs values, not offsets, so fast-xml-parser reads it (our scanner exists for
 * the file being edited, whose faults must be placed). Every element becomes an array of objects
 * with its attributes under '@'. Entities are left as written and decoded here as the analysis
 * decodes them, so a DOCTYPE's entities are never expanded.
 */
const PARSER = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '@',
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

type ParsedElement = { '@'?: Record<string, string> } & Record<string, unknown>;

function attribute(element: ParsedElement, name: string): string | undefined {
  const raw = element['@']?.[name];
  return typeof raw === 'string' ? decodeAttributeText(raw) : undefined;
}

/** Calls `visit` with every element below `node`, in document order within each name, and the name of its parent. */
function walk(node: ParsedElement, parentName: string, visit: (name: string, element: ParsedElement, parentName: string) => void): void {
  for (const [name, children] of Object.entries(node)) {
    if (name === '@' || !Array.isArray(children)) continue;
    for (const child of children) {
      // Text-only elements are strings; they hold no attributes.
      if (typeof child !== 'object' || child === null) continue;
      visit(name, child as ParsedElement, parentName);
      walk(child as ParsedElement, name, visit);
    }
  }
}

/**
 * Extracts the Redis facts from the text of one sibling file. A file fast-xml-parser refuses (it
 * rejects names such as __proto__) yields no facts: Creatio could not read it either.
 */
export function readSiblingText(file: string, text: string, facts: SiblingFacts): void {
  let root: ParsedElement;
  try {
    root = PARSER.parse(text) as ParsedElement;
  } catch {
    return;
  }
  walk(root, '', (name, element, parentName) => {
    if (name === 'redis' && !facts.redisConnectionStringName) {
      const value = attribute(element, 'connectionStringName');
      if (value) facts.redisConnectionStringName = { file, value: value.trim() };
    }
    if (name === 'add' && parentName === 'appSettings') {
      const key = attribute(element, 'key');
      const value = attribute(element, 'value');
      if (key && value !== undefined && TLS_APP_SETTINGS.includes(key) && !facts.appSettings.has(key)) {
        facts.appSettings.set(key, { file, value });
      }
    }
  });
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
