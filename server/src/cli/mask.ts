/**
 * Hides secret values in source text before it is printed (the --fix-dry-run diff is the only
 * output that shows source lines). Each hidden run becomes '••••' and its line breaks stay, so line
 * numbers do not move.
 *
 * Masking policy. A key suggests a secret when its name contains one of SECRET_WORDS in any letter
 * case: Password, PWD, passwd, pw, ApiKey, AccountKey, SharedAccessSignature, sig, sas, auth, Token,
 * client_secret, Credential. What is hidden:
 * - In an attribute value, everything from the value of the first such key to the end of the
 *   attribute value. A ';', ',', '=' or quote inside a password cannot be distinguished from a
 *   separator, so the text after a secret is treated as part of it.
 * - In a Redis connection string, whose fixes change single keys, the hidden run ends at a later
 *   pair whose key Creatio or another Redis client reads (useTls, db, ssl, user…). The keys and
 *   values the fixes change so stay readable. A segment without '=' or with any other key stays
 *   hidden. A misspelled password key (pasword) counts as a secret too.
 * - In a broken start tag (a raw '"' inside a value, an unquoted value), everything from the first
 *   secret to the end of the tag, because the scanner cannot tell where the value really ends.
 * - The whole value of an attribute whose own name suggests a secret (validationKey), except
 *   appSettings' `key`, and the `value` of `<add key="…Pass…" value="…">`.
 * - The user information of a URI (`scheme://user:password@host`) after the first ':', or all of
 *   it when it has no ':', because a token is often written as the user name.
 * - Outside tags (comments, text), from the value to the end of the line or of the comment.
 * It hides more than needed rather than less. Every step is a single forward scan: no regular
 * expression here can backtrack, so masking stays linear in the length of the text.
 */
import type { ConfigDocument, RedisConnectionString } from '../model/configDocument.js';
import { findForeignKey } from '../model/foreignKeys.js';
import { isSecretKey, findRedisKey, UNDOCUMENTED_KEYS } from '../model/redisKeys.js';
import type { Span } from '../analysis/types.js';
import type { XmlAttribute, XmlElement } from '../xml/scanner.js';
import { MASK } from '../rules/text.js';
import { suggestKeys } from '../rules/unknownKey.js';
import type { MalformedSegment, Pair } from '../redis/tokenizer.js';

/** Parts of key names that mark a secret: a plain alternation of words, so matching takes linear time. */
const SECRET_WORDS = /pass|pw|secret|token|key|sig|sas|auth|cred/i;

/** The attribute that names an appSettings entry. Its value is a name, not a secret. */
const SETTING_NAME_ATTRIBUTE = 'key';

/** Returns whether a key or attribute name suggests that its value is a secret. */
export function nameSuggestsSecret(name: string): boolean {
  return SECRET_WORDS.test(name);
}

/** Finds the spans of secret values in `document.text`, following the masking policy above. */
export function findSecretSpans(document: ConfigDocument): Span[] {
  const text = document.text;
  const spans: Span[] = [];
  const redisByAttribute = new Map<XmlAttribute, RedisConnectionString>(document.redis.map((redis) => [redis.attribute, redis]));

  // Elements come in document order and their start tags do not overlap, so the text between two
  // tags is free text: comments, character data, end tags, and fragments the scanner skipped.
  let freeStart = 0;
  for (const element of document.scan.elements) {
    const tag = element.tagSpan;
    addFreeTextSecrets(text, freeStart, tag.start, spans);
    addTagSecrets(text, element, redisByAttribute, spans);
    freeStart = Math.max(freeStart, tag.end);
  }
  addFreeTextSecrets(text, freeStart, text.length, spans);
  addUriPasswords(text, spans);
  return spans.filter((span) => span.end > span.start);
}

/** Replaces every span with the mask, keeping the line breaks inside it. */
export function maskSpans(text: string, spans: readonly Span[]): string {
  const merged = mergeSpans(spans);
  let result = '';
  let position = 0;
  for (const span of merged) {
    result += text.slice(position, span.start);
    result += text.slice(span.start, span.end).replace(/[^\r\n]+/g, MASK);
    position = span.end;
  }
  return result + text.slice(position);
}

function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** Adds the secrets of one start tag: its attribute values, and in a broken tag the rest of the tag. */
function addTagSecrets(text: string, element: XmlElement, redisByAttribute: ReadonlyMap<XmlAttribute, RedisConnectionString>, spans: Span[]): void {
  const found: Span[] = [];
  for (const attribute of element.attributes) {
    const value = attribute.valueSpan;
    const redis = redisByAttribute.get(attribute);
    if (attribute.name !== SETTING_NAME_ATTRIBUTE && nameSuggestsSecret(attribute.name)) {
      found.push(value);
    } else if (redis && !redis.foreign && !redis.placeholder) {
      addRedisSecrets(redis, found);
    } else {
      const secretStart = findSecretValue(text, value.start, value.end);
      if (secretStart >= 0) found.push({ start: secretStart, end: value.end });
    }
  }
  addSecretSettingValue(element, found);

  if (!element.broken) {
    spans.push(...found);
    return;
  }
  // A value may go on past the quote that ended it, and any text of the tag may be part of it.
  const tagEnd = tagContentEnd(text, element);
  let first = findSecretValue(text, element.tagSpan.start, tagEnd);
  for (const span of found) {
    if (first < 0 || span.start < first) first = span.start;
  }
  if (first < 0) return;
  const last = found.reduce((end, span) => Math.max(end, span.end), tagEnd);
  spans.push({ start: first, end: last });
}

/** Adds the `value` of an appSettings entry whose `key` names a secret, such as RedisCertPass. */
function addSecretSettingValue(element: XmlElement, found: Span[]): void {
  const setting = element.attributes.find((attribute) => attribute.name === SETTING_NAME_ATTRIBUTE);
  if (!setting || !nameSuggestsSecret(setting.rawValue)) return;
  for (const attribute of element.attributes) {
    if (attribute.name === 'value') found.push(attribute.valueSpan);
  }
}

/** Returns where the text inside a start tag ends: before the closing '>' or '/>', spaces and a last quote. */
function tagContentEnd(text: string, element: XmlElement): number {
  const start = element.tagSpan.start;
  let end = element.tagSpan.end;
  if (end > start && text[end - 1] === '>') end--;
  if (end > start && text[end - 1] === '/') end--;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end > start && (text[end - 1] === '"' || text[end - 1] === "'")) end--;
  return end;
}

type Segment = { pair: Pair; start: number; end: number } | { pair: undefined; start: number; end: number };

/**
 * Adds the secrets of a Redis connection string, as the analysis tokenized it. A hidden run starts
 * at the value of a secret pair and takes in every following segment up to the next pair with a
 * known key, or the end of the attribute value.
 */
function addRedisSecrets(redis: RedisConnectionString, found: Span[]): void {
  let run: Span | undefined;
  for (const segment of segmentsInOrder(redis.parsed.pairs, redis.parsed.malformed)) {
    const pair = segment.pair;
    if (pair && isRedisSecretKey(pair.key)) {
      if (run) found.push(run);
      run = { start: pair.valueSpan.start, end: pair.valueSpan.end };
    } else if (pair && isKnownRedisKey(pair.key)) {
      if (run) found.push(run);
      run = undefined;
    } else if (run) {
      run.end = segment.end;
    }
  }
  if (run) found.push({ start: run.start, end: Math.max(run.end, redis.attribute.valueSpan.end) });
}

/** Merges the pairs and the malformed segments, each already in text order, into one list in text order. */
function segmentsInOrder(pairs: readonly Pair[], malformed: readonly MalformedSegment[]): Segment[] {
  const segments: Segment[] = [];
  let p = 0;
  let m = 0;
  while (p < pairs.length || m < malformed.length) {
    if (m >= malformed.length || (p < pairs.length && pairs[p].span.start < malformed[m].span.start)) {
      const pair = pairs[p++];
      segments.push({ pair, start: pair.span.start, end: pair.span.end });
    } else {
      const segment = malformed[m++];
      segments.push({ pair: undefined, start: segment.span.start, end: segment.span.end });
    }
  }
  return segments;
}

/** Returns whether a Redis key is a documented secret, a misspelling of one (pasword) or a name that suggests a secret. */
function isRedisSecretKey(key: string): boolean {
  return isSecretKey(key) || nameSuggestsSecret(key) || suggestKeys(key).some(isSecretKey);
}

/** Returns whether Creatio or another Redis client reads the key, so that it is not taken for part of a password. */
function isKnownRedisKey(key: string): boolean {
  return findRedisKey(key) !== undefined || findForeignKey(key) !== undefined || UNDOCUMENTED_KEYS.has(key.toLowerCase());
}

/**
 * Returns where the value of the first key in [from, end) that suggests a secret starts, after the
 * '=' and any spaces, or -1. A key is the run of word characters, '.', '-', spaces and tabs before
 * an '='. Each character is read once, so the search is linear.
 */
function findSecretValue(text: string, from: number, end: number): number {
  let keyStart = from;
  for (let i = from; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === EQUALS) {
      if (i > keyStart && nameSuggestsSecret(text.slice(keyStart, i))) return skipSpaces(text, i + 1, end);
      keyStart = i + 1;
    } else if (!isKeyChar(code)) {
      keyStart = i + 1;
    }
  }
  return -1;
}

/** Adds every secret in text outside tags. Each runs to the end of its line or of the comment. */
function addFreeTextSecrets(text: string, from: number, end: number, spans: Span[]): void {
  let position = from;
  while (position < end) {
    // A line break is no key character, so a key never spans lines.
    const valueStart = findSecretValue(text, position, end);
    if (valueStart < 0) return;
    const valueEnd = endOfFreeTextValue(text, valueStart, end);
    spans.push({ start: valueStart, end: valueEnd });
    position = valueEnd;
  }
}

/** Returns the end of a value in free text: the line end or '-->', before any spaces there. */
function endOfFreeTextValue(text: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (code === LINE_FEED || code === CARRIAGE_RETURN) break;
    if (code === HYPHEN && text.startsWith('-->', i)) break;
    i++;
  }
  while (i > from && (text.charCodeAt(i - 1) === 0x20 || text.charCodeAt(i - 1) === 0x09)) i--;
  return i;
}

/**
 * Adds the user information of every `scheme://user:password@host` in the text. The authority runs
 * to the first character that cannot be in it, and the last '@' before that ends the user
 * information, because an unescaped '@' in a password is common.
 */
function addUriPasswords(text: string, spans: Span[]): void {
  for (let at = text.indexOf('://'); at >= 0; ) {
    const authorityStart = at + 3;
    let firstColon = -1;
    let lastAt = -1;
    let i = authorityStart;
    for (; i < text.length && !isAuthorityEnd(text.charCodeAt(i)); i++) {
      const code = text.charCodeAt(i);
      if (code === AT_SIGN) lastAt = i;
      else if (code === COLON && firstColon < 0) firstColon = i;
    }
    if (lastAt > authorityStart) {
      const passwordStart = firstColon >= 0 && firstColon < lastAt ? firstColon + 1 : authorityStart;
      spans.push({ start: passwordStart, end: lastAt });
    }
    at = text.indexOf('://', Math.max(i, authorityStart));
  }
}

const EQUALS = 0x3d;
const AT_SIGN = 0x40;
const COLON = 0x3a;
const HYPHEN = 0x2d;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** Word characters, '.', '-', space and tab: the characters of a key such as `User ID` or `client.secret`. */
function isKeyChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f ||
    code === 0x2e ||
    code === HYPHEN ||
    code === 0x20 ||
    code === 0x09
  );
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === LINE_FEED || code === CARRIAGE_RETURN;
}

function skipSpaces(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  return i;
}

/** Characters that end a URI authority: '/', '?', '#', whitespace, quotes and tag brackets. */
function isAuthorityEnd(code: number): boolean {
  return code === 0x2f || code === 0x3f || code === 0x23 || code === 0x22 || code === 0x27 || code === 0x3c || code === 0x3e || isSpace(code);
}
