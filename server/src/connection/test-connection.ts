/**
 * Entry point of the Redis connection test: connects as Creatio would from one
 * connection string and returns a report with every secret masked.
 */
import { testRedisCluster } from './cluster-test.js';
import { describeFailure } from './failures.js';
import { NodeTestSettings, testRedisNode } from './node-test.js';
import { ConnectionReport, FailureKind, NodeReport, maskReport } from './report.js';
import { testRedisSentinel } from './sentinel-test.js';
import { ConnectionTestOptions, DEFAULT_TIMEOUT_MS, RedisTarget, formatEndpoint } from './target.js';
import { TlsSetup, prepareTls } from './tls-setup.js';

/**
 * Tests the Redis connection described by `target`: standalone, Cluster or Sentinel, TLS
 * or plain TCP, with the client certificate and password of the connection
 * string. Connecting and each command get at most `timeoutMs`, as does loading
 * the Cluster slot map. Sentinel tests the master after asking the Sentinels, so it
 * can take that time twice. Naming the cause of a failure may add a probe of up to
 * 1 s, and closing a connection waits up to 1 s. Resolves with a report for
 * every outcome, resolves only after every socket it opened has closed, and
 * masks the password and the certificate password in every string of the report.
 */
export async function testRedisConnection(target: RedisTarget, options: Partial<ConnectionTestOptions> = {}): Promise<ConnectionReport> {
  const started = Date.now();
  const secrets = [target.password, target.certificatePassword];
  const report = await runTest(target, { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, caCertificatePath: options.caCertificatePath });
  report.durationMs = Date.now() - started;
  return maskReport(report, secrets);
}

async function runTest(target: RedisTarget, options: ConnectionTestOptions): Promise<ConnectionReport> {
  const report: ConnectionReport = { topology: target.topology, tested: true, ok: false, nodes: [], warnings: [], durationMs: 0 };
  if (target.hosts.length === 0) {
    return { ...report, tested: false, note: 'the connection string names no host' };
  }
  if (target.topology === 'sentinel' && !target.masterName) {
    return { ...report, tested: false, note: 'the connection string names no masterName to ask the Sentinels for' };
  }
  if (target.topology === 'standalone' && target.hosts.length > 1) {
    report.warnings.push(`Only the first host, ${formatEndpoint(target.hosts[0])}, is tested for a standalone connection.`);
  }
  if (target.topology === 'sentinel' && target.useTls) {
    report.warnings.push(
      'Creatio reads sentinelHosts up to 7.18.2 and useTls from 8.0.2 on, so no version uses both. ' +
        'The test used TLS as the connection string asks, but Creatio 7.18.2 and earlier connect without it.',
    );
  }

  let tls: TlsSetup | undefined;
  if (target.useTls) {
    const prepared = await prepareTls(target, options);
    if ('problem' in prepared) {
      report.nodes = target.hosts.map((endpoint) => unreachedNode(endpoint, target, options, prepared.problem.kind, prepared.problem.detail));
      return report;
    }
    tls = prepared.setup;
  } else if (target.certificatePath !== undefined) {
    report.warnings.push('certificatePath is set but useTls is not, so the client certificate is not used.');
  }

  const settings: Omit<NodeTestSettings, 'clusterNode'> = { target, tls, timeoutMs: options.timeoutMs, caCertificatePath: options.caCertificatePath };
  if (target.topology === 'cluster') {
    const result = await testRedisCluster(settings);
    report.nodes = result.nodes;
    report.cluster = result.cluster;
  } else if (target.topology === 'sentinel') {
    const result = await testRedisSentinel(settings);
    report.sentinel = result.sentinel;
    report.nodes = result.master === undefined ? [] : [result.master];
  } else {
    report.nodes = [await testRedisNode(target.hosts[0], { ...settings, clusterNode: false })];
  }
  report.ok = report.nodes.every(nodeWorks) && clusterWorks(report) && sentinelsWork(report);
  return report;
}

function nodeWorks(node: NodeReport): boolean {
  return node.reached && node.failure === undefined;
}

/** Checks that a Cluster's slot map loaded, which report.cluster records. */
function clusterWorks(report: ConnectionReport): boolean {
  return report.topology !== 'cluster' || (report.cluster !== undefined && report.cluster.failure === undefined);
}

/** Checks that the Sentinels named a master address and that every Sentinel replied without a failure. */
function sentinelsWork(report: ConnectionReport): boolean {
  if (report.topology !== 'sentinel') {
    return true;
  }
  return report.sentinel?.master !== undefined && report.sentinel.sentinels.every(nodeWorks);
}

/** Builds the report of a node whose test stopped before connecting, for example on an unreadable client certificate. */
function unreachedNode(
  endpoint: { host: string; port: number },
  target: RedisTarget,
  options: ConnectionTestOptions,
  kind: FailureKind,
  detail: string | undefined,
): NodeReport {
  const failure = describeFailure(
    kind,
    {
      endpoint: formatEndpoint(endpoint),
      host: endpoint.host,
      timeoutMs: options.timeoutMs,
      db: target.db,
      certificatePath: target.certificatePath,
      caCertificatePath: options.caCertificatePath,
      passwordSet: Boolean(target.password),
      certificatePasswordSet: Boolean(target.certificatePassword),
    },
    detail,
  );
  return { host: endpoint.host, port: endpoint.port, reached: false, failure, warnings: [], durationMs: 0 };
}
