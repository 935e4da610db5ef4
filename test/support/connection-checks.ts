/**
 * Shared checks for the Redis connection tests: run a test, then assert that
 * no socket stayed open and that no secret reached the report.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { ConnectionTestOptions, RedisTarget, testRedisConnection } from '../../server/src/connection/index.js';
import { ConnectionReport, FailureKind, NodeReport, formatConnectionReport } from '../../server/src/connection/report.js';

/** Fix text of each failure kind, as the product prints it. */
export const EXPECTED_FIXES: Partial<Record<FailureKind, string>> = {
  'wrong-password': "Set password in the connection string to the server's requirepass value (or the user's ACL password).",
  'password-required': "Add password=… with the server's requirepass value to the connection string.",
  'certificate-file-not-found': 'Set certificatePath to the path of an existing PKCS#12 (.pfx) file on this machine.',
  'certificate-file-invalid': 'Use a PKCS#12 (.pfx/.p12) file that contains the client certificate and its private key.',
  'certificate-no-private-key': 'Use a PKCS#12 (.pfx) file, or a PEM file, that contains the client certificate together with its private key.',
  'certificate-wrong-password': 'Set certificatePassword to the password that the certificate file was exported with.',
  'certificate-legacy-encryption':
    'Export the certificate again with AES-256 encryption: openssl pkcs12 -legacy -in OLD.pfx -nodes | openssl pkcs12 -export -out NEW.pfx',
  'client-certificate-required':
    "Set certificatePath and certificatePassword to a client certificate issued by a CA in the server's tls-ca-cert-file, " +
    'or set tls-auth-clients to no or optional on the server.',
  'client-certificate-unknown-ca': "Use a client certificate issued by a CA in the server's tls-ca-cert-file, or add its CA to that file.",
  'client-certificate-expired': 'Issue a new client certificate and point certificatePath to it.',
  'server-certificate-untrusted':
    'Add the CA that issued it to the trusted root certificates of the machine that runs Creatio ' +
    '(and give it to this test as the extra CA certificate), or, for testing only, set disableTlsCertificateValidation=true.',
  'server-certificate-expired': "Renew the server's certificate (the tls-cert-file of Redis).",
  'tls-to-plain-port': 'Set useTls=false, or use the port that Redis serves TLS on (its tls-port).',
  'plain-to-tls-port': 'Set useTls=true in the connection string.',
  'connection-refused': 'Check the host and the port, and that Redis runs and listens on that address (its bind and port settings).',
  'timed-out': 'Check the host, the port and any firewall between this machine and Redis.',
  'database-out-of-range': "Set db to a number below the server's databases setting (16 by default).",
  'database-not-supported-in-cluster': 'Remove db from the connection string or set it to 0.',
  'cluster-support-disabled': 'Use host and port for a standalone server instead of clusterHosts, or enable cluster mode on the servers.',
  'permission-denied': 'Grant the user the commands that Creatio and Redis clients need (CLUSTER SLOTS and INFO among them), for example with ACL SETUSER.',
  'ca-file-invalid': 'Point the extra CA setting to the PEM or DER certificate of the CA that issued the server certificate.',
};

/** A connection test run with its display lines. */
export interface TestRun {
  report: ConnectionReport;
  lines: string[];
}

/** Collects every report and line so a final test can check them all for secrets. */
export class ConnectionTestRecorder {
  readonly runs: TestRun[] = [];

  constructor(private readonly secrets: string[]) {}

  /** Runs testRedisConnection, then asserts that no socket is open and no secret is in the report. */
  async run(target: RedisTarget, options: Partial<ConnectionTestOptions> = {}): Promise<TestRun> {
    const report = await testRedisConnection(target, options);
    const lines = formatConnectionReport(report);
    assertNoOpenSockets();
    assertNoSecrets({ report, lines }, this.secrets);
    const run = { report, lines };
    this.runs.push(run);
    return run;
  }
}

/** Asserts that the process has no TCP or TLS socket, so the connection test closed everything it opened. */
export function assertNoOpenSockets(): void {
  const sockets = process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap' || name === 'TLSWrap' || name === 'TCPWrap');
  assert.deepEqual(sockets, [], 'sockets left open after the connection test');
}

/** Asserts that none of `secrets` occurs in the report data or its lines. */
export function assertNoSecrets(run: TestRun, secrets: string[]): void {
  const text = `${JSON.stringify(run.report)}\n${run.lines.join('\n')}`;
  for (const secret of secrets) {
    assert.equal(text.includes(secret), false, 'a secret value appears in the report');
  }
}

/** Asserts the node's failure kind, its exact message and its fix, by default the fix of that kind in EXPECTED_FIXES. */
export function assertFailure(node: NodeReport, kind: FailureKind, message: string, fix = EXPECTED_FIXES[kind]): void {
  assert.ok(node.failure !== undefined, `expected failure ${kind}, got none`);
  assert.equal(node.failure.kind, kind);
  assert.equal(node.failure.message, message);
  assert.equal(node.failure.fix, fix);
}

/** Returns the version that `redis-server --version` prints, such as `7.0.15`. */
export function installedRedisVersion(): string {
  const output = execFileSync('redis-server', ['--version'], { encoding: 'utf8' });
  const version = /v=(\d+\.\d+\.\d+)/.exec(output)?.[1];
  assert.ok(version !== undefined, `unexpected redis-server --version output: ${output}`);
  return version;
}
