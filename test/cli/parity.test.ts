/**
 * The editor and the pipeline must never disagree: the bundled language server and the bundled
 * linter analyse the same files with the same settings, and their findings must be identical.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient } from '../support/lspClient.js';
import { assertBuilt, caseNames, caseText, lintJson, TempFolder, type LintMessage } from './helpers.js';

const SEVERITY_NAMES = ['', 'error', 'warning', 'information', 'hint'];

/** Formats a diagnostic as rule id, severity, 1-based range and message. */
function fromDiagnostic(diagnostic: Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${diagnostic.code} ${SEVERITY_NAMES[diagnostic.severity ?? 0]} ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${diagnostic.message}`;
}

/** Formats a linter message the same way. */
function fromMessage(message: LintMessage): string {
  return `${message.ruleId} ${message.severity} ${message.line}:${message.column}-${message.endLine}:${message.endColumn} ${message.message}`;
}

/** Decodes a file as VS Code hands it to the server: without the byte order mark. */
function editorText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  return bytes.toString('utf8').replace(/^\ufeff/, '');
}

/** Settings for both sides, with a finding that shows the settings took effect. */
const VARIANTS: { name: string; settings: Record<string, unknown>; sign: string }[] = [
  { name: 'defaults', settings: {}, sign: 'comma-separator warning' },
  {
    name: 'custom',
    sign: 'comma-separator error',
    settings: {
      rules: { 'comma-separator': 'error', 'plaintext-secret': 'off', 'password-without-tls': 'warning' },
      creatioVersion: '7.18.3',
      redisConnectionNames: ['redis', 'redisSentinel', 'cache'],
      redisDatabaseCount: 4,
    },
  },
];

describe('editor and linter agree', () => {
  const folder = new TempFolder();
  const files: string[] = [];

  before(() => {
    assertBuilt();
    for (const variant of VARIANTS) {
      folder.write(`${variant.name}/.vscode/settings.json`, JSON.stringify({ creatioConfig: variant.settings }));
      for (const name of caseNames()) files.push(folder.write(`${variant.name}/${name}/ConnectionStrings.config`, caseText(name)));
      const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(caseText('rw-01').replace(/\n/g, '\r\n'))]);
      files.push(folder.write(`${variant.name}/bom-crlf/ConnectionStrings.config`, bom));
      files.push(folder.write(`${variant.name}/utf16/ConnectionStrings.config`, Buffer.from(`\ufeff${caseText('rw-29')}`, 'utf16le')));
      // A site whose Web.config turns TLS on, and a certificate path that does not exist: both
      // sides must read the same files beside the config, or neither.
      folder.write(`${variant.name}/site/Web.config`, '<configuration>\n  <appSettings>\n    <add key="RedisUseTls" value="true" />\n  </appSettings>\n</configuration>\n');
      files.push(
        folder.write(
          `${variant.name}/site/ConnectionStrings.config`,
          '<connectionStrings>\n  <add name="db" connectionString="Server=sql01" />\n  <add name="redis" connectionString="host=10.0.0.5;db=1;password=s3cret;certificatePath=missing.pfx" />\n</connectionStrings>\n',
        ),
      );
    }
  });
  after(() => folder.remove());

  for (const variant of VARIANTS) {
    it(`on every case with ${variant.name} settings`, async () => {
      const client = new LspTestClient();
      client.settings = variant.settings;
      await client.initialize();
      try {
        const variantFiles = files.filter((file) => file.startsWith(folder.file(`${variant.name}/`)));
        const { run, reports } = lintJson(variantFiles, { cwd: folder.path });
        assert.equal(run.stderr, '');
        assert.equal(reports.length, variantFiles.length);

        for (const [index, file] of variantFiles.entries()) {
          const diagnostics = await client.open(fileUri(file), editorText(readFileSync(file)));
          assert.deepEqual(reports[index].messages.map(fromMessage), diagnostics.map(fromDiagnostic), file);
        }
        const all = reports.flatMap((report) => report.messages.map(fromMessage));
        assert.ok(all.some((finding) => finding.startsWith(variant.sign)), `the ${variant.name} settings took effect`);
      } finally {
        await client.shutdown();
      }
    });
  }
});
