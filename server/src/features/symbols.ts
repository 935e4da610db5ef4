/** The outline: one entry per connection string, with the Redis entry's keys as children. */
import type { Span } from '../analysis/types.js';
import type { ConfigDocument } from '../model/configDocument.js';
import { isSecretKey } from '../model/redisKeys.js';
import { MASK } from '../rules/text.js';

export interface SymbolEntry {
  name: string;
  detail?: string;
  kind: 'entry' | 'remove' | 'clear' | 'key';
  span: Span;
  selectionSpan: Span;
  children: SymbolEntry[];
}

/** The most symbols returned, so a generated file with 100,000 entries keeps the outline usable. */
export const MAX_SYMBOLS = 5000;

export function documentSymbols(document: ConfigDocument): SymbolEntry[] {
  const symbols: SymbolEntry[] = [];
  let count = 0;

  for (const entry of document.entries) {
    if (count >= MAX_SYMBOLS) break;
    const span = entry.element.tagSpan;
    const selectionSpan = entry.nameAttribute?.valueSpan ?? entry.element.nameSpan;
    const name = entry.kind === 'clear' ? '<clear />' : entry.kind === 'remove' ? `remove ${entry.name ?? '(no name)'}` : entry.name || '(no name)';
    const redis = document.redis.filter((r) => r.entry === entry && !r.foreign && !r.placeholder);
    const children: SymbolEntry[] = redis.flatMap((r) =>
      r.parsed.pairs.map((pair) => ({
        name: pair.key,
        detail: isSecretKey(pair.key) ? MASK : pair.value,
        kind: 'key' as const,
        span: pair.span,
        selectionSpan: pair.keySpan,
        children: [],
      })),
    );
    count += 1 + children.length;
    symbols.push({ name, detail: entry.kind === 'add' && redis.length > 0 ? 'Redis' : undefined, kind: entry.kind === 'add' ? 'entry' : entry.kind, span, selectionSpan, children });
  }
  return symbols;
}
