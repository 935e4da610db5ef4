/**
 * Splits a Redis connection string into `key=value` pairs while keeping the raw range of every
 * key, '=', value and separator. The value is everything after the first '=' of a segment, so a
 * password may contain '='.
 */
import type { Span } from '../analysis/types.js';
import type { DecodedValue } from '../xml/entities.js';
import { findForeignKey } from '../model/foreignKeys.js';
import { findRedisKey, UNDOCUMENTED_KEYS } from '../model/redisKeys.js';

export interface Pair {
  key: string;
  /** `key` in lower case, computed once: rules compare keys without regard to case many times. */
  lowerKey: string;
  keySpan: Span;
  equalsSpan: Span;
  /** The decoded value without surrounding whitespace. */
  value: string;
  /** Raw range of the trimmed value; empty, right after '=', when there is no value. */
  valueSpan: Span;
  /** From the key to the end of the value (or the '=' when the value is empty). */
  span: Span;
  /** The pair with its surrounding whitespace, up to but excluding the separator. */
  segmentSpan: Span;
  /** The ';' or ',' that ends the pair, if any. */
  separatorSpan: Span | undefined;
  /** Maps offsets inside `value` to raw offsets. */
  valueToRaw(start: number, end: number): Span;
}

/** A segment that is not a pair: no '=' or an empty key. */
export interface MalformedSegment {
  text: string;
  span: Span;
  hasEquals: boolean;
  /** The pair just before this segment, to explain a ';' inside its value. */
  previous: Pair | undefined;
}

export interface ParsedConnectionString {
  pairs: Pair[];
  malformed: MalformedSegment[];
  /** Commas used where ';' separates pairs. */
  commaSeparators: Span[];
}

/** Sticky: matched only at the comma `lastIndex` points to. */
const COMMA_BEFORE_KEY = /,\s*([A-Za-z_][\w]*)\s*=/y;

/** Tokenizes a decoded connection string; all spans are raw document offsets. */
export function tokenizeConnectionString(value: DecodedValue): ParsedConnectionString {
  const result: ParsedConnectionString = { pairs: [], malformed: [], commaSeparators: [] };
  const text = value.text;
  let start = 0;

  while (start <= text.length) {
    let end = text.indexOf(';', start);
    if (end < 0) end = text.length;
    readSegment(value, start, end, end < text.length, result);
    start = end + 1;
  }
  return result;
}

/** Reads one ';'-separated segment, splitting it further at every comma that separates pairs. */
function readSegment(value: DecodedValue, start: number, end: number, endsWithSemicolon: boolean, result: ParsedConnectionString): void {
  const text = value.text;
  // A loop, not recursion: a value with tens of thousands of comma separators would overflow the stack.
  for (let from = start; ; ) {
    const comma = findCommaSeparator(text, from, end);
    const segmentEnd = comma >= 0 ? comma : end;
    const separator = comma >= 0 || endsWithSemicolon ? value.spanToRaw(segmentEnd, segmentEnd + 1) : undefined;

    addSegment(value, from, segmentEnd, separator, result);
    if (comma < 0) return;
    result.commaSeparators.push(value.spanToRaw(comma, comma + 1));
    from = comma + 1;
  }
}

/** Finds a ',' followed by a known `key=`: a pair separator written the wrong way. */
function findCommaSeparator(text: string, start: number, end: number): number {
  const eq = indexBetween(text, 0x3d, start, end);
  if (eq < 0) return -1;
  for (let comma = indexBetween(text, 0x2c, eq, end); comma >= 0; comma = indexBetween(text, 0x2c, comma + 1, end)) {
    COMMA_BEFORE_KEY.lastIndex = comma;
    const match = COMMA_BEFORE_KEY.exec(text);
    if (match && comma + match[0].length <= end && isKnownKey(match[1])) return comma;
  }
  return -1;
}

/**
 * Returns the first index of the character `code` in [from, end), or -1. Unlike `indexOf` it never
 * reads past the segment, which keeps a value of many segments linear.
 */
function indexBetween(text: string, code: number, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    if (text.charCodeAt(i) === code) return i;
  }
  return -1;
}

function isKnownKey(name: string): boolean {
  return findRedisKey(name) !== undefined || findForeignKey(name) !== undefined || UNDOCUMENTED_KEYS.has(name.toLowerCase());
}

function addSegment(value: DecodedValue, start: number, end: number, separatorSpan: Span | undefined, result: ParsedConnectionString): void {
  const text = value.text;
  const [trimStart, trimEnd] = trimRange(text, start, end);
  if (trimStart === trimEnd) return;

  const eq = indexBetween(text, 0x3d, trimStart, trimEnd);
  const previous = result.pairs[result.pairs.length - 1];
  if (eq < 0) {
    result.malformed.push({ text: text.slice(trimStart, trimEnd), span: value.spanToRaw(trimStart, trimEnd), hasEquals: false, previous });
    return;
  }

  const [keyStart, keyEnd] = trimRange(text, trimStart, eq);
  if (keyStart === keyEnd) {
    result.malformed.push({ text: text.slice(trimStart, trimEnd), span: value.spanToRaw(trimStart, trimEnd), hasEquals: true, previous });
    return;
  }

  const [valueStart, valueEnd] = trimRange(text, eq + 1, trimEnd);
  const valueSpan = valueStart === valueEnd ? value.spanToRaw(eq + 1, eq + 1) : value.spanToRaw(valueStart, valueEnd);
  const keySpan = value.spanToRaw(keyStart, keyEnd);
  const equalsSpan = value.spanToRaw(eq, eq + 1);
  const key = text.slice(keyStart, keyEnd);
  result.pairs.push({
    key,
    lowerKey: key.toLowerCase(),
    keySpan,
    equalsSpan,
    value: text.slice(valueStart, valueEnd),
    valueSpan,
    span: { start: keySpan.start, end: valueStart === valueEnd ? equalsSpan.end : valueSpan.end },
    segmentSpan: value.spanToRaw(start, end),
    separatorSpan,
    valueToRaw: (from, to) => value.spanToRaw(valueStart + from, valueStart + to),
  });
}

function trimRange(text: string, start: number, end: number): [number, number] {
  while (start < end && text.charCodeAt(start) === 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) === 0x20) end--;
  return [start, end];
}
