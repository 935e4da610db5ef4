/**
 * Hides secret values in source text before it is printed (the --fix-dry-run diff is the only
 * output that shows source lines). Each secret becomes '••••' and its line breaks stay, so line
 * numbers do not move.
 */
import type { ConfigDocument } from '../model/configDocument.js';
import { isSecretKey } from '../model/redisKeys.js';
import type { Span } from '../analysis/types.js';
import { MASK } from '../rules/text.js';
import { suggestKeys } from '../rules/unknownKey.js';

/** Keys whose value is treated as a secret in any connection string, such as Password or AccountKey. */
const SECRET_KEY_WORDS = '(?:pass|pwd|secret|token|key)';

/** Pattern of `…password = value` up to ';', a quote, '<' or a line end, with quoted values and XML entities kept whole. */
const SECRET_PAIR = new RegExp(`[\\w.-]*${SECRET_KEY_WORDS}[\\w.-]*\\s*=\\s*('[^'<\\r\\n]*'|(?:&#?\\w+;|[^;"'<>\\r\\n])*)`, 'gi');

/** The password of a URI's user information: `scheme://user:password@host`. */
const URI_PASSWORD = /:\/\/[^/@\s"'<>:]*:([^@/\s"'<>]*)@/g;

/** An appSettings entry such as `<add key="RedisCertPass" value="…" />`. */
const ADD_TAG = /<add\b[^>]*>/gi;
const SECRET_SETTING_NAME = new RegExp(`\\bkey\\s*=\\s*(["'])[^"']*${SECRET_KEY_WORDS}[^"']*\\1`, 'i');
const VALUE_ATTRIBUTE = /\bvalue\s*=\s*(["'])([^"']*)\1/i;

/**
 * Finds the spans of secret values: the password and certificatePassword values of the Redis
 * strings, exactly as the analysis tokenized them, and anything that looks like a secret elsewhere.
 * NOTE: outside Redis strings this is a pattern match on key names, so it hides more than needed
 * (any key containing "key" or "token") rather than less.
 */
export function findSecretSpans(document: ConfigDocument): Span[] {
  const text = document.text;
  const spans: Span[] = [];

  for (const redis of document.redis) {
    for (const pair of redis.parsed.pairs) {
      // A misspelled password key (pasword=) still has a password as its value.
      if (isSecretKey(pair.key) || suggestKeys(pair.key).some(isSecretKey)) spans.push(pair.valueSpan);
    }
  }
  for (const match of text.matchAll(SECRET_PAIR)) {
    const start = match.index! + match[0].length - match[1].length;
    spans.push({ start, end: match.index! + match[0].length });
  }
  for (const match of text.matchAll(URI_PASSWORD)) {
    const end = match.index! + match[0].length - 1;
    spans.push({ start: end - match[1].length, end });
  }
  for (const tag of text.matchAll(ADD_TAG)) {
    if (!SECRET_SETTING_NAME.test(tag[0])) continue;
    const value = VALUE_ATTRIBUTE.exec(tag[0]);
    if (!value) continue;
    const end = tag.index! + value.index + value[0].length - 1;
    spans.push({ start: end - value[2].length, end });
  }
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
