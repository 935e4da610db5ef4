/**
 * Reading of `INFO server` replies and the warnings they lead to.
 */

/** Fields of `INFO server` that the report shows. */
export interface ServerInfo {
  /** `redis_version`, such as `7.0.15`. */
  version?: string;
  /** `redis_mode`: standalone, cluster or sentinel. */
  mode?: string;
}

/** Parses the `field:value` lines of an `INFO server` reply. */
export function parseServerInfo(reply: string): ServerInfo {
  const fields = new Map<string, string>();
  for (const line of reply.split(/\r?\n/)) {
    const separator = line.indexOf(':');
    if (separator > 0) {
      fields.set(line.slice(0, separator), line.slice(separator + 1));
    }
  }
  return { version: fields.get('redis_version'), mode: fields.get('redis_mode') };
}

/**
 * Returns warnings about a server that replied but may not suit the connection string.
 * `sentinel` is true for a sentinelHosts entry, which must be a Sentinel.
 */
export function serverInfoWarnings(info: ServerInfo, connection: { useTls: boolean; clusterNode: boolean; sentinel?: boolean }): string[] {
  const warnings: string[] = [];
  const major = Number.parseInt(info.version ?? '', 10);
  if (connection.useTls && major < 6) {
    warnings.push(
      `Redis ${info.version} has no TLS support of its own (Redis added TLS in 6.0), so a proxy in front of it ends the TLS connection.`,
    );
  }
  if (!connection.clusterNode && info.mode === 'cluster') {
    warnings.push('This server is a Redis Cluster node: list the Cluster nodes in clusterHosts, or commands on keys in other slots fail with MOVED.');
  }
  if (info.mode === 'sentinel' && connection.sentinel !== true) {
    warnings.push('This server is a Redis Sentinel, which stores no data: point the connection string to a Redis server.');
  }
  return warnings;
}
