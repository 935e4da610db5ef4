/**
 * testRedisConnection against real standalone redis-server processes on
 * 127.0.0.1: every success case and every failure that the test classifies.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, test } from 'node:test';
import { RedisTarget } from '../../server/src/connection/index.js';
import { TestCertificates, createTestCertificates, removeTestCertificates } from '../support/certificates.js';
import { ConnectionTestRecorder, assertFailure, installedRedisVersion } from '../support/connection-checks.js';
import { RunningRedisServer, SilentServer, assertRedisInstalled, findFreePort, startRedisServer, startSilentServer } from '../support/redis-servers.js';

const TLS_PASSWORD = 'tls-Redis-Pass-8w';
const CLIENT_CERT_SERVER_PASSWORD = 'cert-Redis-Pass-3m';
const PLAIN_PASSWORD = 'plain-Redis-Pass-6j';
const WRONG_PASSWORD = 'wrong-Redis-Pass-1z';
const WRONG_CERTIFICATE_PASSWORD = 'wrong-Pfx-Pass-4q';

interface Servers {
  tlsWithPassword: RunningRedisServer;
  tlsClientCertificates: RunningRedisServer;
  tls12: RunningRedisServer;
  tls12ClientCertificates: RunningRedisServer;
  mismatch: RunningRedisServer;
  selfSigned: RunningRedisServer;
  expired: RunningRedisServer;
  plain: RunningRedisServer;
}

// Fails with the install hint, so a machine without Redis shows a failure rather than only cancelled tests.
test('Redis tools installed', () => {
  assertRedisInstalled();
});

describe('testRedisConnection standalone', () => {
  let certificates: TestCertificates;
  let servers: Servers;
  let silentServer: SilentServer;
  let silentPort: number;
  let refusedPort: number;
  let redisVersion: string;
  let recorder: ConnectionTestRecorder;

  const target = (port: number, overrides: Partial<RedisTarget> = {}): RedisTarget => ({
    topology: 'standalone',
    hosts: [{ host: '127.0.0.1', port }],
    useTls: true,
    disableTlsCertificateValidation: false,
    ...overrides,
  });
  const trusted = () => ({ caCertificatePath: certificates.caCert });
  const withClientCertificate = (path: string, password: string | undefined): Partial<RedisTarget> => ({
    certificatePath: path,
    certificatePassword: password,
    password: CLIENT_CERT_SERVER_PASSWORD,
  });

  before(async () => {
    assertRedisInstalled();
    redisVersion = installedRedisVersion();
    certificates = await createTestCertificates();
    recorder = new ConnectionTestRecorder([TLS_PASSWORD, CLIENT_CERT_SERVER_PASSWORD, PLAIN_PASSWORD, WRONG_PASSWORD, WRONG_CERTIFICATE_PASSWORD, certificates.password]);
    servers = await startServers(certificates);
    silentServer = await startSilentServer();
    silentPort = silentServer.port;
    refusedPort = await findFreePort();
  });

  after(async () => {
    await silentServer?.stop();
    await Promise.all(Object.values(servers ?? {}).map((server) => server.stop()));
    if (certificates !== undefined) {
      await removeTestCertificates(certificates);
    }
  });

  it('TLS with password succeeds', async () => {
    const { report, lines } = await recorder.run(target(servers.tlsWithPassword.port, { password: TLS_PASSWORD }), trusted());
    assert.equal(report.ok, true);
    const [node] = report.nodes;
    assert.equal(node.reached, true);
    assert.equal(node.failure, undefined);
    assert.equal(node.tls?.protocol, 'TLSv1.3');
    assert.match(node.tls?.cipher ?? '', /^TLS_/);
    assert.equal(node.tls?.serverCertificate?.subject, 'CN=localhost');
    assert.equal(node.tls?.serverCertificate?.issuer, 'CN=Creatio Test CA');
    assert.equal(node.tls?.serverCertificate?.subjectAltName, 'DNS:localhost, IP Address:127.0.0.1');
    assert.match(node.tls?.serverCertificate?.validTo ?? '', /^\d{4}-\d\d-\d\dT/);
    assert.equal(node.tls?.certificateValidation, 'validated');
    assert.equal(node.auth, 'succeeded');
    assert.equal(node.redisVersion, redisVersion);
    assert.equal(node.redisMode, 'standalone');
    assert.deepEqual(node.warnings, []);
    assert.ok(lines.includes('  AUTH: password accepted'));
    assert.ok(lines.includes(`  TLS: TLSv1.3, cipher ${node.tls?.cipher}`));
    assert.ok(lines.includes('  Server certificate validation: passed'));
    assert.ok(lines.includes(`  Redis version: ${redisVersion}, mode standalone`));
  });

  it('reports wrong password', async () => {
    const { report, lines } = await recorder.run(target(servers.tlsWithPassword.port, { password: WRONG_PASSWORD }), trusted());
    const [node] = report.nodes;
    assert.equal(report.ok, false);
    assert.equal(node.reached, true);
    assert.equal(node.auth, 'failed');
    assertFailure(node, 'wrong-password', `Redis at 127.0.0.1:${node.port} rejected the password.`);
    assert.equal(node.failure?.detail, 'WRONGPASS invalid username-password pair or user is disabled.');
    assert.ok(lines.includes('  AUTH: password rejected'));
    assert.ok(lines.includes(`  Error: Redis at 127.0.0.1:${node.port} rejected the password.`));
  });

  it('reports missing password', async () => {
    const { report } = await recorder.run(target(servers.tlsWithPassword.port), trusted());
    const [node] = report.nodes;
    assert.equal(node.auth, 'not-sent');
    assertFailure(node, 'password-required', `Redis at 127.0.0.1:${node.port} requires a password (NOAUTH), and the connection string has none.`);
  });

  it('reports untrusted server certificate', async () => {
    const { report } = await recorder.run(target(servers.tlsWithPassword.port, { password: TLS_PASSWORD }));
    const [node] = report.nodes;
    assert.equal(node.reached, false);
    assert.equal(node.tls?.serverCertificate?.subject, 'CN=localhost');
    assertFailure(
      node,
      'server-certificate-untrusted',
      `The server certificate of 127.0.0.1:${node.port} (CN=localhost, issued by CN=Creatio Test CA) is not trusted: self-signed certificate in certificate chain.`,
    );
  });

  it('reports self-signed server certificate', async () => {
    const { report } = await recorder.run(target(servers.selfSigned.port), trusted());
    const [node] = report.nodes;
    assertFailure(
      node,
      'server-certificate-untrusted',
      `The server certificate of 127.0.0.1:${node.port} (CN=localhost, issued by CN=localhost) is not trusted: self-signed certificate.`,
    );
  });

  it('reports expired server certificate', async () => {
    const { report } = await recorder.run(target(servers.expired.port), trusted());
    const [node] = report.nodes;
    assertFailure(
      node,
      'server-certificate-expired',
      `The server certificate of 127.0.0.1:${node.port} (CN=expired-client, issued by CN=Creatio Test CA) is not valid now: certificate has expired.`,
    );
  });

  it('skips validation when disabled', async () => {
    const { report, lines } = await recorder.run(target(servers.tlsWithPassword.port, { password: TLS_PASSWORD, disableTlsCertificateValidation: true }));
    const [node] = report.nodes;
    assert.equal(report.ok, true);
    assert.equal(node.tls?.certificateValidation, 'skipped');
    assert.equal(node.tls?.validationErrorWhileSkipped, 'SELF_SIGNED_CERT_IN_CHAIN');
    assert.equal(node.auth, 'succeeded');
    assert.ok(lines.includes('  Server certificate validation: skipped because disableTlsCertificateValidation is set (it would fail: SELF_SIGNED_CERT_IN_CHAIN)'));
  });

  it('reports host name mismatch', async () => {
    const { report } = await recorder.run(target(servers.mismatch.port), trusted());
    const [node] = report.nodes;
    assert.equal(node.tls?.serverCertificate?.subject, 'CN=redis.example.internal');
    assertFailure(
      node,
      'host-name-mismatch',
      `The server certificate of 127.0.0.1:${node.port} is not issued for 127.0.0.1: it names DNS:redis.example.internal.`,
      "Connect with a host name that the certificate lists in its subject alternative names, or reissue the certificate with 127.0.0.1 in them.",
    );
    assert.equal(node.failure?.detail, "Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list:");
  });

  it('accepts mismatch when validation disabled', async () => {
    const { report } = await recorder.run(target(servers.mismatch.port, { disableTlsCertificateValidation: true }), trusted());
    const [node] = report.nodes;
    assert.equal(report.ok, true);
    assert.equal(node.tls?.validationErrorWhileSkipped, 'ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('client PKCS#12 certificate succeeds', async () => {
    const { report, lines } = await recorder.run(target(servers.tlsClientCertificates.port, withClientCertificate(certificates.clientPfx, certificates.password)), trusted());
    const [node] = report.nodes;
    assert.equal(report.ok, true);
    assert.equal(node.tls?.protocol, 'TLSv1.3');
    assert.equal(node.tls?.clientCertificate?.subject, 'CN=creatio-client');
    assert.equal(node.tls?.clientCertificate?.issuer, 'CN=Creatio Test CA');
    assert.equal(node.auth, 'succeeded');
    assert.equal(node.redisVersion, redisVersion);
    assert.ok(lines.some((line) => line.startsWith('  Client certificate: CN=creatio-client, issued by CN=Creatio Test CA, expires ')));
  });

  it('client certificate in other forms succeeds', async () => {
    const variants: Partial<RedisTarget>[] = [
      withClientCertificate(certificates.clientPfxNoPassword, undefined),
      withClientCertificate(certificates.clientPem, undefined),
      withClientCertificate(certificates.clientEncryptedPem, certificates.password),
    ];
    for (const variant of variants) {
      const { report } = await recorder.run(target(servers.tlsClientCertificates.port, variant), trusted());
      assert.equal(report.nodes[0].failure, undefined, `${variant.certificatePath}: ${report.nodes[0].failure?.message}`);
      assert.equal(report.ok, true);
      assert.equal(report.nodes[0].tls?.clientCertificate?.subject, 'CN=creatio-client');
    }
  });

  it('reports missing client certificate', async () => {
    const { report } = await recorder.run(target(servers.tlsClientCertificates.port, { password: CLIENT_CERT_SERVER_PASSWORD }), trusted());
    const [node] = report.nodes;
    assertFailure(node, 'client-certificate-required', `Redis at 127.0.0.1:${node.port} requires a client certificate, and none was sent.`);
    assert.match(node.failure?.detail ?? '', /tlsv13 alert certificate required/);
  });

  it('reports missing client certificate TLS 1.2', async () => {
    const { report } = await recorder.run(target(servers.tls12ClientCertificates.port), trusted());
    const [node] = report.nodes;
    assertFailure(node, 'client-certificate-required', `Redis at 127.0.0.1:${node.port} requires a client certificate, and none was sent.`);
    assert.match(node.failure?.detail ?? '', /sslv3 alert handshake failure/);
  });

  it('reports client certificate unknown CA', async () => {
    const { report } = await recorder.run(target(servers.tlsClientCertificates.port, withClientCertificate(certificates.otherCaClientPfx, certificates.password)), trusted());
    const [node] = report.nodes;
    assertFailure(
      node,
      'client-certificate-unknown-ca',
      `Redis at 127.0.0.1:${node.port} rejected the client certificate CN=foreign-client: it is not issued by a CA that the server trusts (unknown ca).`,
    );
    assert.match(node.failure?.detail ?? '', /tlsv1 alert unknown ca/);
  });

  it('reports expired client certificate', async () => {
    const { report } = await recorder.run(target(servers.tlsClientCertificates.port, withClientCertificate(certificates.expiredPfx, certificates.password)), trusted());
    const [node] = report.nodes;
    assertFailure(
      node,
      'client-certificate-expired',
      `Redis at 127.0.0.1:${node.port} rejected the client certificate CN=expired-client because it has expired (2021-01-01T00:00:00.000Z).`,
    );
    assert.deepEqual(node.warnings, ['The client certificate CN=expired-client expired on 2021-01-01T00:00:00.000Z.']);
  });

  it('warns about expiring client certificate', async () => {
    const { report } = await recorder.run(target(servers.tlsClientCertificates.port, withClientCertificate(certificates.expiringPfx, certificates.password)), trusted());
    const [node] = report.nodes;
    assert.equal(report.ok, true);
    assert.equal(node.warnings.length, 1);
    assert.match(node.warnings[0], /^The client certificate CN=expiring-client expires on \d{4}-\d\d-\d\dT[\d:.]+Z, within 30 days\.$/);
  });

  it('reports wrong certificate password', async () => {
    const { report } = await recorder.run(target(servers.tlsClientCertificates.port, withClientCertificate(certificates.clientPfx, WRONG_CERTIFICATE_PASSWORD)), trusted());
    const [node] = report.nodes;
    assert.equal(node.reached, false);
    assertFailure(
      node,
      'certificate-wrong-password',
      `The client certificate ${certificates.clientPfx} could not be opened: the certificate password is wrong (mac verify failure).`,
    );
  });

  it('reports missing certificate password', async () => {
    const { report } = await recorder.run(target(servers.tlsClientCertificates.port, withClientCertificate(certificates.clientPfx, undefined)), trusted());
    assertFailure(
      report.nodes[0],
      'certificate-wrong-password',
      `The client certificate ${certificates.clientPfx} could not be opened: it needs a certificate password, and none is set (mac verify failure).`,
    );
  });

  it('reports legacy-encrypted PKCS#12', async () => {
    const { report } = await recorder.run(target(servers.tlsClientCertificates.port, withClientCertificate(certificates.clientPfxLegacy, certificates.password)), trusted());
    assertFailure(
      report.nodes[0],
      'certificate-legacy-encryption',
      `The client certificate ${certificates.clientPfxLegacy} uses legacy PKCS#12 encryption (RC2, RC4 or DES) that Node's TLS ` +
        '(OpenSSL 3) cannot load (Unsupported PKCS12 PFX data), so the connection could not be tested.',
    );
  });

  it('reports unusable certificate files', async () => {
    const port = servers.tlsClientCertificates.port;
    const missingPath = `${certificates.dir}/missing.pfx`;
    const missing = await recorder.run(target(port, withClientCertificate(missingPath, certificates.password)), trusted());
    assertFailure(missing.report.nodes[0], 'certificate-file-not-found', `Client certificate file not found: ${missingPath}.`);

    const der = await recorder.run(target(port, withClientCertificate(certificates.clientCertDer, undefined)), trusted());
    assertFailure(
      der.report.nodes[0],
      'certificate-no-private-key',
      `${certificates.clientCertDer} contains a certificate but no private key, so it cannot serve as a TLS client certificate.`,
    );

    const text = await recorder.run(target(port, withClientCertificate(certificates.notCertificate, undefined)), trusted());
    assertFailure(
      text.report.nodes[0],
      'certificate-file-invalid',
      `${certificates.notCertificate} is not a certificate: expected a PKCS#12 (.pfx/.p12), PEM or DER file.`,
    );
  });

  it('reports invalid extra CA file', async () => {
    const { report } = await recorder.run(target(servers.tlsWithPassword.port), { caCertificatePath: certificates.notCertificate });
    assertFailure(
      report.nodes[0],
      'ca-file-invalid',
      `The extra CA certificate file ${certificates.notCertificate} could not be read as a PEM or DER certificate.`,
    );
  });

  it('TLS 1.2 without password succeeds', async () => {
    const { report, lines } = await recorder.run(target(servers.tls12.port, { db: 5 }), trusted());
    const [node] = report.nodes;
    assert.equal(report.ok, true);
    assert.equal(node.tls?.protocol, 'TLSv1.2');
    assert.match(node.tls?.cipher ?? '', /^ECDHE-/);
    assert.equal(node.auth, 'not-sent');
    assert.equal(node.redisVersion, redisVersion);
    assert.ok(lines.includes('  AUTH: not sent, because the connection string sets no password'));
  });

  it('warns about unneeded password', async () => {
    const { report } = await recorder.run(target(servers.tls12.port, { password: TLS_PASSWORD }), trusted());
    const [node] = report.nodes;
    assert.equal(report.ok, true);
    assert.equal(node.auth, 'not-required');
    assert.deepEqual(node.warnings, ['The connection string sets a password, but the server requires none.']);
  });

  it('reports plain TCP to TLS port', async () => {
    const { report } = await recorder.run(target(servers.tls12.port, { useTls: false }));
    const [node] = report.nodes;
    assert.equal(node.tls, undefined);
    assertFailure(node, 'plain-to-tls-port', `127.0.0.1:${node.port} expects TLS: it closed the plain connection and completed a TLS handshake.`);
  });

  it('reports TLS to plain port quickly', async () => {
    const { report } = await recorder.run(target(servers.plain.port, { password: PLAIN_PASSWORD }), trusted());
    const [node] = report.nodes;
    assertFailure(node, 'tls-to-plain-port', `127.0.0.1:${node.port} is a plain (non-TLS) Redis port: it replied to a plain PING but not to the TLS handshake.`);
    // The default timeout is 5000 ms, but the plain PING probe after 500 ms ends the wait early.
    assert.ok(node.durationMs < 2000, `took ${node.durationMs} ms`);
  });

  it('plain TCP with password succeeds', async () => {
    const { report } = await recorder.run(target(servers.plain.port, { useTls: false, password: PLAIN_PASSWORD, db: 15 }));
    const [node] = report.nodes;
    assert.equal(report.ok, true);
    assert.equal(node.tls, undefined);
    assert.equal(node.auth, 'succeeded');
    assert.equal(node.redisVersion, redisVersion);
  });

  it('reports database out of range', async () => {
    const { report } = await recorder.run(target(servers.plain.port, { useTls: false, password: PLAIN_PASSWORD, db: 99 }));
    const [node] = report.nodes;
    assert.equal(node.auth, 'succeeded');
    assertFailure(node, 'database-out-of-range', `Redis at 127.0.0.1:${node.port} has no database 99 (DB index is out of range).`);
  });

  it('reports refused connection', async () => {
    const { report } = await recorder.run(target(refusedPort, { useTls: false }));
    const [node] = report.nodes;
    assert.equal(node.reached, false);
    assertFailure(node, 'connection-refused', `Nothing accepts connections at 127.0.0.1:${refusedPort} (ECONNREFUSED).`);
  });

  it('reports timeout on plain TCP', async () => {
    const { report } = await recorder.run(target(silentPort, { useTls: false }), { timeoutMs: 1000 });
    const [node] = report.nodes;
    assertFailure(node, 'timed-out', `127.0.0.1:${silentPort} did not reply within 1000 ms (timed out).`);
  });

  it('reports timeout on TLS', async () => {
    const { report } = await recorder.run(target(silentPort), { timeoutMs: 1000, caCertificatePath: certificates.caCert });
    const [node] = report.nodes;
    assert.equal(node.reached, false);
    assertFailure(node, 'timed-out', `127.0.0.1:${silentPort} did not reply within 1000 ms (timed out).`);
    assert.ok(node.durationMs < 2500, `took ${node.durationMs} ms`);
  });

  it('does not test Sentinel without masterName', async () => {
    const { report, lines } = await recorder.run({ ...target(servers.plain.port), topology: 'sentinel' });
    assert.equal(report.tested, false);
    assert.equal(report.ok, false);
    assert.deepEqual(lines, ['Redis sentinel: not tested: the connection string names no masterName to ask the Sentinels for.']);
  });

  it('keeps secrets out of every report', () => {
    assert.ok(recorder.runs.length >= 30, `only ${recorder.runs.length} runs recorded`);
    const secrets = [TLS_PASSWORD, CLIENT_CERT_SERVER_PASSWORD, PLAIN_PASSWORD, WRONG_PASSWORD, WRONG_CERTIFICATE_PASSWORD, certificates.password];
    for (const run of recorder.runs) {
      const text = `${JSON.stringify(run.report)}\n${run.lines.join('\n')}`;
      for (const secret of secrets) {
        assert.equal(text.includes(secret), false);
      }
    }
  });
});

async function startServers(certificates: TestCertificates): Promise<Servers> {
  const trustedCa = { caCertFile: certificates.caCert };
  const serverFiles = { certFile: certificates.serverCert, keyFile: certificates.serverKey, ...trustedCa };
  const tls12Only = ['--tls-protocols', 'TLSv1.2'];
  const [tlsWithPassword, tlsClientCertificates, tls12, tls12ClientCertificates, mismatch, selfSigned, expired, plain] = await Promise.all([
    startRedisServer({ tls: { ...serverFiles, authClients: 'no' }, password: TLS_PASSWORD }),
    startRedisServer({ tls: { ...serverFiles, authClients: 'yes' }, password: CLIENT_CERT_SERVER_PASSWORD }),
    startRedisServer({ tls: { ...serverFiles, authClients: 'no' }, extraArguments: tls12Only }),
    startRedisServer({ tls: { ...serverFiles, authClients: 'yes' }, extraArguments: tls12Only }),
    startRedisServer({ tls: { certFile: certificates.mismatchServerCert, keyFile: certificates.serverKey, ...trustedCa, authClients: 'no' } }),
    startRedisServer({ tls: { certFile: certificates.selfSignedServerCert, keyFile: certificates.serverKey, ...trustedCa, authClients: 'no' } }),
    startRedisServer({ tls: { certFile: certificates.expiredCert, keyFile: certificates.clientKey, ...trustedCa, authClients: 'no' } }),
    startRedisServer({ password: PLAIN_PASSWORD }),
  ]);
  return { tlsWithPassword, tlsClientCertificates, tls12, tls12ClientCertificates, mismatch, selfSigned, expired, plain };
}
