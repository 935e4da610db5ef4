/** Entries of `clusterHosts` and `sentinelHosts`, and what makes one valid. */
import type { Span } from '../analysis/types.js';
import type { Pair } from '../redis/tokenizer.js';
import { findPipelineTokens, isPlaceholder, literalCharacters, type TokenRange } from '../model/placeholders.js';

export interface HostListEntry {
  text: string;
  span: Span;
}

/**
 * Splits a host list on ',' and returns the trimmed entries, empty ones included. The span of an
 * empty entry covers its spaces and the ',' after it, or for the last entry the ',' before it, so
 * deleting the span removes the entry.
 */
export function hostListEntries(pair: Pair): HostListEntry[] {
  const entries: HostListEntry[] = [];
  let start = 0;
  for (;;) {
    const comma = pair.value.indexOf(',', start);
    const end = comma < 0 ? pair.value.length : comma;
    let from = start;
    let to = end;
    while (from < to && pair.value[from] === ' ') from++;
    while (to > from && pair.value[to - 1] === ' ') to--;
    const emptySpan = comma < 0 ? pair.valueToRaw(Math.max(0, start - 1), end) : pair.valueToRaw(start, end + 1);
    entries.push({ text: pair.value.slice(from, to), span: from === to ? emptySpan : pair.valueToRaw(from, to) });
    if (comma < 0) return entries;
    start = comma + 1;
  }
}

export type EntryShape =
  | { kind: 'valid' }
  | { kind: 'empty' }
  | { kind: 'bracketed'; inner: string }
  | { kind: 'ipv6-without-brackets'; address: string; port: string }
  | { kind: 'no-port'; host: string }
  | { kind: 'bad-port'; port: string }
  | { kind: 'invalid' };

const PORT = /^\d{1,5}$/;

function isValidPort(port: string): boolean {
  return PORT.test(port) && Number(port) >= 1 && Number(port) <= 65535;
}

/**
 * Classifies one host list entry. In an entry with a pipeline token, such as `${NODE1}:6379`, the
 * host or port that contains the token is not judged as a whole.
 */
export function entryShape(entry: string): EntryShape {
  if (entry.length === 0) return { kind: 'empty' };
  const tokens = findPipelineTokens(entry);
  return tokens.length === 0 ? literalEntryShape(entry) : tokenEntryShape(entry, tokens);
}

const HOST_NAME = /^[A-Za-z0-9_.-]+$/;

function literalEntryShape(entry: string): EntryShape {
  // An IPv6 address has at least two ':'; '[10.0.0.1:6379]' is the documentation's [IP:PORT] notation.
  const ipv6 = /^\[([0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)\](?::(.*))?$/.exec(entry);
  if (ipv6) {
    if (ipv6[2] === undefined) return { kind: 'no-port', host: entry };
    return isValidPort(ipv6[2]) ? { kind: 'valid' } : { kind: 'bad-port', port: ipv6[2] };
  }
  if (/^\[[^\]]*\]$/.test(entry)) return { kind: 'bracketed', inner: entry.slice(1, -1) };

  const colons = entry.split(':').length - 1;
  if (colons === 0) return HOST_NAME.test(entry) ? { kind: 'no-port', host: entry } : { kind: 'invalid' };
  if (colons > 1) {
    const last = entry.lastIndexOf(':');
    const address = entry.slice(0, last);
    const port = entry.slice(last + 1);
    // An IPv6 address has two ':' of its own; '10.0.0.1:10.0.0.2:6379' is two entries missing a ','.
    const isIpv6 = /^[0-9A-Fa-f:.]+$/.test(address) && address.split(':').length > 2;
    return isIpv6 && isValidPort(port) ? { kind: 'ipv6-without-brackets', address, port } : { kind: 'invalid' };
  }

  const [host, port] = entry.split(':');
  if (!HOST_NAME.test(host)) return { kind: 'invalid' };
  return isValidPort(port) ? { kind: 'valid' } : { kind: 'bad-port', port };
}

/** Characters a host part may keep around a token: a host name's, and ':' and brackets for IPv6. */
const HOST_AROUND_TOKEN = /^[A-Za-z0-9_.:\[\]-]*$/;
const DIGITS = /^\d*$/;
const BRACKETED_IPV6 = /^\[[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*\]$/;

/**
 * Classifies an entry that contains pipeline tokens. The part that contains a token is checked only
 * for characters that cannot be part of a host or a port. The other part is checked as in a literal
 * entry, so `${HOST}:99999` still has a bad port.
 */
function tokenEntryShape(entry: string, tokens: readonly TokenRange[]): EntryShape {
  if (/^\[[^\]]*\]$/.test(entry)) return { kind: 'bracketed', inner: entry.slice(1, -1) };

  const separator = lastColonOutside(entry, tokens);
  if (separator < 0) {
    // A token at the end may carry the port itself, as ${NODE1} may stand for redis-01:6379.
    return tokens[tokens.length - 1].end === entry.length ? { kind: 'valid' } : { kind: 'no-port', host: entry };
  }

  const host = entry.slice(0, separator);
  const port = entry.slice(separator + 1);
  const hostTokens = tokens.filter((token) => token.end <= separator);
  const portTokens = tokens.filter((token) => token.start > separator).map((token) => ({ start: token.start - separator - 1, end: token.end - separator - 1 }));
  const portIsValid = portTokens.length > 0 ? DIGITS.test(literalCharacters(port, portTokens)) : isValidPort(port);

  if (hostTokens.length > 0) {
    if (!HOST_AROUND_TOKEN.test(literalCharacters(host, hostTokens))) return { kind: 'invalid' };
  } else if (!HOST_NAME.test(host) && !BRACKETED_IPV6.test(host)) {
    // The token is in the port, so the host is literal and judged as in literalEntryShape.
    const isIpv6 = /^[0-9A-Fa-f:.]+$/.test(host) && host.split(':').length > 2;
    return isIpv6 && portIsValid ? { kind: 'ipv6-without-brackets', address: host, port } : { kind: 'invalid' };
  }
  return portIsValid ? { kind: 'valid' } : { kind: 'bad-port', port };
}

/** Returns the offset of the last ':' of `text` outside every token, or -1. */
function lastColonOutside(text: string, tokens: readonly TokenRange[]): number {
  let colon = text.lastIndexOf(':');
  for (let t = tokens.length - 1; t >= 0 && colon >= 0; t--) {
    const token = tokens[t];
    if (colon >= token.end) break;
    if (colon >= token.start) colon = token.start > 0 ? text.lastIndexOf(':', token.start - 1) : -1;
  }
  return colon;
}

/**
 * True for a host list entry, or a whole host list, that is a Vault reference or a pipeline token.
 * `[host:port]` and `[IPv6 address]` match the Vault form [Name] too, but in a host list they are
 * written as addresses, so they are checked as entries.
 */
export function isHostListPlaceholder(text: string): boolean {
  if (!isPlaceholder(text)) return false;
  if (!text.startsWith('[')) return true;
  const shape = entryShape(text);
  return !(shape.kind === 'no-port' || (shape.kind === 'bracketed' && shape.inner.includes(':')));
}
