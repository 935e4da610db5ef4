/** Character classes of XML 1.0 (fifth edition) names, which .NET's XML reader follows. */

/**
 * The fast test the scanner reads names with: ASCII name characters, and every character from
 * U+00B7 up. A name that has any non-ASCII character is then checked exactly by
 * invalidNameCharacter.
 */
export function isNameStart(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    code === 0x5f ||
    code === 0x3a ||
    code >= 0xc0
  );
}

export function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x2e || code === 0xb7;
}

export function isXmlSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** True for a character that XML 1.0 forbids anywhere: C0 controls other than tab, LF and CR, and U+FFFE, U+FFFF. */
export function isForbiddenChar(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff;
}

/** XML's NameStartChar for a code point outside ASCII. */
function isWideNameStart(point: number): boolean {
  return (
    (point >= 0xc0 && point <= 0xd6) ||
    (point >= 0xd8 && point <= 0xf6) ||
    (point >= 0xf8 && point <= 0x2ff) ||
    (point >= 0x370 && point <= 0x37d) ||
    (point >= 0x37f && point <= 0x1fff) ||
    point === 0x200c ||
    point === 0x200d ||
    (point >= 0x2070 && point <= 0x218f) ||
    (point >= 0x2c00 && point <= 0x2fef) ||
    (point >= 0x3001 && point <= 0xd7ff) ||
    (point >= 0xf900 && point <= 0xfdcf) ||
    (point >= 0xfdf0 && point <= 0xfffd) ||
    (point >= 0x10000 && point <= 0xeffff)
  );
}

/** XML's NameChar for a code point outside ASCII. */
function isWideNameChar(point: number): boolean {
  return isWideNameStart(point) || point === 0xb7 || (point >= 0x300 && point <= 0x36f) || point === 0x203f || point === 0x2040;
}

/**
 * Checks the name text[start, end) exactly. Returns the span of its first character that XML does
 * not allow at that place, or undefined when the name is valid. A surrogate pair counts as one
 * character; a lone surrogate is never allowed.
 */
export function invalidNameCharacter(text: string, start: number, end: number): { start: number; end: number } | undefined {
  for (let i = start; i < end; ) {
    const code = text.charCodeAt(i);
    let point = code;
    let width = 1;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < end) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        point = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    const valid = point < 0x80
      ? (i === start ? isNameStart(point) : isNameChar(point))
      : (i === start ? isWideNameStart(point) : isWideNameChar(point));
    // A lone surrogate (U+D800–U+DFFF on its own) falls in no range of either class.
    if (!valid) return { start: i, end: i + width };
    i += width;
  }
  return undefined;
}
