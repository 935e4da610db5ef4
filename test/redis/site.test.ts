// Certificate rules, sibling Web.config facts and the connection test, end to end: real files,
// real certificates made with openssl, real Redis over TLS, through the bundled server and linter.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/analysis/analyze.js';
import { withSiteRedisName } from '../../server/src/model/siteContext.js';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/settings.js';
import { SiteReader } from '../../server/src/site/siteReader.js';
import { createTestCertificates, removeTestCertificates, type TestCertificates } from '../support/certificates.js';
import { fileUri, LspTestClient } from '../support/lspClient.js';
import { assertRedisInstalled, startRedisServer, type RunningRedisServer } from '../support/redis-servers.js';

const LINT = join(__dirname, '..', '..', 'dist', 'lint.js');
const REDIS_PASSWORD = 'Redis-Pa55-word';

function config(connectionString: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<connectionStrings>\n  <add name="redis" connectionString="${connectionString}" />\n</connectionStrings>\n`;
}

/** Analyses `text` as the file `path` on disk, reading certificates and siblings as the server does. */
async function analyzeOnDisk(path: string, text: string, settings: Settings = DEFAULT_SETTINGS) {
  const site = await new SiteReader().read(path, text, settings, true);
  return analyzeText(text, withSiteRedisName(settings, site), { site }).findings;
}

function summary(text: string, findings: { ruleId: string; severity: string; span: { start: number; end: number } }[]) {
  return findings.filter((f) => f.ruleId !== 'plaintext-secret').map((f) => [f.ruleId, f.severity, text.slice(f.span.start, f.span.end)]);
}

describe('certificate files and sibling configuration', () => {
  let certificates: TestCertificates;
  let folder: string;

  before(async () => {
    assertRedisInstalled();
    certificates = await createTestCertificates();
    folder = mkdtempSync(join(tmpdir(), 'creatio-site-'));
  });
  after(async () => {
    rmSync(folder, { recursive: true, force: true });
    await removeTestCertificates(certificates);
  });

  it('accepts a valid PKCS#12 file and its password', async () => {
    copyFileSync(certificates.clientPfx, join(folder, 'client.pfx'));
    const text = config(`host=h;useTls=true;certificatePath=client.pfx;certificatePassword=${certificates.password}`);
    assert.deepEqual(summary(text, await analyzeOnDisk(join(folder, 'ConnectionStrings.config'), text)), []);
  });

  it('reports a missing file once', async () => {
    const text = config('host=h;useTls=true;certificatePath=missing/client.pfx');
    assert.deepEqual(summary(text, await analyzeOnDisk(join(folder, 'ConnectionStrings.config'), text)), [['certificate-not-found', 'warning', 'missing/client.pfx']]);
  });

  it('reports a wrong PKCS#12 password on the password', async () => {
    const text = config(`host=h;useTls=true;certificatePath=${certificates.clientPfx};certificatePassword=Wrong-Pa55`);
    const findings = await analyzeOnDisk(join(folder, 'ConnectionStrings.config'), text);
    assert.deepEqual(summary(text, findings), [['certificate-unreadable', 'error', 'Wrong-Pa55']]);
    assert.doesNotMatch(findings[0].message, /Wrong-Pa55/);
  });

  it('reports legacy PKCS#12 encryption', async () => {
    const text = config(`host=h;useTls=true;certificatePath=${certificates.clientPfxLegacy};certificatePassword=${certificates.password}`);
    const findings = await analyzeOnDisk(join(folder, 'ConnectionStrings.config'), text);
    assert.deepEqual(summary(text, findings), [['certificate-unreadable', 'error', certificates.clientPfxLegacy]]);
    assert.match(findings.find((f) => f.ruleId === 'certificate-unreadable')!.message, /legacy PKCS#12 encryption/);
  });

  it('reports a file that is no certificate', async () => {
    const text = config(`host=h;useTls=true;certificatePath=${certificates.notCertificate}`);
    assert.deepEqual(summary(text, await analyzeOnDisk(join(folder, 'ConnectionStrings.config'), text)), [['certificate-unreadable', 'error', certificates.notCertificate]]);
  });

  it('reports an expired and an expiring certificate', async () => {
    const expired = config(`host=h;useTls=true;certificatePath=${certificates.expiredPfx};certificatePassword=${certificates.password}`);
    assert.deepEqual(summary(expired, await analyzeOnDisk(join(folder, 'ConnectionStrings.config'), expired)), [['certificate-expired', 'warning', certificates.expiredPfx]]);
    const expiring = config(`host=h;useTls=true;certificatePath=${certificates.expiringPfx};certificatePassword=${certificates.password}`);
    assert.deepEqual(summary(expiring, await analyzeOnDisk(join(folder, 'ConnectionStrings.config'), expiring)), [['certificate-expired', 'information', certificates.expiringPfx]]);
  });

  it('reports a password for a PEM certificate by its content', async () => {
    copyFileSync(certificates.clientCert, join(folder, 'client.pfx'));
    const text = config('host=h;useTls=true;certificatePath=client.pfx;certificatePassword=Some-Pa55');
    assert.deepEqual(summary(text, await analyzeOnDisk(join(folder, 'ConnectionStrings.config'), text)), [['certificate-password-unused', 'information', 'certificatePassword=Some-Pa55']]);
  });

  it('leaves a Windows path alone', async () => {
    const text = config('host=h;useTls=true;certificatePath=C:\\certs\\redis.pfx;certificatePassword=Some-Pa55');
    assert.deepEqual(summary(text, await analyzeOnDisk(join(folder, 'ConnectionStrings.config'), text)), []);
  });

  it('reads no file when the setting is off', async () => {
    const text = config('host=h;useTls=true;certificatePath=missing.pfx');
    assert.deepEqual(summary(text, await analyzeOnDisk(join(folder, 'ConnectionStrings.config'), text, { ...DEFAULT_SETTINGS, checkCertificateFiles: false })), []);
  });

  it('takes TLS and the entry name from Web.config', async () => {
    const site = mkdtempSync(join(folder, 'site-'));
    writeFileSync(join(site, 'Web.config'), '<configuration>\n  <redis connectionStringName="cache" />\n  <appSettings>\n    <add key="RedisUseTls" value="true" />\n  </appSettings>\n</configuration>\n');
    const text = '<connectionStrings>\n  <add name="cache" connectionString="host=h;disableTlsCertificateValidation=true" />\n</connectionStrings>\n';
    const findings = await analyzeOnDisk(join(site, 'ConnectionStrings.config'), text);
    assert.deepEqual(summary(text, findings), [['tls-setting-ignored', 'information', 'disableTlsCertificateValidation=true']]);
    assert.match(findings[0].message, /Web\.config sets RedisUseTls=true/);
  });
});

describe('the server and the linter on real files', () => {
  let certificates: TestCertificates;
  let folder: string;
  let redis: RunningRedisServer;
  const client = new LspTestClient();

  before(async () => {
    certificates = await createTestCertificates();
    folder = mkdtempSync(join(tmpdir(), 'creatio-e2e-'));
    redis = await startRedisServer({
      password: REDIS_PASSWORD,
      tls: { certFile: certificates.serverCert, keyFile: certificates.serverKey, caCertFile: certificates.caCert, authClients: 'no' },
    });
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
    await redis.stop();
    rmSync(folder, { recursive: true, force: true });
    await removeTestCertificates(certificates);
  });

  it('re-checks a certificate when the file changes', async () => {
    const path = join(folder, 'ConnectionStrings.config');
    copyFileSync(certificates.expiredPfx, join(folder, 'client.pfx'));
    const text = config(`host=h;useTls=true;certificatePath=client.pfx;certificatePassword=${certificates.password}`);
    writeFileSync(path, text);
    const uri = fileUri(path);
    const first = await client.open(uri, text);
    assert.deepEqual(first.filter((d) => d.code !== 'plaintext-secret').map((d) => d.code), ['certificate-expired']);

    copyFileSync(certificates.clientPfx, join(folder, 'client.pfx'));
    const next = client.diagnosticsFor(uri, 1);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(join(folder, 'client.pfx')), type: 2 }] });
    assert.deepEqual((await next).filter((d) => d.code !== 'plaintext-secret'), []);
  });

  it('tests the Redis connection over LSP', async () => {
    const path = join(folder, 'good', 'ConnectionStrings.config');
    const text = config(`host=127.0.0.1;port=${redis.port};useTls=true;password=${REDIS_PASSWORD}`);
    spawnSync('mkdir', ['-p', join(folder, 'good')]);
    writeFileSync(path, text);
    client.settings = { connectionTestCaCertificatePath: certificates.caCert };
    await client.changeSettings(client.settings);
    await client.open(fileUri(path), text);

    const result = (await client.connection.sendRequest('workspace/executeCommand', { command: 'creatioConfig.server.testConnection', arguments: [fileUri(path)] })) as { ok: boolean; lines: string[] };
    assert.equal(result.ok, true, result.lines.join('\n'));
    assert.match(result.lines.join('\n'), /AUTH: /);
    assert.match(result.lines.join('\n'), /TLS: TLSv1\.[23]/);
    assert.doesNotMatch(result.lines.join('\n'), new RegExp(REDIS_PASSWORD));
  });

  it('tests the Redis connection on the command line', () => {
    const path = join(folder, 'cli', 'ConnectionStrings.config');
    spawnSync('mkdir', ['-p', join(folder, 'cli')]);
    writeFileSync(path, config(`host=127.0.0.1;port=${redis.port};useTls=true;password=${REDIS_PASSWORD}`));
    const good = spawnSync(process.execPath, [LINT, '--test-connection', path, '--ca', certificates.caCert], { encoding: 'utf8' });
    assert.equal(good.status, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /connection succeeded/);
    assert.doesNotMatch(good.stdout, new RegExp(REDIS_PASSWORD));

    writeFileSync(path, config(`host=127.0.0.1;port=${redis.port};useTls=true;password=Wrong-Pa55`));
    const bad = spawnSync(process.execPath, [LINT, '--test-connection', path, '--ca', certificates.caCert, '--timeout', '3000'], { encoding: 'utf8' });
    assert.equal(bad.status, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /connection failed/);
    assert.doesNotMatch(bad.stdout, /Wrong-Pa55/);
  });
});

describe('an untrusted workspace', () => {
  const client = new LspTestClient();
  let folder: string;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'creatio-untrusted-'));
    await client.initialize({ trusted: false });
  });
  after(async () => {
    await client.shutdown();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reads no certificate and runs no connection test', async () => {
    const path = join(folder, 'ConnectionStrings.config');
    const text = config('host=127.0.0.1;port=6379;useTls=true;certificatePath=missing.pfx');
    writeFileSync(path, text);
    const diagnostics = await client.open(fileUri(path), text);
    assert.deepEqual(diagnostics.map((d) => d.code), []);

    const result = (await client.connection.sendRequest('workspace/executeCommand', { command: 'creatioConfig.server.testConnection', arguments: [fileUri(path)] })) as { ok: boolean; lines: string[] };
    assert.equal(result.ok, false);
    assert.match(result.lines[0], /untrusted workspace/);
  });
});
