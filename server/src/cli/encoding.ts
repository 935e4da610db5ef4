/**
 * Decodes config files the way editors open them and encodes fixed text back to the same bytes:
 * UTF-8 with or without a byte order mark (BOM), and UTF-16 LE or BE with a BOM.
 */
import { CliError } from './errors.js';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface DecodedFile {
  text: string;
  encoding: Encoding;
  /**
   * Set when the bytes are not UTF-8 and the XML declaration names another encoding that decodes
   * them, such as iso-8859-1 or windows-1252: .NET reads such a file by its declaration. The
   * linter cannot write those encodings back, so it does not fix the file.
   */
  declaredEncoding?: string;
  bom: boolean;
  /** Number of byte sequences that are not valid UTF-8, each decoded as U+FFFD. */
  invalidSequences: number;
}

/**
 * Share of invalid UTF-8 sequences, per decoded character, above which a file counts as binary.
 * A Latin-1 file with a few accented letters in comments stays well below it.
 */
export const BINARY_INVALID_SHARE = 0.1;

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** Decodes the bytes of `displayPath`, or raises a CliError when they are not text. */
export function decodeFile(bytes: Uint8Array, displayPath: string): DecodedFile {
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes, 'utf-16le', displayPath);
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes, 'utf-16be', displayPath);

  if (bytes.includes(0)) {
    const hint = looksLikeUtf16WithoutBom(bytes)
      ? 'it looks like UTF-16 without a byte order mark; save it as UTF-8 or as UTF-16 with a BOM'
      : 'pass only ConnectionStrings.config files';
    throw new CliError(`${displayPath}: binary file (contains NUL bytes), not checked; ${hint}.`);
  }

  const bom = startsWith(bytes, UTF8_BOM);
  const body = bom ? bytes.subarray(UTF8_BOM.length) : bytes;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { text, encoding: 'utf-8', bom, invalidSequences: 0 };
  } catch {
    const declared = bom ? undefined : decodeAsDeclared(body);
    if (declared) return declared;
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
    const invalidSequences = countReplacements(text) - countLiteralReplacements(body);
    if (invalidSequences > BINARY_INVALID_SHARE * text.length) {
      const count = invalidSequences === 1 ? '1 byte sequence is' : `${invalidSequences} byte sequences are`;
      throw new CliError(`${displayPath}: binary file (${count} not valid UTF-8), not checked; save it as UTF-8 or pass only ConnectionStrings.config files.`);
    }
    return { text, encoding: 'utf-8', bom, invalidSequences };
  }
}

/** Returns the encoding that an XML declaration at the start of `start` names, if any. */
export function declaredEncodingOf(start: string): string | undefined {
  return /^<\?xml[ \t\r\n][^>]{0,200}?encoding[ \t\r\n]*=[ \t\r\n]*["']([A-Za-z][A-Za-z0-9._-]{0,40})["']/.exec(start)?.[1];
}

/** Decodes bytes that are not UTF-8 with the encoding their XML declaration names, when Node supports it and it is no UTF. */
function decodeAsDeclared(body: Uint8Array): DecodedFile | undefined {
  const label = declaredEncodingOf(Buffer.from(body.subarray(0, 300)).toString('latin1'));
  if (!label || /^(utf|unicode|ucs)/i.test(label)) return undefined;
  try {
    const text = new TextDecoder(label, { fatal: true }).decode(body);
    return { text, encoding: 'utf-8', declaredEncoding: label, bom: false, invalidSequences: 0 };
  } catch {
    // An encoding Node does not know, or bytes it cannot decode: read as UTF-8 with replacements.
    return undefined;
  }
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', displayPath: string): DecodedFile {
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(2));
    return { text, encoding, bom: true, invalidSequences: 0 };
  } catch {
    throw new CliError(`${displayPath}: starts with a ${encoding.toUpperCase()} byte order mark but is not valid ${encoding.toUpperCase()}, not checked; save it again as UTF-8 or UTF-16.`);
  }
}

/** Checks for the start of an XML file in UTF-16 without a BOM: '<' and a NUL byte, in either order. */
function looksLikeUtf16WithoutBom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0x3c && bytes[1] === 0) || (bytes[0] === 0 && bytes[1] === 0x3c);
}

function countReplacements(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) count++;
  return count;
}

/** Counts U+FFFD characters written in the file itself (EF BF BD), which are valid UTF-8. */
function countLiteralReplacements(bytes: Uint8Array): number {
  let count = 0;
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) count++;
  }
  return count;
}

/** Encodes `text` with the encoding and BOM a file was read with. */
export function encodeFile(text: string, file: Pick<DecodedFile, 'encoding' | 'bom'>): Buffer {
  if (file.encoding === 'utf-8') {
    const body = Buffer.from(text, 'utf-8');
    return file.bom ? Buffer.concat([Buffer.from(UTF8_BOM), body]) : body;
  }

  // Node has no UTF-16 BE encoder, so both byte orders are written by hand from UTF-16 code units.
  const bytes = Buffer.alloc(2 + text.length * 2);
  const littleEndian = file.encoding === 'utf-16le';
  const write = (unit: number, offset: number) => (littleEndian ? bytes.writeUInt16LE(unit, offset) : bytes.writeUInt16BE(unit, offset));
  write(0xfeff, 0);
  for (let i = 0; i < text.length; i++) write(text.charCodeAt(i), 2 + i * 2);
  return bytes;
}
