/**
 * Result of a Redis connection test as plain data, and its display as text lines.
 */
import { MASK } from '../model/secrets.js';
import { RedisEndpoint, RedisTarget, formatEndpoint } from './target.js';

/** Reason a connection test failed; see `describeFailure` for the message and fix of each. */
export type FailureKind =
  | 'wrong-password'
  | 'password-required'
  | 'certificate-file-not-found'
  | 'certificate-file-invalid'
  | 'certificate-no-private-key'
  | 'certificate-wrong-password'
  | 'certificate-legacy-encryption'
  | 'client-certificate-required'
  | 'client-certificate-unknown-ca'
  | 'client-certificate-expired'
  | 'server-certificate-untrusted'
  | 'server-certificate-expired'
  | 'host-name-mismatch'
  | 'tls-to-plain-port'
  | 'plain-to-tls-port'
  | 'tls-handshake-failed'
  | 'connection-refused'
  | 'connection-closed'
  | 'host-not-found'
  | 'timed-out'
  | 'database-out-of-range'
  | 'database-not-supported-in-cluster'
  | 'cluster-support-disabled'
  | 'cluster-state-not-ok'
  | 'permission-denied'
  | 'not-a-sentinel'
  | 'sentinel-master-unknown'
  | 'sentinel-master-is-replica'
  | 'ca-file-invalid'
  | 'unknown-error';

/** A classified failure with what went wrong and how to fix it, in plain words. */
export interface ConnectionFailure {
  kind: FailureKind;
  message: string;
  fix: string;
  /** Error text from Node, OpenSSL or Redis, with secrets masked. */
  detail?: string;
}

/** Certificate fields shown in the report; dates are ISO 8601 strings. */
export interface CertificateSummary {
  subject: string;
  issuer?: string;
  /** Subject alternative names as Node prints them, such as `DNS:localhost, IP Address:127.0.0.1`. */
  subjectAltName?: string;
  validFrom?: string;
  validTo?: string;
}

/** TLS session facts of one node. */
export interface TlsSummary {
  /** Negotiated protocol such as `TLSv1.3`. */
  protocol?: string;
  cipher?: string;
  serverCertificate?: CertificateSummary;
  /** `skipped` when disableTlsCertificateValidation is set. */
  certificateValidation: 'validated' | 'skipped';
  /** Reason that validation would have failed, found while it was skipped. */
  validationErrorWhileSkipped?: string;
  clientCertificate?: CertificateSummary;
}

/** Outcome of the AUTH step; `not-required` means the server has no password and rejected AUTH for that reason. */
export type AuthResult = 'succeeded' | 'failed' | 'not-sent' | 'not-required';

/** Result of testing one Redis node. */
export interface NodeReport {
  host: string;
  port: number;
  /** True when a TCP connection was made and, with TLS, the handshake completed. */
  reached: boolean;
  tls?: TlsSummary;
  /** Absent when the test stopped before AUTH. */
  auth?: AuthResult;
  /** `redis_version` from `INFO server`. */
  redisVersion?: string;
  /** `redis_mode` from `INFO server`: standalone, cluster or sentinel. */
  redisMode?: string;
  /** `role` from `INFO replication` (master or slave), for the master that the Sentinels name. */
  role?: string;
  /** `cluster_state` from `CLUSTER INFO`, for cluster nodes. */
  clusterState?: string;
  failure?: ConnectionFailure;
  warnings: string[];
  durationMs: number;
}

/** Result of asking one `sentinelHosts` entry for the master's address. */
export interface SentinelNodeReport extends NodeReport {
  /**
   * Reply to `SENTINEL GET-MASTER-ADDR-BY-NAME masterName`: the address, or null when this
   * Sentinel monitors no master of that name. Absent when the Sentinel sent no such reply.
   */
  masterAddress?: RedisEndpoint | null;
}

/** Result of the Sentinels: each one's reply and the master address that the test used. */
export interface SentinelReport {
  masterName: string;
  sentinels: SentinelNodeReport[];
  /** Address of the master that was tested, the first one a Sentinel named; absent when none named one. */
  master?: RedisEndpoint;
  /** Number of Sentinels that named `master`. */
  namedBy: number;
  warnings: string[];
}

/** Result of the whole Cluster: the slot map that ioredis loaded and each master's reply. */
export interface ClusterReport {
  /** Masters from the slot map, each with its PING result. */
  masters: { host: string; port: number; reply: string }[];
  failure?: ConnectionFailure;
}

/** Result of `testRedisConnection`. */
export interface ConnectionReport {
  topology: RedisTarget['topology'];
  /** False when this topology is not tested, and then `note` gives the reason. */
  tested: boolean;
  /**
   * True when every node was reached, accepted the AUTH step and replied to INFO. For Sentinel,
   * every Sentinel must also have named the master's address.
   */
  ok: boolean;
  /** Standalone: the server. Cluster: the clusterHosts entries. Sentinel: the master that the Sentinels name. */
  nodes: NodeReport[];
  cluster?: ClusterReport;
  sentinel?: SentinelReport;
  warnings: string[];
  note?: string;
  durationMs: number;
}


/**
 * Replaces each non-empty secret in `text` with `MASK`.
 * NOTE: a very short secret such as a single digit is also masked inside unrelated words and numbers.
 */
export function maskSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let masked = text;
  for (const secret of secrets) {
    if (secret) {
      masked = masked.split(secret).join(MASK);
    }
  }
  return masked;
}

/** Returns a deep copy of `value` with `maskSecrets` applied to every string in it. */
export function maskReport<T>(value: T, secrets: readonly (string | undefined)[]): T {
  if (typeof value === 'string') {
    return maskSecrets(value, secrets) as T;
  }
  if (Array.isArray(value)) {
    return value.map((item) => maskReport(item, secrets)) as T;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => [key, maskReport(item, secrets)]);
    return Object.fromEntries(entries) as T;
  }
  return value;
}

/** Formats the report as display lines: the Sentinels, one block per node, then the Cluster and the warnings. */
export function formatConnectionReport(report: ConnectionReport): string[] {
  if (!report.tested) {
    return [`Redis ${report.topology}: not tested: ${report.note ?? 'this topology is not supported by the connection test'}.`];
  }
  const verdict = report.ok ? 'connection succeeded' : 'connection failed';
  const lines = [`Redis ${report.topology}: ${verdict} (${report.durationMs} ms).`];
  if (report.sentinel !== undefined) {
    lines.push(...formatSentinels(report.sentinel));
  }
  for (const node of report.nodes) {
    lines.push(...formatNode(node));
  }
  if (report.cluster !== undefined) {
    lines.push(...formatCluster(report.cluster));
  }
  for (const warning of report.warnings) {
    lines.push(`Warning: ${warning}`);
  }
  if (report.note !== undefined) {
    lines.push(`Note: ${report.note}`);
  }
  return lines;
}

/**
 * Formats one node. `label` goes before the address, and `details` after the node's own
 * facts and before its failure.
 */
function formatNode(node: NodeReport, label = '', details: string[] = []): string[] {
  const lines = [`${label}${node.host}:${node.port}: ${node.reached ? 'reached' : 'not reached'} (${node.durationMs} ms)`];
  if (node.tls !== undefined) {
    lines.push(...formatTls(node.tls));
  }
  if (node.auth !== undefined) {
    lines.push(`  AUTH: ${describeAuth(node.auth)}`);
  }
  if (node.redisVersion !== undefined) {
    const mode = node.redisMode !== undefined ? `, mode ${node.redisMode}` : '';
    const role = node.role !== undefined ? `, role ${node.role}` : '';
    lines.push(`  Redis version: ${node.redisVersion}${mode}${role}`);
  }
  if (node.clusterState !== undefined) {
    lines.push(`  Cluster state: ${node.clusterState}`);
  }
  lines.push(...details);
  if (node.failure !== undefined) {
    lines.push(...formatFailure(node.failure, '  '));
  }
  for (const warning of node.warnings) {
    lines.push(`  Warning: ${warning}`);
  }
  return lines;
}

function formatTls(tls: TlsSummary): string[] {
  const lines: string[] = [];
  if (tls.protocol !== undefined) {
    lines.push(`  TLS: ${tls.protocol}, cipher ${tls.cipher ?? 'unknown'}`);
  }
  if (tls.serverCertificate !== undefined) {
    lines.push(`  Server certificate: ${formatCertificate(tls.serverCertificate)}`);
  }
  if (tls.certificateValidation === 'skipped') {
    const reason = tls.validationErrorWhileSkipped !== undefined ? ` (it would fail: ${tls.validationErrorWhileSkipped})` : '';
    lines.push(`  Server certificate validation: skipped because disableTlsCertificateValidation is set${reason}`);
  } else if (tls.protocol !== undefined) {
    lines.push('  Server certificate validation: passed');
  }
  if (tls.clientCertificate !== undefined) {
    lines.push(`  Client certificate: ${formatCertificate(tls.clientCertificate)}`);
  }
  return lines;
}

function formatCertificate(certificate: CertificateSummary): string {
  const parts = [certificate.subject];
  if (certificate.issuer !== undefined) {
    parts.push(`issued by ${certificate.issuer}`);
  }
  if (certificate.validTo !== undefined) {
    parts.push(`expires ${certificate.validTo}`);
  }
  return parts.join(', ');
}

function describeAuth(auth: AuthResult): string {
  switch (auth) {
    case 'succeeded':
      return 'password accepted';
    case 'failed':
      return 'password rejected';
    case 'not-sent':
      return 'not sent, because the connection string sets no password';
    case 'not-required':
      return 'the server requires no password, so the password was not checked';
  }
}

function formatCluster(cluster: ClusterReport): string[] {
  const lines = [`Cluster: ${cluster.masters.length} master(s) in the slot map`];
  for (const master of cluster.masters) {
    lines.push(`  ${master.host}:${master.port}: ${master.reply}`);
  }
  if (cluster.failure !== undefined) {
    lines.push(...formatFailure(cluster.failure, '  '));
  }
  return lines;
}

/** Formats each Sentinel with its reply, then the master address that the test uses. */
function formatSentinels(sentinel: SentinelReport): string[] {
  const lines: string[] = [];
  for (const node of sentinel.sentinels) {
    const details = node.masterAddress === undefined ? [] : [`  Master ${sentinel.masterName}: ${describeMasterAddress(node.masterAddress)}`];
    lines.push(...formatNode(node, 'Sentinel ', details));
  }
  for (const warning of sentinel.warnings) {
    lines.push(`Warning: ${warning}`);
  }
  if (sentinel.master === undefined) {
    lines.push(`Master ${sentinel.masterName}: no Sentinel named its address, so no Redis server was tested.`);
  } else {
    lines.push(`Master ${sentinel.masterName}: ${formatEndpoint(sentinel.master)}, named by ${sentinel.namedBy} of ${sentinel.sentinels.length} Sentinel(s)`);
  }
  return lines;
}

function describeMasterAddress(address: RedisEndpoint | null): string {
  return address === null ? 'not monitored by this Sentinel' : formatEndpoint(address);
}

function formatFailure(failure: ConnectionFailure, indent: string): string[] {
  const lines = [`${indent}Error: ${failure.message}`, `${indent}Fix: ${failure.fix}`];
  if (failure.detail !== undefined) {
    lines.push(`${indent}Details: ${failure.detail}`);
  }
  return lines;
}
