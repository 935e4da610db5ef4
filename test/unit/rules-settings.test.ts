import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RULES } from '../../server/src/rules/index.js';
import type { CertificateInfo } from '../../server/src/certificates/inspect.js';
import { EMPTY_SITE, type SiteContext } from '../../server/src/model/siteContext.js';
import { entriesConfig, findingsFor, findingsOf, marks, redisConfig, settingsWith, spot, spots } from '../support/fixture.js';

const DB = '<add name="db" connectionString="Data Source=sql01" />';
const REDIS = '<add name="redis" connectionString="host=10.0.0.5" />';

/** A site whose certificate check of every path returns `info` over a valid PKCS#12 file. */
function certificateSite(info: Partial<CertificateInfo>): SiteContext {
  const checked: CertificateInfo = { path: '/etc/redis/client.pfx', kind: 'pkcs12', status: 'ok', passwordProtected: true, hasPrivateKey: true, ...info };
  return { ...EMPTY_SITE, certificate: () => ({ kind: 'checked', resolvedPath: checked.path, info: checked }) };
}

interface Trigger {
  ruleId: string;
  /** A text on which the rule fires once. */
  text: string;
  /** The text the rule marks, and which occurrence of it. */
  marked: string;
  occurrence?: number;
  creatioVersion?: string;
  site?: SiteContext;
}

const TRIGGERS: Trigger[] = [
  { ruleId: 'xml-syntax', text: redisConfig('host=10.0.0.5;user=a&b'), marked: '&b' },
  { ruleId: 'doctype', text: `<!DOCTYPE connectionStrings>\n${entriesConfig(DB, REDIS).replace(/^<\?xml.*\n/, '')}`, marked: '<!DOCTYPE' },
  { ruleId: 'unexpected-element', text: entriesConfig(DB, REDIS, '<provider />'), marked: 'provider' },
  { ruleId: 'unknown-attribute', text: entriesConfig(DB, '<add name="redis" connectionString="host=10.0.0.5" provider="x" />'), marked: 'provider' },
  { ruleId: 'missing-attribute', text: entriesConfig(DB, REDIS, '<remove />'), marked: 'remove' },
  { ruleId: 'duplicate-name', text: entriesConfig(DB, REDIS, REDIS), marked: 'name="redis"', occurrence: 1 },
  { ruleId: 'duplicate-name-case', text: entriesConfig(DB, REDIS, REDIS.replace('redis', 'REDIS')), marked: 'name="REDIS"' },
  { ruleId: 'missing-redis', text: entriesConfig(DB), marked: 'connectionStrings' },
  { ruleId: 'foreign-format', text: redisConfig('redis://10.0.0.5:6379'), marked: 'redis://10.0.0.5:6379' },
  { ruleId: 'malformed-pair', text: redisConfig('host=10.0.0.5;oops'), marked: 'oops' },
  { ruleId: 'comma-separator', text: redisConfig('host=10.0.0.5, db=1'), marked: ',' },
  { ruleId: 'unknown-key', text: redisConfig('host=10.0.0.5;flavour=x'), marked: 'flavour' },
  { ruleId: 'key-case', text: redisConfig('HOST=10.0.0.5'), marked: 'HOST' },
  { ruleId: 'undocumented-key', text: redisConfig('host=10.0.0.5;user=clio'), marked: 'user' },
  { ruleId: 'duplicate-key', text: redisConfig('host=10.0.0.5;db=1;db=2'), marked: 'db=2' },
  { ruleId: 'empty-value', text: redisConfig('host=10.0.0.5;db='), marked: 'db=' },
  { ruleId: 'invalid-boolean', text: redisConfig('host=10.0.0.5;useTls=yes'), marked: 'yes' },
  { ruleId: 'invalid-number', text: redisConfig('host=10.0.0.5;port=99999'), marked: '99999' },
  { ruleId: 'db-out-of-range', text: redisConfig('host=10.0.0.5;db=42'), marked: '42' },
  { ruleId: 'missing-host', text: redisConfig('db=1'), marked: 'db=1' },
  { ruleId: 'conflicting-topology', text: redisConfig('host=10.0.0.5;clusterHosts=10.0.0.1:6379'), marked: 'clusterHosts' },
  { ruleId: 'host-list-format', text: redisConfig('clusterHosts=10.0.0.1:0'), marked: '10.0.0.1:0' },
  { ruleId: 'host-list-brackets', text: redisConfig('clusterHosts=[10.0.0.1:6379]'), marked: '[10.0.0.1:6379]' },
  { ruleId: 'host-is-list', text: redisConfig('host=10.0.0.1,10.0.0.2'), marked: '10.0.0.1,10.0.0.2' },
  { ruleId: 'cluster-db', text: redisConfig('clusterHosts=10.0.0.1:6379;db=2'), marked: 'db=2' },
  { ruleId: 'sentinel-master-missing', text: redisConfig('sentinelHosts=10.0.0.1:26379'), marked: 'sentinelHosts' },
  { ruleId: 'sentinel-tls', text: redisConfig('sentinelHosts=10.0.0.1:26379;masterName=m;useTls=true'), marked: 'useTls=true' },
  { ruleId: 'tls-setting-ignored', text: redisConfig('host=10.0.0.5;certificatePath=/etc/redis/client.p12'), marked: 'certificatePath=/etc/redis/client.p12' },
  { ruleId: 'password-without-tls', text: redisConfig('host=10.0.0.5;password=[RedisPassword]'), marked: 'password=[RedisPassword]' },
  { ruleId: 'certificate-password-without-path', text: redisConfig('host=10.0.0.5;useTls=true;certificatePassword=[P]'), marked: 'certificatePassword=[P]' },
  { ruleId: 'tls-validation-disabled', text: redisConfig('host=10.0.0.5;useTls=true;disableTlsCertificateValidation=true'), marked: 'disableTlsCertificateValidation=true' },
  { ruleId: 'certificate-not-found', text: redisConfig('host=10.0.0.5;useTls=true;certificatePath=/etc/redis/client.pfx;certificatePassword=[P]'), marked: '/etc/redis/client.pfx', site: certificateSite({ status: 'not-found', kind: 'not-certificate' }) },
  { ruleId: 'certificate-unreadable', text: redisConfig('host=10.0.0.5;useTls=true;certificatePath=/etc/redis/client.pfx;certificatePassword=[P]'), marked: '/etc/redis/client.pfx', site: certificateSite({ status: 'legacy-encryption' }) },
  { ruleId: 'certificate-expired', text: redisConfig('host=10.0.0.5;useTls=true;certificatePath=/etc/redis/client.pfx;certificatePassword=[P]'), marked: '/etc/redis/client.pfx', site: certificateSite({ notBefore: new Date('2020-01-01'), notAfter: new Date('2021-01-01') }) },
  { ruleId: 'certificate-password-unused', text: redisConfig('host=10.0.0.5;useTls=true;certificatePath=/etc/redis/client.pem;certificatePassword=[P]'), marked: 'certificatePassword=[P]' },
  { ruleId: 'plaintext-secret', text: redisConfig('host=10.0.0.5;useTls=true;password=Plugh-42'), marked: 'Plugh-42' },
  { ruleId: 'doc-placeholder', text: redisConfig('host=[Redis host]'), marked: '[Redis host]' },
  { ruleId: 'requires-newer-creatio', text: redisConfig('host=10.0.0.5;useTls=true'), marked: 'useTls', creatioVersion: '8.0.1' },
  { ruleId: 'sentinel-retired', text: redisConfig('sentinelHosts=10.0.0.1:26379;masterName=m'), marked: 'sentinelHosts', creatioVersion: '7.18.3' },
];

describe('rule catalogue', () => {
  it('has a trigger for every rule', () => {
    assert.deepEqual(TRIGGERS.map((trigger) => trigger.ruleId).sort(), RULES.map((rule) => rule.id).sort());
  });

  it('has unique ids', () => {
    assert.equal(new Set(RULES.map((rule) => rule.id)).size, RULES.length);
  });
});

describe('rule severities', () => {
  for (const { ruleId, text, marked, occurrence = 0, creatioVersion = '', site = EMPTY_SITE } of TRIGGERS) {
    const rule = RULES.find((candidate) => candidate.id === ruleId)!;

    it(`${ruleId} fires with its default`, () => {
      const settings = settingsWith({ creatioVersion });
      const own = spots(text, settings, { site }).filter(([id]) => id === ruleId);
      assert.deepEqual(own, [spot(text, ruleId, rule.defaultSeverity, marked, occurrence)]);
    });

    it(`${ruleId} disappears when off`, () => {
      const before = marks(text, settingsWith({ creatioVersion }), { site }).filter(([id]) => id !== ruleId);
      const after = marks(text, settingsWith({ creatioVersion, rules: { [ruleId]: 'off' } }), { site });
      assert.deepEqual(after, before);
    });

    it(`${ruleId} takes a configured severity`, () => {
      const severity = rule.defaultSeverity === 'hint' ? 'error' : 'hint';
      const settings = settingsWith({ creatioVersion, rules: { [ruleId]: severity } });
      assert.deepEqual(spots(text, settings, { site }).filter(([id]) => id === ruleId), [spot(text, ruleId, severity, marked, occurrence)]);
    });
  }

  it('lets a configured severity win over a milder variant', () => {
    const site: SiteContext = {
      appSettings: new Map([['RedisUseTls', { file: 'Web.config', value: 'true' }]]),
      redisConnectionStringName: undefined,
      certificate: () => undefined,
    };
    const text = redisConfig('host=10.0.0.5;certificatePath=/etc/redis/client.p12');
    assert.equal(findingsOf(text, settingsWith(), { site })[0].severity, 'information');
    assert.equal(findingsOf(text, settingsWith({ rules: { 'tls-setting-ignored': 'error' } }), { site })[0].severity, 'error');
    assert.equal(findingsOf(text, settingsWith({ rules: { 'tls-setting-ignored': 'warning' } }), { site })[0].severity, 'warning');
  });

  it('leaves other rules as they are', () => {
    const text = redisConfig('host=10.0.0.5;port=99999;flavour=x');
    const settings = settingsWith({ rules: { 'unknown-key': 'off' } });
    assert.deepEqual(spots(text, settings), [spot(text, 'invalid-number', 'error', '99999')]);
    assert.deepEqual(findingsFor(text, 'unknown-key', settings), []);
  });
});
