import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SiteContext } from '../../server/src/model/siteContext.js';
import { DEFAULT_SETTINGS } from '../../server/src/settings.js';
import {
  addedMarks,
  applyFix,
  applyFixOf,
  findingsFor,
  findingsOf,
  fixTitled,
  onlyFinding,
  redisConfig,
  spot,
  spotAfter,
  spots,
  spotsOf,
} from '../support/fixture.js';

/** A site whose Web.config turns TLS on through appSettings. */
const TLS_SITE: SiteContext = {
  appSettings: new Map([['RedisUseTls', { file: 'Web.config', value: 'true' }]]),
  redisConnectionStringName: undefined,
  certificate: () => undefined,
};

describe('tls-setting-ignored', () => {
  it('marks a certificate path without useTls', () => {
    const text = redisConfig('host=10.0.0.5;certificatePath=C:\\certs\\redis.pfx');
    assert.deepEqual(spots(text), [spot(text, 'tls-setting-ignored', 'warning', 'certificatePath=C:\\certs\\redis.pfx')]);

    const finding = onlyFinding(text, 'tls-setting-ignored');
    assert.deepEqual(finding.fixes.map((fix) => [fix.title, fix.isPreferred]), [['Add useTls=true', true], ['Remove certificatePath', undefined]]);
    const fixed = applyFix(text, fixTitled(finding, 'Add useTls=true'));
    assert.equal(fixed, redisConfig('host=10.0.0.5;certificatePath=C:\\certs\\redis.pfx;useTls=true'));
    assert.deepEqual(spots(fixed), []);
  });

  it('removes the ignored pair', () => {
    const text = redisConfig('host=10.0.0.5;certificatePath=C:\\certs\\redis.pfx;db=1');
    const fixed = applyFixOf(text, 'tls-setting-ignored', 'Remove certificatePath');
    assert.equal(fixed, redisConfig('host=10.0.0.5;db=1'));
    assert.deepEqual(spots(fixed), []);
  });

  it('keeps a trailing ; when adding useTls', () => {
    const text = redisConfig('host=10.0.0.5;certificatePath=/etc/redis/client.p12; ');
    const fixed = applyFixOf(text, 'tls-setting-ignored', 'Add useTls=true');
    assert.equal(fixed, redisConfig('host=10.0.0.5;certificatePath=/etc/redis/client.p12;useTls=true; '));
  });

  it('flips useTls=false', () => {
    const text = redisConfig('host=10.0.0.5;useTls=false;disableTlsCertificateValidation=true');
    assert.deepEqual(spots(text), [spot(text, 'tls-setting-ignored', 'warning', 'disableTlsCertificateValidation=true')]);

    const fixed = applyFixOf(text, 'tls-setting-ignored', 'Set useTls=true');
    assert.equal(fixed, redisConfig('host=10.0.0.5;useTls=true;disableTlsCertificateValidation=true'));
    assert.deepEqual(addedMarks(text, fixed), [['tls-validation-disabled', 'warning', 'disableTlsCertificateValidation=true']]);
  });

  it('fills an empty useTls', () => {
    const text = redisConfig('host=10.0.0.5;useTls=;certificatePath=/etc/redis/client.p12');
    assert.deepEqual(spots(text), [
      spot(text, 'empty-value', 'warning', 'useTls='),
      spot(text, 'tls-setting-ignored', 'warning', 'certificatePath=/etc/redis/client.p12'),
    ]);
    const fixed = applyFixOf(text, 'tls-setting-ignored', 'Set useTls=true');
    assert.equal(fixed, redisConfig('host=10.0.0.5;useTls=true;certificatePath=/etc/redis/client.p12'));
    assert.deepEqual(spots(fixed), []);
  });

  it('softens to information when Web.config turns TLS on', () => {
    const text = redisConfig('host=10.0.0.5;certificatePath=C:\\certs\\redis.pfx');
    const findings = findingsOf(text, DEFAULT_SETTINGS, { site: TLS_SITE });
    assert.deepEqual(spotsOf(text, findings), [spot(text, 'tls-setting-ignored', 'information', 'certificatePath=C:\\certs\\redis.pfx')]);
    assert.match(findings[0].message, /Web\.config sets RedisUseTls=true/);
  });

  it('leaves an invalid boolean to invalid-boolean', () => {
    const text = redisConfig('host=10.0.0.5;disableTlsCertificateValidation=maybe');
    assert.deepEqual(spots(text), [spot(text, 'invalid-boolean', 'error', 'maybe')]);
  });

  it('accepts TLS keys with useTls=true', () => {
    const text = redisConfig('host=10.0.0.5;useTls=True;certificatePath=C:\\certs\\redis.pfx;certificatePassword=[RedisCertPassword]');
    assert.deepEqual(spots(text), []);
  });
});

describe('password-without-tls', () => {
  it('marks the password pair as information', () => {
    const text = redisConfig('host=10.0.0.5;db=1;port=6379;password=Plugh-42');
    assert.deepEqual(spots(text), [
      spot(text, 'password-without-tls', 'information', 'password=Plugh-42'),
      spot(text, 'plaintext-secret', 'hint', 'Plugh-42'),
    ]);

    const finding = onlyFinding(text, 'password-without-tls');
    assert.doesNotMatch(finding.message, /Plugh/);
    assert.deepEqual(finding.fixes.map((fix) => [fix.title, fix.isPreferred, fix.safe]), [
      ['Add useTls=true', false, undefined],
      ['Remove password', undefined, undefined],
    ]);
  });

  it('adds useTls', () => {
    const text = redisConfig('host=10.0.0.5;password=[RedisPassword]');
    const fixed = applyFixOf(text, 'password-without-tls', 'Add useTls=true');
    assert.equal(fixed, redisConfig('host=10.0.0.5;password=[RedisPassword];useTls=true'));
    assert.deepEqual(spots(fixed), []);
  });

  it('escapes a bare & at the end of the value when adding useTls', () => {
    // Without the escape, 'password=s3&cret;useTls=true' would read '&cret;' as an entity reference.
    const text = redisConfig('host=10.0.0.5;password=s3&cret');
    const fixed = applyFixOf(text, 'password-without-tls', 'Add useTls=true');
    assert.equal(fixed, redisConfig('host=10.0.0.5;password=s3&amp;cret;useTls=true'));
    assert.deepEqual(findingsFor(fixed, 'password-without-tls'), []);
    assert.deepEqual(findingsFor(fixed, 'xml-syntax'), []);
  });

  it('removes the password', () => {
    const text = redisConfig('host=10.0.0.5;password=[RedisPassword];db=1');
    const fixed = applyFixOf(text, 'password-without-tls', 'Remove password');
    assert.equal(fixed, redisConfig('host=10.0.0.5;db=1'));
    assert.deepEqual(spots(fixed), []);
  });

  it('names the site setting', () => {
    const text = redisConfig('host=10.0.0.5;password=[RedisPassword]');
    const [finding] = findingsOf(text, DEFAULT_SETTINGS, { site: TLS_SITE });
    assert.equal(finding.ruleId, 'password-without-tls');
    assert.match(finding.message, /Note: Web\.config sets RedisUseTls=true\./);
  });

  it('accepts a password with TLS', () => {
    assert.deepEqual(spots(redisConfig('host=10.0.0.5;useTls=true;password=[RedisPassword]')), []);
  });
});

describe('certificate-password-without-path', () => {
  it('marks the password pair', () => {
    const text = redisConfig('host=10.0.0.5;useTls=true;certificatePassword=[RedisCertPassword]');
    assert.deepEqual(spots(text), [spot(text, 'certificate-password-without-path', 'warning', 'certificatePassword=[RedisCertPassword]')]);

    const fixed = applyFixOf(text, 'certificate-password-without-path', 'Remove certificatePassword');
    assert.equal(fixed, redisConfig('host=10.0.0.5;useTls=true'));
    assert.deepEqual(spots(fixed), []);
  });
});

describe('tls-validation-disabled', () => {
  it('marks the pair with TLS on', () => {
    const text = redisConfig('host=10.0.0.5;useTls=true;disableTlsCertificateValidation=TRUE;db=1');
    assert.deepEqual(spots(text), [spot(text, 'tls-validation-disabled', 'warning', 'disableTlsCertificateValidation=TRUE')]);

    const finding = onlyFinding(text, 'tls-validation-disabled');
    assert.equal(applyFix(text, fixTitled(finding, 'Remove disableTlsCertificateValidation')), redisConfig('host=10.0.0.5;useTls=true;db=1'));
    const fixed = applyFix(text, fixTitled(finding, 'Set disableTlsCertificateValidation=false'));
    assert.equal(fixed, redisConfig('host=10.0.0.5;useTls=true;disableTlsCertificateValidation=false;db=1'));
    assert.deepEqual(spots(fixed), []);
  });

  it('leaves the pair without TLS to tls-setting-ignored', () => {
    const text = redisConfig('host=10.0.0.5;disableTlsCertificateValidation=true');
    assert.deepEqual(spots(text), [spot(text, 'tls-setting-ignored', 'warning', 'disableTlsCertificateValidation=true')]);
  });

  it("Web.config's DisableRedisTlsCertificateValidation: marks useTls, or the entry when Web.config turns TLS on", () => {
    const site = (settings: [string, string][]): SiteContext => ({
      appSettings: new Map(settings.map(([key, value]) => [key, { file: 'Web.config', value }])),
      redisConnectionStringName: undefined,
      certificate: () => undefined,
    });
    const message = "Web.config sets DisableRedisTlsCertificateValidation=true, so Creatio accepts any server certificate for this connection and anyone between Creatio and Redis can read the traffic. Use it in development only; in production remove that appSetting and trust the server's certificate.";
    const withTls = redisConfig('host=10.0.0.5;useTls=true;db=1');
    const disabled = site([['DisableRedisTlsCertificateValidation', 'True']]);
    assert.deepEqual(spotsOf(withTls, findingsOf(withTls, DEFAULT_SETTINGS, { site: disabled })), [spot(withTls, 'tls-validation-disabled', 'warning', 'useTls=true')]);
    assert.equal(findingsOf(withTls, DEFAULT_SETTINGS, { site: disabled })[0].message, message);

    const siteTls = redisConfig('host=10.0.0.5;db=1');
    const both = site([['DisableRedisTlsCertificateValidation', 'true'], ['RedisUseTls', 'true']]);
    assert.deepEqual(spotsOf(siteTls, findingsOf(siteTls, DEFAULT_SETTINGS, { site: both })), [spotAfter(siteTls, 'tls-validation-disabled', 'warning', '<add name="redis"', 'connectionString')]);

    // Without TLS anywhere, or with the setting false, nothing is reported.
    assert.deepEqual(spotsOf(siteTls, findingsOf(siteTls, DEFAULT_SETTINGS, { site: disabled })), []);
    assert.deepEqual(spotsOf(withTls, findingsOf(withTls, DEFAULT_SETTINGS, { site: site([['DisableRedisTlsCertificateValidation', 'false']]) })), []);
  });
});

describe('certificate-password-unused', () => {
  it('marks a password for a PEM file', () => {
    const text = redisConfig('host=10.0.0.5;useTls=true;certificatePath=/etc/redis/client.pem;certificatePassword=[RedisCertPassword]');
    assert.deepEqual(spots(text), [spot(text, 'certificate-password-unused', 'information', 'certificatePassword=[RedisCertPassword]')]);

    const fixed = applyFixOf(text, 'certificate-password-unused', 'Remove certificatePassword');
    assert.equal(fixed, redisConfig('host=10.0.0.5;useTls=true;certificatePath=/etc/redis/client.pem'));
    assert.deepEqual(spots(fixed), []);
  });

  it('marks a Windows .crt path', () => {
    const text = redisConfig('host=10.0.0.5;useTls=true;certificatePath=C:\\certs\\client.CRT;certificatePassword=Xyzzy-77');
    const finding = onlyFinding(text, 'certificate-password-unused');
    assert.match(finding.message, /'client\.CRT'/);
    assert.doesNotMatch(finding.message, /Xyzzy/);
  });

  it('accepts a password for a PKCS#12 file', () => {
    for (const path of ['C:\\certs\\client.pfx', '/etc/redis/client.p12']) {
      const text = redisConfig(`host=10.0.0.5;useTls=true;certificatePath=${path};certificatePassword=[RedisCertPassword]`);
      assert.deepEqual(findingsFor(text, 'certificate-password-unused'), [], path);
    }
  });
});

describe('sentinel-tls', () => {
  it('marks useTls with Sentinel', () => {
    const text = redisConfig('sentinelHosts=10.0.0.1:26379;masterName=mymaster;useTls=true', 'redisSentinel');
    assert.deepEqual(spots(text), [spot(text, 'sentinel-tls', 'warning', 'useTls=true')]);
  });

  it('accepts useTls=false with Sentinel', () => {
    const text = redisConfig('sentinelHosts=10.0.0.1:26379;masterName=mymaster;useTls=false', 'redisSentinel');
    assert.deepEqual(spots(text), []);
  });
});
