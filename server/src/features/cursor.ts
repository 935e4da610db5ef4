/**
 * Locates a raw cursor offset in the model: the entry and attribute around it, and the position
 * inside a Redis connection string, in decoded characters.
 */
import type { Span } from '../analysis/types.js';
import type { ConfigDocument, ConnectionEntry, RedisConnectionString } from '../model/configDocument.js';
import type { DecodedValue } from '../xml/entities.js';
import type { XmlAttribute } from '../xml/scanner.js';

export interface AttributeAtCursor {
  entry: ConnectionEntry;
  attribute: XmlAttribute;
}

/** True when `offset` is inside `span` or at one of its ends. */
export function touches(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** Returns the entry attribute whose value contains the cursor, counting a cursor just before the closing quote. */
export function attributeAt(document: ConfigDocument, offset: number): AttributeAtCursor | undefined {
  for (const entry of document.entries) {
    const tag = entry.element.tagSpan;
    if (offset < tag.start || offset > tag.end) continue;
    const attribute = entry.element.attributes.find((candidate) => touches(candidate.valueSpan, offset));
    if (attribute) return { entry, attribute };
  }
  return undefined;
}

/** Returns the Redis connection string modelled from `attribute`, if the entry is a Redis one. */
export function redisOf(document: ConfigDocument, attribute: XmlAttribute): RedisConnectionString | undefined {
  return document.redis.find((redis) => redis.attribute === attribute);
}

/**
 * Maps a raw offset to a decoded offset. Returns undefined when the offset falls inside an entity
 * reference such as `&amp;`, where no decoded position exists.
 */
export function decodedOffset(decoded: DecodedValue, raw: number): number | undefined {
  let low = 0;
  let high = decoded.text.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (decoded.toRaw(middle) < raw) low = middle + 1;
    else high = middle;
  }
  return decoded.toRaw(low) === raw ? low : undefined;
}

/** Returns the index where a run of characters matching `pattern` that ends at `end` begins. */
export function runStart(text: string, end: number, pattern: RegExp): number {
  let start = end;
  while (start > 0 && pattern.test(text[start - 1])) start--;
  return start;
}

/** Returns the index where a run of characters matching `pattern` that begins at `start` ends. */
export function runEnd(text: string, start: number, pattern: RegExp): number {
  let end = start;
  while (end < text.length && pattern.test(text[end])) end++;
  return end;
}
