/**
 * Report formatting, secret masking, INFO warnings and error classification,
 * on hand-made data for the cases that a local Redis 7 cannot produce.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyErrorFacts, isConnectionDrop, suggestsPlainPort } from '../../server/src/connection/failures.js';
import { ConnectionReport, formatConnectionReport, maskReport, maskSecrets } from '../../server/src/connection/report.js';
import { MASK } from '../../server/src/model/secrets.js';
import { parseServerInfo, serverInfoWarnings } from '../../server/src/connection/server-info.js';

describe('connection report', () => {
  it('masks every secret occurrence', () => {
    assert.equal(maskSecrets('AUTH s3cret then s3cret', ['s3cret', undefined, '']), `AUTH ${MASK} then ${MASK}`);
    const masked = maskReport({ list: ['a-pw-b'], nested: { text: 'pw' }, count: 3 }, ['pw']);
    assert.deepEqual(masked, { list: [`a-${MASK}-b`], nested: { text: MASK }, count: 3 });
  });

  it('formats success and failure lines', () => {
    const report: ConnectionReport = {
      topology: 'standalone',
      tested: true,
      ok: false,
      durationMs: 12,
      warnings: ['Only the first host, a:1, is tested for a standalone connection.'],
      nodes: [
        {
          host: '10.0.0.5',
          port: 6380,
          reached: true,
          durationMs: 11,
          warnings: [],
          auth: 'failed',
          tls: {
            protocol: 'TLSv1.2',
            cipher: 'ECDHE-RSA-AES128-GCM-SHA256',
            certificateValidation: 'validated',
            serverCertificate: { subject: 'CN=redis', issuer: 'CN=CA', validTo: '2030-01-01T00:00:00.000Z' },
          },
          failure: { kind: 'wrong-password', message: 'Redis at 10.0.0.5:6380 rejected the password.', fix: 'Set password.', detail: 'WRONGPASS x' },
        },
      ],
    };
    assert.deepEqual(formatConnectionReport(report), [
      'Redis standalone: connection failed (12 ms).',
      '10.0.0.5:6380: reached (11 ms)',
      '  TLS: TLSv1.2, cipher ECDHE-RSA-AES128-GCM-SHA256',
      '  Server certificate: CN=redis, issued by CN=CA, expires 2030-01-01T00:00:00.000Z',
      '  Server certificate validation: passed',
      '  AUTH: password rejected',
      '  Error: Redis at 10.0.0.5:6380 rejected the password.',
      '  Fix: Set password.',
      '  Details: WRONGPASS x',
      'Warning: Only the first host, a:1, is tested for a standalone connection.',
    ]);
  });

  it('warns about TLS on Redis 5', () => {
    const info = parseServerInfo('# Server\r\nredis_version:5.0.14\r\nredis_mode:standalone\r\n');
    assert.deepEqual(info, { version: '5.0.14', mode: 'standalone' });
    assert.deepEqual(serverInfoWarnings(info, { useTls: true, clusterNode: false }), [
      'Redis 5.0.14 has no TLS support of its own (Redis added TLS in 6.0), so a proxy in front of it ends the TLS connection.',
    ]);
    assert.deepEqual(serverInfoWarnings(info, { useTls: false, clusterNode: false }), []);
    assert.deepEqual(serverInfoWarnings({ version: '6.0.0', mode: 'standalone' }, { useTls: true, clusterNode: false }), []);
  });

  it('warns about Sentinel target', () => {
    assert.deepEqual(serverInfoWarnings({ version: '7.2.4', mode: 'sentinel' }, { useTls: false, clusterNode: false }), [
      'This server is a Redis Sentinel, which stores no data: point the connection string to a Redis server.',
    ]);
  });

  it('classifies Redis 5 and TLS texts', () => {
    const cases: [string | undefined, string, boolean, string | undefined][] = [
      [undefined, 'ERR invalid password', false, 'wrong-password'],
      [undefined, 'NOAUTH Authentication required.', false, 'password-required'],
      [undefined, 'Command timed out', false, 'timed-out'],
      ['ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'error:0A000418:SSL routines::tlsv1 alert unknown ca', true, 'client-certificate-unknown-ca'],
      ['ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'error:0A000410:SSL routines::sslv3 alert handshake failure', true, undefined],
      ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate', false, 'server-certificate-untrusted'],
      ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unable to get local issuer certificate', false, 'server-certificate-untrusted'],
      ['CERT_NOT_YET_VALID', 'certificate is not yet valid', false, 'server-certificate-expired'],
      ['ENOTFOUND', 'getaddrinfo ENOTFOUND redis.invalid', false, 'host-not-found'],
      ['ECONNRESET', 'read ECONNRESET', false, undefined],
    ];
    for (const [code, message, clientCertificateSent, expected] of cases) {
      assert.equal(classifyErrorFacts({ code, message }, clientCertificateSent), expected, message);
    }
  });

  it('recognizes drops and plain-port hints', () => {
    assert.equal(isConnectionDrop({ code: 'ECONNRESET', message: 'read ECONNRESET' }), true);
    assert.equal(isConnectionDrop({ message: 'Connection is closed.' }), true);
    assert.equal(isConnectionDrop({ message: 'WRONGPASS' }), false);
    assert.equal(suggestsPlainPort({ code: 'ERR_SSL_WRONG_VERSION_NUMBER', message: 'wrong version number' }), true);
    assert.equal(suggestsPlainPort({ message: 'self-signed certificate' }), false);
  });
});
