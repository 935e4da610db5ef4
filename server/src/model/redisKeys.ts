/** The keys of Creatio's Redis connection string, with their modes, value types and versions. */
import { parseVersion, type Version } from './version.js';

export type Topology = 'standalone' | 'cluster' | 'sentinel';
export type ValueKind = 'host' | 'port' | 'database' | 'poolSize' | 'secret' | 'hostList' | 'text' | 'boolean' | 'path';

export interface RedisKey {
  name: string;
  modes: readonly Topology[];
  kind: ValueKind;
  /** First Creatio version that reads the key. */
  since?: Version;
  /** Last Creatio version that reads the key. */
  until?: Version;
  /** Set for keys that only count with `useTls=true`. */
  needsTls?: boolean;
  documentation: string;
}

const ALL: readonly Topology[] = ['standalone', 'cluster', 'sentinel'];

function key(name: string, modes: readonly Topology[], kind: ValueKind, documentation: string, versions: { since?: string; until?: string; needsTls?: boolean } = {}): RedisKey {
  return { name, modes, kind, documentation, since: parseVersion(versions.since), until: parseVersion(versions.until), needsTls: versions.needsTls };
}

export const REDIS_KEYS: readonly RedisKey[] = [
  key('host', ['standalone'], 'host', 'Host name or IP address of a standalone Redis server.'),
  key('port', ['standalone'], 'port', 'TCP port of the Redis server, 1–65535 (6379 by convention).'),
  key('db', ['standalone', 'sentinel'], 'database', 'Redis database number, 0 or more. Each Creatio site needs its own; Redis has 16 (0–15) unless configured otherwise.'),
  key('password', ALL, 'secret', 'Password sent with AUTH. Creatio 8.0.2+ reads it only with useTls=true.', { since: '7.13.4' }),
  key('maxReadPoolSize', ['standalone', 'sentinel'], 'poolSize', 'Size of the pool of read connections, a positive integer (samples use 10).'),
  key('maxWritePoolSize', ['standalone', 'sentinel'], 'poolSize', 'Size of the pool of write connections, a positive integer (samples use 500).'),
  key('clusterHosts', ['cluster'], 'hostList', 'Redis Cluster nodes as host:port, separated by commas.', { since: '7.18.0' }),
  key('sentinelHosts', ['sentinel'], 'hostList', 'Redis Sentinel nodes as host:port, separated by commas. Sentinel was retired in Creatio 7.18.3.', { until: '7.18.2' }),
  key('masterName', ['sentinel'], 'text', 'Name of the master that the Sentinels monitor.', { until: '7.18.2' }),
  key('scanForOtherSentinels', ['sentinel'], 'boolean', 'Whether to discover Sentinels beyond those listed (true or false).', { until: '7.18.2' }),
  key('useTls', ['standalone', 'cluster'], 'boolean', 'Turns TLS on (true or false; absent means false). Needs Redis 6.0+ built with TLS.', { since: '8.0.2' }),
  key('certificatePath', ['standalone', 'cluster'], 'path', 'Path of the client certificate file, used only with useTls=true. PKCS#12 (.pfx, .p12) carries a key and may carry a password.', { since: '8.0.2', needsTls: true }),
  key('certificatePassword', ['standalone', 'cluster'], 'secret', 'Password of the certificate file, used only with useTls=true.', { since: '8.0.2', needsTls: true }),
  key('disableTlsCertificateValidation', ['standalone', 'cluster'], 'boolean', 'Skips validation of the server certificate when true. For development only.', { since: '8.0.2', needsTls: true }),
];

const BY_NAME = new Map(REDIS_KEYS.map((k) => [k.name, k]));
const BY_LOWER_NAME = new Map(REDIS_KEYS.map((k) => [k.name.toLowerCase(), k]));

/** Finds a key regardless of letter case; a key spelt as documented needs no lower-case copy. */
export function findRedisKey(name: string): RedisKey | undefined {
  return BY_NAME.get(name) ?? BY_LOWER_NAME.get(name.toLowerCase());
}

/** `user` is written by a deployment tool but documented nowhere. */
export const UNDOCUMENTED_KEYS: ReadonlyMap<string, string> = new Map([
  ['user', "'user' is written by some deployment tools (clio) but Creatio's documentation never mentions it. Keep it only if you know your Creatio version reads it."],
]);

export const TOPOLOGY_KEYS = ['host', 'clusterHosts', 'sentinelHosts'] as const;
export const SENTINEL_KEYS = ['sentinelHosts', 'masterName', 'scanForOtherSentinels'] as const;
export const SECRET_KEYS = ['password', 'certificatePassword'] as const;

export function isSecretKey(name: string): boolean {
  return findRedisKey(name)?.kind === 'secret';
}
