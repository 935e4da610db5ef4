/**
 * Tests one Redis node with ioredis as Creatio would connect to it: TCP or TLS,
 * then AUTH, SELECT (standalone) or CLUSTER INFO (cluster), then INFO server.
 * Failures are classified, with short probes where ioredis reports different
 * causes alike.
 */
import type { Redis, RedisOptions } from 'ioredis';
import { TLSSocket } from 'node:tls';
import { ErrorFacts, FailureContext, classifyErrorFacts, describeFailure, errorFacts, isConnectionDrop, suggestsPlainPort } from './failures.js';
import { createRedisClient } from './ioredis.js';
import { probePlainRedis, probeTlsHandshake, summarizePeerCertificate } from './probes.js';
import { AuthResult, CertificateSummary, FailureKind, NodeReport, TlsSummary } from './report.js';
import { parseServerInfo, serverInfoWarnings } from './server-info.js';
import { SocketTracker } from './socket-tracker.js';
import { RedisEndpoint, RedisTarget, formatEndpoint } from './target.js';
import { TlsSetup } from './tls-setup.js';

/** Settings of `testRedisNode` besides the endpoint. */
export interface NodeTestSettings {
  target: RedisTarget;
  /** TLS options when `target.useTls` is set. */
  tls?: TlsSetup;
  timeoutMs: number;
  /** True for a Cluster node: `CLUSTER INFO` is checked and `SELECT` is not sent. */
  clusterNode: boolean;
  caCertificatePath?: string;
}

/** Maximum wait of a probe that distinguishes two failure causes, in milliseconds. */
const PROBE_TIMEOUT_MS = 1000;

/**
 * A TLS handshake with Redis takes milliseconds, so one still pending after this
 * delay starts a plain PING probe. A TLS ClientHello sent to a plain Redis port
 * usually gets no reply at all and would otherwise wait for the full timeout.
 */
const PLAIN_PORT_PROBE_DELAY_MS = 500;

type ConnectOutcome =
  | { status: 'connected' }
  | { status: 'failed'; facts: ErrorFacts }
  | { status: 'timed-out'; plainPortProbed: boolean }
  | { status: 'plain-port' };

/** Result of one Redis command: the reply, or the error facts. */
export type CommandResult = { reply: unknown } | { facts: ErrorFacts };

/** A node that the test has connected to, handed to the checks that run on it. */
export interface ConnectedNode {
  client: Redis;
  report: NodeReport;
  settings: NodeTestSettings;
  /** Classifies a failed command, preferring the connection's first error, and stores the failure in the report. */
  fail(facts: ErrorFacts): Promise<void>;
}

/** Commands that run on a connected node and record their results in its report. */
export type NodeChecks = (node: ConnectedNode) => Promise<void>;

/**
 * Connects to one node, runs `checks` on it, and always disconnects before it resolves.
 * The default checks are those of a Redis server.
 */
export async function testRedisNode(endpoint: RedisEndpoint, settings: NodeTestSettings, checks: NodeChecks = checkRedisServer): Promise<NodeReport> {
  const started = Date.now();
  const report: NodeReport = { host: endpoint.host, port: endpoint.port, reached: false, warnings: [...(settings.tls?.warnings ?? [])], durationMs: 0 };
  const sockets = new SocketTracker();
  const client = createRedisClient({ ...clientOptions(endpoint, settings), Connector: sockets.connector });
  let firstError: ErrorFacts | undefined;
  client.on('error', (error: unknown) => {
    firstError ??= errorFacts(error);
  });
  try {
    const outcome = await connectWithWatchdog(client, endpoint, settings, () => firstError);
    if (settings.target.useTls) {
      report.tls = baseTlsSummary(settings);
    }
    if (outcome.status === 'connected') {
      report.reached = true;
      if (report.tls !== undefined) {
        Object.assign(report.tls, readTlsSession(client.stream as TLSSocket, settings));
      }
      const fail = (facts: ErrorFacts): Promise<void> => recordFailure(report, report, settings, { status: 'failed', facts: firstError ?? facts });
      await checks({ client, report, settings, fail });
    } else {
      await recordFailure(report, endpoint, settings, outcome);
    }
  } finally {
    // A failed connection gets no graceful close, because a server that hangs would never complete it.
    await closeClient(client, sockets, report.failure === undefined ? PROBE_TIMEOUT_MS : 0);
  }
  report.durationMs = Date.now() - started;
  return report;
}

function clientOptions(endpoint: RedisEndpoint, settings: NodeTestSettings): RedisOptions {
  return {
    host: endpoint.host,
    port: endpoint.port,
    tls: settings.target.useTls ? { ...settings.tls?.options } : undefined,
    lazyConnect: true,
    // One attempt only: no reconnects, no retries, no queue that would hide the failure.
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    reconnectOnError: null,
    autoResubscribe: false,
    // AUTH, SELECT and INFO are sent by runChecks so that each step's result is known.
    enableReadyCheck: false,
    disableClientInfo: true,
    // RESP2 is what StackExchange.Redis (Creatio's client) uses by default, and it keeps AUTH a separate command.
    protocol: 2,
    maintNotifications: 'disabled',
    connectTimeout: settings.timeoutMs,
    commandTimeout: settings.timeoutMs,
  };
}

/**
 * Connects with ioredis within the timeout. For TLS, a handshake still pending
 * after PLAIN_PORT_PROBE_DELAY_MS starts a plain PING probe that can end the
 * wait early. Resolves only after that probe's socket is closed too.
 */
async function connectWithWatchdog(
  client: Redis,
  endpoint: RedisEndpoint,
  settings: NodeTestSettings,
  firstError: () => ErrorFacts | undefined,
): Promise<ConnectOutcome> {
  const started = Date.now();
  const timers: NodeJS.Timeout[] = [];
  let settled = false;
  let plainPortProbe: Promise<void> | undefined;
  const outcome = await new Promise<ConnectOutcome>((resolve) => {
    const finish = (result: ConnectOutcome): void => {
      if (!settled) {
        settled = true;
        timers.forEach(clearTimeout);
        resolve(result);
      }
    };
    client.connect().then(
      () => finish({ status: 'connected' }),
      (error: unknown) => finish({ status: 'failed', facts: firstError() ?? errorFacts(error) }),
    );
    timers.push(setTimeout(() => finish({ status: 'timed-out', plainPortProbed: plainPortProbe !== undefined }), settings.timeoutMs));
    if (settings.target.useTls && settings.timeoutMs > PLAIN_PORT_PROBE_DELAY_MS) {
      const probe = async (): Promise<void> => {
        const remaining = Math.max(1, settings.timeoutMs - (Date.now() - started));
        if (await probePlainRedis(endpoint.host, endpoint.port, Math.min(PROBE_TIMEOUT_MS, remaining))) {
          finish({ status: 'plain-port' });
        }
      };
      const startProbe = (): void => {
        // Status "connecting" lasts until the TLS handshake completes.
        if (!settled && client.status === 'connecting') {
          plainPortProbe = probe();
        }
      };
      timers.push(setTimeout(startProbe, PLAIN_PORT_PROBE_DELAY_MS));
    }
  });
  // The probe's own timeout ends by the deadline, so this wait is short.
  await plainPortProbe;
  return outcome;
}

/** Sends AUTH, SELECT (standalone), INFO server and, on a Cluster node, CLUSTER INFO. */
export async function checkRedisServer({ client, report, settings, fail: failWith }: ConnectedNode): Promise<void> {
  const { target } = settings;
  report.auth = 'not-sent';
  if (target.password) {
    const auth = await runCommand(client, ['AUTH', target.password]);
    const authResult = interpretAuth(auth);
    report.auth = authResult.auth;
    if (authResult.warning !== undefined) {
      report.warnings.push(authResult.warning);
    }
    if (authResult.facts !== undefined) {
      return failWith(authResult.facts);
    }
  }
  if (!settings.clusterNode && target.db !== undefined && target.db !== 0) {
    const select = await runCommand(client, ['SELECT', String(target.db)]);
    if ('facts' in select) {
      return failWith(select.facts);
    }
  }
  const info = await runCommand(client, ['INFO', 'server']);
  if ('facts' in info) {
    return failWith(info.facts);
  }
  const serverInfo = parseServerInfo(String(info.reply));
  report.redisVersion = serverInfo.version;
  report.redisMode = serverInfo.mode;
  report.warnings.push(...serverInfoWarnings(serverInfo, { useTls: target.useTls, clusterNode: settings.clusterNode }));
  if (settings.clusterNode) {
    await checkClusterState(client, report, settings, failWith);
  }
}

/** Sends one command and resolves with its reply or its error. */
export function runCommand(client: Redis, [command, ...args]: string[]): Promise<CommandResult> {
  return client.call(command, ...args).then(
    (reply: unknown) => ({ reply }),
    (error: unknown) => ({ facts: errorFacts(error) }),
  );
}

/** Turns the reply to AUTH into the report's AUTH result, with a warning or the error to record. */
export function interpretAuth(result: CommandResult): { auth: AuthResult | undefined; warning?: string; facts?: ErrorFacts } {
  if ('reply' in result) {
    return { auth: 'succeeded' };
  }
  const text = result.facts.message.toLowerCase();
  // Redis 6+ and Redis 5 word the same case differently.
  if (text.includes('without any password configured') || text.includes('no password is set')) {
    return { auth: 'not-required', warning: 'The connection string sets a password, but the server requires none.' };
  }
  // Other errors, such as a TLS alert that closed the connection, leave the AUTH result unknown.
  const isWrongPassword = classifyErrorFacts(result.facts, false) === 'wrong-password';
  return { auth: isWrongPassword ? 'failed' : undefined, facts: result.facts };
}

async function checkClusterState(client: Redis, report: NodeReport, settings: NodeTestSettings, failWith: (facts: ErrorFacts) => Promise<void>): Promise<void> {
  const clusterInfo = await runCommand(client, ['CLUSTER', 'INFO']);
  if ('facts' in clusterInfo) {
    return failWith(clusterInfo.facts);
  }
  report.clusterState = /cluster_state:(\w+)/.exec(String(clusterInfo.reply))?.[1] ?? 'unknown';
  if (report.clusterState !== 'ok') {
    report.failure = describeFailure('cluster-state-not-ok', failureContext(report, settings));
  }
}

/** Classifies a connection or command failure, with probes where the error alone is ambiguous, and stores it in the report. */
async function recordFailure(report: NodeReport, endpoint: RedisEndpoint, settings: NodeTestSettings, outcome: Exclude<ConnectOutcome, { status: 'connected' }>): Promise<void> {
  const facts = outcome.status === 'failed' ? outcome.facts : undefined;
  const diagnosis = await diagnose(endpoint, settings, outcome, report.reached);
  if (diagnosis.serverCertificate !== undefined && report.tls !== undefined) {
    report.tls.serverCertificate ??= diagnosis.serverCertificate;
  }
  const context = failureContext(report, settings);
  report.failure = describeFailure(diagnosis.kind, context, facts?.message);
}

interface Diagnosis {
  kind: FailureKind;
  serverCertificate?: CertificateSummary;
}

async function diagnose(
  endpoint: RedisEndpoint,
  settings: NodeTestSettings,
  outcome: Exclude<ConnectOutcome, { status: 'connected' }>,
  handshakeDone: boolean,
): Promise<Diagnosis> {
  const clientCertificateSent = settings.tls?.clientCertificateSent ?? false;
  if (outcome.status === 'plain-port') {
    return { kind: 'tls-to-plain-port' };
  }
  const facts = outcome.status === 'failed' ? outcome.facts : undefined;
  // ioredis reports its own connect timeout as ETIMEDOUT. A TLS client that timed out before the handshake may face a plain port.
  if (facts === undefined || (facts.code === 'ETIMEDOUT' && !handshakeDone)) {
    const probed = outcome.status === 'timed-out' && outcome.plainPortProbed;
    const plain = settings.target.useTls && !probed && (await probePlainRedis(endpoint.host, endpoint.port, PROBE_TIMEOUT_MS));
    return { kind: plain ? 'tls-to-plain-port' : 'timed-out' };
  }
  const kind = classifyErrorFacts(facts, clientCertificateSent);
  if (kind === 'server-certificate-untrusted' || kind === 'server-certificate-expired' || kind === 'host-name-mismatch') {
    const probe = await probeTlsHandshake(endpoint.host, endpoint.port, PROBE_TIMEOUT_MS);
    return { kind, serverCertificate: probe.certificate };
  }
  if (kind !== undefined) {
    return { kind };
  }
  return diagnoseAmbiguous(endpoint, settings, facts, handshakeDone, clientCertificateSent);
}

async function diagnoseAmbiguous(
  endpoint: RedisEndpoint,
  settings: NodeTestSettings,
  facts: ErrorFacts,
  handshakeDone: boolean,
  clientCertificateSent: boolean,
): Promise<Diagnosis> {
  if (settings.target.useTls) {
    if (suggestsPlainPort(facts) && (await probePlainRedis(endpoint.host, endpoint.port, PROBE_TIMEOUT_MS))) {
      return { kind: 'tls-to-plain-port' };
    }
    if (isConnectionDrop(facts)) {
      // A server that requires client certificates may drop the connection right after the handshake instead of sending an alert.
      return { kind: handshakeDone && !clientCertificateSent ? 'client-certificate-required' : 'connection-closed' };
    }
    return { kind: facts.code?.startsWith('ERR_SSL_') ? 'tls-handshake-failed' : 'unknown-error' };
  }
  if (isConnectionDrop(facts)) {
    const probe = await probeTlsHandshake(endpoint.host, endpoint.port, PROBE_TIMEOUT_MS);
    return { kind: probe.speaksTls ? 'plain-to-tls-port' : 'connection-closed', serverCertificate: probe.certificate };
  }
  return { kind: 'unknown-error' };
}

/** Returns what a failure message of any node needs: the endpoint and what the test sent. */
export function endpointFailureContext(endpoint: RedisEndpoint, settings: NodeTestSettings): FailureContext {
  return {
    endpoint: formatEndpoint(endpoint),
    host: endpoint.host,
    timeoutMs: settings.timeoutMs,
    db: settings.target.db,
    certificatePath: settings.target.certificatePath,
    caCertificatePath: settings.caCertificatePath,
    passwordSet: Boolean(settings.target.password),
    certificatePasswordSet: Boolean(settings.target.certificatePassword),
    clientCertificate: settings.tls?.clientCertificate,
    masterName: settings.target.masterName,
  };
}

/** Returns what a failure message of this node needs, with the facts its report has gathered. */
export function failureContext(report: NodeReport, settings: NodeTestSettings): FailureContext {
  return {
    ...endpointFailureContext(report, settings),
    serverCertificate: report.tls?.serverCertificate,
    clusterState: report.clusterState,
    redisMode: report.redisMode,
  };
}

function baseTlsSummary(settings: NodeTestSettings): TlsSummary {
  return {
    certificateValidation: settings.target.disableTlsCertificateValidation ? 'skipped' : 'validated',
    clientCertificate: settings.tls?.clientCertificate,
  };
}

function readTlsSession(socket: TLSSocket, settings: NodeTestSettings): Partial<TlsSummary> {
  const session: Partial<TlsSummary> = {
    protocol: socket.getProtocol() ?? undefined,
    cipher: socket.getCipher()?.name,
    serverCertificate: summarizePeerCertificate(socket.getPeerCertificate()),
  };
  // Node still checks the chain and host name when validation is off, and keeps the reason here.
  if (settings.target.disableTlsCertificateValidation && socket.authorizationError) {
    session.validationErrorWhileSkipped = String(socket.authorizationError);
  }
  return session;
}

/** Disconnects and waits until the socket is closed, so no handle stays open after the test. */
async function closeClient(client: Redis, sockets: SocketTracker, graceMs: number): Promise<void> {
  // After the server has closed the connection, the status is "end". Then disconnect() would only start
  // ioredis's disconnect timer, which waits for a "close" event that has already fired.
  if (client.status !== 'end') {
    client.disconnect();
  }
  await sockets.waitUntilClosed(graceMs);
}
