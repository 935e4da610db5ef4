/** Message helpers: how rules name keys and values without ever showing a secret. */
import type { Pair } from '../redis/tokenizer.js';
import { isSecretKey } from '../model/redisKeys.js';
import { isDocPlaceholder, isPlaceholder } from '../model/placeholders.js';

import { MASK } from '../model/secrets.js';

export { MASK };

/** Shows a pair as `key=value`, with secret values masked. */
export function describePair(pair: Pair): string {
  return `'${pair.key}=${isSecretKey(pair.key) ? MASK : pair.value}'`;
}

/** True when a value is literal text that value checks apply to. */
export function isCheckable(pair: Pair): boolean {
  return pair.value.length > 0 && !isPlaceholder(pair.value) && !isDocPlaceholder(pair.value);
}

/** Optimal-string-alignment distance: edits, with a swap of neighbours counted as one. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => [i, ...new Array<number>(columns - 1).fill(0)]);
  for (let j = 0; j < columns; j++) d[0][j] = j;

  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[rows - 1][columns - 1];
}
