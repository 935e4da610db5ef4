/**
 * Completion inside ConnectionStrings.config, on raw offsets: Redis keys and values, connection
 * string names, certificate paths and whole `<add>` entries.
 *
 * Replace spans cover the token under the cursor: the part typed before it plus the rest of the
 * same token after it, so accepting an item in the middle of `ho|st` gives `host`, not `hostst`.
 * At the end of a token, the usual case, the span is exactly the text typed so far.
 *
 * Keys already present and keys of another topology than the one chosen (host, clusterHosts or
 * sentinelHosts) are left out, because adding them only causes a conflict. Keys that the
 * configured Creatio version does not read, and Sentinel keys when no version is set, are
 * offered but sorted last: the configured version may be about to change.
 */
import type { Span } from '../analysis/types.js';
import type { ConfigDocument, ConnectionEntry, RedisConnectionString } from '../model/configDocument.js';
import { CONNECTION_NAMES } from '../model/connectionNames.js';
import { EMPTY_SITE } from '../model/siteContext.js';
import { findRedisKey, REDIS_KEYS, type RedisKey, type Topology } from '../model/redisKeys.js';
import { parseVersion } from '../model/version.js';
import type { Settings } from '../settings.js';
import type { XmlAttribute } from '../xml/scanner.js';
import { attributeAt, decodedOffset, redisOf, runEnd, runStart } from './cursor.js';
import { completeEntrySnippets } from './entrySnippets.js';
import { completeCertificatePath } from './pathCompletion.js';
import { modesText, redisFacts, topologiesOf, versionMismatch, versionText } from './redisFacts.js';
import { describeValue } from './valueMeaning.js';

export interface CompletionEntry {
  label: string;
  kind: 'key' | 'value' | 'name' | 'snippet' | 'file' | 'folder';
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** Set when insertText uses snippet syntax ($1, ${1:placeholder}). */
  isSnippet?: boolean;
  /** The raw text the completion replaces. */
  replace: Span;
  sortText?: string;
  /** The text the editor matches what was typed against; the label when absent. */
  filterText?: string;
  /** Set when the editor should offer completion again after inserting, as after `useTls=`. */
  retrigger?: boolean;
}

export interface CompletionContext {
  /** Folder of the config file on disk, for path completion; undefined for unsaved documents. */
  configFolder?: string;
}

const WORD = /\w/;
const NAME_CHAR = /[\w.-]/;

/** Returns the completions at `offset`; an empty list where nothing fits. */
export function completeAt(document: ConfigDocument, offset: number, settings: Settings, context: CompletionContext): CompletionEntry[] {
  const cursor = Math.max(0, Math.min(offset, document.text.length));
  const found = attributeAt(document, cursor);
  if (!found) return completeEntrySnippets(document, cursor);

  const { entry, attribute } = found;
  if (attribute.name === 'name' && entry.kind === 'add') return completeNames(document, entry, attribute, cursor);
  const redis = attribute.name === 'connectionString' ? redisOf(document, attribute) : undefined;
  return redis ? completeRedis(redis, cursor, settings, context) : [];
}

function completeNames(document: ConfigDocument, entry: ConnectionEntry, attribute: XmlAttribute, offset: number): CompletionEntry[] {
  const text = document.text;
  const { start: valueStart, end: valueEnd } = attribute.valueSpan;
  const start = Math.max(valueStart, runStart(text, offset, NAME_CHAR));
  const end = Math.min(valueEnd, runEnd(text, offset, NAME_CHAR));
  // .NET compares connection string names without regard to case.
  const used = new Set(
    document.entries.filter((other) => other !== entry && other.kind === 'add' && other.name).map((other) => other.name!.toLowerCase()),
  );

  return CONNECTION_NAMES.filter((known) => !used.has(known.name.toLowerCase())).map((known, index) => ({
    label: known.name,
    kind: 'name' as const,
    detail: known.since ? `Creatio ${known.since} and later` : undefined,
    documentation: known.documentation,
    insertText: known.name,
    replace: { start, end },
    sortText: String(index).padStart(3, '0'),
  }));
}

function completeRedis(redis: RedisConnectionString, offset: number, settings: Settings, context: CompletionContext): CompletionEntry[] {
  if (redis.placeholder || redis.foreign) return [];
  const text = redis.decoded.text;
  const position = decodedOffset(redis.decoded, offset);
  if (position === undefined) return [];

  const segmentStart = position === 0 ? 0 : text.lastIndexOf(';', position - 1) + 1;
  const typed = text.slice(segmentStart, position);
  const equals = typed.indexOf('=');
  if (equals < 0) return completeKeys(redis, position, typed, settings);

  const key = findRedisKey(typed.slice(0, equals).trim());
  const valueStart = runEnd(text, segmentStart + equals + 1, / /);
  if (!key || valueStart > position) return [];
  if (key.kind === 'boolean') return completeBoolean(redis, key, valueStart, position, settings);
  if (key.kind === 'path') return completeCertificatePath(redis, valueStart, position, context);
  return [];
}

function completeKeys(redis: RedisConnectionString, position: number, typed: string, settings: Settings): CompletionEntry[] {
  if (!/^ *\w*$/.test(typed)) return [];
  const text = redis.decoded.text;
  const start = runStart(text, position, WORD);
  // With nothing typed yet, a key right after the cursor is kept: the new key goes in front of it.
  const end = start === position ? position : runEnd(text, position, WORD);
  const hasEquals = end > position && text.slice(end).trimStart().startsWith('=');
  const replace = redis.decoded.spanToRaw(start, end);

  // The pair being typed over does not count as present, so its own key is offered again.
  const others = redis.parsed.pairs.filter((pair) => end === start || pair.keySpan.start !== replace.start);
  const present = new Set(others.map((pair) => pair.lowerKey));
  const topologies = topologiesOf(others);
  const topology = topologies.length === 1 ? topologies[0] : undefined;

  return REDIS_KEYS.flatMap((key, index) => {
    if (present.has(key.name.toLowerCase())) return [];
    // A key of another topology only adds a conflict or is ignored, so it is left out.
    if (topology && !key.modes.includes(topology)) return [];
    return [keyItem(key, index, topology, settings, { replace, hasEquals })];
  });
}

function keyItem(key: RedisKey, index: number, topology: Topology | undefined, settings: Settings, edit: { replace: Span; hasEquals: boolean }): CompletionEntry {
  const mismatch = versionMismatch(key, settings);
  // Keys that only retired Sentinel set-ups read go last unless the string is a Sentinel one.
  const retired = parseVersion(settings.creatioVersion) === undefined && key.until !== undefined && topology !== 'sentinel';
  const late = mismatch !== undefined || retired;
  const notes = [mismatch, key.needsTls ? 'Read only with useTls=true.' : undefined].filter((note) => note !== undefined);

  return {
    label: key.name,
    kind: 'key',
    detail: `${modesText(key)} · ${versionText(key)}`,
    documentation: [key.documentation, ...notes].join('\n\n'),
    insertText: edit.hasEquals ? key.name : `${key.name}=`,
    replace: edit.replace,
    sortText: `${late ? 1 : 0}${String(index).padStart(2, '0')}`,
    retrigger: !edit.hasEquals && (key.kind === 'boolean' || key.kind === 'path'),
  };
}

function completeBoolean(redis: RedisConnectionString, key: RedisKey, valueStart: number, position: number, settings: Settings): CompletionEntry[] {
  const text = redis.decoded.text;
  if (!/^\w*$/.test(text.slice(valueStart, position))) return [];
  const replace = redis.decoded.spanToRaw(valueStart, runEnd(text, position, WORD));
  const facts = redisFacts(redis, settings, EMPTY_SITE);

  return ['true', 'false'].map((value, index) => ({
    label: value,
    kind: 'value' as const,
    detail: `${key.name}=${value}`,
    documentation: describeValue(key, value, facts),
    insertText: value,
    replace,
    sortText: String(index),
  }));
}
