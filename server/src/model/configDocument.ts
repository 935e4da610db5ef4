/**
 * The Creatio view of a scanned file: the `<connectionStrings>` sections, their entries, and the
 * Redis connection strings tokenized with raw offsets.
 */
import type { Settings } from '../settings.js';
import { DecodedValue, decodeAttributeText } from '../xml/entities.js';
import { scanXml, type ScanResult, type XmlAttribute, type XmlElement } from '../xml/scanner.js';
import { tokenizeConnectionString, type Pair, type ParsedConnectionString } from '../redis/tokenizer.js';
import { detectForeignFormat, type ForeignFormat } from '../redis/foreignFormat.js';
import { isPlaceholder } from './placeholders.js';
import { findRedisKey } from './redisKeys.js';
import { lowerCaseOf } from './connectionNames.js';

export interface ConnectionEntry {
  element: XmlElement;
  kind: 'add' | 'remove' | 'clear';
  nameAttribute: XmlAttribute | undefined;
  /** The decoded name. */
  name: string | undefined;
  /** Every `connectionString` attribute; more than one only in a broken tag. */
  connectionStrings: XmlAttribute[];
  /** The `xdt:Transform` value in a transform file. */
  transform: string | undefined;
}

export interface RedisConnectionString {
  entry: ConnectionEntry;
  attribute: XmlAttribute;
  decoded: DecodedValue;
  parsed: ParsedConnectionString;
  /** Set when the whole value is written for another client; Redis rules then stay silent. */
  foreign: ForeignFormat | undefined;
  /** Set when the whole value is a placeholder (a Vault reference or a pipeline token). */
  placeholder: boolean;
  /** Set when a '"' inside the value ended it early; the rest is an XML fault, not a value to check. */
  truncated: boolean;
}

export interface ConfigDocument {
  text: string;
  scan: ScanResult;
  sections: XmlElement[];
  entries: ConnectionEntry[];
  redis: RedisConnectionString[];
  /** Other children of a section, which .NET rejects. */
  unexpectedChildren: XmlElement[];
  isTransform: boolean;
}

const ENTRY_KINDS = new Set(['add', 'remove', 'clear']);

/** Scans and models `text` as a ConnectionStrings.config or a Web.config. */
export function buildConfigDocument(text: string, settings: Settings): ConfigDocument {
  const scan = scanXml(text);
  const sections = scan.elements.filter((element) => element.name === 'connectionStrings');
  const entries: ConnectionEntry[] = [];
  const unexpectedChildren: XmlElement[] = [];

  for (const section of sections) {
    for (const child of section.children) {
      if (!ENTRY_KINDS.has(child.name)) {
        unexpectedChildren.push(child);
        continue;
      }
      entries.push(toEntry(child));
      // <add>, <remove> and <clear> take no child elements.
      unexpectedChildren.push(...child.children);
    }
  }

  const redisNames = new Set(settings.redisConnectionNames.map((name) => name.toLowerCase()));
  const redisEntries = entries.filter((entry) => entry.kind === 'add' && entry.name !== undefined && redisNames.has(lowerCaseOf(entry.name)));
  // A set, not a search of the errors per string: a file of many broken Redis entries stays linear.
  const errorStarts = new Set(scan.errors.map((error) => error.span.start));
  const redis = redisEntries.flatMap((entry) => entry.connectionStrings.map((attribute) => toRedis(text, entry, attribute, errorStarts)));

  // The text search first: most files are no transforms, and it saves a visit of every attribute.
  const isTransform = text.includes('xdt') && scan.elements.some((element) => element.attributes.some((a) => a.name.startsWith('xdt:') || a.name === 'xmlns:xdt'));
  return { text, scan, sections, entries, redis, unexpectedChildren, isTransform };
}

/** No connectionString attribute: shared by the many entries without one. */
const NO_ATTRIBUTES: XmlAttribute[] = Object.freeze([]) as unknown as XmlAttribute[];

/** One pass over the attributes; every entry of a large file goes through here. */
function toEntry(element: XmlElement): ConnectionEntry {
  let nameAttribute: XmlAttribute | undefined;
  let connectionStrings = NO_ATTRIBUTES;
  let transform: string | undefined;
  for (const attribute of element.attributes) {
    if (attribute.name === 'name') nameAttribute ??= attribute;
    else if (attribute.name === 'connectionString') connectionStrings = connectionStrings === NO_ATTRIBUTES ? [attribute] : [...connectionStrings, attribute];
    else if (attribute.name === 'xdt:Transform' && transform === undefined) transform = attribute.rawValue;
  }
  return {
    element,
    kind: element.name as ConnectionEntry['kind'],
    nameAttribute,
    name: nameAttribute ? decodedName(nameAttribute.rawValue) : undefined,
    connectionStrings,
    transform,
  };
}

/** Decodes and trims an entry name. */
function decodedName(raw: string): string {
  return decodeAttributeText(raw).trim();
}

function toRedis(text: string, entry: ConnectionEntry, attribute: XmlAttribute, errorStarts: ReadonlySet<number>): RedisConnectionString {
  const decoded = DecodedValue.decode(attribute.rawValue, attribute.valueSpan.start);
  const placeholder = isPlaceholder(decoded.text);
  const foreign = placeholder ? undefined : detectForeignFormat(decoded, text);
  const parsed = tokenizeConnectionString(decoded);
  const truncated = attribute.quote !== '' && errorStarts.has(attribute.span.end);
  return { entry, attribute, decoded, parsed, foreign, placeholder, truncated };
}

/** Pairs whose key is the documented `name`, in any letter case. */
export function pairsOf(redis: RedisConnectionString, name: string): Pair[] {
  const lower = name.toLowerCase();
  return redis.parsed.pairs.filter((pair) => pair.lowerKey === lower);
}

/** Returns the first pair of a documented key, in any letter case. */
export function firstPair(redis: RedisConnectionString, name: string): Pair | undefined {
  const lower = name.toLowerCase();
  return redis.parsed.pairs.find((pair) => pair.lowerKey === lower);
}

/** Reads a boolean as Creatio does: `true`/`false` in any case; anything else is undefined. */
export function booleanValue(pair: Pair | undefined): boolean | undefined {
  if (!pair) return undefined;
  const value = pair.value.toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** Returns whether TLS is on: `useTls` present with a valid `true`. */
export function isTlsOn(redis: RedisConnectionString): boolean {
  return booleanValue(firstPair(redis, 'useTls')) === true;
}

/** Whether `useTls` is a placeholder, so whether TLS will be on is unknown until deployment. */
export function isTlsPlaceholder(redis: RedisConnectionString): boolean {
  const useTls = firstPair(redis, 'useTls');
  return useTls !== undefined && isPlaceholder(useTls.value);
}

/** Returns whether a pair's key is documented (in any letter case). */
export function isDocumentedPair(pair: Pair): boolean {
  return findRedisKey(pair.key) !== undefined;
}
