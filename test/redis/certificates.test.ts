/**
 * inspectCertificateFile on certificate files that openssl makes for each run.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { after, before, describe, it, test } from 'node:test';
import { CertificateInfo, certificateValidity, inspectCertificateFile } from '../../server/src/certificates/inspect.js';
import { TestCertificates, createTestCertificates, removeTestCertificates } from '../support/certificates.js';
import { assertRedisInstalled } from '../support/redis-servers.js';

const WRONG_PASSWORD = 'wrong-Cert-Pass-5k';

// Fails with the install hint, so a machine without Redis shows a failure rather than only cancelled tests.
test('Redis tools installed', () => {
  assertRedisInstalled();
});

describe('inspectCertificateFile', () => {
  let certificates: TestCertificates;
  const inspected: CertificateInfo[] = [];

  const inspect = async (path: string, password: string | undefined): Promise<CertificateInfo> => {
    const info = await inspectCertificateFile(path, password);
    inspected.push(info);
    return info;
  };

  before(async () => {
    assertRedisInstalled();
    certificates = await createTestCertificates();
  });

  after(async () => {
    await removeTestCertificates(certificates);
  });

  it('reads PKCS#12 with its password', async () => {
    const info = await inspect(certificates.clientPfx, certificates.password);
    assert.equal(info.kind, 'pkcs12');
    assert.equal(info.status, 'ok');
    assert.equal(info.passwordProtected, true);
    assert.equal(info.hasPrivateKey, true);
    assert.equal(info.subject, 'CN=creatio-client');
    assert.equal(info.subjectCommonName, 'creatio-client');
    assert.equal(info.issuer, 'CN=Creatio Test CA');
    assert.ok(info.notBefore !== undefined);
    assert.ok(info.notBefore.getTime() <= Date.now());
    assert.ok(info.notAfter !== undefined);
    assert.ok(info.notAfter.getTime() > Date.now());
    assert.equal(info.message, undefined);
  });

  it('reports PKCS#12 wrong password', async () => {
    const info = await inspect(certificates.clientPfx, WRONG_PASSWORD);
    assert.equal(info.kind, 'pkcs12');
    assert.equal(info.status, 'wrong-password');
    assert.equal(info.passwordProtected, true);
    assert.equal(info.subject, undefined);
    assert.equal(info.message, `${certificates.clientPfx} could not be opened: the certificate password is wrong (MAC verification failed).`);
  });

  it('reports PKCS#12 missing password', async () => {
    const info = await inspect(certificates.clientPfx, undefined);
    assert.equal(info.status, 'wrong-password');
    assert.equal(
      info.message,
      `${certificates.clientPfx} could not be opened: it needs a certificate password and none is set (MAC verification failed).`,
    );
  });

  it('opens PKCS#12 without password', async () => {
    for (const password of [undefined, '']) {
      const info = await inspect(certificates.clientPfxNoPassword, password);
      assert.equal(info.kind, 'pkcs12');
      assert.equal(info.status, 'ok');
      assert.equal(info.passwordProtected, false);
      assert.equal(info.subjectCommonName, 'creatio-client');
    }
  });

  it('detects legacy RC2 PKCS#12', async () => {
    // The premise: Node's TLS (OpenSSL 3 without the legacy provider) rejects this file.
    assert.throws(() => createSecureContext({ pfx: readFileSync(certificates.clientPfxLegacy), passphrase: certificates.password }), /Unsupported PKCS12 PFX data/);
    const info = await inspect(certificates.clientPfxLegacy, certificates.password);
    assert.equal(info.kind, 'pkcs12');
    assert.equal(info.status, 'legacy-encryption');
    assert.equal(info.passwordProtected, true);
    assert.equal(info.hasPrivateKey, true);
    assert.equal(info.subjectCommonName, 'creatio-client');
    assert.equal(
      info.message,
      `${certificates.clientPfxLegacy} uses legacy PKCS#12 encryption (RC2, RC4 or DES) that OpenSSL 3 does not load by default. ` +
        'Export it again with AES-256 encryption, for example: openssl pkcs12 -legacy -in OLD.pfx -nodes | openssl pkcs12 -export -out NEW.pfx',
    );
  });

  it('reports legacy PKCS#12 wrong password', async () => {
    const info = await inspect(certificates.clientPfxLegacy, WRONG_PASSWORD);
    assert.equal(info.status, 'wrong-password');
  });

  it('reads PEM certificate with key', async () => {
    const info = await inspect(certificates.clientPem, undefined);
    assert.equal(info.kind, 'pem');
    assert.equal(info.status, 'ok');
    assert.equal(info.hasPrivateKey, true);
    assert.equal(info.passwordProtected, false);
    assert.equal(info.subjectCommonName, 'creatio-client');
  });

  it('checks encrypted PEM key password', async () => {
    const good = await inspect(certificates.clientEncryptedPem, certificates.password);
    assert.equal(good.status, 'ok');
    assert.equal(good.passwordProtected, true);
    assert.equal(good.hasPrivateKey, true);
    const bad = await inspect(certificates.clientEncryptedPem, WRONG_PASSWORD);
    assert.equal(bad.status, 'wrong-password');
    assert.equal(bad.message, `The private key in ${certificates.clientEncryptedPem} is encrypted and the certificate password is wrong.`);
    const missing = await inspect(certificates.clientEncryptedPem, undefined);
    assert.equal(missing.message, `The private key in ${certificates.clientEncryptedPem} is encrypted and no certificate password is set.`);
  });

  it('reads PEM certificate without key', async () => {
    const info = await inspect(certificates.clientCert, undefined);
    assert.equal(info.kind, 'pem');
    assert.equal(info.status, 'ok');
    assert.equal(info.hasPrivateKey, false);
  });

  it('reads DER certificates', async () => {
    const client = await inspect(certificates.clientCertDer, undefined);
    assert.equal(client.kind, 'der');
    assert.equal(client.status, 'ok');
    assert.equal(client.subjectCommonName, 'creatio-client');
    const ca = await inspect(certificates.caCertDer, undefined);
    assert.equal(ca.kind, 'der');
    assert.equal(ca.subject, 'CN=Creatio Test CA');
  });

  it('reads expired certificate dates', async () => {
    const info = await inspect(certificates.expiredCert, undefined);
    assert.equal(info.subjectCommonName, 'expired-client');
    assert.equal(info.notBefore?.toISOString(), '2020-01-01T00:00:00.000Z');
    assert.equal(info.notAfter?.toISOString(), '2021-01-01T00:00:00.000Z');
    assert.equal(certificateValidity(info), 'expired');
  });

  it('classifies certificate validity', async () => {
    const expiring = await inspect(certificates.expiringPfx, certificates.password);
    assert.equal(expiring.subjectCommonName, 'expiring-client');
    assert.equal(certificateValidity(expiring), 'expires-soon');
    const client = await inspect(certificates.clientPfx, certificates.password);
    assert.equal(certificateValidity(client), 'valid');
    assert.equal(certificateValidity(client, new Date('2000-01-01T00:00:00Z')), 'not-yet-valid');
    assert.equal(certificateValidity({}), 'unknown');
  });

  it('rejects files that are not certificates', async () => {
    const text = await inspect(certificates.notCertificate, undefined);
    assert.equal(text.kind, 'not-certificate');
    assert.equal(text.status, 'invalid');
    assert.equal(text.message, `${certificates.notCertificate} is not a certificate: expected a PKCS#12 (.pfx/.p12), PEM or DER file.`);
    const key = await inspect(certificates.clientKey, undefined);
    assert.equal(key.kind, 'not-certificate');
    assert.equal(key.hasPrivateKey, true);
    assert.equal(key.message, `${certificates.clientKey} is a PEM file with a private key but no certificate.`);
  });

  it('reports missing and unreadable files', async () => {
    const missingPath = `${certificates.dir}/missing.pfx`;
    const missing = await inspect(missingPath, undefined);
    assert.equal(missing.status, 'not-found');
    assert.equal(missing.message, `Certificate file not found: ${missingPath}.`);
    const folder = await inspect(certificates.dir, undefined);
    assert.equal(folder.status, 'unreadable');
    assert.equal(folder.message, `Certificate file ${certificates.dir} could not be read (EISDIR).`);
  });

  it('keeps passwords out of results', () => {
    assert.ok(inspected.length > 10);
    const text = JSON.stringify(inspected);
    assert.equal(text.includes(certificates.password), false);
    assert.equal(text.includes(WRONG_PASSWORD), false);
  });
});
