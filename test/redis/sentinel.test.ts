/**
 * testRedisConnection for Sentinel entries against real redis-server and
 * `redis-server --sentinel` processes on 127.0.0.1, and the same test through
 * the language server and the command-line linter.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, test } from 'node:test';
import { RedisTarget } from '../../server/src/connection/index.js';
import { TestCertificates, createTestCertificates, removeTestCertificates } from '../support/certificates.js';
import { ConnectionTestRecorder, EXPECTED_FIXES, assertFailure, installedRedisVersion } from '../support/connection-checks.js';
import { LspTestClient, fileUri } from '../support/lspClient.js';
import {
  RunningRedisServer,
  SilentServer,
  TlsServerFiles,
  assertRedisInstalled,
  findFreePort,
  startRedisSentinel,
  startRedisServer,
  startSilentServer,
} from '../support/redis-servers.js';

const LINT = join(__dirname, '..', '..', 'dist', 'lint.js');

const MASTER_PASSWORD = 'sentinel-Master-Pass-5k';
const TLS_MASTER_PASSWORD = 'tls-Master-Pass-2r';
const WRONG_PASSWORD = 'wrong-Master-Pass-8d';
const MASTER_NAME = 'creatio-master';
/** Name under which the plain Sentinel monitors a replica, as if its view were stale. */
const STALE_MASTER_NAME = 'stale-master';

const FIX_MASTER_NAME = "Set masterName to the name in the Sentinels' sentinel monitor line (SENTINEL MASTERS lists them). Names are case-sensitive.";
const FIX_NOT_A_SENTINEL =
  'List the Sentinels in sentinelHosts (port 26379 by default), not the Redis servers they monitor. For a single Redis server, use host and port instead.';
const AUTH_NOT_NEEDED = '  AUTH: the server requires no password, so the password was not checked';

interface Servers {
  master: RunningRedisServer;
  /** A replica of `master`, which `sentinel` monitors as STALE_MASTER_NAME. */
  replica: RunningRedisServer;
  /** A Sentinel without a password that monitors `master` and `replica`. */
  sentinel: RunningRedisServer;
  /** A Sentinel whose requirepass is MASTER_PASSWORD. */
  passwordSentinel: RunningRedisServer;
  tlsMaster: RunningRedisServer;
  tlsSentinel: RunningRedisServer;
}

/** Replaces the measured durations, the only values of a report that change from run to run. */
function withoutDurations(lines: string[]): string[] {
  return lines.map((line) => line.replace(/\(\d+ ms\)/, '(N ms)'));
}

function sentinelConfig(connectionString: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<connectionStrings>\n  <add name="redisSentinel" connectionString="${connectionString}" />\n</connectionStrings>\n`;
}

// Fails with the install hint, so a machine without Redis shows a failure rather than only cancelled tests.
test('Redis tools installed', () => {
  assertRedisInstalled();
});

describe('testRedisConnection sentinel', () => {
  let certificates: TestCertificates;
  let servers: Servers;
  let silentServer: SilentServer;
  let closedPort: number;
  let redisVersion: string;
  let recorder: ConnectionTestRecorder;
  let folder: string;
  const started: RunningRedisServer[] = [];

  const sentinelTarget = (sentinels: { host: string; port: number }[], overrides: Partial<RedisTarget> = {}): RedisTarget => ({
    topology: 'sentinel',
    hosts: sentinels.map(({ host, port }) => ({ host, port })),
    masterName: MASTER_NAME,
    password: MASTER_PASSWORD,
    useTls: false,
    disableTlsCertificateValidation: false,
    ...overrides,
  });
  const closed = () => ({ host: '127.0.0.1', port: closedPort });

  /** Lines of a Sentinel without a password that names `master`. */
  const sentinelLines = (sentinel: RunningRedisServer, master: RunningRedisServer, masterName = MASTER_NAME, auth = AUTH_NOT_NEEDED) => [
    `Sentinel 127.0.0.1:${sentinel.port}: reached (N ms)`,
    auth,
    `  Redis version: ${redisVersion}, mode sentinel`,
    `  Master ${masterName}: 127.0.0.1:${master.port}`,
  ];

  /** Returns the report lines of a test where both Sentinels name the master and the master accepts the password. */
  const successLines = () => {
    const { master, sentinel, passwordSentinel } = servers;
    return [
      'Redis sentinel: connection succeeded (N ms).',
      ...sentinelLines(sentinel, master),
      ...sentinelLines(passwordSentinel, master, MASTER_NAME, '  AUTH: password accepted'),
      `Master ${MASTER_NAME}: 127.0.0.1:${master.port}, named by 2 of 2 Sentinel(s)`,
      `127.0.0.1:${master.port}: reached (N ms)`,
      '  AUTH: password accepted',
      `  Redis version: ${redisVersion}, mode standalone, role master`,
    ];
  };

  before(async () => {
    assertRedisInstalled();
    redisVersion = installedRedisVersion();
    certificates = await createTestCertificates();
    recorder = new ConnectionTestRecorder([MASTER_PASSWORD, TLS_MASTER_PASSWORD, WRONG_PASSWORD, certificates.password]);
    folder = mkdtempSync(join(tmpdir(), 'creatio-sentinel-'));
    silentServer = await startSilentServer();
    closedPort = await findFreePort();
    servers = await startServers(certificates, started);
  });

  after(async () => {
    // Every process that started, also when starting the others failed; Sentinels first, in reverse order of start.
    for (const server of started.reverse()) {
      await server.stop();
    }
    await silentServer?.stop();
    if (folder !== undefined) {
      rmSync(folder, { recursive: true, force: true });
    }
    if (certificates !== undefined) {
      await removeTestCertificates(certificates);
    }
  });

  it('Sentinel succeeds', async () => {
    const { master, sentinel, passwordSentinel } = servers;
    const { report, lines } = await recorder.run(sentinelTarget([sentinel, passwordSentinel], { db: 3 }));
    assert.equal(report.ok, true);
    assert.equal(report.tested, true);
    assert.equal(report.topology, 'sentinel');

    assert.equal(report.sentinel?.masterName, MASTER_NAME);
    assert.deepEqual(report.sentinel?.master, { host: '127.0.0.1', port: master.port });
    assert.equal(report.sentinel?.namedBy, 2);
    assert.deepEqual(report.sentinel?.warnings, []);

    const [first, second] = report.sentinel?.sentinels ?? [];
    assert.equal(first.reached, true);
    assert.equal(first.failure, undefined);
    assert.equal(first.auth, 'not-required');
    assert.equal(first.redisMode, 'sentinel');
    assert.equal(first.redisVersion, redisVersion);
    assert.deepEqual(first.masterAddress, { host: '127.0.0.1', port: master.port });
    assert.equal(second.auth, 'succeeded');
    assert.deepEqual(second.masterAddress, { host: '127.0.0.1', port: master.port });

    assert.equal(report.nodes.length, 1);
    const [masterNode] = report.nodes;
    assert.equal(masterNode.port, master.port);
    assert.equal(masterNode.reached, true);
    assert.equal(masterNode.auth, 'succeeded');
    assert.equal(masterNode.redisMode, 'standalone');
    assert.equal(masterNode.role, 'master');
    assert.equal(masterNode.failure, undefined);
    assert.deepEqual(report.warnings, []);

    assert.deepEqual(withoutDurations(lines), successLines());
  });

  it('reports unknown master name', async () => {
    const { sentinel, passwordSentinel } = servers;
    // Sentinel compares master names with letter case, so this name is unknown.
    const { report, lines } = await recorder.run(sentinelTarget([sentinel, passwordSentinel], { masterName: 'Creatio-Master' }));
    assert.equal(report.ok, false);
    assert.equal(report.sentinel?.master, undefined);
    assert.equal(report.sentinel?.namedBy, 0);
    assert.deepEqual(report.nodes, []);
    for (const node of report.sentinel?.sentinels ?? []) {
      assert.equal(node.reached, true);
      assert.equal(node.masterAddress, null);
      assertFailure(node, 'sentinel-master-unknown', `The Sentinel at 127.0.0.1:${node.port} monitors no master named Creatio-Master.`, FIX_MASTER_NAME);
    }
    assert.deepEqual(withoutDurations(lines), [
      'Redis sentinel: connection failed (N ms).',
      `Sentinel 127.0.0.1:${sentinel.port}: reached (N ms)`,
      AUTH_NOT_NEEDED,
      `  Redis version: ${redisVersion}, mode sentinel`,
      '  Master Creatio-Master: not monitored by this Sentinel',
      `  Error: The Sentinel at 127.0.0.1:${sentinel.port} monitors no master named Creatio-Master.`,
      `  Fix: ${FIX_MASTER_NAME}`,
      `Sentinel 127.0.0.1:${passwordSentinel.port}: reached (N ms)`,
      '  AUTH: password accepted',
      `  Redis version: ${redisVersion}, mode sentinel`,
      '  Master Creatio-Master: not monitored by this Sentinel',
      `  Error: The Sentinel at 127.0.0.1:${passwordSentinel.port} monitors no master named Creatio-Master.`,
      `  Fix: ${FIX_MASTER_NAME}`,
      'Master Creatio-Master: no Sentinel named its address, so no Redis server was tested.',
    ]);
  });

  it('reports no Sentinel reachable', async () => {
    const { report, lines } = await recorder.run(sentinelTarget([closed()]));
    assert.equal(report.ok, false);
    assert.deepEqual(report.nodes, []);
    assert.equal(report.sentinel?.master, undefined);
    const [node] = report.sentinel?.sentinels ?? [];
    assert.equal(node.reached, false);
    assert.equal(node.auth, undefined);
    assert.equal(node.masterAddress, undefined);
    assertFailure(node, 'connection-refused', `Nothing accepts connections at 127.0.0.1:${closedPort} (ECONNREFUSED).`);
    assert.deepEqual(withoutDurations(lines), [
      'Redis sentinel: connection failed (N ms).',
      `Sentinel 127.0.0.1:${closedPort}: not reached (N ms)`,
      `  Error: Nothing accepts connections at 127.0.0.1:${closedPort} (ECONNREFUSED).`,
      `  Fix: ${EXPECTED_FIXES['connection-refused']}`,
      `  Details: connect ECONNREFUSED 127.0.0.1:${closedPort}`,
      `Master ${MASTER_NAME}: no Sentinel named its address, so no Redis server was tested.`,
    ]);
  });

  it('reports wrong master password', async () => {
    const { master, sentinel } = servers;
    const { report, lines } = await recorder.run(sentinelTarget([sentinel], { password: WRONG_PASSWORD }));
    assert.equal(report.ok, false);
    assert.equal(report.sentinel?.sentinels[0].failure, undefined);
    assert.deepEqual(report.sentinel?.master, { host: '127.0.0.1', port: master.port });
    const [masterNode] = report.nodes;
    assert.equal(masterNode.reached, true);
    assert.equal(masterNode.auth, 'failed');
    assertFailure(masterNode, 'wrong-password', `Redis at 127.0.0.1:${master.port} rejected the password.`);
    assert.deepEqual(withoutDurations(lines), [
      'Redis sentinel: connection failed (N ms).',
      ...sentinelLines(sentinel, master),
      `Master ${MASTER_NAME}: 127.0.0.1:${master.port}, named by 1 of 1 Sentinel(s)`,
      `127.0.0.1:${master.port}: reached (N ms)`,
      '  AUTH: password rejected',
      `  Error: Redis at 127.0.0.1:${master.port} rejected the password.`,
      `  Fix: ${EXPECTED_FIXES['wrong-password']}`,
      '  Details: WRONGPASS invalid username-password pair or user is disabled.',
    ]);
  });

  it('tests master when one Sentinel is down', async () => {
    const { master, sentinel } = servers;
    const { report } = await recorder.run(sentinelTarget([closed(), sentinel]));
    // Every listed Sentinel must reply, as every clusterHosts entry must for a Cluster.
    assert.equal(report.ok, false);
    const [down, up] = report.sentinel?.sentinels ?? [];
    assertFailure(down, 'connection-refused', `Nothing accepts connections at 127.0.0.1:${closedPort} (ECONNREFUSED).`);
    assert.equal(up.failure, undefined);
    assert.deepEqual(report.sentinel?.master, { host: '127.0.0.1', port: master.port });
    assert.equal(report.sentinel?.namedBy, 1);
    assert.equal(report.nodes[0].failure, undefined);
    assert.equal(report.nodes[0].role, 'master');
  });

  it('reports Sentinel password required', async () => {
    const { report } = await recorder.run(sentinelTarget([servers.passwordSentinel], { password: undefined }));
    const [node] = report.sentinel?.sentinels ?? [];
    assert.equal(report.ok, false);
    assert.equal(node.reached, true);
    assert.equal(node.auth, 'not-sent');
    assertFailure(node, 'password-required', `Redis at 127.0.0.1:${node.port} requires a password (NOAUTH), and the connection string has none.`);
    assert.deepEqual(report.nodes, []);
  });

  it('reports Redis server as Sentinel', async () => {
    const { master } = servers;
    const { report } = await recorder.run(sentinelTarget([master]));
    const [node] = report.sentinel?.sentinels ?? [];
    assert.equal(report.ok, false);
    assert.equal(node.redisMode, 'standalone');
    assert.equal(node.masterAddress, undefined);
    assertFailure(node, 'not-a-sentinel', `127.0.0.1:${master.port} is not a Redis Sentinel: INFO reports redis_mode:standalone.`, FIX_NOT_A_SENTINEL);
    assert.deepEqual(report.nodes, []);
  });

  it('reports replica named as master', async () => {
    const { replica, sentinel } = servers;
    const { report, lines } = await recorder.run(sentinelTarget([sentinel], { masterName: STALE_MASTER_NAME, password: undefined }));
    assert.equal(report.ok, false);
    const [node] = report.nodes;
    assert.equal(node.port, replica.port);
    assert.equal(node.role, 'slave');
    assertFailure(
      node,
      'sentinel-master-is-replica',
      `127.0.0.1:${replica.port}, which the Sentinels name as master ${STALE_MASTER_NAME}, is a replica (role:slave).`,
      `Test again after a failover in progress has finished. If the Sentinels keep naming a replica, check SENTINEL MASTER ${STALE_MASTER_NAME} on them and the replicaof setting of the servers.`,
    );
    assert.deepEqual(withoutDurations(lines).slice(-5), [
      `127.0.0.1:${replica.port}: reached (N ms)`,
      '  AUTH: not sent, because the connection string sets no password',
      `  Redis version: ${redisVersion}, mode standalone, role slave`,
      `  Error: 127.0.0.1:${replica.port}, which the Sentinels name as master ${STALE_MASTER_NAME}, is a replica (role:slave).`,
      `  Fix: Test again after a failover in progress has finished. If the Sentinels keep naming a replica, check SENTINEL MASTER ${STALE_MASTER_NAME} on them and the replicaof setting of the servers.`,
    ]);
  });

  it('reports silent Sentinel timeout', async () => {
    const { report } = await recorder.run(sentinelTarget([{ host: '127.0.0.1', port: silentServer.port }]), { timeoutMs: 1000 });
    const [node] = report.sentinel?.sentinels ?? [];
    assertFailure(node, 'timed-out', `127.0.0.1:${silentServer.port} did not reply within 1000 ms (timed out).`);
    assert.ok(node.durationMs >= 1000, `took ${node.durationMs} ms`);
    assert.ok(report.durationMs < 2500, `took ${report.durationMs} ms`);
  });

  it('TLS Sentinel succeeds', async () => {
    const { tlsMaster, tlsSentinel } = servers;
    const target = sentinelTarget([tlsSentinel], { useTls: true, password: TLS_MASTER_PASSWORD });
    const { report, lines } = await recorder.run(target, { caCertificatePath: certificates.caCert });
    assert.equal(report.ok, true);
    const [node] = report.sentinel?.sentinels ?? [];
    assert.equal(node.tls?.protocol, 'TLSv1.3');
    assert.equal(node.tls?.certificateValidation, 'validated');
    assert.equal(node.tls?.serverCertificate?.subject, 'CN=localhost');
    assert.deepEqual(node.masterAddress, { host: '127.0.0.1', port: tlsMaster.port });
    const [masterNode] = report.nodes;
    assert.equal(masterNode.tls?.protocol, 'TLSv1.3');
    assert.equal(masterNode.tls?.serverCertificate?.subject, 'CN=localhost');
    assert.equal(masterNode.auth, 'succeeded');
    assert.equal(masterNode.role, 'master');
    assert.deepEqual(report.warnings, [
      'Creatio reads sentinelHosts up to 7.18.2 and useTls from 8.0.2 on, so no version uses both. ' +
        'The test used TLS as the connection string asks, but Creatio 7.18.2 and earlier connect without it.',
    ]);
    assert.ok(lines.includes(`Master ${MASTER_NAME}: 127.0.0.1:${tlsMaster.port}, named by 1 of 1 Sentinel(s)`));
  });

  it('tests a Sentinel entry over LSP', async () => {
    const { master, sentinel, passwordSentinel } = servers;
    const client = new LspTestClient();
    try {
      await client.initialize();
      const path = join(folder, 'lsp', 'ConnectionStrings.config');
      const text = sentinelConfig(`sentinelHosts=127.0.0.1:${sentinel.port},127.0.0.1:${passwordSentinel.port};masterName=${MASTER_NAME};password=${MASTER_PASSWORD}`);
      spawnSync('mkdir', ['-p', join(folder, 'lsp')]);
      writeFileSync(path, text);
      await client.open(fileUri(path), text);
      const result = (await client.connection.sendRequest('workspace/executeCommand', {
        command: 'creatioConfig.server.testConnection',
        arguments: [fileUri(path)],
      })) as { ok: boolean; lines: string[] };
      assert.equal(result.ok, true, result.lines.join('\n'));
      assert.deepEqual(withoutDurations(result.lines), ["Entry 'redisSentinel':", ...successLines()]);
    } finally {
      await client.shutdown();
    }
  });

  it('CLI exits 0 for working Sentinel', () => {
    const { master, sentinel } = servers;
    const path = join(folder, 'cli-good', 'ConnectionStrings.config');
    spawnSync('mkdir', ['-p', join(folder, 'cli-good')]);
    writeFileSync(path, sentinelConfig(`sentinelHosts=127.0.0.1:${sentinel.port};masterName=${MASTER_NAME};password=${MASTER_PASSWORD};db=2`));
    const run = spawnSync(process.execPath, [LINT, '--test-connection', path], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(run.stderr, '');
    assert.deepEqual(withoutDurations(run.stdout.trimEnd().split('\n')), [
      `Entry 'redisSentinel' of ${path}:`,
      'Redis sentinel: connection succeeded (N ms).',
      ...sentinelLines(sentinel, master),
      `Master ${MASTER_NAME}: 127.0.0.1:${master.port}, named by 1 of 1 Sentinel(s)`,
      `127.0.0.1:${master.port}: reached (N ms)`,
      '  AUTH: password accepted',
      `  Redis version: ${redisVersion}, mode standalone, role master`,
    ]);
  });

  it('CLI exit codes for failing Sentinel', () => {
    const path = join(folder, 'cli-bad', 'ConnectionStrings.config');
    spawnSync('mkdir', ['-p', join(folder, 'cli-bad')]);
    writeFileSync(path, sentinelConfig(`sentinelHosts=127.0.0.1:${servers.sentinel.port};masterName=unknown-master;password=${MASTER_PASSWORD}`));
    const unknown = spawnSync(process.execPath, [LINT, '--test-connection', path, '--timeout', '3000'], { encoding: 'utf8' });
    assert.equal(unknown.status, 1, unknown.stdout + unknown.stderr);
    assert.deepEqual(withoutDurations(unknown.stdout.trimEnd().split('\n')), [
      `Entry 'redisSentinel' of ${path}:`,
      'Redis sentinel: connection failed (N ms).',
      `Sentinel 127.0.0.1:${servers.sentinel.port}: reached (N ms)`,
      AUTH_NOT_NEEDED,
      `  Redis version: ${redisVersion}, mode sentinel`,
      '  Master unknown-master: not monitored by this Sentinel',
      `  Error: The Sentinel at 127.0.0.1:${servers.sentinel.port} monitors no master named unknown-master.`,
      `  Fix: ${FIX_MASTER_NAME}`,
      'Master unknown-master: no Sentinel named its address, so no Redis server was tested.',
    ]);

    writeFileSync(path, sentinelConfig(`sentinelHosts=127.0.0.1:${servers.sentinel.port};password=${MASTER_PASSWORD}`));
    const withoutName = spawnSync(process.execPath, [LINT, '--test-connection', path], { encoding: 'utf8' });
    // A connection string that cannot be tested is a usage problem, exit code 2, as for a standalone entry.
    assert.equal(withoutName.status, 2, withoutName.stdout + withoutName.stderr);
    assert.equal(withoutName.stdout, '');
    assert.equal(withoutName.stderr, `creatio-config-lint: ${path}: The connection cannot be tested because it names no masterName to ask the Sentinels for.\n`);
  });

  it('keeps secrets out of every report', () => {
    assert.ok(recorder.runs.length >= 10, `only ${recorder.runs.length} runs recorded`);
    const secrets = [MASTER_PASSWORD, TLS_MASTER_PASSWORD, WRONG_PASSWORD, certificates.password];
    for (const run of recorder.runs) {
      const text = `${JSON.stringify(run.report)}\n${run.lines.join('\n')}`;
      for (const secret of secrets) {
        assert.equal(text.includes(secret), false);
      }
    }
  });
});

/** Starts the servers, then the Sentinels that monitor them, adding each process to `started` as soon as it runs. */
async function startServers(certificates: TestCertificates, started: RunningRedisServer[]): Promise<Servers> {
  const start = async (server: Promise<RunningRedisServer>): Promise<RunningRedisServer> => {
    const running = await server;
    started.push(running);
    return running;
  };
  const tls: TlsServerFiles = { certFile: certificates.serverCert, keyFile: certificates.serverKey, caCertFile: certificates.caCert, authClients: 'no' };
  const [master, tlsMaster] = await Promise.all([
    start(startRedisServer({ password: MASTER_PASSWORD })),
    start(startRedisServer({ password: TLS_MASTER_PASSWORD, tls })),
  ]);
  const replicaArguments = ['--replicaof', master.host, String(master.port), '--masterauth', MASTER_PASSWORD];
  const replica = await start(startRedisServer({ extraArguments: replicaArguments }));
  const monitorMaster = { masterName: MASTER_NAME, master, masterPassword: MASTER_PASSWORD };
  const [sentinel, passwordSentinel, tlsSentinel] = await Promise.all([
    start(startRedisSentinel({ monitors: [monitorMaster, { masterName: STALE_MASTER_NAME, master: replica }] })),
    start(startRedisSentinel({ monitors: [monitorMaster], password: MASTER_PASSWORD })),
    start(startRedisSentinel({ monitors: [{ masterName: MASTER_NAME, master: tlsMaster, masterPassword: TLS_MASTER_PASSWORD }], tls })),
  ]);
  return { master, replica, sentinel, passwordSentinel, tlsMaster, tlsSentinel };
}
