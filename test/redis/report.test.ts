/**
 * Report formatting, secret masking, INFO warnings and error classification,
 * on hand-made data for the cases that a local Redis 7 cannot produce.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyErrorFacts, isConnectionDrop, suggestsPlainPort } from '../../server/src/connection/failures.js';
import { ConnectionReport, SentinelNodeReport, formatConnectionReport, maskReport, maskSecrets } from '../../server/src/connection/report.js';
import { MASK } from '../../server/src/model/secrets.js';
import { parseServerInfo, serverInfoWarnings } from '../../server/src/connection/server-info.js';
import { summarizeSentinels } from '../../server/src/connection/sentinel-test.js';

function sentinelNode(port: number, masterAddress: SentinelNodeReport['masterAddress']): SentinelNodeReport {
  return { host: '10.0.0.21', port, reached: true, warnings: [], durationMs: 1, masterAddress };
}

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

  it('expects Sentinel mode for sentinelHosts', () => {
    assert.deepEqual(serverInfoWarnings({ version: '7.2.4', mode: 'sentinel' }, { useTls: false, clusterNode: false, sentinel: true }), []);
  });

  it('warns when Sentinels disagree', () => {
    const sentinels = [
      sentinelNode(26379, null),
      sentinelNode(26380, { host: '10.0.0.5', port: 6379 }),
      sentinelNode(26381, { host: '10.0.0.6', port: 6379 }),
      sentinelNode(26382, { host: '10.0.0.5', port: 6379 }),
    ];
    const summary = summarizeSentinels('mymaster', sentinels);
    assert.deepEqual(summary.master, { host: '10.0.0.5', port: 6379 });
    assert.equal(summary.namedBy, 2);
    assert.deepEqual(summary.warnings, [
      'The Sentinels name different addresses for master mymaster: 10.0.0.5:6379 (Sentinel 10.0.0.21:26380), ' +
        '10.0.0.6:6379 (Sentinel 10.0.0.21:26381), 10.0.0.5:6379 (Sentinel 10.0.0.21:26382). The test used 10.0.0.5:6379, ' +
        'the first one named. A failover may be in progress, or the Sentinels monitor different servers under one name.',
    ]);
  });

  it('no replies: no master', () => {
    const summary = summarizeSentinels('mymaster', [sentinelNode(26379, null), sentinelNode(26380, undefined)]);
    assert.equal(summary.master, undefined);
    assert.equal(summary.namedBy, 0);
    assert.deepEqual(summary.warnings, []);
  });

  it('formats Sentinel warnings before the master', () => {
    const report: ConnectionReport = {
      topology: 'sentinel',
      tested: true,
      ok: true,
      durationMs: 9,
      warnings: [],
      nodes: [{ host: '10.0.0.5', port: 6379, reached: true, durationMs: 2, warnings: [], auth: 'not-sent', redisVersion: '6.2.14', redisMode: 'standalone', role: 'master' }],
      sentinel: {
        masterName: 'mymaster',
        sentinels: [sentinelNode(26380, { host: '10.0.0.5', port: 6379 }), sentinelNode(26381, { host: '10.0.0.6', port: 6379 })],
        master: { host: '10.0.0.5', port: 6379 },
        namedBy: 1,
        warnings: ['Sentinels disagree.'],
      },
    };
    assert.deepEqual(formatConnectionReport(report), [
      'Redis sentinel: connection succeeded (9 ms).',
      'Sentinel 10.0.0.21:26380: reached (1 ms)',
      '  Master mymaster: 10.0.0.5:6379',
      'Sentinel 10.0.0.21:26381: reached (1 ms)',
      '  Master mymaster: 10.0.0.6:6379',
      'Warning: Sentinels disagree.',
      'Master mymaster: 10.0.0.5:6379, named by 1 of 2 Sentinel(s)',
      '10.0.0.5:6379: reached (2 ms)',
      '  AUTH: not sent, because the connection string sets no password',
      '  Redis version: 6.2.14, mode standalone, role master',
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
