/**
 * Input of the Redis connection test: one Redis connection string from
 * ConnectionStrings.config, already parsed and with its certificate path resolved.
 */

/** Host and TCP port of one Redis node. */
export interface RedisEndpoint {
  host: string;
  port: number;
}

/** The Redis connection that Creatio would open from one connection string. */
export interface RedisTarget {
  topology: 'standalone' | 'cluster' | 'sentinel';
  /** Standalone: the one server. Cluster: the `clusterHosts` entries. Sentinel: the sentinels. */
  hosts: RedisEndpoint[];
  /** Sentinel: the `masterName` that the Sentinels are asked for. */
  masterName?: string;
  /** Database index for `SELECT`; Redis Cluster has only database 0. */
  db?: number;
  /** Password of the default user, sent with `AUTH`. */
  password?: string;
  useTls: boolean;
  /** Absolute path of the client certificate: PKCS#12 (.pfx/.p12) or PEM with its private key. */
  certificatePath?: string;
  certificatePassword?: string;
  disableTlsCertificateValidation: boolean;
}

/** Settings of one connection test run. */
export interface ConnectionTestOptions {
  /** Time limit for connecting to a node, and for each command, in milliseconds. The default is `DEFAULT_TIMEOUT_MS`. */
  timeoutMs: number;
  /**
   * Extra CA certificate (PEM or DER file) to trust besides Node's bundled roots.
   * It substitutes for the OS trust store that Creatio uses to validate the server certificate.
   */
  caCertificatePath?: string;
}

/** Time limit for connecting and for each command when the caller gives none, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 5000;

/** Formats an endpoint as `host:port`, with brackets around IPv6 addresses. */
export function formatEndpoint(endpoint: RedisEndpoint): string {
  return endpoint.host.includes(':') ? `[${endpoint.host}]:${endpoint.port}` : `${endpoint.host}:${endpoint.port}`;
}
