/**
 * Creates ioredis clients, loading ioredis on first use. Its 221 KiB of the minified server
 * bundle, with the command table, are evaluated only when a connection test runs, so starting
 * the language server skips them.
 */
import type { Cluster, ClusterNode, ClusterOptions, Redis, RedisOptions } from 'ioredis';
import type * as IORedis from 'ioredis';
import type * as Connectors from 'ioredis/built/connectors';

// A require inside a function stays in the esbuild bundle but runs only when called.
let ioredis: typeof IORedis | undefined;
let connectors: typeof Connectors | undefined;

function loadIoredis(): typeof IORedis {
  ioredis ??= require('ioredis') as typeof IORedis;
  return ioredis;
}

/** Returns ioredis's connector classes, evaluating ioredis on the first call. */
export function loadConnectors(): typeof Connectors {
  connectors ??= require('ioredis/built/connectors') as typeof Connectors;
  return connectors;
}

/** Creates a client of one Redis server or Sentinel. */
export function createRedisClient(options: RedisOptions): Redis {
  return new (loadIoredis().Redis)(options);
}

/** Creates a Redis Cluster client that starts from `startupNodes`. */
export function createClusterClient(startupNodes: ClusterNode[], options: ClusterOptions): Cluster {
  return new (loadIoredis().Cluster)(startupNodes, options);
}
