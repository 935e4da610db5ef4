/**
 * Reads the site's other configuration beside ConnectionStrings.config: Web.config (.NET
 * Framework) or Terrasoft.WebHost.dll.config (.NET Core). Their appSettings can turn Redis TLS on
 * for the whole site, and their <redis connectionStringName> names the Redis entry.
 */
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { decodeAttributeText } from '../xml/entities.js';
import { scanXml, type XmlElement } from '../xml/scanner.js';
import { isOtherPlatformPath } from '../model/paths.js';
import type { SiteTlsSetting } from '../model/siteContext.js';

export const SIBLING_FILES = ['Web.config', 'Terrasoft.WebHost.dll.config'];
const TLS_APP_SETTINGS = ['RedisUseTls', 'RedisCertPath', 'RedisCertPass', 'DisableRedisTlsCertificateValidation'];

/** Files larger than this are not configuration files worth reading, sibling or external. */
const MAX_SIBLING_BYTES = 16 * 1024 * 1024;

/**
 * The maximum number of distinct external appSettings files (named by file= or configSource=)
 * read for one config file. Files named after that count as missing.
 * NOTE: the value is a guess. A real site names one or two such files, and the limit only stops a
 * crafted sibling from making every analysis read thousands.
 */
const MAX_EXTERNAL_FILES = 8;

export interface SiblingFacts {
  appSettings: Map<string, SiteTlsSetting>;
  redisConnectionStringName: SiteTlsSetting | undefined;
}

/**
 * Returns the <add>, <remove> and <clear> elements of the external appSettings file that a
 * file= or configSource= attribute names (as written), or undefined when that file is missing,
 * unreadable, too large or not an <appSettings> file.
 */
export type ExternalAppSettings = (name: string) => XmlElement[] | undefined;

/** An <appSettings> section that applies to the site. */
interface AppSettingsSection {
  entries: XmlElement[];
  /** The file= attribute: a file whose entries are applied over `entries`. */
  file: string | undefined;
  /** The configSource= attribute: a file whose entries replace `entries`. */
  configSource: string | undefined;
}

/** The facts of one sibling file that do not depend on other files. */
interface SiblingContent {
  redisConnectionStringName: string | undefined;
  sections: AppSettingsSection[];
}

function attribute(element: XmlElement, name: string): string | undefined {
  const found = element.attributes.find((a) => a.name === name);
  return found ? decodeAttributeText(found.rawValue) : undefined;
}

/** Returns the trimmed attribute value, or undefined when the attribute is missing or blank. */
function pathAttribute(element: XmlElement, name: string): string | undefined {
  const value = attribute(element, name)?.trim();
  return value ? value : undefined;
}

function toSection(element: XmlElement): AppSettingsSection {
  return { entries: element.children, file: pathAttribute(element, 'file'), configSource: pathAttribute(element, 'configSource') };
}

/** True for a <location> that addresses the site itself: path="." or path="", or no path at all. */
function appliesToSite(location: XmlElement): boolean {
  const path = attribute(location, 'path')?.trim();
  return path === undefined || path === '' || path === '.';
}

/**
 * Returns the <appSettings> sections that apply to the site, in the order .NET merges them: those
 * directly under the root element first, then those inside a <location> that addresses the site,
 * each group in document order. A <location> with another path configures a sub-application or
 * a folder, so its settings do not reach the site.
 */
function siteSections(root: XmlElement | undefined): AppSettingsSection[] {
  const own: AppSettingsSection[] = [];
  const located: AppSettingsSection[] = [];
  for (const child of root?.children ?? []) {
    if (child.name === 'appSettings') {
      own.push(toSection(child));
    } else if (child.name === 'location' && appliesToSite(child)) {
      for (const inner of child.children) if (inner.name === 'appSettings') located.push(toSection(inner));
    }
  }
  return [...own, ...located];
}

/** Scans the text of one sibling file for its Redis entry name and its site appSettings sections. */
function scanSibling(text: string): SiblingContent {
  const { elements, roots } = scanXml(text);
  let redisConnectionStringName: string | undefined;
  for (const element of elements) {
    if (element.name !== 'redis') continue;
    const name = attribute(element, 'connectionStringName');
    if (name) {
      redisConnectionStringName = name.trim();
      break;
    }
  }
  return { redisConnectionStringName, sections: siteSections(roots[0]) };
}

/** Scans an external appSettings file and returns its entries, or undefined when its root is not <appSettings>. */
function externalEntries(text: string): XmlElement[] | undefined {
  const root = scanXml(text).roots[0];
  return root?.name === 'appSettings' ? root.children : undefined;
}

/**
 * Applies <add>, <remove> and <clear/> entries to `settings`, keyed by the lower-case key, and
 * records `source` as the file of each key it adds.
 */
function applyEntries(entries: XmlElement[], source: string, settings: Map<string, SiteTlsSetting>): void {
  for (const entry of entries) {
    const key = attribute(entry, 'key');
    if (entry.name === 'clear') settings.clear();
    else if (entry.name === 'remove' && key !== undefined) settings.delete(key.toLowerCase());
    else if (entry.name === 'add' && key !== undefined) settings.set(key.toLowerCase(), { file: source, value: attribute(entry, 'value') ?? '' });
  }
}

/**
 * Adds the Redis facts of one scanned sibling file to `facts`, read as .NET reads appSettings.
 * Within a section, a later <add> of a key replaces an earlier one, <remove> deletes a key and
 * <clear/> deletes every key set so far, with keys compared without regard to case. A section
 * with configSource= takes its entries from that file alone, and a missing file gives none. A
 * section with file= applies its own entries first and then that file's over them, and a missing
 * file is skipped. An external file's own file= or configSource= is not followed. Each setting
 * records the file that last set it, and a setting of the first sibling file wins over the second's.
 */
function addSiblingFacts(file: string, content: SiblingContent, facts: SiblingFacts, external: ExternalAppSettings): void {
  if (content.redisConnectionStringName && !facts.redisConnectionStringName) {
    facts.redisConnectionStringName = { file, value: content.redisConnectionStringName };
  }

  const settings = new Map<string, SiteTlsSetting>();
  for (const section of content.sections) {
    if (section.configSource !== undefined) {
      applyEntries(external(section.configSource) ?? [], section.configSource, settings);
      continue;
    }
    applyEntries(section.entries, file, settings);
    if (section.file !== undefined) applyEntries(external(section.file) ?? [], section.file, settings);
  }
  for (const name of TLS_APP_SETTINGS) {
    const setting = settings.get(name.toLowerCase());
    if (setting !== undefined && !facts.appSettings.has(name)) facts.appSettings.set(name, setting);
  }
}

/**
 * Extracts the Redis facts from the text of one sibling file, as addSiblingFacts describes. The
 * file is read with our tolerant scanner rather than fast-xml-parser, which refuses element names
 * such as <constructor> (Unity's configuration has them) and groups elements by name, losing the
 * order <remove> depends on. A file with XML faults still gives its facts: it is not the file
 * being edited. Without `external`, every file that file= or configSource= names counts as missing.
 */
export function readSiblingText(file: string, text: string, facts: SiblingFacts, external: ExternalAppSettings = () => undefined): void {
  addSiblingFacts(file, scanSibling(text), facts, external);
}

/** Decodes a configuration file: UTF-16 when it starts with a UTF-16 byte order mark, else UTF-8. */
function decodeSibling(bytes: Buffer): string {
  // An odd last byte is no UTF-16 character; it is dropped, as swap16 needs pairs.
  const pairs = bytes.subarray(2, 2 + ((bytes.length - 2) & ~1));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return pairs.toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(pairs).swap16().toString('utf16le');
  return bytes.toString('utf8');
}

/**
 * Reads and decodes a configuration file. Returns undefined when it is missing, unreadable, not a
 * regular file (a named pipe would block the read) or larger than MAX_SIBLING_BYTES.
 */
async function readConfigFile(path: string): Promise<string | undefined> {
  try {
    const stats = await stat(path);
    if (!stats.isFile() || stats.size > MAX_SIBLING_BYTES) return undefined;
    const bytes = await readFile(path);
    // The file may have grown since stat.
    return bytes.length > MAX_SIBLING_BYTES ? undefined : decodeSibling(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Resolves a file= or configSource= value against the sibling's folder. A path that only another
 * operating system can resolve (`C:\…` on Linux) gives undefined. Off Windows, backslashes in a
 * relative path become slashes, because these files are written for Windows servers.
 */
function resolveExternalPath(folder: string, name: string): string | undefined {
  if (isOtherPlatformPath(name, process.platform)) return undefined;
  const path = process.platform === 'win32' ? name : name.replaceAll('\\', '/');
  return isAbsolute(path) ? path : resolve(folder, path);
}

/**
 * Reads every sibling file that exists in `folder` and the external appSettings files they name,
 * skipping missing or unreadable files. Each external file is read at most once, even when both
 * siblings name it.
 */
export async function readSiblings(folder: string): Promise<SiblingFacts> {
  const facts: SiblingFacts = { appSettings: new Map(), redisConnectionStringName: undefined };
  // Keyed by resolved path. An undefined value marks a file that is missing or not an appSettings file.
  const externals = new Map<string, XmlElement[] | undefined>();
  for (const file of SIBLING_FILES) {
    const text = await readConfigFile(join(folder, file));
    if (text === undefined) continue;
    const content = scanSibling(text);

    for (const section of content.sections) {
      // configSource= wins over file= when a section has both, so only one file is read.
      const name = section.configSource ?? section.file;
      if (name === undefined) continue;
      const path = resolveExternalPath(folder, name);
      if (path === undefined || externals.has(path) || externals.size >= MAX_EXTERNAL_FILES) continue;
      const externalText = await readConfigFile(path);
      externals.set(path, externalText === undefined ? undefined : externalEntries(externalText));
    }

    addSiblingFacts(file, content, facts, (name) => {
      const path = resolveExternalPath(folder, name);
      return path === undefined ? undefined : externals.get(path);
    });
  }
  return facts;
}
