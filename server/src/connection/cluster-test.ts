/**
 * Tests a Redis Cluster: each clusterHosts entry alone, then the Cluster as
 * ioredis loads it (slot map loaded from the nodes, a PING to every master at
 * the address the Cluster announces).
 */
import type { Cluster, ClusterOptions } from 'ioredis';
import { ErrorFacts, classifyErrorFacts, describeFailure, errorFacts } from './failures.js';
import { createClusterClient } from './ioredis.js';
import { NodeTestSettings, endpointFailureContext, testRedisNode } from './node-test.js';
import { ClusterReport, ConnectionFailure, NodeReport } from './report.js';
import { SocketTracker } from './socket-tracker.js';
import { RedisEndpoint } from './target.js';

/** Time that open sockets get to close after the Cluster has ended, in milliseconds. */
const CLOSE_GRACE_MS = 1000;

/** Result of `testRedisCluster`. */
export interface ClusterTestResult {
  nodes: NodeReport[];
  /** Absent when no clusterHosts entry could be used, and then the node failures explain the result. */
  cluster?: ClusterReport;
}

/** Tests every clusterHosts entry in parallel, then the whole Cluster when at least one entry works. */
export async function testRedisCluster(settings: Omit<NodeTestSettings, 'clusterNode'>): Promise<ClusterTestResult> {
  const nodeSettings = { ...settings, clusterNode: true };
  const nodes = await Promise.all(settings.target.hosts.map((endpoint) => testRedisNode(endpoint, nodeSettings)));
  const workingNodes = nodes.filter((node) => node.reached && node.failure === undefined);
  if (workingNodes.length === 0) {
    return { nodes };
  }
  const cluster = await testSlotMap(workingNodes, nodeSettings);
  const { db } = settings.target;
  if (db !== undefined && db !== 0 && cluster.failure === undefined) {
    cluster.failure = describeFailure('database-not-supported-in-cluster', endpointFailureContext(workingNodes[0], nodeSettings));
  }
  return { nodes, cluster };
}

async function testSlotMap(startupNodes: RedisEndpoint[], settings: NodeTestSettings): Promise<ClusterReport> {
  const sockets = new SocketTracker();
  const options = clusterOptions(settings);
  options.redisOptions = { ...options.redisOptions, Connector: sockets.connector };
  const cluster = createClusterClient(
    startupNodes.map(({ host, port }) => ({ host, port })),
    options,
  );
  let firstNodeError: ErrorFacts | undefined;
  cluster.on('error', () => undefined);
  cluster.on('node error', (error: unknown) => {
    firstNodeError ??= errorFacts(error);
  });
  try {
    const connectError = await withTimeout(cluster.connect(), settings.timeoutMs);
    if (connectError === 'timed-out') {
      const facts = { code: 'ETIMEDOUT', message: 'Loading the Cluster slot map timed out' };
      return { masters: [], failure: describeClusterError(facts, startupNodes[0], settings) };
    }
    if (connectError !== undefined) {
      const facts = lastNodeError(connectError) ?? firstNodeError ?? errorFacts(connectError);
      return { masters: [], failure: describeClusterError(facts, startupNodes[0], settings) };
    }
    const masters = cluster.nodes('master');
    const replies = await Promise.all(masters.map((master) => pingMaster(master.options.host ?? '', master.options.port ?? 0, () => master.ping(), settings)));
    return { masters: replies };
  } finally {
    await closeCluster(cluster, settings.timeoutMs);
    await sockets.waitUntilClosed(CLOSE_GRACE_MS);
  }
}

function clusterOptions(settings: NodeTestSettings): ClusterOptions {
  const { target } = settings;
  return {
    lazyConnect: true,
    clusterRetryStrategy: () => null,
    enableOfflineQueue: false,
    // The ready check sends CLUSTER INFO and fails unless cluster_state is ok.
    enableReadyCheck: true,
    maxRedirections: 2,
    slotsRefreshTimeout: settings.timeoutMs,
    redisOptions: {
      tls: target.useTls ? { ...settings.tls?.options } : undefined,
      password: target.password || undefined,
      maxRetriesPerRequest: 0,
      disableClientInfo: true,
      protocol: 2,
      connectTimeout: settings.timeoutMs,
      commandTimeout: settings.timeoutMs,
    },
  };
}

async function pingMaster(host: string, port: number, ping: () => Promise<string>, settings: NodeTestSettings): Promise<ClusterReport['masters'][number]> {
  try {
    const reply = await ping();
    return { host, port, reply };
  } catch (error) {
    const failure = describeClusterError(errorFacts(error), { host, port }, settings);
    return { host, port, reply: failure.message };
  }
}

function describeClusterError(facts: ErrorFacts, endpoint: RedisEndpoint, settings: NodeTestSettings): ConnectionFailure {
  const clientCertificateSent = settings.tls?.clientCertificateSent ?? false;
  const kind = classifyErrorFacts(facts, clientCertificateSent) ?? 'unknown-error';
  return describeFailure(kind, endpointFailureContext(endpoint, settings), facts.message);
}

/** Returns the cause that ioredis keeps in ClusterAllFailedError, whose own message is only "Failed to refresh slots cache.". */
function lastNodeError(error: unknown): ErrorFacts | undefined {
  const cause = (error as { lastNodeError?: unknown }).lastNodeError;
  return cause === undefined || cause === null ? undefined : errorFacts(cause);
}


/** Resolves undefined when `promise` fulfils, else its error, or 'timed-out' after `timeoutMs`. */
function withTimeout(promise: Promise<unknown>, timeoutMs: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<unknown>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), timeoutMs);
  });
  const settled = promise.then(
    () => undefined,
    (error: unknown) => error ?? new Error('Cluster connection failed'),
  );
  return Promise.race([settled, timeout]).finally(() => clearTimeout(timer));
}

/** Disconnects every node and waits for the Cluster's "end" event, at most `timeoutMs`. */
async function closeCluster(cluster: Cluster, timeoutMs: number): Promise<void> {
  if (cluster.status === 'end') {
    return;
  }
  const ended = new Promise<void>((resolve) => cluster.once('end', () => resolve()));
  cluster.disconnect();
  await withTimeout(ended, timeoutMs);
}
