import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { unifiedDiff } from '../../server/src/cli/diff.js';
import { decodeFile, encodeFile } from '../../server/src/cli/encoding.js';
import { CliError } from '../../server/src/cli/errors.js';
import { globToRegExp } from '../../server/src/cli/files.js';
import { findSecretSpans, maskSpans, nameSuggestsSecret } from '../../server/src/cli/mask.js';
import { REDIS_KEYS } from '../../server/src/model/redisKeys.js';
import { buildConfigDocument } from '../../server/src/model/configDocument.js';
import { DEFAULT_SETTINGS } from '../../server/src/settings.js';

const numbered = (count: number) => Array.from({ length: count }, (_, i) => `line ${i + 1}`);
const text = (lines: string[]) => `${lines.join('\n')}\n`;

describe('unifiedDiff', () => {
  it('returns nothing for equal texts', () => {
    assert.equal(unifiedDiff('f', 'a\n', 'a\n'), '');
  });

  it('keeps three lines of context', () => {
    const before = numbered(20);
    const after = [...before];
    after[9] = 'changed';
    assert.equal(
      unifiedDiff('f', text(before), text(after)),
      ['--- f', '+++ f', '@@ -7,7 +7,7 @@', ' line 7', ' line 8', ' line 9', '-line 10', '+changed', ' line 11', ' line 12', ' line 13', ''].join('\n'),
    );
  });

  it('splits distant changes into hunks', () => {
    const after = numbered(30);
    after[1] = 'first';
    after[25] = 'second';
    const diff = unifiedDiff('f', text(numbered(30)), text(after));
    assert.deepEqual(diff.split('\n').filter((line) => line.startsWith('@@')), ['@@ -1,5 +1,5 @@', '@@ -23,7 +23,7 @@']);
  });

  it('merges changes six kept lines apart', () => {
    const after = numbered(30);
    after[9] = 'first';
    after[16] = 'second';
    const diff = unifiedDiff('f', text(numbered(30)), text(after));
    assert.deepEqual(diff.split('\n').filter((line) => line.startsWith('@@')), ['@@ -7,14 +7,14 @@']);
  });

  it('splits changes seven kept lines apart', () => {
    const after = numbered(30);
    after[9] = 'first';
    after[17] = 'second';
    const diff = unifiedDiff('f', text(numbered(30)), text(after));
    assert.deepEqual(diff.split('\n').filter((line) => line.startsWith('@@')), ['@@ -7,7 +7,7 @@', '@@ -15,7 +15,7 @@']);
  });

  it('counts added and removed lines', () => {
    assert.equal(unifiedDiff('f', '', 'a\nb\n'), '--- f\n+++ f\n@@ -0,0 +1,2 @@\n+a\n+b\n');
    assert.equal(unifiedDiff('f', 'a\nb\nc\n', 'a\nc\n'), '--- f\n+++ f\n@@ -1,3 +1,2 @@\n a\n-b\n c\n');
    assert.equal(unifiedDiff('f', 'a\n', 'a\nb'), '--- f\n+++ f\n@@ -1 +1,2 @@\n a\n+b\n\\ No newline at end of file\n');
  });

  it('prints the shown texts', () => {
    const diff = unifiedDiff('f', 'key=abc\n', 'key=abd\n', { shown: { before: 'key=•\n', after: 'key=•\n' } });
    assert.equal(diff, '--- f\n+++ f\n@@ -1 +1 @@\n-key=•\n+key=•\n');
  });
});

describe('globToRegExp', () => {
  const matches = (pattern: string, path: string) => globToRegExp(pattern.split('/')).test(path);

  it('matches ** at any depth', () => {
    assert.ok(matches('**/ConnectionStrings.config', 'ConnectionStrings.config'));
    assert.ok(matches('**/ConnectionStrings.config', 'a/b/ConnectionStrings.config'));
    assert.ok(matches('**', 'a/b/c'));
  });

  it('keeps * and ? within a segment', () => {
    assert.ok(matches('*.config', 'Web.config'));
    assert.ok(!matches('*.config', 'site/Web.config'));
    assert.ok(matches('ConnectionStrings.?.config', 'ConnectionStrings.A.config'));
    assert.ok(!matches('ConnectionStrings.?.config', 'ConnectionStrings.AB.config'));
  });

  it('skips dot names unless named', () => {
    assert.ok(!matches('**/*.config', '.hidden/Web.config'));
    assert.ok(!matches('*.config', '.config'));
    assert.ok(matches('.hidden/*.config', '.hidden/Web.config'));
  });

  it('escapes regular expression characters', () => {
    assert.ok(matches('a+b(1)/*.config', 'a+b(1)/x.config'));
    assert.ok(!matches('a.b/*.config', 'axb/x.config'));
  });
});

describe('findSecretSpans', () => {
  const masked = (source: string) => maskSpans(source, findSecretSpans(buildConfigDocument(source, DEFAULT_SETTINGS)));

  it('masks Redis and database passwords', () => {
    const source = [
      '<connectionStrings>',
      '  <add name="db" connectionString="Server=sql;User ID=app;Password=\'a;b\';Pwd=x&amp;y;" />',
      '  <add name="redis" connectionString="host=h;password=p&quot;w;certificatePassword=c" />',
      '  <add name="s3" connectionString="AccountKey=k1;SharedAccessKey=k2" />',
      '  <add name="mq" connectionString="amqp://user:pa55@broker:5672" />',
      '</connectionStrings>',
    ].join('\n');
    assert.equal(
      masked(source),
      [
        '<connectionStrings>',
        '  <add name="db" connectionString="Server=sql;User ID=app;Password=••••" />',
        '  <add name="redis" connectionString="host=h;password=••••;certificatePassword=••••" />',
        '  <add name="s3" connectionString="AccountKey=••••" />',
        '  <add name="mq" connectionString="amqp://user:••••@broker:5672" />',
        '</connectionStrings>',
      ].join('\n'),
    );
  });

  it('masks secret appSettings values', () => {
    assert.equal(masked('<appSettings><add key="RedisCertPass" value="hidden" /><add key="RedisUseTls" value="true" /></appSettings>'), '<appSettings><add key="RedisCertPass" value="••••" /><add key="RedisUseTls" value="true" /></appSettings>');
  });

  it('keeps Redis keys after a password', () => {
    const source = '<connectionStrings><add name="redis" connectionString="host=h;password=a;b;x=c;useTls=true;pasword=d;db=1" /></connectionStrings>';
    assert.equal(masked(source), '<connectionStrings><add name="redis" connectionString="host=h;password=••••;useTls=true;pasword=••••;db=1" /></connectionStrings>');
  });

  it('masks comments to the line end', () => {
    assert.equal(masked('<a>\n<!-- password = a;b --> <!-- pwd=c\nhost=h --></a>'), '<a>\n<!-- password = •••• --> <!-- pwd=••••\nhost=h --></a>');
  });

  it('reads documented non-secret keys as plain', () => {
    for (const key of REDIS_KEYS.filter((candidate) => candidate.kind !== 'secret')) {
      assert.equal(nameSuggestsSecret(key.name), false, key.name);
    }
  });

  it('keeps line breaks inside a secret', () => {
    assert.equal(maskSpans('a=xx\r\nyy;', [{ start: 2, end: 8 }]), 'a=••••\r\n••••;');
  });
});

describe('decodeFile', () => {
  const samples: [string, Buffer][] = [
    ['UTF-8', Buffer.from('<a>é\r\n</a>')],
    ['UTF-8 with BOM', Buffer.from('\ufeff<a>é</a>')],
    ['UTF-16 LE', Buffer.from('\ufeff<a>é😀</a>', 'utf16le')],
    ['UTF-16 BE', Buffer.from('\ufeff<a>é😀</a>', 'utf16le').swap16()],
  ];
  for (const [name, bytes] of samples) {
    it(`round-trips ${name}`, () => {
      const decoded = decodeFile(bytes, 'f');
      assert.ok(!decoded.text.startsWith('\ufeff'), 'the BOM is not part of the text');
      assert.deepEqual(encodeFile(decoded.text, decoded), bytes);
    });
  }

  it('counts a written U+FFFD as valid', () => {
    // EF BF BD is U+FFFD written in the file. The lone FF byte is the one invalid sequence.
    const bytes = Buffer.concat([Buffer.from('<a>'), Buffer.from([0xef, 0xbf, 0xbd]), Buffer.from('</a> and some more text'), Buffer.from([0xff])]);
    assert.equal(decodeFile(bytes, 'f').invalidSequences, 1);
  });

  it('rejects NUL bytes', () => {
    assert.throws(() => decodeFile(Buffer.from([0x3c, 0x00, 0x61, 0x00]), 'f'), CliError);
  });
});
