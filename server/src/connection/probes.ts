/**
 * Short raw-socket probes that tell apart failures ioredis reports alike:
 * a plain PING shows a plain Redis port, a TLS handshake shows a TLS port,
 * and a handshake without validation fetches the server certificate for messages.
 */
import { PeerCertificate, connect as connectTls } from 'node:tls';
import { connect as connectTcp, Socket } from 'node:net';
import { CertificateSummary } from './report.js';
import { formatDistinguishedName } from '../certificates/inspect.js';

/** Result of `probeTlsHandshake`. */
export interface TlsProbeResult {
  /** True when the peer completed a handshake or sent a TLS alert, so it speaks TLS. */
  speaksTls: boolean;
  protocol?: string;
  cipher?: string;
  certificate?: CertificateSummary;
}

const RESP_FIRST_BYTES = new Set(['+', '-', ':', '$', '*', '%', '_', '>', '#', ',', '(', '=', '!', '|', '~']);

/**
 * Sends `PING` over plain TCP and resolves true when the first reply byte is a
 * RESP type marker, which means a plain Redis port. `+PONG` and `-NOAUTH` both count.
 */
export function probePlainRedis(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host, port });
    const finish = closeOnce(socket, resolve);
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('close', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data: Buffer) => finish(RESP_FIRST_BYTES.has(data.subarray(0, 1).toString('latin1'))));
  });
}

/**
 * Makes a TLS handshake without validating the server certificate and without
 * a client certificate, to learn whether the port speaks TLS and which
 * certificate it presents.
 */
export function probeTlsHandshake(host: string, port: number, timeoutMs: number): Promise<TlsProbeResult> {
  return new Promise((resolve) => {
    const socket = connectTls({ host, port, rejectUnauthorized: false, servername: serverNameFor(host) });
    const finish = closeOnce(socket, resolve);
    socket.setTimeout(timeoutMs, () => finish({ speaksTls: false }));
    socket.once('close', () => finish({ speaksTls: false }));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      // An alert from the server (for example "certificate required" under TLS 1.2) still proves a TLS port.
      const alert = error.code?.startsWith('ERR_SSL_') === true && error.message.includes('alert');
      finish({ speaksTls: alert });
    });
    socket.once('secureConnect', () => {
      finish({
        speaksTls: true,
        protocol: socket.getProtocol() ?? undefined,
        cipher: socket.getCipher()?.name,
        certificate: summarizePeerCertificate(socket.getPeerCertificate()),
      });
    });
  });
}

/** Returns the SNI server name for `host`: none for IP addresses, as Node's own default does. */
export function serverNameFor(host: string): string | undefined {
  return /^[\d.]+$/.test(host) || host.includes(':') ? undefined : host;
}

/** Converts Node's peer certificate object to the report's summary; undefined when there is none. */
export function summarizePeerCertificate(certificate: PeerCertificate | undefined): CertificateSummary | undefined {
  if (certificate === undefined || certificate.subject === undefined) {
    return undefined;
  }
  return {
    subject: formatNameObject(certificate.subject),
    issuer: formatNameObject(certificate.issuer),
    subjectAltName: certificate.subjectaltname,
    validFrom: toIsoDate(certificate.valid_from),
    validTo: toIsoDate(certificate.valid_to),
  };
}

function formatNameObject(name: PeerCertificate['subject']): string {
  const lines = Object.entries(name).map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`);
  return formatDistinguishedName(lines.join('\n'));
}

function toIsoDate(text: string | undefined): string | undefined {
  if (text === undefined) {
    return undefined;
  }
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

/**
 * Wraps `resolve` so the first result wins, the socket is destroyed, and the
 * promise settles only after the socket's "close" event, so no handle outlives the probe.
 */
function closeOnce<T>(socket: Socket, resolve: (value: T) => void): (value: T) => void {
  // Registered before any result: "close" fires once, after the OS handle is released.
  const closed = new Promise<void>((onClose) => socket.once('close', () => onClose()));
  let done = false;
  return (value: T) => {
    if (done) {
      return;
    }
    done = true;
    socket.destroy();
    void closed.then(() => resolve(value));
  };
}
