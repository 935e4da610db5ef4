/**
 * Facts about one Redis connection string that hover and completion explain: its topology, TLS,
 * and how a key's version range compares with the configured Creatio version.
 */
import { firstPair, isTlsOn, type RedisConnectionString } from '../model/configDocument.js';
import type { SiteContext } from '../model/siteContext.js';
import type { RedisKey, Topology } from '../model/redisKeys.js';
import { compareVersions, formatVersion, parseVersion } from '../model/version.js';
import type { Pair } from '../redis/tokenizer.js';
import type { Settings } from '../settings.js';

export interface RedisFacts {
  redis: RedisConnectionString;
  settings: Settings;
  site: SiteContext;
  tlsOn: boolean;
  /** The topologies whose key is present, in the order of TOPOLOGY_KEYS; more than one is a conflict. */
  topologies: Topology[];
}

const TOPOLOGY_BY_KEY: Record<string, Topology> = { host: 'standalone', clusterhosts: 'cluster', sentinelhosts: 'sentinel' };

export const TOPOLOGY_LABELS: Record<Topology, string> = { standalone: 'standalone', cluster: 'Cluster', sentinel: 'Sentinel' };

/** Returns the topologies that `pairs` select, each once. */
export function topologiesOf(pairs: readonly Pair[]): Topology[] {
  const found = new Set<Topology>();
  for (const pair of pairs) {
    const topology = TOPOLOGY_BY_KEY[pair.lowerKey];
    if (topology) found.add(topology);
  }
  return (['standalone', 'cluster', 'sentinel'] as const).filter((topology) => found.has(topology));
}

export function redisFacts(redis: RedisConnectionString, settings: Settings, site: SiteContext): RedisFacts {
  return { redis, settings, site, tlsOn: isTlsOn(redis), topologies: topologiesOf(redis.parsed.pairs) };
}

/** Describes why TLS is off: `useTls is not set` or `useTls is 'false', not true`. */
export function tlsState(facts: RedisFacts): string {
  const useTls = firstPair(facts.redis, 'useTls');
  return useTls ? `useTls is '${useTls.value}', not true` : 'useTls is not set';
}

/** Lists the topologies a key belongs to, such as `standalone, Cluster`. */
export function modesText(key: RedisKey): string {
  if (key.modes.length === 3) return 'all topologies';
  return key.modes.map((mode) => TOPOLOGY_LABELS[mode]).join(', ');
}

/** Describes which Creatio versions read a key. */
export function versionText(key: RedisKey): string {
  if (key.since) return `Creatio ${formatVersion(key.since)} and later`;
  if (key.until) return `Creatio up to ${formatVersion(key.until)}`;
  return 'all Creatio versions';
}

/** Says why the configured Creatio version does not read a key; undefined when it does or none is set. */
export function versionMismatch(key: RedisKey, settings: Settings): string | undefined {
  const version = parseVersion(settings.creatioVersion);
  if (!version) return undefined;
  const configured = formatVersion(version);
  if (key.since && compareVersions(version, key.since) < 0) {
    return `creatioConfig.creatioVersion is ${configured}, which does not read ${key.name} yet (it needs ${formatVersion(key.since)}).`;
  }
  if (key.until && compareVersions(version, key.until) > 0) {
    return `creatioConfig.creatioVersion is ${configured}, which no longer reads ${key.name} (the last version that does is ${formatVersion(key.until)}).`;
  }
  return undefined;
}

/**
 * True for a value that is not a secret by its key but seems to hold one, as `host=a password=x`
 * does when a ';' is missing. Such values are never shown.
 */
export function seemsToHoldSecret(value: string): boolean {
  return /pass|pwd|secret/i.test(value);
}

/** Writes `text` as Markdown inline code, with a fence longer than any backtick run inside. */
export function inlineCode(text: string, maxLength = 120): string {
  const clipped = text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
  const longestRun = Math.max(0, ...(clipped.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padding = clipped.startsWith('`') || clipped.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${clipped}${padding}${fence}`;
}
