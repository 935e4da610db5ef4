import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, readdirSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import { assertBuilt, caseText, lint, TempFolder } from './helpers.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** rw-01 before and after its one safe fix, which replaces the comma before `password`. */
const RW01 = caseText('rw-01');
const RW01_FIXED = RW01.replace('true, password', 'true; password');

const crlf = (text: string) => text.replace(/\n/g, '\r\n');

function utf16(text: string, order: 'le' | 'be'): Buffer {
  const little = Buffer.from(`\ufeff${text}`, 'utf16le');
  return order === 'le' ? little : Buffer.from(little).swap16();
}

describe('--fix', () => {
  const folder = new TempFolder();
  before(assertBuilt);
  after(() => folder.remove());

  it('rewrites an LF file byte for byte', () => {
    assert.notEqual(RW01, RW01_FIXED, 'the fixture still has its comma');
    folder.write('lf/ConnectionStrings.config', RW01);
    const run = lint(['--fix', 'lf'], { cwd: folder.path });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.deepEqual(folder.read('lf/ConnectionStrings.config'), Buffer.from(RW01_FIXED, 'utf8'));
  });

  it('keeps a BOM and CRLF line endings', () => {
    folder.write('crlf/ConnectionStrings.config', Buffer.concat([BOM, Buffer.from(crlf(RW01))]));
    const run = lint(['--fix', 'crlf'], { cwd: folder.path });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(folder.read('crlf/ConnectionStrings.config'), Buffer.concat([BOM, Buffer.from(crlf(RW01_FIXED))]));
  });

  it('keeps UTF-16 LE and BE', () => {
    for (const order of ['le', 'be'] as const) {
      folder.write(`utf16${order}/ConnectionStrings.config`, utf16(crlf(RW01), order));
      const run = lint(['--fix', `utf16${order}`], { cwd: folder.path });
      assert.equal(run.status, 0, `${order}: ${run.stderr}`);
      assert.deepEqual(folder.read(`utf16${order}/ConnectionStrings.config`), utf16(crlf(RW01_FIXED), order), order);
    }
  });

  it('fixes a wrapped value in a CRLF case', () => {
    folder.write('rw09/ConnectionStrings.config', caseText('rw-09'));
    assert.match(caseText('rw-09'), /\r\n/, 'the fixture has CRLF line endings');
    const run = lint(['--fix', 'rw09'], { cwd: folder.path });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(folder.read('rw09/ConnectionStrings.config').toString('utf8'), caseText('rw-09').replace('maxWritePoolSise', 'maxWritePoolSize'));
  });

  it('reports what is left after fixing', () => {
    folder.write('left/ConnectionStrings.config', caseText('rw-29'));
    const run = lint(['--fix', '-f', 'json', 'left'], { cwd: folder.path });
    // useTls=yes is fixed; disableTlsCertificateValidation=1 is not, as true would switch validation off.
    assert.equal(run.status, 1, 'one invalid-boolean error is left');
    const [report] = JSON.parse(run.stdout) as { messages: { ruleId: string }[] }[];
    assert.deepEqual(report.messages.map((m) => m.ruleId), ['plaintext-secret', 'invalid-boolean']);
  });

  it('leaves files without fixes untouched', () => {
    const path = folder.write('untouched/ConnectionStrings.config', caseText('rw-03'));
    const before = statSync(path);
    const run = lint(['--fix', 'untouched'], { cwd: folder.path });
    assert.equal(run.status, 0, run.stderr);
    const after = statSync(path);
    assert.equal(after.ino, before.ino);
    assert.equal(after.mtimeMs, before.mtimeMs);
  });

  it('keeps permissions and symbolic links', () => {
    const target = folder.write('linked/real.config', RW01);
    chmodSync(target, 0o640);
    symlinkSync('real.config', folder.file('linked/ConnectionStrings.config'));
    const run = lint(['--fix', 'linked/ConnectionStrings.config'], { cwd: folder.path });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(lstatSync(folder.file('linked/ConnectionStrings.config')).isSymbolicLink());
    assert.equal(readlinkSync(folder.file('linked/ConnectionStrings.config')), 'real.config');
    assert.equal(folder.read('linked/real.config').toString('utf8'), RW01_FIXED);
    assert.equal(statSync(target).mode & 0o7777, 0o640);
    assert.deepEqual(readdirSync(folder.file('linked')).sort(), ['ConnectionStrings.config', 'real.config'], 'no temporary file is left');
  });

  it('refuses a file that is not valid UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from(RW01.replace('<connectionStrings>', '<!-- caf\u00e9 -->\n<connectionStrings>'), 'latin1')]);
    const path = folder.write('latin1/ConnectionStrings.config', bytes);
    const check = lint(['latin1', '--format', 'json'], { cwd: folder.path });
    // .NET rejects the file ("Invalid character in the given encoding"), so it is an error.
    assert.equal(check.status, 1);
    assert.equal(check.stderr, 'creatio-config-lint: warning: latin1/ConnectionStrings.config: 1 byte sequence is not valid UTF-8 and read as U+FFFD; save the file as UTF-8.\n');
    const [file] = JSON.parse(check.stdout) as { messages: { ruleId: string; severity: string; line: number; column: number; message: string }[] }[];
    const encoding = file.messages.filter((message) => message.message.includes('not valid UTF-8'));
    assert.deepEqual(encoding.map(({ ruleId, severity, line, column, message }) => ({ ruleId, severity, line, column, message })), [{
      ruleId: 'xml-syntax',
      severity: 'error',
      line: 2,
      column: 9,
      message: 'This byte sequence is not valid UTF-8, so .NET rejects the file ("Invalid character in the given encoding"). Save the file as UTF-8, with the characters it should have.',
    }]);

    const run = lint(['--fix', 'latin1'], { cwd: folder.path });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /latin1\/ConnectionStrings\.config: not fixed, because it is not valid UTF-8/);
    assert.deepEqual(folder.read('latin1/ConnectionStrings.config'), bytes, path);
  });

  it('declared iso-8859-1: read by its declaration, checked, not fixed', () => {
    const text = '<?xml version="1.0" encoding="iso-8859-1"?>\n<!-- Caf\u00e9 M\u00fcller -->\n<connectionStrings>\n  <add name="redis" connectionString="host=redis;DB=1" />\n</connectionStrings>\n';
    const bytes = Buffer.from(text, 'latin1');
    folder.write('legacy/ConnectionStrings.config', bytes);
    const check = lint(['legacy', '--format', 'json'], { cwd: folder.path });
    assert.equal(check.stderr, '');
    const [file] = JSON.parse(check.stdout) as { messages: { ruleId: string }[] }[];
    assert.deepEqual(file.messages.map((message) => message.ruleId), ['key-case']);

    const run = lint(['--fix', 'legacy'], { cwd: folder.path });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /legacy\/ConnectionStrings\.config: not fixed, because it is written in iso-8859-1, which the linter does not write; save it as UTF-8 first\./);
    assert.deepEqual(folder.read('legacy/ConnectionStrings.config'), bytes);
  });

  it('declared utf-16 in a UTF-8 file: an error on the encoding name', () => {
    folder.write('switch/ConnectionStrings.config', '<?xml version="1.0" encoding="utf-16"?>\n<connectionStrings>\n  <add name="redis" connectionString="host=redis;db=1" />\n</connectionStrings>\n');
    const check = lint(['switch', '--format', 'json'], { cwd: folder.path });
    assert.equal(check.status, 1);
    const [file] = JSON.parse(check.stdout) as { messages: { ruleId: string; severity: string; line: number; column: number; message: string }[] }[];
    assert.deepEqual(file.messages.map(({ ruleId, severity, line, column, message }) => ({ ruleId, severity, line, column, message })), [{
      ruleId: 'xml-syntax',
      severity: 'error',
      line: 1,
      column: 31,
      message: 'The declaration says encoding="utf-16", but the file is not saved as UTF-16 with a byte order mark, so .NET rejects it ("There is no Unicode byte order mark. Cannot switch to Unicode."). Write encoding="utf-8", or save the file as UTF-16.',
    }]);
  });
});

describe('--fix-dry-run', () => {
  const folder = new TempFolder();
  before(assertBuilt);
  after(() => folder.remove());

  it('prints a masked unified diff', () => {
    folder.write('ConnectionStrings.config', RW01);
    const run = lint(['--fix-dry-run', 'ConnectionStrings.config'], { cwd: folder.path });
    assert.equal(run.status, 0);
    assert.equal(run.stderr, '');
    // Everything after a password up to the end of the value is hidden, the db entry's final ';' too.
    const masked = (text: string) => text.replace(/s3cret;?/g, '••••').split('\n');
    const [xml, open, db, redis, close] = masked(RW01);
    const fixedRedis = masked(RW01_FIXED)[3];
    assert.equal(
      run.stdout,
      ['--- ConnectionStrings.config', '+++ ConnectionStrings.config', '@@ -1,5 +1,5 @@', ` ${xml}`, ` ${open}`, ` ${db}`, `-${redis}`, `+${fixedRedis}`, ` ${close}`, ''].join('\n'),
    );
    assert.equal(folder.read('ConnectionStrings.config').toString('utf8'), RW01, 'the file is unchanged');
  });

  it('marks a missing final line break', () => {
    folder.write('nofinal/ConnectionStrings.config', crlf(RW01).replace(/\r\n$/, ''));
    const run = lint(['--fix-dry-run', 'nofinal'], { cwd: folder.path });
    const lines = run.stdout.split('\n');
    assert.equal(lines[lines.length - 3], ' </connectionStrings>');
    assert.equal(lines[lines.length - 2], '\\ No newline at end of file');
    assert.ok(!run.stdout.includes('\r'), 'line endings are not printed');
  });

  it('shows a change inside a secret as masked lines', () => {
    // The safe fix escapes '&' in the password, and the password itself must not appear.
    folder.write('amp/ConnectionStrings.config', caseText('rw-31'));
    const run = lint(['--fix-dry-run', 'amp'], { cwd: folder.path });
    const changed = run.stdout.split('\n').filter((line) => /^[-+] /.test(line));
    assert.equal(changed.length, 2);
    assert.equal(changed[0].slice(1), changed[1].slice(1));
    assert.match(changed[0], /password=••••"/);
  });

  it('exits as --fix would', () => {
    folder.write('errors/ConnectionStrings.config', caseText('rw-29'));
    assert.equal(lint(['errors'], { cwd: folder.path }).status, 1, 'errors before fixing');
    const run = lint(['--fix-dry-run', 'errors'], { cwd: folder.path });
    assert.equal(run.status, 1, 'the invalid disableTlsCertificateValidation value is left after the fixes');
    assert.equal(folder.read('errors/ConnectionStrings.config').toString('utf8'), caseText('rw-29'));
  });

  it('reads standard input', () => {
    const run = lint(['--fix-dry-run', '-'], { cwd: folder.path, input: RW01 });
    assert.match(run.stdout, /^--- <stdin>\n\+\+\+ <stdin>\n@@ -1,5 \+1,5 @@\n/);
  });

  it('prints nothing without fixes', () => {
    folder.write('nofix/ConnectionStrings.config', caseText('rw-03'));
    const run = lint(['--fix-dry-run', 'nofix'], { cwd: folder.path });
    assert.equal(run.status, 0);
    assert.equal(run.stdout, '');
  });
});

describe('--fix-dry-run and misspelled password keys', () => {
  const folder = new TempFolder();
  before(assertBuilt);
  after(() => folder.remove());

  it('masks the value of a misspelled password key', () => {
    folder.write('typo/ConnectionStrings.config', '<connectionStrings>\n  <add name="redis" connectionString="host=r1;db=0;useTLS=true;pasword=RdPw_Uu11" />\n</connectionStrings>\n');
    const run = lint(['--fix-dry-run', 'typo'], { cwd: folder.path });
    assert.match(run.stdout, /-  <add name="redis" connectionString="host=r1;db=0;useTLS=true;pasword=••••" \/>/);
    assert.doesNotMatch(run.stdout, /RdPw_Uu11/);
  });
});
