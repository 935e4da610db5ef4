/**
 * Entity references in attribute values and in text: checking them as .NET's XML reader would, and
 * decoding a value while keeping, for every decoded character, its offset in the raw text.
 */
import type { Fix, Span } from '../analysis/types.js';
import type { XmlAttribute } from './scanner.js';
import { invalidNameCharacter, isNameChar, isNameStart } from './chars.js';

/** Stands for an entity reference that is kept unexpanded (U+FFFC OBJECT REPLACEMENT CHARACTER). */
export const OPAQUE_CHARACTER = '\uFFFC';

/** A Map, not an object: a reference such as &constructor; must not find Object's prototype. */
const PREDEFINED = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"]]);

/**
 * Returns the offset after the ';' of the reference that starts with the '&' at `at`, or -1 when
 * there is none before `limit`. A reference is &name;, &#digits; or &#xhex;, where the name
 * follows XML's name classes and has any length.
 */
export function referenceEnd(text: string, at: number, limit: number): number {
  let i = at + 1;
  if (text.charCodeAt(i) === 0x23) {
    i++;
    const hex = text.charCodeAt(i) === 0x78;
    if (hex) i++;
    const digitsStart = i;
    while (i < limit && isDigit(text.charCodeAt(i), hex)) i++;
    return i > digitsStart && i < limit && text.charCodeAt(i) === 0x3b ? i + 1 : -1;
  }
  if (i >= limit || !isNameStart(text.charCodeAt(i))) return -1;
  while (i < limit && isNameChar(text.charCodeAt(i))) i++;
  if (i >= limit || text.charCodeAt(i) !== 0x3b || invalidNameCharacter(text, at + 1, i)) return -1;
  return i + 1;
}

function isDigit(code: number, hex: boolean): boolean {
  return (code >= 0x30 && code <= 0x39) || (hex && ((code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66)));
}

/** Returns the code point that a character reference such as '#x41' or '#65' names, or NaN when it has no digits. */
function referencedCodePoint(name: string): number {
  return name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
}

/** Checks XML's Char production: the characters a document, and so a character reference, may contain. */
function isXmlChar(point: number): boolean {
  return point === 0x9 || point === 0xa || point === 0xd || (point >= 0x20 && point <= 0xd7ff) || (point >= 0xe000 && point <= 0xfffd) || (point >= 0x10000 && point <= 0x10ffff);
}

/** Faults returned per value or text: the analysis shows 1,000 findings at most, and a value of a million '&' would cost seconds. */
const MAX_FAULTS = 5000;

export interface EntityFault {
  span: Span;
  message: string;
  fixes: Fix[];
}

/** Returns a fault for every bare '&' and every reference to an undeclared entity in an attribute value. */
export function checkAttributeEntities(text: string, attribute: XmlAttribute, declared: Set<string> | undefined): EntityFault[] {
  return checkReferences(text, attribute.valueSpan.start, attribute.rawValue, declared, `the value of '${attribute.name}'`);
}

/**
 * Returns a fault for every bare '&' and every reference to an undeclared entity in `raw`, the
 * text at `start`; `where` names it in messages.
 */
export function checkReferences(text: string, start: number, raw: string, declared: Set<string> | undefined, where: string): EntityFault[] {
  const faults: EntityFault[] = [];
  const end = start + raw.length;
  // Searching the value, not the document, keeps a file of many values without '&' linear.
  let index = raw.indexOf('&');

  while (index >= 0 && faults.length < MAX_FAULTS) {
    const amp = start + index;
    const after = referenceEnd(text, amp, end);
    if (after < 0) {
      faults.push(bareAmpersand(text, amp, end, where));
    } else if (text.charCodeAt(amp + 1) === 0x23) {
      if (!isXmlChar(referencedCodePoint(text.slice(amp + 1, after - 1)))) {
        faults.push({
          span: { start: amp, end: after },
          // The character is not named: inside a password it is part of the secret.
          message: 'This character reference names a character that XML does not allow, so .NET rejects the file. Remove it.',
          fixes: [{ title: 'Remove the character reference', edits: [{ start: amp, end: after, newText: '' }], safe: false }],
        });
      }
    } else {
      const name = text.slice(amp + 1, after - 1);
      const known = PREDEFINED.has(name) || declared?.has(name);
      if (!known) {
        faults.push({
          span: { start: amp, end: after },
          // The reference is not quoted: inside a password it is part of the secret.
          message: "This entity reference names an entity that is not declared, so .NET rejects the file. If '&' is part of the value, write it as &amp;.",
          fixes: [escapeFix(amp, false)],
        });
      }
    }
    index = raw.indexOf('&', index + 1);
  }
  return faults;
}

function bareAmpersand(text: string, amp: number, limit: number, where: string): EntityFault {
  let end = amp + 1;
  while (end < limit && /[\w.:-]/.test(text[end])) end++;
  return {
    span: { start: amp, end },
    message: `A bare '&' in ${where} is not valid XML, so .NET rejects the file. Write it as &amp;.`,
    fixes: [escapeFix(amp, true)],
  };
}

function escapeFix(amp: number, preferred: boolean): Fix {
  return { title: 'Escape & as &amp;', edits: [{ start: amp, end: amp + 1, newText: '&amp;' }], isPreferred: preferred, safe: preferred };
}

/** Characters that decoding changes; a value without any is its own decoded text. */
const NEEDS_DECODING = /[&\r\n\t]/;

/** Decodes an attribute value without keeping the offset map, as DecodedValue.decode(raw, 0).text. */
export function decodeAttributeText(raw: string): string {
  return NEEDS_DECODING.test(raw) ? DecodedValue.decode(raw, 0).text : raw;
}

/**
 * An attribute value after XML decoding, with a map back to raw offsets. Line breaks and tabs
 * become spaces (XML attribute-value normalisation). DTD entities are never expanded: a reference
 * to one becomes a single OPAQUE_CHARACTER, so its ';' never splits a connection string.
 */
export class DecodedValue {
  private constructor(
    readonly text: string,
    /** Raw offset of each decoded character, plus one entry for the end; undefined when the map is an identity shift. */
    private readonly offsets: number[] | undefined,
    private readonly rawStart: number,
  ) {}

  static decode(raw: string, rawStart: number): DecodedValue {
    if (!NEEDS_DECODING.test(raw)) return new DecodedValue(raw, undefined, rawStart);

    let text = '';
    const offsets: number[] = [];
    let i = 0;
    while (i < raw.length) {
      const step = decodeAt(raw, i);
      text += step.char;
      offsets.push(rawStart + i);
      i += step.length;
    }
    offsets.push(rawStart + raw.length);
    return new DecodedValue(text, offsets, rawStart);
  }

  /** Maps a decoded offset (0..text.length) to its raw document offset. */
  toRaw(offset: number): number {
    if (!this.offsets) return this.rawStart + offset;
    return this.offsets[Math.max(0, Math.min(offset, this.offsets.length - 1))];
  }

  /** Maps a decoded span to the raw span it comes from, entities included. */
  spanToRaw(start: number, end: number): Span {
    return { start: this.toRaw(start), end: this.toRaw(end) };
  }
}

function decodeAt(raw: string, i: number): { char: string; length: number } {
  const code = raw.charCodeAt(i);
  if (code === 0x0d) return { char: ' ', length: raw.charCodeAt(i + 1) === 0x0a ? 2 : 1 };
  if (code === 0x0a || code === 0x09) return { char: ' ', length: 1 };
  if (code !== 0x26) return { char: raw[i], length: 1 };

  const after = referenceEnd(raw, i, raw.length);
  if (after < 0) return { char: '&', length: 1 };
  const name = raw.slice(i + 1, after - 1);
  const predefined = PREDEFINED.get(name);
  if (predefined !== undefined) return { char: predefined, length: after - i };
  if (name.startsWith('#')) {
    const value = referencedCodePoint(name);
    if (value > 0 && value <= 0xffff) return { char: String.fromCharCode(value), length: after - i };
  }
  return { char: OPAQUE_CHARACTER, length: after - i };
}
