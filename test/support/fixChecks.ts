/**
 * Checks shared by the quick-fix and fix-all tests over LSP: the Windows shape of a fixture
 * (BOM, CRLF, tabs, single quotes), findings compared as marks, and secret values compared
 * before and after a fix.
 */
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { textIn } from './editing.js';

/** Rewrites a fragment as a Windows editor would keep it: CRLF, tab indentation and, when `singleQuotes` is set, single quotes. */
export function windowsFragment(text: string, singleQuotes = true): string {
  const crlf = text.replace(/\r?\n/g, '\r\n').replace(/^ {2}/gm, '\t');
  return singleQuotes ? crlf.replace(/"/g, "'") : crlf;
}

/** Rewrites a whole document in the Windows shape, with a UTF-8 byte order mark. */
export function windowsDocument(text: string, singleQuotes = true): string {
  return `\uFEFF${windowsFragment(text, singleQuotes)}`;
}

/** Returns each diagnostic as `rule-id: underlined text`, which stays comparable when an edit shifts positions. */
export function marksOf(text: string, diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => `${diagnostic.code}: ${textIn(text, diagnostic.range)}`);
}

/** Marks of `after` that `before` lacks, each counted as often as it occurs. */
export function addedMarks(before: readonly string[], after: readonly string[]): string[] {
  const remaining = [...before];
  return after.filter((mark) => {
    const index = remaining.indexOf(mark);
    if (index < 0) return true;
    remaining.splice(index, 1);
    return false;
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// An entity such as &amp; belongs to the value: its ';' does not end the pair.
const SECRET_PAIR = /(?:^|[;,"'\s])(?:password|certificatePassword)\s*=\s*((?:&#?\w+;|[^;,"'\r\n])*)/gi;

/** Returns the decoded values of every `password=` and `certificatePassword=` in the raw text, any letter case. */
export function secretValues(text: string): string[] {
  return [...text.matchAll(SECRET_PAIR)].map((match) => match[1].trim().replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name])).filter((value) => value.length > 0);
}
