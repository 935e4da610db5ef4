// What --fix-dry-run hides, run through the built bundle (run `npm run build` first). Every planted
// secret contains ZZS and a number, and no output may contain ZZS. The speed guards use inputs on
// which the old backtracking patterns took minutes. Their time bound is a hang guard only.
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { assertBuilt, lint, TempFolder, type LintRun } from './helpers.js';

const SECRET_MARKER = /ZZS/;
const HANG_GUARD_MS = 10_000;

/** The redis entry that every file below has: its `DB` key gets the one safe fix, key-case. */
const REDIS = '  <add name="redis" connectionString="host=r;DB=1" />';
const REDIS_FIXED = '  <add name="redis" connectionString="host=r;db=1" />';

function config(...entries: string[]): string {
  return ['<connectionStrings>', ...entries, '</connectionStrings>', ''].join('\n');
}

function assertNoSecret(run: LintRun): void {
  assert.doesNotMatch(run.stdout, SECRET_MARKER, 'a secret is in stdout');
  assert.doesNotMatch(run.stderr, SECRET_MARKER, 'a secret is in stderr');
}

/** Returns the diff lines without the `---`, `+++` and `@@` headers. */
function bodyOf(run: LintRun): string[] {
  return run.stdout.split('\n').filter((line) => line !== '' && !/^(---|\+\+\+|@@) /.test(line));
}

describe('--fix-dry-run masking', () => {
  const folder = new TempFolder();
  before(assertBuilt);
  after(() => folder.remove());

  const dryRun = (name: string, text: string) => {
    folder.write(`${name}/ConnectionStrings.config`, text);
    return lint(['--fix-dry-run', name], { cwd: folder.path });
  };

  it('prints the exact masked diff', () => {
    const run = dryRun(
      'typical',
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<connectionStrings>',
        '  <add name="db" connectionString="Data Source=sql;User ID=sa;Password=ZZS01;Pooling=true" />',
        '  <add name="redis" connectionString="host=r;DB=1;password=ZZS02;ZZS03;UseTLS=true" />',
        '  <!-- until May: host=old;password=ZZS04 -->',
        '</connectionStrings>',
        '',
      ].join('\n'),
    );
    assertNoSecret(run);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 1, "the segment 'ZZS03' without '=' is left as an error");
    assert.equal(
      run.stdout,
      [
        '--- typical/ConnectionStrings.config',
        '+++ typical/ConnectionStrings.config',
        '@@ -1,6 +1,6 @@',
        ' <?xml version="1.0" encoding="utf-8"?>',
        ' <connectionStrings>',
        '   <add name="db" connectionString="Data Source=sql;User ID=sa;Password=••••" />',
        '-  <add name="redis" connectionString="host=r;DB=1;password=••••;UseTLS=true" />',
        '+  <add name="redis" connectionString="host=r;db=1;password=••••;useTls=true" />',
        '   <!-- until May: host=old;password=•••• -->',
        ' </connectionStrings>',
        '',
      ].join('\n'),
    );
  });

  it('hides password text after a semicolon', () => {
    const run = dryRun('semicolon', config('  <add name="redis" connectionString="host=r;DB=1;password=ZZS05;ZZS06;x=ZZS07;useTls=true" />'));
    assertNoSecret(run);
    assert.deepEqual(bodyOf(run), [
      ' <connectionStrings>',
      '-  <add name="redis" connectionString="host=r;DB=1;password=••••;useTls=true" />',
      '+  <add name="redis" connectionString="host=r;db=1;password=••••;useTls=true" />',
      ' </connectionStrings>',
    ]);
  });

  it('hides password text after a raw quote', () => {
    const run = dryRun(
      'quote',
      config(
        '  <add name="db" connectionString="Server=s;Password=ab"ZZS08" />',
        REDIS,
        '  <add name="redisSentinel" connectionString="sentinelHosts=a:1;masterName=m;password=ab" ZZS09;db=2" />',
      ),
    );
    assertNoSecret(run);
    assert.deepEqual(bodyOf(run), [
      ' <connectionStrings>',
      '   <add name="db" connectionString="Server=s;Password=••••" />',
      `-${REDIS}`,
      `+${REDIS_FIXED}`,
      '   <add name="redisSentinel" connectionString="sentinelHosts=a:1;masterName=m;password=••••" />',
      ' </connectionStrings>',
    ]);
  });

  it('hides values of keys named like secrets', () => {
    const keys = ['pw', 'Auth', 'PWD', 'passwd', 'ApiKey', 'accesskey', 'AccountKey', 'sig', 'SAS', 'token', 'Secret', 'client_secret', 'Credential', 'SharedAccessSignature'];
    keys.forEach((key, index) => {
      const run = dryRun(`key${index}`, config(REDIS, `  <add name="svc" connectionString="url=https://svc;${key}=ZZS10;next=ZZS11" />`));
      assertNoSecret(run);
      assert.equal(bodyOf(run)[3], `   <add name="svc" connectionString="url=https://svc;${key}=••••" />`, key);
    });
  });

  it('hides quoted database passwords', () => {
    const run = dryRun(
      'database',
      config(
        '  <add name="db" connectionString="Data Source=sql;User ID=sa;Password=&quot;ZZS12;ZZS13&quot;;Pooling=true" />',
        '  <add name="odbc" connectionString="Driver={SQL Server};Uid=sa;Pwd={ZZS14;ZZS15};" />',
        REDIS,
      ),
    );
    assertNoSecret(run);
    assert.deepEqual(bodyOf(run).slice(1, 3), [
      '   <add name="db" connectionString="Data Source=sql;User ID=sa;Password=••••" />',
      '   <add name="odbc" connectionString="Driver={SQL Server};Uid=sa;Pwd=••••" />',
    ]);
  });

  it('hides Azure SAS signatures in context', () => {
    const run = dryRun(
      'azure',
      config(
        REDIS,
        '  <add name="azureConnection" connectionString="BlobEndpoint=https://acc.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&amp;ss=b&amp;sig=ZZS16%3D" />',
        '  <add name="files" connectionString="https://acc.blob.core.windows.net/files?sv=2022-11-02&amp;sp=r&amp;sig=ZZS17%3D&amp;se=2030-01-01" />',
      ),
    );
    assertNoSecret(run);
    assert.deepEqual(bodyOf(run).slice(3, 5), [
      '   <add name="azureConnection" connectionString="BlobEndpoint=https://acc.blob.core.windows.net/;SharedAccessSignature=••••" />',
      '   <add name="files" connectionString="https://acc.blob.core.windows.net/files?sv=2022-11-02&amp;sp=r&amp;sig=••••" />',
    ]);
  });

  it('hides URI passwords and tokens', () => {
    const run = dryRun(
      'uri',
      config(
        '  <add name="messageBroker" connectionString="amqp://creatio:p@ZZS18@broker:5672/vhost" />',
        '  <add name="defRepositoryUri" connectionString="https://ZZS19@git.example.com/creatio.git" />',
        REDIS,
      ),
    );
    assertNoSecret(run);
    assert.deepEqual(bodyOf(run).slice(1, 3), [
      '   <add name="messageBroker" connectionString="amqp://creatio:••••@broker:5672/vhost" />',
      '   <add name="defRepositoryUri" connectionString="https://••••@git.example.com/creatio.git" />',
    ]);
  });

  it('hides secret attributes and appSettings', () => {
    const run = dryRun(
      'attributes',
      [
        '<configuration>',
        '  <machineKey validationKey="ZZS20" validation="SHA1" />',
        '  <appSettings><add key="RedisCertPass" value="ZZS21" /><add key="RedisUseTls" value="true" /></appSettings>',
        '  <connectionStrings>',
        `  ${REDIS}`,
        '  </connectionStrings>',
        '</configuration>',
        '',
      ].join('\n'),
    );
    assertNoSecret(run);
    assert.deepEqual(bodyOf(run).slice(0, 3), [
      '   <machineKey validationKey="••••" validation="SHA1" />',
      '   <appSettings><add key="RedisCertPass" value="••••" /><add key="RedisUseTls" value="true" /></appSettings>',
      '   <connectionStrings>',
    ]);
  });
});

describe('--fix-dry-run speed', () => {
  const folder = new TempFolder();
  before(assertBuilt);
  after(() => folder.remove());

  const HEAD = ['<?xml version="1.0" encoding="utf-8"?>', '<connectionStrings>', '  <add name="db" connectionString="Server=x;Database=y" />', REDIS, ''].join('\n');

  /** Runs the lint and the dry run on `text` and checks that the dry run ends and shows the fix. */
  function assertLinear(t: TestContext, name: string, text: string): void {
    folder.write(`${name}/ConnectionStrings.config`, text);
    let started = performance.now();
    const check = lint([name], { cwd: folder.path, timeoutMs: HANG_GUARD_MS });
    const lintMs = performance.now() - started;
    started = performance.now();
    const run = lint(['--fix-dry-run', name], { cwd: folder.path, timeoutMs: HANG_GUARD_MS });
    const dryRunMs = performance.now() - started;
    t.diagnostic(`${(text.length / 1e6).toFixed(2)} M characters: lint ${lintMs.toFixed(0)} ms, dry run ${dryRunMs.toFixed(0)} ms`);

    assert.notEqual(run.status, null, `the dry run was stopped after ${HANG_GUARD_MS} ms`);
    assert.equal(run.status, check.status, 'the dry run exits as the lint does');
    assert.ok(dryRunMs < HANG_GUARD_MS, `the dry run took ${dryRunMs.toFixed(0)} ms`);
    assert.ok(run.stdout.includes(`\n-${REDIS}\n+${REDIS_FIXED}\n`), 'the diff shows the fix');
  }

  it('handles a 200,000-character word', { timeout: 120_000 }, (t: TestContext) => {
    assertLinear(t, 'word', `${HEAD}  <!-- ${'a'.repeat(200_000)} -->\n</connectionStrings>\n`);
  });

  it('handles 40,000 add tags without >', { timeout: 120_000 }, (t: TestContext) => {
    // A comment that is never closed: the tags in it are text, so no other fix applies.
    const tags = Array.from({ length: 40_000 }, (_, i) => `  <add name="n${i}" connectionString="y"\n`).join('');
    assertLinear(t, 'unclosed', `${HEAD}</connectionStrings>\n<!--\n${tags}`);
  });
});
