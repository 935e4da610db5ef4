/**
 * testRedisConnection against a real three-master Redis Cluster over TLS with
 * client certificates and a password, all on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, test } from 'node:test';
import { RedisTarget } from '../../server/src/connection/index.js';
import { TestCertificates, createTestCertificates, removeTestCertificates } from '../support/certificates.js';
import { ConnectionTestRecorder, EXPECTED_FIXES, assertFailure, installedRedisVersion } from '../support/connection-checks.js';
import {
  RunningRedisCluster,
  RunningRedisServer,
  TlsServerFiles,
  assertRedisInstalled,
  findFreePort,
  runRedisCli,
  startRedisCluster,
  startRedisServer,
} from '../support/redis-servers.js';

const CLUSTER_PASSWORD = 'cluster-Redis-Pass-2v';
const WRONG_PASSWORD = 'wrong-Cluster-Pass-7t';

// Fails with the install hint, so a machine without Redis shows a failure rather than only cancelled tests.
test('Redis tools installed', () => {
  assertRedisInstalled();
});

describe('testRedisConnection cluster', () => {
  let certificates: TestCertificates;
  let tlsFiles: TlsServerFiles;
  let cluster: RunningRedisCluster;
  let plain: RunningRedisServer;
  let redisVersion: string;
  let recorder: ConnectionTestRecorder;

  const clusterTarget = (overrides: Partial<RedisTarget> = {}): RedisTarget => ({
    topology: 'cluster',
    hosts: cluster.nodes.map((node) => ({ host: node.host, port: node.port })),
    useTls: true,
    password: CLUSTER_PASSWORD,
    certificatePath: certificates.clientPfx,
    certificatePassword: certificates.password,
    disableTlsCertificateValidation: false,
    ...overrides,
  });
  const trusted = () => ({ caCertificatePath: certificates.caCert });

  before(async () => {
    assertRedisInstalled();
    redisVersion = installedRedisVersion();
    certificates = await createTestCertificates();
    recorder = new ConnectionTestRecorder([CLUSTER_PASSWORD, WRONG_PASSWORD, certificates.password]);
    tlsFiles = {
      certFile: certificates.serverCert,
      keyFile: certificates.serverKey,
      caCertFile: certificates.caCert,
      authClients: 'yes',
      clientCertFile: certificates.clientCert,
      clientKeyFile: certificates.clientKey,
    };
    [cluster, plain] = await Promise.all([startRedisCluster(tlsFiles, CLUSTER_PASSWORD), startRedisServer({})]);
  });

  after(async () => {
    await Promise.all([cluster?.stop(), plain?.stop()]);
    if (certificates !== undefined) {
      await removeTestCertificates(certificates);
    }
  });

  it('TLS Cluster succeeds', async () => {
    const { report, lines } = await recorder.run(clusterTarget(), trusted());
    assert.equal(report.ok, true);
    assert.equal(report.nodes.length, 3);
    for (const node of report.nodes) {
      assert.equal(node.reached, true);
      assert.equal(node.failure, undefined);
      assert.equal(node.tls?.protocol, 'TLSv1.3');
      assert.equal(node.tls?.serverCertificate?.subject, 'CN=localhost');
      assert.equal(node.tls?.clientCertificate?.subject, 'CN=creatio-client');
      assert.equal(node.auth, 'succeeded');
      assert.equal(node.redisVersion, redisVersion);
      assert.equal(node.redisMode, 'cluster');
      assert.equal(node.clusterState, 'ok');
      assert.deepEqual(node.warnings, []);
    }
    assert.equal(report.cluster?.failure, undefined);
    const masterPorts = (report.cluster?.masters ?? []).map((master) => master.port).sort();
    assert.deepEqual(masterPorts, cluster.nodes.map((node) => node.port).sort());
    for (const master of report.cluster?.masters ?? []) {
      assert.equal(master.host, '127.0.0.1');
      assert.equal(master.reply, 'PONG');
    }
    assert.ok(lines.includes('Cluster: 3 master(s) in the slot map'));
    assert.ok(lines.includes('  Cluster state: ok'));
  });

  it('finds all masters from one node', async () => {
    const { report } = await recorder.run(clusterTarget({ hosts: [{ host: '127.0.0.1', port: cluster.nodes[0].port }] }), trusted());
    assert.equal(report.ok, true);
    assert.equal(report.nodes.length, 1);
    assert.equal(report.cluster?.masters.length, 3);
  });

  it('reports wrong password on each node', async () => {
    const { report } = await recorder.run(clusterTarget({ password: WRONG_PASSWORD }), trusted());
    assert.equal(report.ok, false);
    assert.equal(report.cluster, undefined);
    for (const node of report.nodes) {
      assert.equal(node.auth, 'failed');
      assertFailure(node, 'wrong-password', `Redis at 127.0.0.1:${node.port} rejected the password.`);
    }
  });

  it('reports missing client certificate', async () => {
    const { report } = await recorder.run(clusterTarget({ certificatePath: undefined, certificatePassword: undefined }), trusted());
    assert.equal(report.ok, false);
    for (const node of report.nodes) {
      assertFailure(node, 'client-certificate-required', `Redis at 127.0.0.1:${node.port} requires a client certificate, and none was sent.`);
    }
  });

  it('reports database other than 0', async () => {
    const { report } = await recorder.run(clusterTarget({ db: 2 }), trusted());
    assert.equal(report.ok, false);
    assert.ok(report.nodes.every((node) => node.failure === undefined));
    const failure = report.cluster?.failure;
    assert.equal(failure?.kind, 'database-not-supported-in-cluster');
    assert.equal(failure?.message, 'Redis Cluster has only database 0, but db is 2.');
    assert.equal(failure?.fix, EXPECTED_FIXES['database-not-supported-in-cluster']);
  });

  it('reports server without cluster support', async () => {
    const target: RedisTarget = { topology: 'cluster', hosts: [{ host: plain.host, port: plain.port }], useTls: false, disableTlsCertificateValidation: false };
    const { report } = await recorder.run(target);
    const [node] = report.nodes;
    assert.equal(report.ok, false);
    assert.equal(report.cluster, undefined);
    assertFailure(node, 'cluster-support-disabled', `127.0.0.1:${plain.port} is not a Redis Cluster node (cluster support is disabled).`);
    assert.equal(node.failure?.detail, 'ERR This instance has cluster support disabled');
  });

  it('reports refused node among working ones', async () => {
    const refusedPort = await findFreePort();
    const hosts = [{ host: '127.0.0.1', port: cluster.nodes[0].port }, { host: '127.0.0.1', port: refusedPort }];
    const { report } = await recorder.run(clusterTarget({ hosts }), trusted());
    assert.equal(report.ok, false);
    assert.equal(report.nodes[0].failure, undefined);
    assertFailure(report.nodes[1], 'connection-refused', `Nothing accepts connections at 127.0.0.1:${refusedPort} (ECONNREFUSED).`);
    assert.equal(report.cluster?.masters.length, 3);
  });

  it('reports slot map permission denied', async () => {
    // Every node passes AUTH, INFO and CLUSTER INFO, but ioredis cannot load the slot map.
    await aclOnAllNodes(['ACL', 'SETUSER', 'default', '-cluster|slots']);
    try {
      const { report, lines } = await recorder.run(clusterTarget(), trusted());
      assert.equal(report.ok, false);
      assert.ok(report.nodes.every((node) => node.failure === undefined));
      const failure = report.cluster?.failure;
      assert.equal(failure?.kind, 'permission-denied');
      assert.match(failure?.message ?? '', /^Redis at 127\.0\.0\.1:\d+ denied a command to this user \(NOPERM\)\.$/);
      assert.equal(failure?.fix, EXPECTED_FIXES['permission-denied']);
      assert.match(failure?.detail ?? '', /^NOPERM .*cluster\|slots/);
      assert.deepEqual(report.cluster?.masters, []);
      assert.ok(lines.some((line) => line.startsWith('  Error: Redis at 127.0.0.1:')));
    } finally {
      await aclOnAllNodes(['ACL', 'SETUSER', 'default', '+cluster|slots']);
    }
  });

  it('warns when standalone targets Cluster', async () => {
    const { report } = await recorder.run(clusterTarget({ topology: 'standalone', hosts: [{ host: '127.0.0.1', port: cluster.nodes[0].port }] }), trusted());
    assert.equal(report.ok, true);
    assert.deepEqual(report.nodes[0].warnings, [
      'This server is a Redis Cluster node: list the Cluster nodes in clusterHosts, or commands on keys in other slots fail with MOVED.',
    ]);
  });

  it('keeps secrets out of every report', () => {
    assert.ok(recorder.runs.length >= 9, `only ${recorder.runs.length} runs recorded`);
    for (const run of recorder.runs) {
      const text = `${JSON.stringify(run.report)}\n${run.lines.join('\n')}`;
      for (const secret of [CLUSTER_PASSWORD, WRONG_PASSWORD, certificates.password]) {
        assert.equal(text.includes(secret), false);
      }
    }
  });

  async function aclOnAllNodes(command: string[]): Promise<void> {
    const outputs = await Promise.all(cluster.nodes.map((node) => runRedisCli(node, tlsFiles, CLUSTER_PASSWORD, command)));
    assert.deepEqual(outputs.map((output) => output.trim()), ['OK', 'OK', 'OK']);
  }
});
