#!/usr/bin/env node
// Measures the analysis, the language server over stdio and the bundle sizes on this machine, and
// prints a Markdown report. Run `npm run build` first (and `npm run package` for the .vsix size).
//
//   node scripts/bench.mjs [--changes N] [--large-changes N] [--spawns N]
//
// The analysis is bundled on the fly with the options of scripts/build.mjs, so the numbers are
// those of the shipped code rather than of the TypeScript sources run through a loader.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { XMLParser } = require('fast-xml-parser');
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

const { values: options } = parseArgs({
  options: {
    changes: { type: 'string', default: '200' },
    'large-changes': { type: 'string', default: '30' },
    completions: { type: 'string', default: '200' },
    spawns: { type: 'string', default: '10' },
  },
});

const SERVER = join(ROOT, 'dist', 'server.js');
const TYPICAL_PATH = join(ROOT, 'examples', 'ConnectionStrings.config');
const LARGE_SIZE = 5_000_000;
const TARGETS = {
  analysisRatio: 2,
  changeP95Ms: 15,
  coldStartMs: 300,
  vsixBytes: 400 * 1024,
};

// ---- statistics

function median(values) {
  return percentile(values, 50);
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/**
 * Times each of `runs` in batches of `batch` calls after `warmUp` calls of each; returns the median
 * time of one call in ms for each. The runs take turns within every sample, so a slower moment of
 * a shared machine (or a garbage collection) falls on all of them alike rather than on one.
 */
function timeCalls(runs, { samples, batch, warmUp }) {
  for (const run of runs) {
    for (let i = 0; i < warmUp; i++) run();
  }
  const times = runs.map(() => []);
  for (let s = 0; s < samples; s++) {
    runs.forEach((run, index) => {
      const started = performance.now();
      for (let i = 0; i < batch; i++) run();
      times[index].push((performance.now() - started) / batch);
    });
  }
  return times.map(median);
}

// ---- the analysis in process

/** Bundles analyzeText and the large-file generator as build.mjs bundles the server. */
async function loadAnalysis() {
  const folder = mkdtempSync(join(tmpdir(), 'creatio-bench-'));
  const outfile = join(folder, 'analysis.cjs');
  try {
    await build({
      stdin: {
        contents: [
          "export { analyzeText } from './server/src/analysis/analyze.ts';",
          "export { DEFAULT_SETTINGS } from './server/src/settings.ts';",
          "export { scanXml } from './server/src/xml/scanner.ts';",
          "export { buildConfigDocument } from './server/src/model/configDocument.ts';",
          "export { largeConfig } from './test/stress/documents.ts';",
        ].join('\n'),
        resolveDir: ROOT,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      minify: true,
      outfile,
      logLevel: 'warning',
    });
    return require(outfile);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function benchAnalysis(analysis, name, text, timing) {
  const settings = { ...analysis.DEFAULT_SETTINGS, checkCertificateFiles: false };
  const bare = new XMLParser();
  const withAttributes = new XMLParser({ ignoreAttributes: false });
  const [analyse, parse, parseAttributes, scan, model] = timeCalls([
    () => analysis.analyzeText(text, settings),
    () => bare.parse(text),
    () => withAttributes.parse(text),
    () => analysis.scanXml(text),
    () => analysis.buildConfigDocument(text, settings),
  ], timing);
  return { name, size: text.length, analyse, parse, parseAttributes, scan, model, findings: analysis.analyzeText(text, settings).findings.length };
}

// ---- the language server over stdio

class Server {
  constructor() {
    this.process = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.process.stderr.on('data', (chunk) => (this.stderr += chunk));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.waiters = [];
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      const ready = this.waiters.filter((w) => w.uri === params.uri && params.version >= w.version);
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const waiter of ready) waiter.resolve(params);
    });
    this.connection.onNotification('window/logMessage', () => {});
    this.connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  diagnostics(uri, version) {
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }

  async initialize() {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true }, completion: { completionItem: { snippetSupport: true } } },
      },
    });
    await this.connection.sendNotification('initialized', {});
  }

  async open(uri, text) {
    const diagnostics = this.diagnostics(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'creatio-connection-strings', version: 1, text } });
    return diagnostics;
  }

  residentMegabytes() {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${this.process.pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  }

  async stop() {
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    await exited;
    this.connection.dispose();
  }
}

/** Line and character of `offset`, for a text whose lines end with LF or CRLF. */
function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Types a character after `anchor` and deletes it again, `count` times; returns each didChange→diagnostics time in ms. */
async function benchChanges(server, uri, text, anchor, count) {
  const position = positionAt(text, text.indexOf(anchor) + anchor.length);
  const times = [];
  for (let version = 2; version < count + 2; version++) {
    const inserting = version % 2 === 0;
    const end = inserting ? position : { line: position.line, character: position.character + 1 };
    const published = server.diagnostics(uri, version);
    const started = performance.now();
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: position, end }, text: inserting ? 'x' : '' }],
    });
    await published;
    times.push(performance.now() - started);
  }
  return times;
}

async function benchCompletion(server, uri, text, anchor, count) {
  const position = positionAt(text, text.indexOf(anchor) + anchor.length);
  const times = [];
  let items = 0;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const result = await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
    times.push(performance.now() - started);
    items = Array.isArray(result) ? result.length : result?.items?.length ?? 0;
  }
  return { times, items };
}

async function benchColdStart(text, count) {
  const uri = pathToFileURL(TYPICAL_PATH).href;
  const times = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const server = new Server();
    await server.initialize();
    await server.open(uri, text);
    times.push(performance.now() - started);
    await server.stop();
  }
  return times;
}

// ---- report

function machine() {
  const model = /^model name\s*:\s*(.+)$/m.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return { cores: cpus().length, model, node: process.version, date: new Date().toISOString().slice(0, 10), load: loadavg().map((n) => n.toFixed(2)).join(', ') };
}

function size(path) {
  const full = join(ROOT, path);
  return existsSync(full) ? statSync(full).size : undefined;
}

const ms = (value) => `${value < 1 ? value.toFixed(3) : value.toFixed(1)} ms`;
const kib = (bytes) => (bytes === undefined ? 'not built' : `${(bytes / 1024).toFixed(1)} KiB`);
function verdict(met) {
  if (met === undefined) return '';
  return met ? 'met' : '**missed**';
}

async function main() {
  if (!existsSync(SERVER)) {
    console.error(`${SERVER} not found: run npm run build first.`);
    process.exit(1);
  }
  const analysis = await loadAnalysis();
  const typical = readFileSync(TYPICAL_PATH, 'utf8');
  const large = analysis.largeConfig(LARGE_SIZE, '\r\n');

  const typicalAnalysis = benchAnalysis(analysis, 'typical', typical, { samples: 21, batch: 200, warmUp: 500 });
  const largeAnalysis = benchAnalysis(analysis, 'large', large, { samples: 15, batch: 1, warmUp: 2 });

  const server = new Server();
  await server.initialize();
  const typicalUri = pathToFileURL(TYPICAL_PATH).href;
  const largeUri = pathToFileURL(join(ROOT, 'examples', 'large', 'ConnectionStrings.config')).href;
  await server.open(typicalUri, typical);
  const typicalChanges = await benchChanges(server, typicalUri, typical, 'maxReadPoolSize=10', Number(options.changes));
  const completion = await benchCompletion(server, typicalUri, typical, 'maxReadPoolSize=10;', Number(options.completions));
  const openStarted = performance.now();
  await server.open(largeUri, large);
  const largeOpenMs = performance.now() - openStarted;
  const largeRss = server.residentMegabytes();
  const largeChanges = await benchChanges(server, largeUri, large, 'maxReadPoolSize=10', Number(options['large-changes']));
  const largeCompletion = await benchCompletion(server, largeUri, large, 'maxReadPoolSize=10;', 20);
  await server.stop();

  const coldStart = await benchColdStart(typical, Number(options.spawns));
  const info = machine();
  const vsix = size('dist/creatio-connection-strings.vsix');

  const rows = [
    ['Analysis, typical file (' + typicalAnalysis.size + ' characters)', ms(typicalAnalysis.analyse), `${(typicalAnalysis.analyse / typicalAnalysis.parse).toFixed(2)}× parse, ${(typicalAnalysis.analyse / typicalAnalysis.parseAttributes).toFixed(2)}× parse with attributes`, '', ''],
    ['Bare XMLParser parse, typical file', ms(typicalAnalysis.parse), `with attributes: ${ms(typicalAnalysis.parseAttributes)}`, '', ''],
    [`Analysis, generated ${(largeAnalysis.size / 1e6).toFixed(1)} MB file`, ms(largeAnalysis.analyse), `${(largeAnalysis.analyse / largeAnalysis.parse).toFixed(2)}× parse, ${(largeAnalysis.analyse / largeAnalysis.parseAttributes).toFixed(2)}× parse with attributes`, `≤ ${TARGETS.analysisRatio}× parse`, verdict(largeAnalysis.analyse / largeAnalysis.parse <= TARGETS.analysisRatio)],
    ['Bare XMLParser parse, generated file', ms(largeAnalysis.parse), `with attributes: ${ms(largeAnalysis.parseAttributes)}`, '', ''],
    ['Parts of the analysis, generated file', `scanner ${ms(largeAnalysis.scan)}`, `scanner and model ${ms(largeAnalysis.model)}; rules about ${ms(largeAnalysis.analyse - largeAnalysis.model)}`, '', ''],
    [`didChange → publishDiagnostics, typical file (${typicalChanges.length} changes)`, `median ${ms(median(typicalChanges))}`, `p95 ${ms(percentile(typicalChanges, 95))}`, `p95 < ${TARGETS.changeP95Ms} ms`, verdict(percentile(typicalChanges, 95) < TARGETS.changeP95Ms)],
    [`didChange → publishDiagnostics, generated file (${largeChanges.length} changes)`, `median ${ms(median(largeChanges))}`, `p95 ${ms(percentile(largeChanges, 95))}; includes the server's 200 ms pause for files over 512 KiB`, '', ''],
    [`Completion round trip, typical file (${completion.times.length} requests, ${completion.items} items)`, `median ${ms(median(completion.times))}`, `p95 ${ms(percentile(completion.times, 95))}`, '', ''],
    [`Completion round trip, generated file (${largeCompletion.times.length} requests, ${largeCompletion.items} items)`, `median ${ms(median(largeCompletion.times))}`, `p95 ${ms(percentile(largeCompletion.times, 95))}`, '', ''],
    [`Cold start to first diagnostics (median of ${coldStart.length} spawns)`, ms(median(coldStart)), `min ${ms(Math.min(...coldStart))}, max ${ms(Math.max(...coldStart))}`, `< ${TARGETS.coldStartMs} ms`, verdict(median(coldStart) < TARGETS.coldStartMs)],
    ['Open of the generated file to first diagnostics', ms(largeOpenMs), '', '', ''],
    ['Server RSS after opening the generated file', `${largeRss.toFixed(1)} MB`, '', '', ''],
    ['dist/server.js', kib(size('dist/server.js')), '', '', ''],
    ['dist/client.js', kib(size('dist/client.js')), '', '', ''],
    ['dist/lint.js', kib(size('dist/lint.js')), '', '', ''],
    ['dist/creatio-connection-strings.vsix', kib(vsix), '', `< ${TARGETS.vsixBytes / 1024} KiB`, vsix === undefined ? '' : verdict(vsix < TARGETS.vsixBytes)],
  ];

  const lines = [
    `Machine: ${info.cores} cores, ${info.model}, Node ${info.node}, ${info.date}, load average ${info.load} at the end.`,
    '',
    '| Measure | Result | Detail | Target | |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
  console.log(lines.join('\n'));
  if (server.stderr.trim()) console.error(`Server standard error:\n${server.stderr}`);
}

await main();
