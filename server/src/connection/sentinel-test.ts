/**
 * Tests a Redis Sentinel set-up as Creatio up to 7.18.2 uses it. Every sentinelHosts entry is
 * queried for the address of the master named masterName, and that master is then tested like a
 * standalone server, with the connection string's password, TLS settings and db.
 *
 * Each Sentinel is queried on its own connection, not through ioredis's Sentinel mode, because
 * that mode stops at the first Sentinel that replies and would hide the others' failures.
 */
import { classifyErrorFacts, describeFailure } from './failures.js';
import { CommandResult, ConnectedNode, NodeTestSettings, checkRedisServer, failureContext, interpretAuth, runCommand, testRedisNode } from './node-test.js';
import { NodeReport, SentinelNodeReport, SentinelReport } from './report.js';
import { parseServerInfo, serverInfoWarnings } from './server-info.js';
import { RedisEndpoint, formatEndpoint } from './target.js';

/** Result of `testRedisSentinel`. */
export interface SentinelTestResult {
  sentinel: SentinelReport;
  /** Report of the master; absent when no Sentinel named its address. */
  master?: NodeReport;
}

/**
 * Queries every Sentinel in parallel, then tests the master that the first Sentinel in
 * sentinelHosts order named, as clients do. Each connection and command gets `timeoutMs`.
 */
export async function testRedisSentinel(settings: Omit<NodeTestSettings, 'clusterNode'>): Promise<SentinelTestResult> {
  const nodeSettings: NodeTestSettings = { ...settings, clusterNode: false };
  const masterName = settings.target.masterName ?? '';
  const sentinels = await Promise.all(settings.target.hosts.map((endpoint) => askSentinel(endpoint, nodeSettings)));
  const sentinel = summarizeSentinels(masterName, sentinels);
  if (sentinel.master === undefined) {
    return { sentinel };
  }
  const master = await testRedisNode(sentinel.master, nodeSettings, checkSentinelMaster);
  return { sentinel, master };
}

/** Picks the master address to test and warns when the Sentinels disagree about it. */
export function summarizeSentinels(masterName: string, sentinels: SentinelNodeReport[]): SentinelReport {
  const replies = sentinels.flatMap((sentinel) => (sentinel.masterAddress ? [{ sentinel, address: sentinel.masterAddress }] : []));
  const master = replies[0]?.address;
  if (master === undefined) {
    return { masterName, sentinels, namedBy: 0, warnings: [] };
  }
  const isMaster = (address: RedisEndpoint): boolean => address.host === master.host && address.port === master.port;
  const warnings: string[] = [];
  if (!replies.every((reply) => isMaster(reply.address))) {
    const named = replies.map((reply) => `${formatEndpoint(reply.address)} (Sentinel ${formatEndpoint(reply.sentinel)})`).join(', ');
    warnings.push(
      `The Sentinels name different addresses for master ${masterName}: ${named}. ` +
        `The test used ${formatEndpoint(master)}, the first one named. A failover may be in progress, or the Sentinels monitor different servers under one name.`,
    );
  }
  return { masterName, sentinels, master, namedBy: replies.filter((reply) => isMaster(reply.address)).length, warnings };
}

async function askSentinel(endpoint: RedisEndpoint, settings: NodeTestSettings): Promise<SentinelNodeReport> {
  let masterAddress: RedisEndpoint | null | undefined;
  const report = await testRedisNode(endpoint, settings, async (node) => {
    masterAddress = await queryMasterAddress(node);
  });
  return masterAddress === undefined ? report : { ...report, masterAddress };
}

/**
 * Checks that the node is a Sentinel and queries it for the master's address. Resolves with
 * the address, null when it monitors no master of that name, or undefined when it failed.
 */
async function queryMasterAddress(node: ConnectedNode): Promise<RedisEndpoint | null | undefined> {
  const { client, report, settings } = node;
  const info = await runWithPasswordOnRequest(node, ['INFO', 'server']);
  if ('facts' in info) {
    await node.fail(info.facts);
    return undefined;
  }
  const serverInfo = parseServerInfo(String(info.reply));
  report.redisVersion = serverInfo.version;
  report.redisMode = serverInfo.mode;
  report.warnings.push(...serverInfoWarnings(serverInfo, { useTls: settings.target.useTls, clusterNode: false, sentinel: true }));
  if (serverInfo.mode !== 'sentinel') {
    report.failure = describeFailure('not-a-sentinel', failureContext(report, settings));
    return undefined;
  }

  const reply = await runCommand(client, ['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', settings.target.masterName ?? '']);
  if ('facts' in reply) {
    await node.fail(reply.facts);
    return undefined;
  }
  if (reply.reply === null) {
    report.failure = describeFailure('sentinel-master-unknown', failureContext(report, settings));
    return null;
  }
  const address = parseAddressReply(reply.reply);
  if (address === undefined) {
    const detail = `SENTINEL GET-MASTER-ADDR-BY-NAME returned ${JSON.stringify(reply.reply)}`;
    report.failure = describeFailure('unknown-error', failureContext(report, settings), detail);
  }
  return address;
}

/** Reads the `[ip, port]` reply of GET-MASTER-ADDR-BY-NAME, or returns undefined for any other shape. */
function parseAddressReply(reply: unknown): RedisEndpoint | undefined {
  if (!Array.isArray(reply) || reply.length !== 2) {
    return undefined;
  }
  const [host, port] = reply.map(String);
  const portNumber = Number(port);
  return host !== '' && Number.isInteger(portNumber) && portNumber > 0 && portNumber <= 65535 ? { host, port: portNumber } : undefined;
}

/**
 * Sends `command`, and when the Sentinel requires a password (NOAUTH), sends AUTH with the
 * connection string's password and then the command again. The connection string has one
 * password, the master's, and many set-ups leave their Sentinels without one, so a Sentinel
 * gets the password only when it requires one.
 */
async function runWithPasswordOnRequest(node: ConnectedNode, command: string[]): Promise<CommandResult> {
  const { client, report } = node;
  const { password } = node.settings.target;
  const first = await runCommand(client, command);
  if ('reply' in first) {
    report.auth = password ? 'not-required' : 'not-sent';
    return first;
  }
  if (classifyErrorFacts(first.facts, false) !== 'password-required') {
    return first;
  }
  if (!password) {
    report.auth = 'not-sent';
    return first;
  }
  const auth = interpretAuth(await runCommand(client, ['AUTH', password]));
  report.auth = auth.auth;
  if (auth.facts !== undefined) {
    return { facts: auth.facts };
  }
  return runCommand(client, command);
}

/** Checks the master as a standalone server, then that it is a master and not a replica. */
async function checkSentinelMaster(node: ConnectedNode): Promise<void> {
  await checkRedisServer(node);
  if (node.report.failure !== undefined) {
    return;
  }
  const replication = await runCommand(node.client, ['INFO', 'replication']);
  if ('facts' in replication) {
    return node.fail(replication.facts);
  }
  node.report.role = /^role:(\w+)/m.exec(String(replication.reply))?.[1] ?? 'unknown';
  if (node.report.role === 'slave') {
    node.report.failure = describeFailure('sentinel-master-is-replica', failureContext(node.report, node.settings));
  }
}
