/** The outline: one entry per connection string, with the Redis entry's keys as children. */
import type { Span } from '../analysis/types.js';
import type { ConfigDocument, ConnectionEntry, RedisConnectionString } from '../model/configDocument.js';
import { isPlaceholder, isVaultReference } from '../model/placeholders.js';
import { findRedisKey } from '../model/redisKeys.js';
import type { Pair } from '../redis/tokenizer.js';
import { MASK } from '../rules/text.js';
import { seemsToHoldSecret } from './redisFacts.js';

export interface SymbolEntry {
  name: string;
  detail?: string;
  kind: 'entry' | 'remove' | 'clear' | 'key';
  span: Span;
  selectionSpan: Span;
  children: SymbolEntry[];
}

/** Maximum number of symbols returned, so a generated file with 100,000 entries keeps the outline usable. */
export const MAX_SYMBOLS = 5000;

/** Maximum length of a value shown as a key's detail. */
const MAX_DETAIL_LENGTH = 80;

export function documentSymbols(document: ConfigDocument): SymbolEntry[] {
  const symbols: SymbolEntry[] = [];
  let count = 0;
  const redisByEntry = groupByEntry(document);

  for (const entry of document.entries) {
    if (count >= MAX_SYMBOLS) break;
    const redis = redisByEntry.get(entry) ?? [];
    const pairs = redis.filter((r) => !r.foreign && !r.placeholder).flatMap((r) => r.parsed.pairs);
    // The entry itself counts too; the keys of one huge string must not break the cap.
    const children = pairs.slice(0, MAX_SYMBOLS - count - 1).map(keySymbol);
    count += 1 + children.length;
    symbols.push({
      name: entryName(entry),
      detail: entry.kind === 'add' && redis.length > 0 ? 'Redis' : undefined,
      kind: entry.kind === 'add' ? 'entry' : entry.kind,
      span: entry.element.tagSpan,
      selectionSpan: entry.nameAttribute?.valueSpan ?? entry.element.nameSpan,
      children,
    });
  }
  return symbols;
}

/** Groups the Redis strings by entry once, rather than searching them for every entry. */
function groupByEntry(document: ConfigDocument): Map<ConnectionEntry, RedisConnectionString[]> {
  const groups = new Map<ConnectionEntry, RedisConnectionString[]>();
  for (const redis of document.redis) {
    const group = groups.get(redis.entry);
    if (group) group.push(redis);
    else groups.set(redis.entry, [redis]);
  }
  return groups;
}

function entryName(entry: ConnectionEntry): string {
  const name = entry.name || '(no name)';
  if (entry.kind === 'clear') return '<clear />';
  if (entry.kind === 'remove') return `remove ${name}`;
  return name;
}

function keySymbol(pair: Pair): SymbolEntry {
  return { name: pair.key, detail: keyDetail(pair), kind: 'key', span: pair.span, selectionSpan: pair.keySpan, children: [] };
}

/**
 * Shows the values of documented keys other than secrets. The value of a key Creatio does not
 * know stays hidden, because a misspelt `pasword=` contains a password all the same, and so does a
 * value that seems to swallow a password after a missing ';'.
 */
function keyDetail(pair: Pair): string | undefined {
  const key = findRedisKey(pair.key);
  if (pair.value.length === 0) return key ? '(empty)' : undefined;
  if (!key) return undefined;
  if (key.kind !== 'secret' && seemsToHoldSecret(pair.value)) return MASK;
  if (key.kind !== 'secret') return pair.value.length > MAX_DETAIL_LENGTH ? `${pair.value.slice(0, MAX_DETAIL_LENGTH)}…` : pair.value;
  if (isPlaceholder(pair.value)) return isVaultReference(pair.value) ? 'Vault reference' : 'deployment variable';
  return MASK;
}
