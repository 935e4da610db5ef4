/**
 * Recognises a whole connection string written for another Redis client (a `redis://` URI or a
 * StackExchange.Redis string) and converts it to Creatio's `key=value;` form.
 */
import type { Span } from '../analysis/types.js';
import type { DecodedValue } from '../xml/entities.js';
import { STACKEXCHANGE_KEYS } from '../model/foreignKeys.js';

export interface ForeignFormat {
  kind: 'uri' | 'stackexchange';
  /** The Creatio form, already XML-escaped for the attribute; undefined when no conversion exists. */
  converted: string | undefined;
  /**
   * Parts of the original that the conversion drops. Options Creatio sets in Web.config's <redis>
   * section (abortConnect, timeouts) are dropped without being listed.
   */
  dropped: string[];
}

const ENDPOINT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+)(?::(\d{1,5}))?$/;

/** Detects a foreign format in a decoded value; `rawText` is the document, to copy secrets verbatim. */
export function detectForeignFormat(value: DecodedValue, rawText: string): ForeignFormat | undefined {
  const text = value.text.trim();
  if (/^rediss?:\/\//i.test(text)) return { kind: 'uri', ...convertUri(text) };
  return detectStackExchange(value, rawText);
}

function convertUri(text: string): { converted: string | undefined; dropped: string[] } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { converted: undefined, dropped: [] };
  }

  const dropped: string[] = [];
  const pairs = [`host=${hostValue(url.hostname)}`];
  if (url.port) pairs.push(`port=${url.port}`);
  const db = url.pathname.replace(/^\//, '');
  if (/^\d+$/.test(db)) pairs.push(`db=${db}`);
  else if (db) dropped.push('the path');
  const tls = url.protocol.toLowerCase() === 'rediss:' || /^true$/i.test(url.searchParams.get('ssl') ?? url.searchParams.get('tls') ?? '');
  if (tls) pairs.push('useTls=true');
  for (const name of url.searchParams.keys()) if (!/^(ssl|tls)$/i.test(name)) dropped.push(`the option ${name}`);
  if (url.username && url.username !== 'default') dropped.push('the user name');

  const password = decodeUriPart(url.password);
  if (password === undefined) return { converted: undefined, dropped };
  if (password) pairs.push(`password=${escapeXml(password)}`);
  return { converted: pairs.join(';'), dropped };
}

/**
 * Returns the value of host= for an address as a URI or StackExchange.Redis endpoint writes it:
 * an IPv6 address without its brackets, as in host=::1. The brackets only separate the address
 * from a port, and Creatio reads the port from its own key. With its brackets, `[::1]` would have
 * the form of a Vault reference [Name], which Creatio replaces when UseSecretsInConnectionStrings
 * is on.
 * Host lists (clusterHosts, sentinelHosts) keep the brackets, because there the port follows.
 * NOTE: Creatio's documentation does not say whether its client accepts IPv6 addresses at all.
 */
function hostValue(address: string): string {
  return address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
}

function decodeUriPart(part: string): string | undefined {
  try {
    const decoded = decodeURIComponent(part);
    return decoded.includes(';') ? undefined : decoded;
  } catch {
    return undefined;
  }
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

interface Part {
  text: string;
  start: number;
  end: number;
}

function splitParts(text: string): Part[] {
  const parts: Part[] = [];
  let start = 0;
  for (let comma = text.indexOf(','); ; comma = text.indexOf(',', start)) {
    const end = comma < 0 ? text.length : comma;
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    parts.push({ text: raw.trim(), start: start + lead, end: start + lead + raw.trim().length });
    if (comma < 0) return parts;
    start = comma + 1;
  }
}

function detectStackExchange(value: DecodedValue, rawText: string): ForeignFormat | undefined {
  const text = value.text.replace(/;\s*$/, '');
  if (text.includes(';') || !text.includes(',')) return undefined;

  const parts = splitParts(text).filter((part) => part.text.length > 0);
  const endpoints = parts.filter((part) => !part.text.includes('='));
  const options = parts.filter((part) => part.text.includes('='));
  if (endpoints.length === 0 || !ENDPOINT.test(parts[0].text) || !endpoints.every((part) => ENDPOINT.test(part.text))) return undefined;
  if (!options.some((part) => STACKEXCHANGE_KEYS.has(optionName(part)))) return undefined;

  return { kind: 'stackexchange', ...convertStackExchange(endpoints, options, value, rawText) };
}

function optionName(part: Part): string {
  return part.text.slice(0, part.text.indexOf('=')).trim().toLowerCase();
}

const MAPPED_OPTIONS = new Set(['ssl', 'defaultdatabase', 'password', 'servicename']);
/** Options that Creatio sets elsewhere (the <redis> section of Web.config), so dropping them loses nothing here. */
const WEB_CONFIG_OPTIONS = new Set(['abortconnect', 'connecttimeout', 'synctimeout', 'asynctimeout', 'connectretry', 'keepalive']);

function convertStackExchange(endpoints: Part[], options: Part[], value: DecodedValue, rawText: string): { converted: string | undefined; dropped: string[] } {
  const pairs: string[] = [];
  const dropped = options.map(optionName).filter((name) => !MAPPED_OPTIONS.has(name) && !WEB_CONFIG_OPTIONS.has(name)).map((name) => `the option ${name}`);
  const serviceName = options.find((option) => optionName(option) === 'servicename');

  if (serviceName) {
    // serviceName names a Sentinel master, so the endpoints are Sentinels.
    if (!endpoints.every((part) => ENDPOINT.exec(part.text)![2])) return { converted: undefined, dropped };
    pairs.push(`sentinelHosts=${endpoints.map((part) => part.text).join(',')}`, `masterName=${serviceName.text.slice(serviceName.text.indexOf('=') + 1).trim()}`);
  } else if (endpoints.length === 1) {
    const [, host, port] = ENDPOINT.exec(endpoints[0].text)!;
    pairs.push(`host=${hostValue(host)}`);
    if (port) pairs.push(`port=${port}`);
  } else {
    if (!endpoints.every((part) => ENDPOINT.exec(part.text)![2])) return { converted: undefined, dropped };
    pairs.push(`clusterHosts=${endpoints.map((part) => part.text).join(',')}`);
  }

  for (const option of options) {
    const name = optionName(option);
    const eq = option.text.indexOf('=');
    const optionValue = option.text.slice(eq + 1).trim();
    if (name === 'ssl' && /^true$/i.test(optionValue)) pairs.push('useTls=true');
    if (name === 'defaultdatabase' && /^\d+$/.test(optionValue)) pairs.push(`db=${optionValue}`);
    if (name === 'password') pairs.push(`password=${rawSlice(option, eq, value, rawText)}`);
  }
  return { converted: pairs.join(';'), dropped };
}

/** Copies the password exactly as written in the file, entities included. */
function rawSlice(option: Part, eq: number, value: DecodedValue, rawText: string): string {
  const span: Span = value.spanToRaw(option.start + eq + 1, option.end);
  return rawText.slice(span.start, span.end).trim();
}
