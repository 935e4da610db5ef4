/** Edits shared by the fixes of several rules. Each keeps every byte it does not need to change. */
import type { Edit, Fix, Span } from '../analysis/types.js';
import type { Pair } from '../redis/tokenizer.js';
import type { RedisConnectionString } from '../model/configDocument.js';
import type { XmlAttribute, XmlElement } from '../xml/scanner.js';
import { findRedisKey } from '../model/redisKeys.js';

export function replace(span: Span, newText: string): Edit {
  return { start: span.start, end: span.end, newText };
}

/** Removes a pair and one separator next to it, so the string stays well separated. */
export function removePairEdit(text: string, pair: Pair): Edit {
  const segment = pair.segmentSpan;
  if (pair.separatorSpan) return { start: segment.start, end: pair.separatorSpan.end, newText: '' };

  const before = text[segment.start - 1];
  if (before === ';' || before === ',') return { start: segment.start - 1, end: segment.end, newText: '' };
  return { start: segment.start, end: segment.end, newText: '' };
}

export function removePairFix(text: string, pair: Pair, options: { isPreferred?: boolean; safe?: boolean } = {}): Fix {
  return { title: `Remove ${pair.key}`, edits: [removePairEdit(text, pair)], isPreferred: options.isPreferred, safe: options.safe };
}

/** Appends `key=value` to a connection string, keeping a trailing ';' if the string has one. */
export function appendPairEdits(redis: RedisConnectionString, pairText: string): Edit[] {
  // The decoded value decides: a raw ';' may end an entity such as '&b;' rather than a pair.
  const decoded = redis.decoded.text;
  let length = decoded.length;
  while (length > 0 && /\s/.test(decoded[length - 1])) length--;
  const end = redis.decoded.toRaw(length);

  if (length === 0) return [{ start: end, end, newText: pairText }];
  if (decoded[length - 1] === ';') return [{ start: end, end, newText: `${pairText};` }];
  // A bare '&' at the end, as in 'password=s3&cret', would take the new ';' as the end of an
  // entity reference '&cret;': it is escaped in the same fix, which .NET needs anyway.
  const valueStart = redis.attribute.valueSpan.start;
  const bare = BARE_REFERENCE_AT_END.exec(redis.attribute.rawValue.slice(Math.max(0, end - valueStart - 80), end - valueStart));
  const escape: Edit[] = bare ? [{ start: end - bare[0].length, end: end - bare[0].length + 1, newText: '&amp;' }] : [];
  return [...escape, { start: end, end, newText: `;${pairText}` }];
}

/** An '&' with the start of an entity name or character reference after it, at the end of a text. */
const BARE_REFERENCE_AT_END = /&(?:#x?[0-9a-fA-F]*|[A-Za-z_:][\w.:-]*)$/;

/** Turns TLS on: flips an existing `useTls` value, or appends `useTls=true`. */
export function enableTlsFix(text: string, redis: RedisConnectionString, useTls: Pair | undefined, isPreferred: boolean): Fix {
  if (useTls && useTls.value.length > 0) {
    return { title: 'Set useTls=true', edits: [replace(useTls.valueSpan, 'true')], isPreferred };
  }
  if (useTls) return { title: 'Set useTls=true', edits: [{ start: useTls.equalsSpan.end, end: useTls.valueSpan.end, newText: 'true' }], isPreferred };
  return { title: 'Add useTls=true', edits: appendPairEdits(redis, 'useTls=true'), isPreferred };
}

/** Removes an attribute with the whitespace before it. */
export function removeAttributeEdit(text: string, attribute: XmlAttribute): Edit {
  let start = attribute.span.start;
  while (start > 0 && /\s/.test(text[start - 1])) start--;
  return { start, end: attribute.span.end, newText: '' };
}

/**
 * Removes a self-closing element; when it is alone on its line, the whole line goes, line break
 * included, so no blank line is left behind.
 */
export function removeElementEdit(text: string, element: XmlElement): Edit {
  const { start, end } = element.tagSpan;
  let lineStart = start;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
  let lineEnd = end;
  while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t')) lineEnd++;

  const aloneOnLine = (lineStart === 0 || text[lineStart - 1] === '\n') && (lineEnd === text.length || text[lineEnd] === '\r' || text[lineEnd] === '\n');
  if (!aloneOnLine) return { start, end, newText: '' };
  if (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n') lineEnd += 2;
  else if (lineEnd < text.length) lineEnd += 1;
  return { start: lineStart, end: lineEnd, newText: '' };
}

/**
 * Returns the fix for a value that swallowed the next pair through a missing ';', as in
 * `useTls=true password=…`: it inserts the ';' and keeps every other byte, the password included.
 */
export function missingSeparatorFix(pair: Pair): { key: string; fix: Fix } | undefined {
  const glued = findGluedKey(pair.value);
  if (!glued || !findRedisKey(glued.key)) return undefined;
  const at = pair.valueToRaw(glued.index, glued.index).start;
  return { key: glued.key, fix: { title: `Insert ';' before ${glued.key}`, edits: [{ start: at, end: at, newText: ';' }], isPreferred: true, safe: true } };
}

/**
 * Finds the first `key=` after whitespace in a value and returns the key and the index where the
 * whitespace before it starts: the first match of /\s+([A-Za-z_]\w*)\s*=/. A scan, because that
 * pattern restarts at every character of a run of whitespace and scans the rest of the run each
 * time, which is quadratic in the length of the run.
 */
export function findGluedKey(value: string): { index: number; key: string } | undefined {
  let i = 0;
  while (i < value.length) {
    if (!isWhitespace(value.charCodeAt(i))) {
      i++;
      continue;
    }
    const runStart = i;
    while (i < value.length && isWhitespace(value.charCodeAt(i))) i++;
    if (i === value.length || !isKeyStart(value.charCodeAt(i))) continue;

    const keyStart = i;
    while (i < value.length && isWordCharacter(value.charCodeAt(i))) i++;
    let next = i;
    while (next < value.length && isWhitespace(value.charCodeAt(next))) next++;
    if (value[next] === '=') return { index: runStart, key: value.slice(keyStart, i) };
    // The whitespace after the key starts the next run, so the scan goes on from the key's end.
  }
  return undefined;
}

/** Returns whether `code` is in the regular expression class \s: tab to carriage return, space, and the Unicode spaces. */
function isWhitespace(code: number): boolean {
  if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) return true;
  return code > 0x7f && WHITESPACE.test(String.fromCharCode(code));
}

const WHITESPACE = /\s/;

function isKeyStart(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
}

/** Returns whether `code` is in the regular expression class \w. */
function isWordCharacter(code: number): boolean {
  return isKeyStart(code) || (code >= 0x30 && code <= 0x39);
}
