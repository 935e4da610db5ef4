/**
 * Classification of errors from Node, OpenSSL, ioredis and Redis into failure
 * kinds, and the plain-words message and fix of each kind.
 */
import { CertificateSummary, ConnectionFailure, FailureKind } from './report.js';

/** Code and message of an error from any library. */
export interface ErrorFacts {
  code?: string;
  message: string;
}

/** Values that make a failure message specific to the connection string and server. */
export interface FailureContext {
  /** `host:port` of the node. */
  endpoint: string;
  host: string;
  timeoutMs: number;
  db?: number;
  certificatePath?: string;
  caCertificatePath?: string;
  /** True when a password is set in the connection string. */
  passwordSet: boolean;
  /** True when a certificate password is set in the connection string. */
  certificatePasswordSet: boolean;
  clientCertificate?: CertificateSummary;
  serverCertificate?: CertificateSummary;
  clusterState?: string;
  /** `redis_mode` from `INFO server`, when the node replied to it. */
  redisMode?: string;
  /** The `masterName` of a Sentinel connection string. */
  masterName?: string;
}

/** Returns the code and message of a thrown value. */
export function errorFacts(error: unknown): ErrorFacts {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { code: typeof code === 'string' ? code : undefined, message: error.message.trim() };
  }
  return { message: String(error) };
}

const UNTRUSTED_CERTIFICATE_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'CERT_REVOKED',
]);

const EXPIRED_CERTIFICATE_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

/**
 * Maps an error to a failure kind by its code and text alone. Returns undefined
 * for errors whose cause needs a probe (reset, closed, timed out, wrong TLS
 * version) or that are unknown.
 */
export function classifyErrorFacts(facts: ErrorFacts, clientCertificateSent: boolean): FailureKind | undefined {
  const { code = '', message } = facts;
  const text = message.toLowerCase();

  if (text.includes('wrongpass') || text.includes('invalid password') || text.includes('invalid username-password')) {
    return 'wrong-password';
  }
  if (text.startsWith('noauth')) {
    return 'password-required';
  }
  if (text.startsWith('noperm')) {
    return 'permission-denied';
  }
  if (code === 'ETIMEDOUT' || text === 'command timed out') {
    return 'timed-out';
  }

  if (text.includes('mac verify failure')) {
    return 'certificate-wrong-password';
  }
  if (text.includes('unsupported pkcs12 pfx data')) {
    return 'certificate-legacy-encryption';
  }

  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return 'host-name-mismatch';
  }
  if (UNTRUSTED_CERTIFICATE_CODES.has(code)) {
    return 'server-certificate-untrusted';
  }
  if (EXPIRED_CERTIFICATE_CODES.has(code)) {
    return 'server-certificate-expired';
  }

  return classifyTlsAlert(text, clientCertificateSent) ?? classifyRedisReply(text) ?? classifyNetworkCode(code);
}

/** TLS alerts that the server sends about the client certificate. */
function classifyTlsAlert(text: string, clientCertificateSent: boolean): FailureKind | undefined {
  if (text.includes('alert certificate required')) {
    return 'client-certificate-required';
  }
  // Under TLS 1.2, OpenSSL responds to a missing required client certificate with a generic handshake_failure alert.
  if (text.includes('alert handshake failure') && !clientCertificateSent) {
    return 'client-certificate-required';
  }
  if (text.includes('alert unknown ca') || text.includes('alert bad certificate')) {
    return clientCertificateSent ? 'client-certificate-unknown-ca' : 'client-certificate-required';
  }
  if (text.includes('alert certificate expired')) {
    return 'client-certificate-expired';
  }
  return undefined;
}

function classifyRedisReply(text: string): FailureKind | undefined {
  if (text.includes('db index is out of range')) {
    return 'database-out-of-range';
  }
  if (text.includes('select is not allowed in cluster mode')) {
    return 'database-not-supported-in-cluster';
  }
  if (text.includes('cluster support disabled')) {
    return 'cluster-support-disabled';
  }
  return undefined;
}

function classifyNetworkCode(code: string): FailureKind | undefined {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection-refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host-not-found';
    default:
      return undefined;
  }
}

/** True for errors where a TLS client may be talking to a plain port. */
export function suggestsPlainPort(facts: ErrorFacts): boolean {
  const text = facts.message.toLowerCase();
  return (
    facts.code === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
    facts.code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' ||
    text.includes('wrong version number') ||
    text.includes('packet length too long') ||
    text.includes('unknown protocol')
  );
}

/** True for errors that mean the peer dropped the connection without a message. */
export function isConnectionDrop(facts: ErrorFacts): boolean {
  return (
    facts.code === 'ECONNRESET' ||
    facts.code === 'EPIPE' ||
    facts.message === 'Connection is closed.' ||
    facts.message.includes("Stream isn't writeable") ||
    facts.message.includes('socket hang up') ||
    facts.message.includes('Client network socket disconnected')
  );
}

/**
 * Builds the failure record for `kind`. `detail` is the library's own error text;
 * it is kept only when the message does not already quote it.
 */
export function describeFailure(kind: FailureKind, context: FailureContext, detail?: string): ConnectionFailure {
  const { message, fix } = FAILURE_TEXTS[kind](context, detail);
  return detail === undefined || message.includes(detail) ? { kind, message, fix } : { kind, message, fix, detail };
}

type FailureText = (context: FailureContext, detail: string | undefined) => { message: string; fix: string };

const FIX_TRUST =
  'Add the CA that issued it to the trusted root certificates of the machine that runs Creatio ' +
  '(and give it to this test as the extra CA certificate), or, for testing only, set disableTlsCertificateValidation=true.';
const FIX_CLIENT_CA = "Use a client certificate issued by a CA in the server's tls-ca-cert-file, or add its CA to that file.";

function certificateName(certificate: CertificateSummary | undefined, fallback: string): string {
  return certificate?.subject ?? fallback;
}

const FAILURE_TEXTS: Record<FailureKind, FailureText> = {
  'wrong-password': (c) => ({
    message: `Redis at ${c.endpoint} rejected the password.`,
    fix: "Set password in the connection string to the server's requirepass value (or the user's ACL password).",
  }),
  'password-required': (c) => ({
    message: `Redis at ${c.endpoint} requires a password (NOAUTH), and the connection string has none.`,
    fix: "Add password=… with the server's requirepass value to the connection string.",
  }),
  'certificate-file-not-found': (c) => ({
    message: `Client certificate file not found: ${c.certificatePath}.`,
    fix: 'Set certificatePath to the path of an existing PKCS#12 (.pfx) file on this machine.',
  }),
  'certificate-file-invalid': (c, detail) => ({
    // The detail from the certificate inspection already names the file and the problem.
    message: detail ?? `${c.certificatePath} cannot be used as a client certificate.`,
    fix: 'Use a PKCS#12 (.pfx/.p12) file that contains the client certificate and its private key.',
  }),
  'certificate-no-private-key': (c) => ({
    message: `${c.certificatePath} contains a certificate but no private key, so it cannot serve as a TLS client certificate.`,
    fix: 'Use a PKCS#12 (.pfx) file, or a PEM file, that contains the client certificate together with its private key.',
  }),
  'certificate-wrong-password': (c) => ({
    message: c.certificatePasswordSet
      ? `The client certificate ${c.certificatePath} could not be opened: the certificate password is wrong (mac verify failure).`
      : `The client certificate ${c.certificatePath} could not be opened: it needs a certificate password, and none is set (mac verify failure).`,
    fix: 'Set certificatePassword to the password that the certificate file was exported with.',
  }),
  'certificate-legacy-encryption': (c) => ({
    message:
      `The client certificate ${c.certificatePath} uses legacy PKCS#12 encryption (RC2, RC4 or DES) that Node's TLS ` +
      '(OpenSSL 3) cannot load (Unsupported PKCS12 PFX data), so the connection could not be tested.',
    fix: 'Export the certificate again with AES-256 encryption: openssl pkcs12 -legacy -in OLD.pfx -nodes | openssl pkcs12 -export -out NEW.pfx',
  }),
  'client-certificate-required': (c) => ({
    message: `Redis at ${c.endpoint} requires a client certificate, and none was sent.`,
    fix:
      "Set certificatePath and certificatePassword to a client certificate issued by a CA in the server's tls-ca-cert-file, " +
      'or set tls-auth-clients to no or optional on the server.',
  }),
  'client-certificate-unknown-ca': (c) => ({
    message: `Redis at ${c.endpoint} rejected the client certificate ${certificateName(c.clientCertificate, c.certificatePath ?? '')}: it is not issued by a CA that the server trusts (unknown ca).`,
    fix: FIX_CLIENT_CA,
  }),
  'client-certificate-expired': (c) => ({
    message: `Redis at ${c.endpoint} rejected the client certificate ${certificateName(c.clientCertificate, c.certificatePath ?? '')} because it has expired${c.clientCertificate?.validTo ? ` (${c.clientCertificate.validTo})` : ''}.`,
    fix: 'Issue a new client certificate and point certificatePath to it.',
  }),
  'server-certificate-untrusted': (c, detail) => ({
    message: `The server certificate of ${c.endpoint} (${describeServerCertificate(c.serverCertificate)}) is not trusted${detail === undefined ? '' : `: ${detail}`}.`,
    fix: FIX_TRUST,
  }),
  'server-certificate-expired': (c, detail) => ({
    message: `The server certificate of ${c.endpoint} (${describeServerCertificate(c.serverCertificate)}) is not valid now${detail === undefined ? '' : `: ${detail}`}.`,
    fix: "Renew the server's certificate (the tls-cert-file of Redis).",
  }),
  'host-name-mismatch': (c) => ({
    message: `The server certificate of ${c.endpoint} is not issued for ${c.host}: it names ${c.serverCertificate?.subjectAltName ?? c.serverCertificate?.subject ?? 'other hosts'}.`,
    fix: `Connect with a host name that the certificate lists in its subject alternative names, or reissue the certificate with ${c.host} in them.`,
  }),
  'tls-to-plain-port': (c) => ({
    message: `${c.endpoint} is a plain (non-TLS) Redis port: it replied to a plain PING but not to the TLS handshake.`,
    fix: 'Set useTls=false, or use the port that Redis serves TLS on (its tls-port).',
  }),
  'plain-to-tls-port': (c) => ({
    message: `${c.endpoint} expects TLS: it closed the plain connection and completed a TLS handshake.`,
    fix: 'Set useTls=true in the connection string.',
  }),
  'tls-handshake-failed': (c) => ({
    message: `The TLS handshake with ${c.endpoint} failed.`,
    fix: 'Check that this port serves TLS and that the client and the server share a TLS version and cipher.',
  }),
  'connection-refused': (c) => ({
    message: `Nothing accepts connections at ${c.endpoint} (ECONNREFUSED).`,
    fix: 'Check the host and the port, and that Redis runs and listens on that address (its bind and port settings).',
  }),
  'connection-closed': (c) => ({
    message: `${c.endpoint} closed the connection without an error message.`,
    fix: 'Check the Redis log on the server: it may have reached maxclients or rejected this client.',
  }),
  'host-not-found': (c) => ({
    message: `Host ${c.host} not found.`,
    fix: 'Check the host name and the DNS settings of this machine.',
  }),
  'timed-out': (c) => ({
    message: `${c.endpoint} did not reply within ${c.timeoutMs} ms (timed out).`,
    fix: 'Check the host, the port and any firewall between this machine and Redis.',
  }),
  'database-out-of-range': (c) => ({
    message: `Redis at ${c.endpoint} has no database ${c.db} (DB index is out of range).`,
    fix: "Set db to a number below the server's databases setting (16 by default).",
  }),
  'database-not-supported-in-cluster': (c) => ({
    message: `Redis Cluster has only database 0, but db is ${c.db}.`,
    fix: 'Remove db from the connection string or set it to 0.',
  }),
  'cluster-support-disabled': (c) => ({
    message: `${c.endpoint} is not a Redis Cluster node (cluster support is disabled).`,
    fix: 'Use host and port for a standalone server instead of clusterHosts, or enable cluster mode on the servers.',
  }),
  'cluster-state-not-ok': (c) => ({
    message: `The Cluster node ${c.endpoint} reports cluster_state:${c.clusterState ?? 'unknown'}.`,
    fix: 'Check that all hash slots are assigned and all masters are up (redis-cli --cluster check).',
  }),
  'permission-denied': (c) => ({
    message: `Redis at ${c.endpoint} denied a command to this user (NOPERM).`,
    fix: 'Grant the user the commands that Creatio and Redis clients need (CLUSTER SLOTS and INFO among them), for example with ACL SETUSER.',
  }),
  'not-a-sentinel': (c) => ({
    message: `${c.endpoint} is not a Redis Sentinel: INFO reports redis_mode:${c.redisMode ?? 'unknown'}.`,
    fix: 'List the Sentinels in sentinelHosts (port 26379 by default), not the Redis servers they monitor. For a single Redis server, use host and port instead.',
  }),
  'sentinel-master-unknown': (c) => ({
    message: `The Sentinel at ${c.endpoint} monitors no master named ${c.masterName}.`,
    fix: "Set masterName to the name in the Sentinels' sentinel monitor line (SENTINEL MASTERS lists them). Names are case-sensitive.",
  }),
  'sentinel-master-is-replica': (c) => ({
    message: `${c.endpoint}, which the Sentinels name as master ${c.masterName}, is a replica (role:slave).`,
    fix: `Test again after a failover in progress has finished. If the Sentinels keep naming a replica, check SENTINEL MASTER ${c.masterName} on them and the replicaof setting of the servers.`,
  }),
  'ca-file-invalid': (c) => ({
    message: `The extra CA certificate file ${c.caCertificatePath} could not be read as a PEM or DER certificate.`,
    fix: 'Point the extra CA setting to the PEM or DER certificate of the CA that issued the server certificate.',
  }),
  'unknown-error': (c) => ({
    message: `Connecting to ${c.endpoint} failed with an error that this test does not recognize.`,
    fix: 'Read the details and check the Redis log on the server.',
  }),
};

function describeServerCertificate(certificate: CertificateSummary | undefined): string {
  if (certificate === undefined) {
    return 'subject unknown';
  }
  return certificate.issuer === undefined ? certificate.subject : `${certificate.subject}, issued by ${certificate.issuer}`;
}
