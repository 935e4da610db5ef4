/**
 * A tolerant XML scanner that keeps the raw offset of every element, attribute name and
 * attribute value. It never throws: broken markup becomes a syntax error at the characters at
 * fault, and scanning goes on so that the entries after the fault can still be analysed.
 */
import type { Fix, RelatedSpan, Span } from '../analysis/types.js';
import { invalidNameCharacter, isForbiddenChar, isNameChar, isNameStart, isXmlSpace } from './chars.js';
import { checkAttributeEntities, checkReferences } from './entities.js';

export interface XmlAttribute {
  readonly name: string;
  readonly nameSpan: Span;
  /** The attribute from its name to its closing quote. */
  readonly span: Span;
  /** The raw text between the quotes; for an unquoted value, the value itself. */
  readonly valueSpan: Span;
  readonly rawValue: string;
  readonly quote: '"' | "'" | '';
}

/**
 * An attribute keeps its offsets as numbers and builds a span object only when one is asked for:
 * a large file has hundreds of thousands of attributes, and the rules look at the spans of few.
 */
class ScannedAttribute implements XmlAttribute {
  constructor(
    readonly name: string,
    readonly nameStart: number,
    readonly nameEnd: number,
    readonly valueStart: number,
    readonly valueEnd: number,
    readonly end: number,
    readonly rawValue: string,
    readonly quote: '"' | "'" | '',
  ) {}

  get nameSpan(): Span {
    return { start: this.nameStart, end: this.nameEnd };
  }

  get span(): Span {
    return { start: this.nameStart, end: this.end };
  }

  get valueSpan(): Span {
    return { start: this.valueStart, end: this.valueEnd };
  }
}

export interface XmlElement {
  readonly name: string;
  readonly nameSpan: Span;
  /** From `<` to the end of the start tag (after `>` or `/>`, or where an unclosed tag stops). */
  readonly tagSpan: Span;
  readonly attributes: XmlAttribute[];
  readonly parent: XmlElement | undefined;
  readonly children: XmlElement[];
  /** Set when the start tag itself is not well-formed. */
  readonly broken: boolean;
}

/** An element keeps its offsets as numbers and builds span objects on request, as ScannedAttribute does. */
class ScannedElement implements XmlElement {
  readonly attributes: XmlAttribute[] = [];
  children: XmlElement[] = NO_CHILDREN;
  broken = false;
  /** Set once the start tag has been read. */
  tagEnd: number;
  /** The prefixes this element declares with xmlns:prefix attributes, if any. */
  declaredPrefixes: string[] | undefined;

  constructor(
    readonly name: string,
    readonly tagStart: number,
    readonly nameEnd: number,
    readonly parent: ScannedElement | undefined,
  ) {
    this.tagEnd = nameEnd;
  }

  get nameSpan(): Span {
    return { start: this.tagStart + 1, end: this.nameEnd };
  }

  get tagSpan(): Span {
    return { start: this.tagStart, end: this.tagEnd };
  }
}

export interface XmlSyntaxError {
  span: Span;
  message: string;
  fixes: Fix[];
  related?: RelatedSpan[];
}

export interface Doctype {
  /** The `<!DOCTYPE` keyword. */
  keywordSpan: Span;
  entityNames: Set<string>;
}

export interface ScanResult {
  roots: XmlElement[];
  elements: XmlElement[];
  errors: XmlSyntaxError[];
  doctype: Doctype | undefined;
}

/**
 * The XML declaration after '<?xml', up to '?>': XML 1.0's VersionInfo (.NET reads version 1.0
 * only), EncodingDecl and SDDecl.
 * Each part is a fixed sequence without nested repetition, so the test is linear.
 */
const XML_DECLARATION = /^[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.0"|'1\.0')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*$/;

/** The namespace of web.config transforms, which the xdt: prefix must be bound to. */
const XDT_NAMESPACE = 'http://schemas.microsoft.com/XML-Document-Transform';

const STRAY_FRAGMENT_NAMES = new Set(['add', 'remove', 'clear', 'connectionStrings', 'configuration']);

/**
 * Elements whose content .NET reads as configuration, where character data is an error. Other
 * sections of a Web.config, such as applicationSettings' <value>, may hold text.
 */
const TEXTLESS_ELEMENTS = new Set(['add', 'remove', 'clear', 'connectionStrings', 'configuration']);

/** The characters isForbiddenChar accepts. */
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Syntax errors kept per scan: well above the analysis's 1,000 findings, as it sorts them before it cuts. */
const MAX_SCAN_ERRORS = 5000;

/** Forbidden characters are reported run by run up to this count; a binary file has thousands of runs. */
const MAX_FORBIDDEN_RUNS = 100;

const UTF16_MESSAGE =
  'Every other character of this file is NUL: it is UTF-16 text read as UTF-8. Reopen it with the UTF-16 encoding, then save it as UTF-8 with a BOM, as Creatio ships it.';

/** True when about every other character at the start is NUL, as in UTF-16 text decoded as UTF-8. */
function looksLikeUtf16(text: string, from: number): boolean {
  const sample = text.slice(from, from + 64);
  if (sample.length < 8) return false;
  const nuls = [0, 0];
  for (let i = 0; i < sample.length; i++) {
    if (sample.charCodeAt(i) === 0) nuls[i % 2]++;
  }
  return Math.max(nuls[0], nuls[1]) >= (sample.length / 2) * 0.8;
}

function forbiddenMessage(run: string): string {
  const codes = [...new Set(run)].slice(0, 3).map((char) => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  const what = run.length === 1 ? `The character ${codes[0]} is` : `These ${run.length} characters (${codes.join(', ')}${codes.length < new Set(run).size ? ', …' : ''}) are`;
  return `${what} not allowed anywhere in XML, so .NET refuses to load the file. Remove ${run.length === 1 ? 'it' : 'them'}.`;
}

/**
 * The element and attribute names of a configuration file. A name read from the text is replaced
 * by the same string from this list, so a file of thousands of entries keeps one copy of each and
 * the rules compare them by reference.
 */
const COMMON_NAMES = ['add', 'remove', 'clear', 'name', 'connectionString', 'providerName', 'connectionStrings', 'configuration', 'xdt:Transform', 'xdt:Locator'];
const COMMON_BY_LENGTH: string[][] = [];
for (const name of COMMON_NAMES) (COMMON_BY_LENGTH[name.length] ??= []).push(name);

/** Returns text[start, end), as the shared copy when it is a common name. */
function nameAt(text: string, start: number, end: number): string {
  const candidates = COMMON_BY_LENGTH[end - start];
  if (candidates) {
    for (const candidate of candidates) {
      if (text.startsWith(candidate, start)) return candidate;
    }
  }
  return text.slice(start, end);
}

/** Children of an element that has none: shared and frozen, replaced by an array of its own on the first child. */
const NO_CHILDREN: XmlElement[] = Object.freeze([]) as unknown as XmlElement[];

/** Scans `text` into elements and syntax errors. */
export function scanXml(text: string): ScanResult {
  return new Scanner(text).run();
}

class Scanner {
  private pos = 0;
  private readonly stack: ScannedElement[] = [];
  private readonly result: ScanResult = { roots: [], elements: [], errors: [], doctype: undefined };
  private closedRoot = false;
  /** Offset of the last end tag of each name, built on first use. */
  private lastEndTags: Map<string, number> | undefined;
  /** How many elements of each name are open, so an end tag that matches none needs no search of the stack. */
  private readonly openCounts = new Map<string, number>();
  /** The offset of the first '<' at or after `nextTagFrom`, or the text length; see nextTagAt. */
  private nextTag = -1;
  private nextTagFrom = -1;
  /** Set by readName when the name has a character outside ASCII. */
  private wideName = false;
  private readonly tagReader = new TagReader(this);
  /** How many open elements declare each namespace prefix. */
  private readonly prefixScopes = new Map<string, number>();
  /** Prefixes already reported as undeclared: .NET stops at the first use, so one report each is enough. */
  private readonly reportedPrefixes = new Set<string>();

  constructor(private readonly text: string) {}

  /**
   * Returns the offset of the first '<' at or after `from`, or the text length. Remembered, so the
   * search that checks an attribute value for a '<' also finds the next tag.
   */
  nextTagAt(from: number): number {
    if (from < this.nextTagFrom || from > this.nextTag) {
      const found = this.text.indexOf('<', from);
      this.nextTag = found < 0 ? this.text.length : found;
    }
    this.nextTagFrom = from;
    return this.nextTag;
  }

  /** Returns the end of the name that starts at `from`; sets `wideName` when it has a non-ASCII character. */
  readName(from: number): number {
    const text = this.text;
    let i = from;
    let bits = 0;
    for (; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (!isNameChar(code)) break;
      bits |= code;
    }
    this.wideName = bits >= 0x80;
    return i;
  }

  /** Reports the first character of a name that XML does not allow there; only names with non-ASCII characters need the check. */
  checkName(start: number, end: number, kind: 'element' | 'attribute'): void {
    if (!this.wideName) return;
    const bad = invalidNameCharacter(this.text, start, end);
    if (!bad) return;
    const point = this.text.codePointAt(bad.start)!;
    const code = `U+${point.toString(16).toUpperCase().padStart(4, '0')}`;
    const where = bad.start === start ? 'at the start of' : 'in';
    this.error(bad, `The character ${code} is not allowed ${where} an XML ${kind} name, so .NET rejects the file. Remove it or rename the ${kind}.`);
  }

  run(): ScanResult {
    const text = this.text;
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
    if (looksLikeUtf16(text, this.pos)) {
      // Every other character is NUL, so each tag would be a fault of its own: one error covers the whole file.
      this.error({ start: this.pos, end: Math.min(text.length, this.pos + 2) }, UTF16_MESSAGE);
      return this.result;
    }
    this.reportForbiddenCharacters();

    while (this.pos < text.length) {
      const lt = this.nextTagAt(this.pos);
      this.checkText(this.pos, lt);
      if (lt >= text.length) break;
      this.pos = lt;
      this.scanMarkup();
    }

    this.reportUnclosedElements();
    // After another fault the root may only be hidden by it, as in a comment never closed.
    if (this.result.roots.length === 0 && this.result.errors.length === 0) this.reportMissingRoot();
    return this.result;
  }

  /** Reports a file without any element, which .NET rejects ("Root element is missing"). */
  private reportMissingRoot(): void {
    const text = this.text;
    let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    while (start < text.length && isXmlSpace(text.charCodeAt(start))) start++;
    this.error({ start, end: start }, 'The file has no root element, so .NET rejects it. A ConnectionStrings.config contains one <connectionStrings> element with the entries.');
  }

  /**
   * Checks an XML declaration by XML 1.0's grammar: version, then optional encoding, then
   * optional standalone, each name="value" with its quotes, separated by whitespace. A target
   * 'xml' in other letter case is reserved and reported too.
   */
  private checkDeclaration(start: number, targetEnd: number): void {
    const text = this.text;
    const target = text.slice(start + 2, targetEnd);
    if (target.toLowerCase() !== 'xml') return;
    const close = text.indexOf('?>', targetEnd);
    const end = close < 0 ? text.length : close;
    if (target !== 'xml') {
      this.error({ start, end: targetEnd }, `'<?${target}' is reserved: the XML declaration is written <?xml in lower case, and no other instruction may be named so. .NET rejects the file.`);
      return;
    }
    if (close < 0) return;
    if (!XML_DECLARATION.test(text.slice(targetEnd, end))) {
      this.error({ start, end: end + 2 }, 'This XML declaration is not well-formed, so .NET rejects the file. Write it as <?xml version="1.0" encoding="utf-8"?>: version first, then encoding, then standalone="yes" or "no", each value in quotes.', [
        { title: 'Write <?xml version="1.0" encoding="utf-8"?>', edits: [{ start, end: end + 2, newText: '<?xml version="1.0" encoding="utf-8"?>' }], safe: false },
      ]);
    }
  }

  /** Reports a processing instruction without a name after '<?', as in '<?>' or '<? x?>'. */
  private checkInstructionTarget(start: number, targetEnd: number): void {
    if (targetEnd > start + 2 && invalidNameCharacter(this.text, start + 2, targetEnd) === undefined) return;
    this.error({ start, end: start + 2 }, "A processing instruction needs a name right after '<?', as in <?xml version=\"1.0\"?>. Remove it or add the name.");
  }

  private error(span: Span, message: string, fixes: Fix[] = [], related?: RelatedSpan[]): void {
    // The analysis shows at most MAX_FINDINGS findings, the first by position; building a million
    // errors for a file of '<' or '&' would cost seconds for nothing.
    if (this.result.errors.length >= MAX_SCAN_ERRORS) return;
    this.result.errors.push({ span, message, fixes, related });
  }

  /** Reports each run of characters that XML forbids, up to MAX_FORBIDDEN_RUNS, wherever it is. */
  private reportForbiddenCharacters(): void {
    const text = this.text;
    // One regular-expression test first: most files have none, and it is faster than the loop.
    if (!FORBIDDEN_CHARACTER.test(text)) return;
    let runs = 0;
    for (let i = this.pos; i < text.length; i++) {
      if (!isForbiddenChar(text.charCodeAt(i))) continue;
      let end = i + 1;
      while (end < text.length && isForbiddenChar(text.charCodeAt(end))) end++;
      if (++runs > MAX_FORBIDDEN_RUNS) return;
      this.error({ start: i, end }, forbiddenMessage(text.slice(i, end)), [
        { title: 'Remove the characters XML forbids', edits: [{ start: i, end, newText: '' }], isPreferred: true, safe: false },
      ]);
      i = end;
    }
  }

  /** Reports character data that XML or .NET configuration rejects between tags. */
  private checkText(start: number, end: number): void {
    const text = this.text;
    for (let i = start; i < end; i++) {
      const code = text.charCodeAt(i);
      // Forbidden characters have an error of their own.
      if (isXmlSpace(code) || isForbiddenChar(code)) continue;

      const runEnd = this.endOfRun(i, end);
      const span = { start: i, end: runEnd };
      const parent = this.stack[this.stack.length - 1];
      if (!parent) {
        this.error(span, 'Text outside the root element is not allowed. Remove it or put it in a comment.');
      } else if (TEXTLESS_ELEMENTS.has(parent.name)) {
        this.error(span, `Text inside <${parent.name}> is not allowed in a configuration section. Remove it or put it in a comment.`);
      } else {
        this.checkCharacterData(i, end, parent.name);
      }
      return;
    }
  }

  /** Checks the text an element may contain, such as an applicationSettings <value>, for references and ']]>'. */
  private checkCharacterData(start: number, end: number, parentName: string): void {
    const raw = this.text.slice(start, end);
    if (raw.includes('&')) {
      for (const fault of checkReferences(this.text, start, raw, this.entityNames(), `the text of <${parentName}>`)) {
        this.error(fault.span, fault.message, fault.fixes);
      }
    }
    const close = raw.indexOf(']]>');
    if (close >= 0) {
      const at = start + close;
      this.error({ start: at, end: at + 3 }, "']]>' is not allowed in text. Write the '>' as &gt;.", [
        { title: 'Escape > as &gt;', edits: [{ start: at + 2, end: at + 3, newText: '&gt;' }], isPreferred: true, safe: true },
      ]);
    }
  }

  private endOfRun(from: number, limit: number): number {
    let i = from;
    while (i < limit && !isXmlSpace(this.text.charCodeAt(i))) i++;
    return i;
  }

  private scanMarkup(): void {
    const text = this.text;
    const start = this.pos;
    if (text.startsWith('<!--', start)) return this.scanComment(start);
    if (text.startsWith('<![CDATA[', start)) {
      // Configuration elements take no character data, and .NET treats CDATA as such.
      const parent = this.stack[this.stack.length - 1];
      if (!parent) {
        this.error({ start, end: start + 9 }, 'A CDATA section outside the root element is not allowed. Remove it or turn it into a comment.');
      } else if (TEXTLESS_ELEMENTS.has(parent.name)) {
        this.error({ start, end: start + 9 }, `A CDATA section inside <${parent.name}> is not allowed in a configuration section. Remove it or turn it into a comment.`);
      }
      return this.scanDelimited(start, ']]>', 'CDATA section');
    }
    if (text.startsWith('<!DOCTYPE', start)) return this.scanDoctype(start);
    if (text.startsWith('<?', start)) {
      const targetEnd = this.readName(start + 2);
      this.checkDeclarationPlace(start);
      this.checkInstructionTarget(start, targetEnd);
      this.checkDeclaration(start, targetEnd);
      return this.scanDelimited(start, '?>', 'processing instruction');
    }
    if (text.charCodeAt(start + 1) === 0x2f) return this.scanEndTag(start);
    if (isNameStart(text.charCodeAt(start + 1))) return this.scanStartTag(start);

    this.error({ start, end: start + 1 }, "A bare '<' is not allowed here. Write it as &lt; or remove it.", [
      { title: 'Escape < as &lt;', edits: [{ start, end: start + 1, newText: '&lt;' }], safe: false },
    ]);
    this.pos = start + 1;
  }

  /** Reports an XML declaration that is not the first thing in the file, as .NET rejects it. */
  private checkDeclarationPlace(start: number): void {
    const text = this.text;
    const first = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (start === first || !/^<\?xml[\s?]/.test(text.slice(start, start + 6))) return;

    let blank = start;
    while (blank > first && isXmlSpace(text.charCodeAt(blank - 1))) blank--;
    const fixes: Fix[] = blank === first
      ? [{ title: 'Remove the blank text before the declaration', edits: [{ start: first, end: start, newText: '' }], isPreferred: true, safe: true }]
      : [];
    this.error({ start, end: start + 5 }, "The XML declaration '<?xml …?>' must be the very first text of the file, with not even a space or a line break before it; .NET rejects the file otherwise. Move it to the start or remove it.", fixes);
  }

  private scanComment(start: number): void {
    const close = this.text.indexOf('-->', start + 4);
    const end = close < 0 ? this.text.length : close;
    const dashes = this.text.indexOf('--', start + 4);
    if (dashes >= 0 && dashes < end) {
      this.error({ start: dashes, end: dashes + 2 }, "'--' is not allowed inside a comment. .NET rejects the file; replace it, for example with '- -'.");
    }
    if (close < 0) {
      this.error({ start, end: start + 4 }, "This comment is never closed. Add '-->' where it should end.");
      this.pos = this.text.length;
      return;
    }
    this.pos = close + 3;
  }

  private scanDelimited(start: number, terminator: string, what: string): void {
    const close = this.text.indexOf(terminator, start + 2);
    if (close < 0) {
      this.error({ start, end: Math.min(start + 2, this.text.length) }, `This ${what} is never closed. Add '${terminator}' where it should end.`);
      this.pos = this.text.length;
      return;
    }
    this.pos = close + terminator.length;
  }

  /**
   * Reads a DOCTYPE, internal subset included, and records the general entity names it declares.
   * The grammar is checked as XML 1.0 gives it: the root element's name, an optional SYSTEM or
   * PUBLIC identifier, an optional internal subset of declarations, comments, processing
   * instructions and parameter-entity references, then '>'. At the first text outside that
   * grammar, one error is reported and the rest is skipped up to the '>' that ends the DOCTYPE.
   */
  private scanDoctype(start: number): void {
    const text = this.text;
    const keywordSpan = { start, end: start + '<!DOCTYPE'.length };
    if (this.result.doctype || this.result.elements.length > 0) {
      this.error(keywordSpan, 'A DOCTYPE may appear only once, before the root element, so .NET rejects the file. Remove this one.');
    }
    const entityNames = this.result.doctype?.entityNames ?? new Set<string>();
    this.result.doctype ??= { keywordSpan, entityNames };

    const reader = new DoctypeReader(text, keywordSpan.end, entityNames);
    const fault = reader.read();
    let i = reader.at;
    if (fault && i < text.length) {
      this.error({ start: i, end: Math.min(text.length, Math.max(i + 1, this.endOfRun(i, text.length))) }, fault);
      i = skipToDoctypeEnd(text, i, reader.inSubset ? 1 : 0, entityNames);
    }
    if (i >= text.length) {
      this.error(keywordSpan, "This DOCTYPE is never closed. Add '>' where it should end.");
    }
    this.pos = Math.min(i + 1, text.length);
  }

  private scanEndTag(start: number): void {
    const text = this.text;
    let i = this.readName(start + 2);
    const name = nameAt(text, start + 2, i);
    this.checkName(start + 2, i, 'element');
    while (i < text.length && isXmlSpace(text.charCodeAt(i))) i++;
    const closed = text.charCodeAt(i) === 0x3e;
    const span = { start, end: closed ? i + 1 : i };
    this.pos = closed ? i + 1 : i;

    if (!closed) this.error(span, `The end tag </${name}> is missing its '>'.`);
    this.closeElement(name, span);
  }

  private closeElement(name: string, span: Span): void {
    const index = this.findOpen(name);
    if (index < 0 && this.isMisspelledEndTag(span)) {
      const open = this.stack[this.stack.length - 1];
      this.truncateStack(this.stack.length - 1);
      const nameSpan = { start: span.start + 2, end: span.start + 2 + name.length };
      // Copying a start tag's name that XML rejects would only move that fault to the end tag.
      const validName = invalidNameCharacter(open.name, 0, open.name.length) === undefined;
      this.error(span, `The end tag </${name}> does not match the start tag <${open.name}>. Write </${open.name}>.`, validName ? [
        { title: `Write </${open.name}>`, edits: [{ ...nameSpan, newText: open.name }], isPreferred: true, safe: false },
      ] : []);
      if (this.stack.length === 0) this.closedRoot = true;
      return;
    }
    if (index < 0) {
      this.error(span, `The end tag </${name}> has no matching start tag. Remove it or add <${name}> before it.`);
      return;
    }
    for (let k = this.stack.length - 1; k > index; k--) {
      const open = this.stack[k];
      this.error(open.nameSpan, `<${open.name}> is never closed: </${name}> ends its parent first. Close it with '/>' or </${open.name}>.`);
    }
    this.truncateStack(index);
    if (index === 0) this.closedRoot = true;
  }

  /**
   * True when an end tag that matches no open element most likely means the innermost one: no
   * end tag for that element follows. Otherwise the end tag is a stray one.
   */
  private isMisspelledEndTag(span: Span): boolean {
    const open = this.stack[this.stack.length - 1];
    return open !== undefined && this.lastEndTagOf(open.name) < span.end;
  }

  /**
   * Returns the offset of the last end tag named `name` in the file, or -1. One pass indexes every
   * end tag, so a broken file with thousands of element names stays linear.
   */
  private lastEndTagOf(name: string): number {
    if (!this.lastEndTags) {
      this.lastEndTags = new Map();
      const text = this.text;
      for (let at = text.indexOf('</'); at >= 0; at = text.indexOf('</', at + 2)) {
        let end = at + 2;
        while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
        this.lastEndTags.set(text.slice(at + 2, end), at);
      }
    }
    return this.lastEndTags.get(name) ?? -1;
  }

  private pushStack(element: ScannedElement): void {
    this.stack.push(element);
    this.openCounts.set(element.name, (this.openCounts.get(element.name) ?? 0) + 1);
    for (const prefix of element.declaredPrefixes ?? []) this.prefixScopes.set(prefix, (this.prefixScopes.get(prefix) ?? 0) + 1);
  }

  /** Closes the open elements from `index` up. */
  private truncateStack(index: number): void {
    for (let k = index; k < this.stack.length; k++) {
      const name = this.stack[k].name;
      this.openCounts.set(name, this.openCounts.get(name)! - 1);
      for (const prefix of this.stack[k].declaredPrefixes ?? []) this.prefixScopes.set(prefix, this.prefixScopes.get(prefix)! - 1);
    }
    this.stack.length = index;
  }

  /**
   * Checks the prefixes of an element's name and of its attributes' names, as .NET's reader does
   * with namespaces on. A prefix must be declared by xmlns:prefix on the element or an ancestor,
   * and a name has at most one ':', with text on both sides.
   */
  private checkPrefixes(element: ScannedElement): void {
    for (const attribute of element.attributes) {
      if (!attribute.name.startsWith('xmlns:')) continue;
      (element.declaredPrefixes ??= []).push(attribute.name.slice(6));
      if (attribute.rawValue.trim() === '') {
        this.error(attribute.span, `${attribute.name} is empty: a prefix must name a namespace, so .NET rejects the file. Write the namespace, or remove the attribute.`);
      }
    }
    if (element.name.includes(':')) this.checkQualifiedName(element, element.name, element.nameSpan);
    for (const attribute of element.attributes) {
      if (attribute.name.includes(':')) this.checkQualifiedName(element, attribute.name, attribute.nameSpan);
    }
  }

  private checkQualifiedName(element: ScannedElement, name: string, span: Span): void {
    const colon = name.indexOf(':');
    if (colon < 0) return;
    if (colon === 0 || colon === name.length - 1 || name.indexOf(':', colon + 1) >= 0) {
      this.error(span, `'${name}' is not a valid name where namespaces are used: a name has at most one ':' with text on both sides, so .NET rejects the file.`);
      return;
    }
    const prefix = name.slice(0, colon);
    if (prefix === 'xml' || prefix === 'xmlns' || this.prefixScopes.get(prefix) || element.declaredPrefixes?.includes(prefix)) return;
    if (this.reportedPrefixes.has(prefix)) return;
    this.reportedPrefixes.add(prefix);
    const root = this.stack[0] ?? element;
    const fixes: Fix[] = prefix === 'xdt'
      ? [{ title: 'Declare xmlns:xdt on the root element', edits: [{ start: root.nameEnd, end: root.nameEnd, newText: ` xmlns:xdt="${XDT_NAMESPACE}"` }], isPreferred: true, safe: true }]
      : [];
    const hint = prefix === 'xdt' ? ` Add xmlns:xdt="${XDT_NAMESPACE}" to the root element.` : ` Declare it with xmlns:${prefix}="…" on the root element.`;
    this.error(span, `The prefix '${prefix}' is not declared, so .NET rejects the file ("'${prefix}' is an undeclared prefix").${hint}`, fixes);
  }

  private findOpen(name: string): number {
    if (!this.openCounts.get(name)) return -1;
    for (let k = this.stack.length - 1; k >= 0; k--) {
      if (this.stack[k].name === name) return k;
    }
    return -1;
  }

  private scanStartTag(start: number): void {
    const text = this.text;
    const i = this.readName(start + 1);
    const errorCount = this.result.errors.length;
    this.checkName(start + 1, i, 'element');

    const element = new ScannedElement(nameAt(text, start + 1, i), start, i, this.stack[this.stack.length - 1]);
    const ending = this.tagReader.read(element, i);
    element.tagEnd = ending.end;
    this.pos = ending.end;

    if (element.broken && !STRAY_FRAGMENT_NAMES.has(element.name)) {
      this.replaceWithStrayFragment(element, errorCount);
      return;
    }
    this.attach(element);
    this.checkPrefixes(element);
    // An unclosed root whose end tag follows, such as '<connectionStrings' missing its '>', still contains the entries.
    const holdsContent = ending.kind === 'unclosed' && element.parent === undefined && this.lastEndTagOf(element.name) >= ending.end;
    if (ending.kind === 'open' || holdsContent) this.pushStack(element);
    if (ending.kind === 'unclosed') this.reportUnclosedTag(element, holdsContent);
  }

  /** Reports a broken tag of an unknown element as one fault: a fragment pasted by mistake. */
  private replaceWithStrayFragment(element: ScannedElement, errorCount: number): void {
    this.result.errors.length = errorCount;
    const span = element.tagSpan;
    let from = span.start;
    while (from > 0 && (this.text[from - 1] === ' ' || this.text[from - 1] === '\t')) from--;
    // The tag's text is not quoted: a broken tag can hold a password.
    this.error(span, `This <${element.name} …> tag is not well-formed XML: it looks like a stray fragment. Delete it.`, [
      { title: 'Delete the stray fragment', edits: [{ start: from, end: span.end, newText: '' }], isPreferred: true, safe: false },
    ]);
  }

  private attach(element: ScannedElement): void {
    this.result.elements.push(element);
    const parent = element.parent;
    if (parent) {
      if (parent.children === NO_CHILDREN) parent.children = [];
      parent.children.push(element);
      return;
    }
    if (this.result.roots.length > 0 || this.closedRoot) {
      this.error(element.nameSpan, `<${element.name}> stands after the root element; a file has one root. Move it inside the root element.`);
    }
    this.result.roots.push(element);
  }

  private reportUnclosedTag(element: ScannedElement, holdsContent: boolean): void {
    const nameAttribute = element.attributes.find((a) => a.name === 'name');
    const spanEnd = nameAttribute ? nameAttribute.span.end : element.nameSpan.end;
    const last = element.attributes[element.attributes.length - 1];
    const afterLast = last ? last.span.end : element.nameSpan.end;
    // A space already after the last attribute is reused, so no trailing space is left behind.
    const spaceFollows = this.text[afterLast] === ' ' || this.text[afterLast] === '\t';
    const insertAt = spaceFollows && !holdsContent ? afterLast + 1 : afterLast;
    let ending = ' />';
    if (holdsContent) ending = '>';
    else if (spaceFollows) ending = '/>';
    const fixes: Fix[] = [
      { title: `Close the tag with '${ending.trim()}'`, edits: [{ start: insertAt, end: insertAt, newText: ending }], isPreferred: true, safe: true },
    ];
    const related = element.tagSpan.end < this.text.length
      ? [{ span: { start: element.tagSpan.end, end: element.tagSpan.end + 1 }, message: 'The next tag starts here.' }]
      : undefined;
    this.error({ start: element.tagSpan.start, end: spanEnd }, `The start tag <${element.name}> is never closed. Add '/>' (or '>') after its last attribute.`, fixes, related);
  }

  private reportUnclosedElements(): void {
    for (const open of this.stack) {
      this.error(open.nameSpan, `<${open.name}> is never closed. Add </${open.name}> at its end.`);
    }
  }

  /** Reports a fault inside a start tag and marks the element broken. Used by TagReader. */
  tagError(element: ScannedElement, span: Span, message: string, fixes: Fix[] = []): void {
    element.broken = true;
    this.error(span, message, fixes);
  }

  entityNames(): Set<string> | undefined {
    return this.result.doctype?.entityNames;
  }

  get source(): string {
    return this.text;
  }

  reportAttributeError(span: Span, message: string, fixes: Fix[]): void {
    this.error(span, message, fixes);
  }
}

interface TagEnding {
  kind: 'open' | 'self-closing' | 'unclosed';
  end: number;
}

/** Reads the attributes of one start tag; one reader serves every tag of a scan. */
class TagReader {
  private i = 0;
  private element!: ScannedElement;
  /** Names of the attributes read so far, built once a tag has many, so thousands of them stay linear. */
  private names: Set<string> | undefined;
  /** Set once a quoted value of this tag has no closing quote: a later '"' may then pair with that value's quote. */
  private unclosedQuote = false;

  constructor(private readonly scanner: Scanner) {}

  read(element: ScannedElement, from: number): TagEnding {
    this.element = element;
    this.i = from;
    this.names = undefined;
    this.unclosedQuote = false;
    const text = this.scanner.source;
    for (;;) {
      while (this.i < text.length && isXmlSpace(text.charCodeAt(this.i))) this.i++;
      if (this.i >= text.length) return { kind: 'unclosed', end: this.i };

      const code = text.charCodeAt(this.i);
      if (code === 0x3e) return { kind: 'open', end: this.i + 1 };
      if (code === 0x2f && text.charCodeAt(this.i + 1) === 0x3e) return { kind: 'self-closing', end: this.i + 2 };
      if (code === 0x3c) return { kind: 'unclosed', end: this.i };

      if (isNameStart(code)) this.readAttribute();
      else this.skipGarbage(this.i);
    }
  }

  private readAttribute(): void {
    const text = this.scanner.source;
    const nameStart = this.i;
    this.i = this.scanner.readName(nameStart);
    const nameEnd = this.i;
    const name = nameAt(text, nameStart, nameEnd);
    this.scanner.checkName(nameStart, nameEnd, 'attribute');

    let j = this.i;
    while (j < text.length && isXmlSpace(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) !== 0x3d) {
      this.skipGarbage(nameStart);
      return;
    }
    j++;
    while (j < text.length && isXmlSpace(text.charCodeAt(j))) j++;
    this.i = j;

    const quoteCode = text.charCodeAt(j);
    const quoted = quoteCode === 0x22 || quoteCode === 0x27;
    const previous = this.element.attributes[this.element.attributes.length - 1] as ScannedAttribute | undefined;
    const attribute = quoted ? this.readQuotedValue(name, nameStart, nameEnd, j) : this.readUnquotedValue(name, nameStart, nameEnd, j);
    // Only a well-formed name="…" counts: after an inner quote, the unexpected-text error explains more.
    if (quoted && previous !== undefined && previous.quote !== '' && previous.end === nameStart) {
      this.scanner.reportAttributeError({ start: nameStart, end: nameEnd }, `There is no space before attribute '${name}'. XML needs whitespace between attributes, so .NET rejects the file. Insert a space.`, [
        { title: 'Insert a space', edits: [{ start: nameStart, end: nameStart, newText: ' ' }], isPreferred: true, safe: true },
      ]);
    }
    this.addAttribute(attribute);
  }

  private readQuotedValue(name: string, nameStart: number, nameEnd: number, quoteAt: number): ScannedAttribute {
    const text = this.scanner.source;
    const quote = text[quoteAt] as '"' | "'";
    const close = text.indexOf(quote, quoteAt + 1);
    // Nearly every value has no '<', so its closing quote is its own: no character loop needed.
    if (close >= 0 && this.scanner.nextTagAt(quoteAt + 1) > close) {
      this.i = close + 1;
      return this.attribute(name, nameStart, nameEnd, quoteAt + 1, close, quote, close + 1);
    }
    const limit = close < 0 ? text.length : close;
    let lineEnd = quoteAt + 1;
    while (lineEnd < limit && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;

    // A '<' on a later line before the next quote means that quote opens a value of a later tag.
    const closedByLaterTag = close >= 0 && lineEnd < close && text.slice(lineEnd, close).includes('<');
    if (closedByLaterTag) {
      while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    }
    if (close >= 0 && !closedByLaterTag) {
      this.i = close + 1;
      return this.attribute(name, nameStart, nameEnd, quoteAt + 1, close, quote, close + 1);
    }

    // Without its closing quote the value would swallow the rest of the file: stop at the line
    // end, or before a '/>' or '>' that ends the line, so the tag still closes there.
    const end = startOfTagClose(text, quoteAt + 1, lineEnd);
    this.i = end;
    this.unclosedQuote = true;
    this.scanner.tagError(this.element, { start: nameStart, end: nameEnd }, `The value of attribute '${name}' has no closing quote. Add ${quote} at its end.`, [
      { title: 'Add the closing quote', edits: [{ start: end, end, newText: quote }], isPreferred: true, safe: false },
    ]);
    return this.attribute(name, nameStart, nameEnd, quoteAt + 1, end, quote, end);
  }

  private readUnquotedValue(name: string, nameStart: number, nameEnd: number, from: number): ScannedAttribute {
    const text = this.scanner.source;
    let end = this.endOfToken(from);
    // Documentation placeholders such as [Path to folder] contain spaces: keep them whole.
    const bracketed = /^\[[^\]<>"\r\n]*\]/.exec(text.slice(from, from + 200));
    if (bracketed) end = Math.max(end, from + bracketed[0].length);
    this.i = end;

    const valueSpan = { start: from, end };
    const raw = text.slice(from, end);
    // After a value without its closing quote, a new '"' may pair with that value's quote instead.
    // Right after a closing quote, as in name="db connectionString="Server=…, that quote most
    // likely belongs to the previous value, which lacks its own.
    const glued = nameStart > 0 && (text[nameStart - 1] === '"' || text[nameStart - 1] === "'");
    const certain = !this.unclosedQuote && !glued;
    const fixes: Fix[] = raw.includes('"') || raw.length === 0
      ? []
      : [{ title: 'Put the value in quotes', edits: [{ start: from, end: from, newText: '"' }, { start: end, end, newText: '"' }], isPreferred: certain, safe: certain }];
    const message = raw.length === 0
      ? `Attribute '${name}' has no value. Write ${name}="…".`
      : `The value of attribute '${name}' must be in quotes. Write ${name}="…".`;
    this.scanner.tagError(this.element, raw.length === 0 ? { start: nameStart, end: nameEnd } : valueSpan, message, fixes);
    return this.attribute(name, nameStart, nameEnd, from, end, '', end);
  }

  private attribute(name: string, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number, quote: XmlAttribute['quote'], end: number): ScannedAttribute {
    const rawValue = this.scanner.source.slice(valueStart, valueEnd);
    return new ScannedAttribute(name, nameStart, nameEnd, valueStart, valueEnd, end, rawValue, quote);
  }

  private isRepeated(name: string): boolean {
    const attributes = this.element.attributes;
    if (attributes.length < 16) {
      for (const attribute of attributes) {
        if (attribute.name === name) return true;
      }
      return false;
    }
    this.names ??= new Set(attributes.map((a) => a.name));
    return this.names.has(name);
  }

  private addAttribute(attribute: ScannedAttribute): void {
    const element = this.element;
    if (this.isRepeated(attribute.name)) {
      const eq = this.scanner.source.indexOf('=', attribute.nameEnd);
      this.scanner.tagError(element, { start: attribute.nameStart, end: eq + 1 }, `Attribute '${attribute.name}' is repeated on <${element.name}>. XML allows each attribute once; remove one of them.`);
    }
    element.attributes.push(attribute);
    this.names?.add(attribute.name);
    if (attribute.rawValue.includes('&')) {
      for (const fault of checkAttributeEntities(this.scanner.source, attribute, this.scanner.entityNames())) {
        this.scanner.reportAttributeError(fault.span, fault.message, fault.fixes);
      }
    }
    const lt = this.scanner.nextTagAt(attribute.valueStart);
    if (lt < attribute.valueEnd) {
      const at = lt;
      this.scanner.tagError(element, { start: at, end: at + 1 }, `'<' is not allowed in the value of '${attribute.name}'. Write it as &lt;.`, [
        { title: 'Escape < as &lt;', edits: [{ start: at, end: at + 1, newText: '&lt;' }], isPreferred: true, safe: true },
      ]);
    }
  }

  /** Returns where a run of text inside a tag ends: at whitespace, '>', '<' or '/>'. */
  private endOfToken(from: number): number {
    const text = this.scanner.source;
    let end = from;
    while (end < text.length) {
      const code = text.charCodeAt(end);
      if (isXmlSpace(code) || code === 0x3e || code === 0x3c) break;
      if (code === 0x2f && text.charCodeAt(end + 1) === 0x3e) break;
      end++;
    }
    return end;
  }

  /** Skips text that is neither an attribute nor the end of the tag, reporting it once. */
  private skipGarbage(from: number): void {
    const text = this.scanner.source;
    let end = this.endOfToken(from);
    if (end === from) end = from + 1;
    this.i = end;

    const fixes = this.quoteRepair(from);
    this.scanner.tagError(
      this.element,
      { start: from, end },
      `Unexpected text in the <${this.element.name}> tag. A '"' inside a value ends it early: write an inner quote as &quot;.`,
      fixes,
    );
  }

  /**
   * Offers to escape the quote that ended the previous value early, when the text up to the next
   * quote before the tag end contains no '=' (so it is most likely the rest of that value).
   */
  private quoteRepair(from: number): Fix[] {
    const previous = this.element.attributes[this.element.attributes.length - 1];
    if (!previous || previous.quote === '' || previous.span.end !== from) return [];

    const text = this.scanner.source;
    const nextQuote = text.indexOf(previous.quote, from);
    if (nextQuote < 0) return [];
    const after = text.slice(nextQuote + 1).match(/^\s*\/?>/);
    const between = text.slice(from, nextQuote);
    if (!after || between.includes('=') || between.includes('<')) return [];

    const entity = previous.quote === '"' ? '&quot;' : '&apos;';
    const early = previous.span.end - 1;
    return [{ title: `Escape the inner quote as ${entity}`, edits: [{ start: early, end: early + 1, newText: entity }], safe: false }];
  }
}

/**
 * Returns where a '>' or '/>' that ends [from, lineEnd) starts, whitespace before it included, or
 * `lineEnd` when the line does not end so. A backward scan: the regular expression
 * /\s*\/?>\s*$/ does the same but takes quadratic time on a long run of spaces.
 */
function startOfTagClose(text: string, from: number, lineEnd: number): number {
  const isSpace = (index: number) => /\s/.test(text[index]);
  let j = lineEnd;
  while (j > from && isSpace(j - 1)) j--;
  if (j === from || text[j - 1] !== '>') return lineEnd;
  j--;
  if (j > from && text[j - 1] === '/') j--;
  while (j > from && isSpace(j - 1)) j--;
  return j;
}

const DECLARATION_KEYWORDS = ['<!ENTITY', '<!ELEMENT', '<!ATTLIST', '<!NOTATION'];

/** Reads a DOCTYPE after its keyword by XML 1.0's grammar; `at` is left on the closing '>' or at the first fault. */
class DoctypeReader {
  at: number;
  inSubset = false;

  constructor(
    private readonly text: string,
    from: number,
    private readonly entityNames: Set<string>,
  ) {
    this.at = from;
  }

  /** Returns a message for the first fault, or undefined when the DOCTYPE is well-formed up to its '>'. */
  read(): string | undefined {
    const text = this.text;
    if (!this.skipSpaces()) return "'<!DOCTYPE' must be followed by a space and the name of the root element.";
    if (!this.readName()) return "The root element's name after '<!DOCTYPE' is missing or contains a character that XML does not allow in names.";
    const spaced = this.skipSpaces();
    if (spaced && (text.startsWith('SYSTEM', this.at) || text.startsWith('PUBLIC', this.at))) {
      const literals = text.startsWith('PUBLIC', this.at) ? 2 : 1;
      this.at += 6;
      for (let k = 0; k < literals; k++) {
        if (!this.skipSpaces() || !this.readLiteral()) return 'A SYSTEM or PUBLIC identifier in a DOCTYPE must be followed by a space and a quoted text.';
      }
      this.skipSpaces();
    }
    if (text.charCodeAt(this.at) === 0x5b) {
      this.at++;
      this.inSubset = true;
      const fault = this.readSubset();
      if (fault || this.at >= text.length) return fault;
      this.inSubset = false;
      this.at++;
      this.skipSpaces();
    }
    if (this.at >= text.length) return undefined;
    if (text.charCodeAt(this.at) !== 0x3e) return "Unexpected text in the DOCTYPE: after the root element's name only a SYSTEM or PUBLIC identifier and declarations in [ ] may follow, then '>'.";
    return undefined;
  }

  /** Reads the internal subset up to its ']'. */
  private readSubset(): string | undefined {
    const text = this.text;
    for (;;) {
      this.skipSpaces();
      if (this.at >= text.length) return undefined;
      const code = text.charCodeAt(this.at);
      if (code === 0x5d) return undefined;
      if (code === 0x25) {
        this.at++;
        if (!this.readName() || text.charCodeAt(this.at) !== 0x3b) return "A parameter-entity reference in the DOCTYPE must be written %name;.";
        this.at++;
      } else if (text.startsWith('<!--', this.at)) {
        const close = text.indexOf('-->', this.at + 4);
        this.at = close < 0 ? text.length : close + 3;
      } else if (text.startsWith('<?', this.at)) {
        const close = text.indexOf('?>', this.at + 2);
        this.at = close < 0 ? text.length : close + 2;
      } else if (text.startsWith('<!ENTITY', this.at)) {
        const fault = this.readEntityDeclaration();
        if (fault) return fault;
      } else if (DECLARATION_KEYWORDS.some((keyword) => text.startsWith(keyword, this.at))) {
        this.readDeclaration();
      } else {
        return "Unexpected text in the DOCTYPE's internal subset: between '[' and ']' only <!ENTITY …>, <!ELEMENT …>, <!ATTLIST …>, <!NOTATION …>, comments and %name; references may appear.";
      }
    }
  }

  /**
   * Reads <!ENTITY [% ]name "value"> or one with a SYSTEM or PUBLIC identifier (and NDATA), and
   * records a general entity's name.
   */
  private readEntityDeclaration(): string | undefined {
    const text = this.text;
    const fault = "An entity declaration must read <!ENTITY name \"value\"> (or name a SYSTEM or PUBLIC identifier instead of the value).";
    this.at += '<!ENTITY'.length;
    if (!this.skipSpaces()) return fault;
    let parameter = false;
    if (text.charCodeAt(this.at) === 0x25) {
      parameter = true;
      this.at++;
      if (!this.skipSpaces()) return fault;
    }
    const nameStart = this.at;
    if (!this.readName()) return fault;
    const name = text.slice(nameStart, this.at);
    if (!this.skipSpaces()) return fault;

    if (text.startsWith('SYSTEM', this.at) || text.startsWith('PUBLIC', this.at)) {
      const literals = text.startsWith('PUBLIC', this.at) ? 2 : 1;
      this.at += 6;
      for (let k = 0; k < literals; k++) {
        if (!this.skipSpaces() || !this.readLiteral()) return fault;
      }
      const spaced = this.skipSpaces();
      if (spaced && !parameter && text.startsWith('NDATA', this.at)) {
        this.at += 5;
        if (!this.skipSpaces() || !this.readName()) return fault;
        this.skipSpaces();
      }
    } else {
      if (!this.readLiteral()) return fault;
      this.skipSpaces();
    }

    if (text.charCodeAt(this.at) !== 0x3e) return this.at >= text.length ? undefined : fault;
    this.at++;
    if (!parameter) this.entityNames.add(name);
    return undefined;
  }

  /** Reads one markup declaration other than <!ENTITY up to its '>', quotes respected. */
  private readDeclaration(): void {
    const text = this.text;
    let quote = 0;
    for (this.at += 2; this.at < text.length; this.at++) {
      const code = text.charCodeAt(this.at);
      if (quote) {
        if (code === quote) quote = 0;
      } else if (code === 0x22 || code === 0x27) {
        quote = code;
      } else if (code === 0x3e) {
        this.at++;
        return;
      }
    }
  }

  private skipSpaces(): boolean {
    const from = this.at;
    while (this.at < this.text.length && isXmlSpace(this.text.charCodeAt(this.at))) this.at++;
    return this.at > from;
  }

  private readName(): boolean {
    const from = this.at;
    if (!isNameStart(this.text.charCodeAt(from))) return false;
    while (this.at < this.text.length && isNameChar(this.text.charCodeAt(this.at))) this.at++;
    return invalidNameCharacter(this.text, from, this.at) === undefined;
  }

  private readLiteral(): boolean {
    const quote = this.text.charCodeAt(this.at);
    if (quote !== 0x22 && quote !== 0x27) return false;
    const close = this.text.indexOf(String.fromCharCode(quote), this.at + 1);
    this.at = close < 0 ? this.text.length : close + 1;
    return true;
  }
}

/**
 * Skips the rest of a DOCTYPE that is not well-formed, counting brackets, and returns the offset
 * of its closing '>' (or the text length). Quotes are not followed: after a fault a stray quote is
 * as likely as a real one, and following it would swallow the rest of the file. Entity
 * declarations met on the way are still recorded, so their references are not reported again.
 */
function skipToDoctypeEnd(text: string, from: number, depth: number, entityNames: Set<string>): number {
  let i = from;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5b) depth++;
    else if (code === 0x5d) depth--;
    else if (code === 0x3e && depth <= 0) break;
    else if (code === 0x3c) recordEntity(text, i, entityNames);
  }
  return i;
}

/** Adds the name of the general entity declared at `at`, if an <!ENTITY declaration starts there. */
function recordEntity(text: string, at: number, entityNames: Set<string>): void {
  if (!text.startsWith('<!ENTITY', at)) return;
  const match = /^<!ENTITY\s+(%\s+)?([^\s>]+)/.exec(text.slice(at, at + 300));
  if (match && !match[1]) entityNames.add(match[2]);
}
