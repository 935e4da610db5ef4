/**
 * Values that are not literal: Vault references and the tokens deployment pipelines replace.
 * They pass every value check.
 */

const VAULT_REFERENCE = /^\[[^\s\[\]]+\]$/;

/**
 * One pipeline token starting at `lastIndex` (the `y` flag). The forms:
 * - `${VARIABLE}` and `$VARIABLE`, as envsubst writes them.
 * - `${VARIABLE:-default}`, `${VARIABLE-default}`, `${VARIABLE:=default}` and the other POSIX shell
 *   expansions (`=`, `?` and `+`, each with or without ':'), which shells, Docker Compose and some
 *   envsubst ports replace. The default is not judged, because the pipeline usually sets the
 *   variable.
 * - `#{Name}#` and `__Name__`, as token-replacement steps of release pipelines write them.
 * - `$(Name)`, Azure Pipelines macro syntax.
 * - `{{ name }}`, with or without spaces, as Ansible (Jinja) and Helm templates write them.
 *
 * NOTE: GNU gettext's envsubst (0.21) replaces only `$VARIABLE` and `${VARIABLE}`. It leaves the
 * shell default forms as written, and the linter cannot tell which tool a pipeline runs.
 *
 * A token can also sit inside a value, as in `redis-#{Env}#.corp.local` or `${NODE1}:6379`. The
 * Vault form `[SecretName]` is not one of these tokens, because Creatio replaces only a whole value
 * with a Vault secret. Inside a host list entry, `[…]` is IPv6 or documentation notation.
 *
 * Each alternative stops at the first brace, the first character outside its name or the first
 * '__', and every form opens with one of those. A failed attempt therefore reads no further than
 * where the next attempt of the same form starts, so findPipelineTokens is linear in the length of
 * the text.
 */
const PIPELINE_TOKEN = new RegExp(
  [
    String.raw`\$\{[A-Za-z_][\w.]*(?::?[-=?+][^{}]*)?\}`,
    String.raw`\$\([A-Za-z_][\w.-]*\)`,
    String.raw`\$[A-Za-z_]\w*`,
    String.raw`#\{[^{}]+\}#`,
    String.raw`\{\{\s*[^\s{}][^{}]*\}\}`,
    // A name ends before the first '__', so '__Node1__:__Port__' is two tokens.
    String.raw`__[A-Za-z](?:[A-Za-z0-9.-]|_(?!_))*__`,
  ].join('|'),
  'y',
);
const TOKEN_START = /[$#{_]/;

/** Offsets of a pipeline token inside a value: `start` inclusive, `end` exclusive. */
export interface TokenRange {
  start: number;
  end: number;
}

/** Returns the end of the pipeline token that starts at `index`, or -1 when none starts there. */
function tokenEndAt(text: string, index: number): number {
  if (!TOKEN_START.test(text[index] ?? '')) return -1;
  PIPELINE_TOKEN.lastIndex = index;
  const match = PIPELINE_TOKEN.exec(text);
  return match ? index + match[0].length : -1;
}

/** Finds the pipeline tokens in `text`, left to right and without overlap. */
export function findPipelineTokens(text: string): TokenRange[] {
  const tokens: TokenRange[] = [];
  let index = 0;
  while (index < text.length) {
    const end = tokenEndAt(text, index);
    if (end < 0) {
      index++;
      continue;
    }
    tokens.push({ start: index, end });
    index = end;
  }
  return tokens;
}

/** Returns `text` without its pipeline tokens: the characters that reach Creatio as written. */
export function literalCharacters(text: string, tokens: readonly TokenRange[] = findPipelineTokens(text)): string {
  let literal = '';
  let from = 0;
  for (const token of tokens) {
    literal += text.slice(from, token.start);
    from = token.end;
  }
  return literal + text.slice(from);
}

/** True for `[SecretName]` as Creatio's Vault integration writes it. */
export function isVaultReference(value: string): boolean {
  return VAULT_REFERENCE.test(value.trim());
}

/** True for a value that, trimmed, is one Vault reference or one pipeline token. */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  return isVaultReference(trimmed) || (trimmed.length > 0 && tokenEndAt(trimmed, 0) === trimmed.length);
}

const DOC_ANGLE = /^<[^<>]+>$/;
/** Capital words that address the reader, such as SOME_PASSWORD or YOUR_REDIS_HOST. */
const DOC_WORDS = /^(?:SOME|YOUR|ENTER|INSERT)_[A-Z0-9_]+$/;
/** The port half of a host:port placeholder, such as PORT or port3. */
const PORT_WORD = /^port\d*$/i;
const LETTER = /[A-Za-z]/;
const WHITESPACE = /\s/;

/**
 * True for an unfilled documentation placeholder. Only forms that documentation writes count, and
 * of those only the ones a real host name or port never takes and a real password hardly ever does:
 * - text with whitespace in brackets, such as `[Redis DB number]` or `[Path to folder]`, because a
 *   Vault reference has no whitespace;
 * - host:port in brackets whose port contains a letter, such as `[IP:PORT]`, `[IP2:PORT2]`,
 *   `[host3:port3]` or `[10.0.0.1:PORT]`;
 * - host:port whose port is the word PORT, optionally numbered, such as `IP:PORT` or `HOST1:PORT1`;
 * - any text in angle brackets, such as `<password>`;
 * - the capital words SOME_…, YOUR_…, ENTER_… and INSERT_…, and IP, with or without brackets.
 *
 * An upper-case word alone is not a placeholder: NetBIOS host names such as CACHESERVER or
 * REDIS_HOST are normal on Windows sites, and TOPSECRET is a possible password.
 *
 * Each check is an anchored pattern with one quantifier, a search for one character, or a scan, so
 * the time is linear in the length of the value.
 */
export function isDocPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  if (DOC_ANGLE.test(trimmed)) return true;
  const bracketed = trimmed.length >= 2 && trimmed.startsWith('[') && trimmed.endsWith(']');
  if (bracketed) {
    const inner = trimmed.slice(1, -1);
    if (inner.includes('[') || inner.includes(']')) return false;
    return WHITESPACE.test(inner) || isBracketedHostPortPlaceholder(inner) || isPlaceholderWord(inner);
  }
  return isPlaceholderWord(trimmed) || isHostPortPlaceholder(trimmed);
}

function isPlaceholderWord(text: string): boolean {
  return text === 'IP' || DOC_WORDS.test(text);
}

/** Returns whether `text` is host:PORT. A real port is a number, never the word PORT. */
function isHostPortPlaceholder(text: string): boolean {
  const colon = text.indexOf(':');
  if (colon <= 0 || text.indexOf(':', colon + 1) >= 0) return false;
  return PORT_WORD.test(text.slice(colon + 1));
}

/**
 * Returns whether the text inside `[host:port]` has a letter in the port. It takes one ':' only, so
 * the IPv6 address of `[2001:db8::1]` is never read as a host and a port.
 */
function isBracketedHostPortPlaceholder(inner: string): boolean {
  const colon = inner.indexOf(':');
  if (colon <= 0 || inner.indexOf(':', colon + 1) >= 0) return false;
  // A pipeline token in the port is a filled-in value, as in [${NODE1}:${PORT}], so only the brackets are wrong.
  return LETTER.test(literalCharacters(inner.slice(colon + 1)));
}
