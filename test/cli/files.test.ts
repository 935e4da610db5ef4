import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import { userInfo } from 'node:os';
import { assertBuilt, caseText, lint, lintJson, TempFolder } from './helpers.js';

const CLEAN = '<?xml version="1.0" encoding="utf-8"?>\n<connectionStrings>\n  <add name="redis" connectionString="host=10.0.0.5;db=1;port=6379" />\n</connectionStrings>\n';

describe('file arguments', () => {
  const folder = new TempFolder();
  before(() => {
    assertBuilt();
    folder.write('site/ConnectionStrings.config', CLEAN);
    folder.write('site/connectionstrings.release.config', CLEAN);
    folder.write('site/Web.config', CLEAN);
    folder.write('site/nested/deeper/ConnectionStrings.Dev.config', caseText('rw-29'));
    folder.write('site/node_modules/pkg/ConnectionStrings.config', caseText('rw-29'));
    folder.write('site/.git/ConnectionStrings.config', caseText('rw-29'));
    folder.write('site/.hidden/ConnectionStrings.config', CLEAN);
    folder.write('other/ConnectionStrings.config', caseText('rw-01'));
    folder.write('empty/readme.txt', 'nothing to check');
  });
  after(() => folder.remove());

  const pathsOf = (args: string[]) => {
    const { run, reports } = lintJson(args, { cwd: folder.path });
    return { run, paths: reports.map((report) => report.filePath) };
  };

  it('searches directories recursively', () => {
    const { run, paths } = pathsOf(['site']);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(paths, [
      'site/.hidden/ConnectionStrings.config',
      'site/ConnectionStrings.config',
      'site/connectionstrings.release.config',
      'site/nested/deeper/ConnectionStrings.Dev.config',
    ]);
  });

  it('checks a named file whatever its name', () => {
    const { run, paths } = pathsOf(['site/Web.config']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(paths, ['site/Web.config']);
  });

  it('expands globs with ** * and ?', () => {
    assert.deepEqual(pathsOf(['site/**/ConnectionStrings*.config']).paths, ['site/ConnectionStrings.config', 'site/nested/deeper/ConnectionStrings.Dev.config']);
    assert.deepEqual(pathsOf(['site/*.config']).paths, ['site/ConnectionStrings.config', 'site/Web.config', 'site/connectionstrings.release.config']);
    assert.deepEqual(pathsOf(['*/ConnectionStrings.confi?']).paths, ['other/ConnectionStrings.config', 'site/ConnectionStrings.config']);
    assert.deepEqual(pathsOf([`${folder.path}/other/*.config`]).paths, ['other/ConnectionStrings.config'], 'an absolute glob');
  });

  it('lists each file once', () => {
    assert.deepEqual(pathsOf(['other', 'other/ConnectionStrings.config', 'other/*.config']).paths, ['other/ConnectionStrings.config']);
  });

  it('reports a missing file and goes on', () => {
    const { run, paths } = pathsOf(['missing/ConnectionStrings.config', 'other']);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'creatio-config-lint: missing/ConnectionStrings.config: file not found; check the path.\n');
    assert.deepEqual(paths, ['other/ConnectionStrings.config']);
  });

  it('reports a glob without matches', () => {
    const run = lint(['nowhere/**/*.config'], { cwd: folder.path });
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'creatio-config-lint: nowhere/**/*.config: no files match this pattern; check it, and quote it so that the shell passes it on unexpanded.\n');
  });

  it('reports a directory without config files', () => {
    const run = lint(['empty'], { cwd: folder.path });
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'creatio-config-lint: empty: no ConnectionStrings.config or ConnectionStrings.*.config in this folder or below; pass the file itself or check the path.\n');
  });

  it('reports a binary file', () => {
    folder.write('binary/ConnectionStrings.config', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    const run = lint(['binary'], { cwd: folder.path });
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, 'creatio-config-lint: binary/ConnectionStrings.config: binary file (contains NUL bytes), not checked; pass only ConnectionStrings.config files.\n');
  });

  it('reports mostly invalid UTF-8 as binary', () => {
    folder.write('garbage/ConnectionStrings.config', Buffer.from(Array.from({ length: 200 }, (_, i) => 0x80 + (i % 64))));
    const run = lint(['garbage'], { cwd: folder.path });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^creatio-config-lint: garbage\/ConnectionStrings\.config: binary file \(200 byte sequences are not valid UTF-8\), not checked;/);
  });

  it('names UTF-16 without a BOM', () => {
    folder.write('utf16/ConnectionStrings.config', Buffer.from(CLEAN, 'utf16le'));
    const run = lint(['utf16'], { cwd: folder.path });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /looks like UTF-16 without a byte order mark; save it as UTF-8 or as UTF-16 with a BOM\.\n$/);
  });

  it('reports truncated UTF-16', () => {
    folder.write('odd/ConnectionStrings.config', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CLEAN, 'utf16le'), Buffer.from([0x3c])]));
    const run = lint(['odd'], { cwd: folder.path });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /odd\/ConnectionStrings\.config: starts with a UTF-16LE byte order mark but is not valid UTF-16LE/);
  });

  it('reports an unreadable file', () => {
    const path = folder.write('locked/ConnectionStrings.config', CLEAN);
    chmodSync(path, 0o000);
    // Root reads any file, so as root the linter runs as the unprivileged user nobody.
    const asUser = userInfo().uid === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    if (asUser.length > 0) chmodSync(folder.path, 0o755);
    try {
      const run = lint(['locked/ConnectionStrings.config'], { cwd: folder.path, wrapper: asUser });
      assert.equal(run.status, 2);
      assert.equal(run.stderr, 'creatio-config-lint: locked/ConnectionStrings.config: permission denied; make the file readable.\n');
    } finally {
      chmodSync(path, 0o600);
    }
  });

  it('reads standard input', () => {
    const { run, reports } = lintJson(['-'], { cwd: folder.path, input: caseText('rw-29') });
    assert.equal(run.status, 1);
    assert.equal(reports[0].filePath, '<stdin>');
    assert.equal(reports[0].errorCount, 2);
  });

  it('names standard input with --stdin-filename', () => {
    const { run, reports } = lintJson(['--stdin-filename', 'site/ConnectionStrings.config', '-', 'other'], { cwd: folder.path, input: CLEAN });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(reports.map((report) => report.filePath), ['site/ConnectionStrings.config', 'other/ConnectionStrings.config']);
  });

  it('decodes a UTF-8 BOM on standard input', () => {
    const { run, reports } = lintJson(['-'], { cwd: folder.path, input: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(caseText('rw-13'))]) });
    assert.equal(run.status, 1);
    assert.deepEqual(reports[0].messages.map((m) => [m.ruleId, m.line, m.column]), [['host-is-list', 3, 44]]);
  });
});
