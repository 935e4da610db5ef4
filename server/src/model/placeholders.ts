/**
 * Values that are not literal: Vault references and the tokens deployment pipelines replace.
 * They pass every value check.
 */

const VAULT_REFERENCE = /^\[[^\s\[\]]+\]$/;
const PIPELINE_TOKENS = [
  /^\$\{[A-Za-z_][\w.-]*\}$/, // envsubst ${VARIABLE}
  /^\$[A-Za-z_]\w*$/, // envsubst $VARIABLE
  /^#\{[^{}]+\}#$/, // token replacement #{Name}#
  /^__[A-Za-z][\w.-]*__$/, // token replacement __Name__
  /^\$\([A-Za-z_][\w.-]*\)$/, // Azure Pipelines $(Name)
];

/** True for `[SecretName]` as Creatio's Vault integration writes it. */
export function isVaultReference(value: string): boolean {
  return VAULT_REFERENCE.test(value.trim());
}

/** True for any value that something replaces before Creatio reads the file. */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  return isVaultReference(trimmed) || PIPELINE_TOKENS.some((pattern) => pattern.test(trimmed));
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
  return LETTER.test(inner.slice(colon + 1));
}
