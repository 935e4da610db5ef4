import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt } from '../../server/src/features/hover.js';
import { isOtherPlatformPath } from '../../server/src/model/paths.js';
import { documentSymbols } from '../../server/src/features/symbols.js';
import { buildConfigDocument } from '../../server/src/model/configDocument.js';
import { EMPTY_SITE, type SiteContext } from '../../server/src/model/siteContext.js';
import { DEFAULT_SETTINGS } from '../../server/src/settings.js';

const REDIS = (connectionString: string) => `<connectionStrings>\n  <add name="redis" connectionString="${connectionString}" />\n</connectionStrings>\n`;

/** Returns the hover markdown at the first `needle` of `text`. */
function hoverOn(text: string, needle: string, site: SiteContext = EMPTY_SITE): string {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `'${needle}' not found`);
  const hover = hoverAt(buildConfigDocument(text, DEFAULT_SETTINGS), offset, DEFAULT_SETTINGS, site);
  assert.ok(hover, `no hover on '${needle}'`);
  return hover.markdown;
}

describe('paths of another system', () => {
  it('recognises Windows paths on Linux and macOS', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      assert.equal(isOtherPlatformPath('C:\\certs\\redis.pfx', platform), true);
      assert.equal(isOtherPlatformPath('d:/certs/redis.pfx', platform), true);
      assert.equal(isOtherPlatformPath('\\\\fileserver\\certs\\redis.pfx', platform), true);
      assert.equal(isOtherPlatformPath('/etc/ssl/redis.pfx', platform), false);
      assert.equal(isOtherPlatformPath('certs/redis.pfx', platform), false);
    }
  });

  it('recognises Linux paths on Windows', () => {
    assert.equal(isOtherPlatformPath('/etc/ssl/redis.pfx', 'win32'), true);
    assert.equal(isOtherPlatformPath('C:\\certs\\redis.pfx', 'win32'), false);
    assert.equal(isOtherPlatformPath('//fileserver/certs/redis.pfx', 'win32'), false);
  });
});

describe('hover with site facts', () => {
  it('adds the certificate checks of the pair', () => {
    const text = REDIS('host=10.0.0.5;useTls=true;certificatePath=client.pfx');
    const site: SiteContext = {
      ...EMPTY_SITE,
      certificate: (path) => (path === 'client.pfx' ? { kind: 'not-checkable', reason: 'client.pfx is on another machine.' } : undefined),
    };
    assert.equal(hoverOn(text, 'certificatePath', site).split('\n\n').at(-1), 'File: client.pfx is on another machine.');
  });

  it('names the sibling file that turns TLS on', () => {
    const text = REDIS('host=10.0.0.5;password=Sup3rS3cret');
    const site: SiteContext = { ...EMPTY_SITE, appSettings: new Map([['RedisUseTls', { file: 'Web.config', value: 'true' }]]) };
    assert.match(hoverOn(text, 'redis', site), /\n- TLS: off \(useTls is not set\); Web\.config sets RedisUseTls=true\n/);
  });
});

describe('values that seem to hold a password', () => {
  const text = REDIS('host=10.0.0.5 password=Sup3rS3cret;db=1');

  it('are not shown in hovers', () => {
    assert.equal(hoverOn(text, 'host').split('\n\n').at(-1), "Current value: Not shown, because it seems to contain a password: check that a ';' separates each pair.");
    assert.match(hoverOn(text, 'redis'), /- Topology: standalone, server not shown, as it seems to contain a password, database `1`/);
  });

  it('are masked in the outline', () => {
    const [redis] = documentSymbols(buildConfigDocument(text, DEFAULT_SETTINGS));
    assert.deepEqual(redis.children.map((child) => [child.name, child.detail]), [['host', '••••'], ['db', '1']]);
  });
});
