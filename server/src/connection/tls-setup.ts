/**
 * TLS options for ioredis built from a connection string: the trusted CAs, the
 * certificate validation switch and the client certificate, loaded the way
 * Creatio loads it (a PKCS#12 file with its password).
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ConnectionOptions, SecureContextOptions, createSecureContext, rootCertificates } from 'node:tls';
import { CertificateInfo, EXPIRY_WARNING_DAYS, certificateValidity, inspectCertificateFile } from '../certificates/inspect.js';
import { classifyErrorFacts, errorFacts } from './failures.js';
import { CertificateSummary, FailureKind } from './report.js';
import { ConnectionTestOptions, RedisTarget } from './target.js';

/** TLS settings ready for ioredis, with facts for the report. */
export interface TlsSetup {
  /**
   * Options for tls.connect with one prepared secure context, because building a
   * context from Node's 140-odd bundled roots plus the extra CA took 50 to 200 ms
   * (Node 20 on a 2-core machine), and a Cluster test opens many connections.
   */
  options: ConnectionOptions;
  /** True when a client certificate is in the secure context. */
  clientCertificateSent: boolean;
  clientCertificate?: CertificateSummary;
  warnings: string[];
}

/** A problem found before connecting, with the library text to show as detail. */
export interface TlsSetupProblem {
  kind: FailureKind;
  detail?: string;
}

/** Result of `prepareTls`: the setup, or the problem that stops the test before connecting. */
export type TlsSetupResult = { setup: TlsSetup } | { problem: TlsSetupProblem };

/** Builds the TLS options for `target`; the client certificate file is inspected first so its problems get exact names. */
export async function prepareTls(target: RedisTarget, options: Pick<ConnectionTestOptions, 'caCertificatePath'>): Promise<TlsSetupResult> {
  const warnings: string[] = [];
  const contextOptions: SecureContextOptions = {};
  if (options.caCertificatePath !== undefined) {
    const extraCa = await readCaCertificate(options.caCertificatePath);
    if (extraCa === undefined) {
      return { problem: { kind: 'ca-file-invalid' } };
    }
    // Giving `ca` replaces Node's bundled roots, so they are kept next to the extra CA.
    contextOptions.ca = [...rootCertificates, extraCa];
  }
  let clientCertificate: CertificateSummary | undefined;
  if (target.certificatePath !== undefined) {
    const info = await inspectCertificateFile(target.certificatePath, target.certificatePassword);
    const problem = clientCertificateProblem(info);
    if (problem !== undefined) {
      return { problem };
    }
    Object.assign(contextOptions, await clientCertificateOptions(info, target.certificatePassword));
    warnings.push(...clientCertificateWarnings(info));
    clientCertificate = info.subject === undefined ? undefined : summarizeInfo(info);
  }
  try {
    const secureContext = createSecureContext(contextOptions);
    const tlsOptions: ConnectionOptions = { secureContext, rejectUnauthorized: !target.disableTlsCertificateValidation };
    return { setup: { options: tlsOptions, clientCertificateSent: target.certificatePath !== undefined, clientCertificate, warnings } };
  } catch (error) {
    // The inspection catches these first; this covers files that it accepts and OpenSSL still rejects.
    const facts = errorFacts(error);
    return { problem: { kind: classifyErrorFacts(facts, true) ?? 'certificate-file-invalid', detail: facts.message } };
  }
}

async function clientCertificateOptions(info: CertificateInfo, password: string | undefined): Promise<SecureContextOptions> {
  const content = await readFile(info.path);
  const passphrase = password || undefined;
  if (info.kind === 'pkcs12') {
    return { pfx: content, passphrase };
  }
  // A PEM file carries the certificate chain and the key; Node picks each block by its label.
  return { cert: content, key: content, passphrase };
}

function clientCertificateProblem(info: CertificateInfo): TlsSetupProblem | undefined {
  switch (info.status) {
    case 'not-found':
      return { kind: 'certificate-file-not-found' };
    case 'unreadable':
    case 'invalid':
      return { kind: 'certificate-file-invalid', detail: info.message };
    case 'wrong-password':
      return { kind: 'certificate-wrong-password', detail: 'mac verify failure' };
    case 'legacy-encryption':
      return { kind: 'certificate-legacy-encryption', detail: 'Unsupported PKCS12 PFX data' };
    case 'ok':
      break;
  }
  // OpenSSL finds the key in a PKCS#12 itself, so only PEM and DER files are checked here.
  if (info.kind !== 'pkcs12' && !info.hasPrivateKey) {
    return { kind: 'certificate-no-private-key' };
  }
  return undefined;
}

function clientCertificateWarnings(info: CertificateInfo): string[] {
  const name = info.subject ?? info.path;
  switch (certificateValidity(info)) {
    case 'expired':
      return [`The client certificate ${name} expired on ${info.notAfter?.toISOString()}.`];
    case 'expires-soon':
      return [`The client certificate ${name} expires on ${info.notAfter?.toISOString()}, within ${EXPIRY_WARNING_DAYS} days.`];
    case 'not-yet-valid':
      return [`The client certificate ${name} is not valid before ${info.notBefore?.toISOString()}.`];
    default:
      return [];
  }
}

function summarizeInfo(info: CertificateInfo): CertificateSummary {
  return {
    subject: info.subject ?? info.path,
    issuer: info.issuer,
    validFrom: info.notBefore?.toISOString(),
    validTo: info.notAfter?.toISOString(),
  };
}

/** Reads a PEM or DER CA certificate and returns it as PEM; undefined when the file is missing or not a certificate. */
async function readCaCertificate(path: string): Promise<string | undefined> {
  try {
    return new X509Certificate(await readFile(path)).toString();
  } catch {
    return undefined;
  }
}
