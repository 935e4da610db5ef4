// Soak over LSP: 10,000 incremental edits to one document through the bundled server (run
// `npm run build` first). The server must respond to every request, publish diagnostics for the last
// version that match an in-process analysis of the same text, and keep its memory flat.
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { analyzeText } from '../../server/src/analysis/analyze.js';
import { DEFAULT_SETTINGS } from '../../server/src/settings.js';
import { LspTestClient } from '../support/lspClient.js';

const EDITS = Number(process.env.SOAK_EDITS ?? 10_000);
const CHECK_EVERY = Number(process.env.SOAK_CHECK_EVERY ?? 500);
const WARM_UP_EDITS = 1000;
/** Growth of the server's resident memory allowed from the end of the warm-up to the end. */
const MAX_GROWTH_MB = 50;
/** The document is cut back when it grows past this many characters, as a user deletes what they pasted. */
const MAX_LENGTH = 16_000;
const SEED = Number(process.env.SOAK_SEED ?? 7);

const EXAMPLE = readFileSync(join(__dirname, '..', '..', 'examples', 'ConnectionStrings.config'), 'utf8');
const TYPED = 'abcdefghijklmnopqrstuvwxyz0123456789;=,. "<>/&:[]\n';
const PASTED = [
  ';useTls=true',
  ';password=s3cret',
  ', port=6380',
  '\n  <add name="redis" connectionString="host=10.0.0.5;port=6379;db=1" />',
  '\n  <add name="db" connectionString="Server=sql01" />',
  '<!-- note -->',
  'clusterHosts=10.0.0.1:6379,10.0.0.2:6379;',
  '\r\n',
  '&amp;',
];

/** Deterministic pseudo-random numbers (mulberry32), so a failing run repeats with SOAK_SEED. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Resident memory of a process in megabytes, from /proc. */
function residentMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  assert.ok(match, `no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

/** The client's copy of the document, changed the way an editor changes it. */
class Mirror {
  document: TextDocument;
  cursor = 0;

  constructor(uri: string, text: string) {
    this.document = TextDocument.create(uri, 'creatio-connection-strings', 1, text);
  }

  get text(): string {
    return this.document.getText();
  }

  /** Replaces [start, end) by `text` and returns the LSP range of what was replaced. */
  replace(start: number, end: number, text: string): Range {
    const range = { start: this.document.positionAt(start), end: this.document.positionAt(end) };
    this.document = TextDocument.update(this.document, [{ range, text }], this.document.version + 1);
    this.cursor = start + text.length;
    return range;
  }
}

/** Picks the next edit: mostly typing and deleting at the cursor, some pastes and cuts. */
function nextEdit(mirror: Mirror, next: () => number): { start: number; end: number; text: string } {
  const length = mirror.text.length;
  if (next() < 0.02) mirror.cursor = Math.floor(next() * (length + 1));
  const at = Math.min(mirror.cursor, length);
  if (length > MAX_LENGTH) return { start: Math.floor(length / 2), end: length - 1, text: '' };

  const roll = next();
  if (roll < 0.6) return { start: at, end: at, text: TYPED[Math.floor(next() * TYPED.length)] };
  if (roll < 0.8) return { start: Math.max(0, at - 1), end: at, text: '' };
  if (roll < 0.9) return { start: at, end: at, text: PASTED[Math.floor(next() * PASTED.length)] };
  return { start: at, end: Math.min(length, at + 1 + Math.floor(next() * 40)), text: '' };
}

function summary(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
}

/** Returns the diagnostics of `version`, already published (the last check awaited them) or still to come. */
function finalDiagnostics(client: LspTestClient, uri: string, version: number): Promise<Diagnostic[]> {
  const published = client.published.filter((params) => params.uri === uri && params.version === version).at(-1);
  return published ? Promise.resolve(published.diagnostics) : client.diagnosticsFor(uri, version);
}

describe('soak over stdio', () => {
  const client = new LspTestClient();
  // Certificate files are not read, so the in-process analysis reads the same inputs as the server.
  client.settings = { checkCertificateFiles: false };
  before(() => client.initialize());
  after(async () => {
    assert.equal(await client.shutdown(), 0);
  });

  it(`survives ${EDITS} incremental edits`, { timeout: 600_000 }, async (t: TestContext) => {
    const pid = client.process.pid!;
    const uri = 'file:///work/soak/ConnectionStrings.config';
    const next = random(SEED);
    const mirror = new Mirror(uri, EXAMPLE);
    const startMb = residentMegabytes(pid);
    let warmMb = startMb;
    let peakMb = startMb;
    let requests = 0;

    await client.open(uri, EXAMPLE);
    for (let count = 1; count <= EDITS; count++) {
      const edit = nextEdit(mirror, next);
      const range = mirror.replace(edit.start, edit.end, edit.text);
      const version = await client.edit(uri, range, edit.text);
      assert.equal(version, mirror.document.version, 'the client and the mirror count versions alike');

      if (count % CHECK_EVERY !== 0) continue;
      // The client keeps every publication; dropping the older ones keeps the test's own memory flat.
      client.published.splice(0, client.published.length - 1);
      const position = mirror.document.positionAt(Math.floor(next() * mirror.text.length));
      const [diagnostics, hover, symbols] = await Promise.all([
        client.diagnosticsFor(uri, version),
        client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }),
        client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }),
      ]);
      requests += 2;
      assert.ok(Array.isArray(diagnostics), `no diagnostics for version ${version}`);
      assert.ok(hover === null || typeof hover === 'object', 'the hover is neither null nor a hover');
      assert.ok(Array.isArray(symbols), `the outline at edit ${count} is not a list`);

      const megabytes = residentMegabytes(pid);
      peakMb = Math.max(peakMb, megabytes);
      if (count === WARM_UP_EDITS) warmMb = megabytes;
    }

    const diagnostics = await finalDiagnostics(client, uri, mirror.document.version);
    const endMb = residentMegabytes(pid);
    t.diagnostic(`server RSS: ${startMb.toFixed(1)} MB at start, ${warmMb.toFixed(1)} MB after ${WARM_UP_EDITS} edits, ${endMb.toFixed(1)} MB after ${EDITS} (peak ${peakMb.toFixed(1)} MB); ${requests} requests answered; final text ${mirror.text.length} characters`);

    // The server applied every incremental change exactly when its findings equal those of the client's copy.
    const expected = analyzeText(mirror.text, { ...DEFAULT_SETTINGS, checkCertificateFiles: false }).findings.map((finding) => ({
      code: finding.ruleId,
      range: { start: mirror.document.positionAt(finding.span.start), end: mirror.document.positionAt(finding.span.end) },
    }));
    assert.deepEqual(summary(diagnostics), summary(expected as Diagnostic[]));
    assert.equal(client.process.exitCode, null, 'the server exited');
    assert.ok(endMb - warmMb < MAX_GROWTH_MB, `resident memory grew by ${(endMb - warmMb).toFixed(1)} MB after the warm-up`);
  });
});
