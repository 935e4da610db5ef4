/**
 * Runs one linter invocation: expands the arguments, reads and decodes each file, analyses it with
 * the settings the editor would use, applies or previews fixes, and prints the report.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeText, type AnalysisResult } from '../analysis/analyze.js';
import type { Finding } from '../analysis/types.js';
import { fixAllText } from '../analysis/fixAll.js';
import { buildConfigDocument } from '../model/configDocument.js';
import { EMPTY_SITE, withSiteRedisName, type SiteContext } from '../model/siteContext.js';
import type { Settings } from '../settings.js';
import { SiteReader } from '../site/siteReader.js';
import { DEFAULT_STDIN_NAME, type CliOptions } from './args.js';
import { unifiedDiff } from './diff.js';
import { declaredEncodingOf, decodeFile, encodeFile, type DecodedFile } from './encoding.js';
import { CliError, describeInternalError, EXIT_FAILURE, EXIT_OK, EXIT_PROBLEMS } from './errors.js';
import { expandArguments, type Target } from './files.js';
import { writeFileAtomically } from './fix.js';
import { formatJson } from './format/json.js';
import { formatSarif } from './format/sarif.js';
import { formatStylish } from './format/stylish.js';
import { findSecretSpans, maskSpans } from './mask.js';
import { toFileResult, totalsOf, type FileResult } from './results.js';
import { SettingsResolver } from './settingsFile.js';

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  version: string;
  readStdin(): Promise<Buffer>;
  writeStdout(text: string): void;
  /** Writes one line, prefixed with the program name, to standard error. */
  writeError(line: string): void;
}

interface Checked {
  result: FileResult;
  diff: string;
}

export async function run(options: CliOptions, io: Io): Promise<number> {
  const failures: string[] = [];
  const reported = new Set<string>();
  const report = (line: string) => {
    if (reported.has(line)) return;
    reported.add(line);
    io.writeError(line);
  };
  const fail = (message: string) => {
    if (!reported.has(message)) failures.push(message);
    report(message);
  };

  const resolver = new SettingsResolver(options, io.cwd, (line) => report(`warning: ${line}`));
  const siteReader = new SiteReader();
  // A broken --config file affects every file, so it ends the run before any output.
  if (options.config !== undefined) resolver.forFile(io.cwd);

  const { targets, errors } = expandArguments(options.patterns, io.cwd, options.stdinFilename);
  for (const error of errors) fail(error.message);

  const results: FileResult[] = [];
  const diffs: string[] = [];
  for (const target of targets) {
    try {
      const checked = await checkTarget(target, options, { io, resolver, siteReader, fail, warn: (line) => report(`warning: ${line}`) });
      results.push(checked.result);
      if (checked.diff) diffs.push(checked.diff);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      fail(error.message);
    }
  }

  if (options.fixDryRun) io.writeStdout(diffs.join(''));
  else io.writeStdout(formatResults(results, options, io, failures));
  return exitCode(results, options, failures, report);
}

/** Services and reporters for checking one target. */
interface CheckContext {
  io: Io;
  resolver: SettingsResolver;
  siteReader: SiteReader;
  fail(message: string): void;
  warn(message: string): void;
}

async function checkTarget(target: Target, options: CliOptions, context: CheckContext): Promise<Checked> {
  const display = target.displayPath;
  const bytes = target.kind === 'stdin' ? await context.io.readStdin() : readBytes(target.path, display);
  const decoded = decodeFile(bytes, display);
  if (decoded.invalidSequences > 0) {
    const count = decoded.invalidSequences === 1 ? '1 byte sequence is' : `${decoded.invalidSequences} byte sequences are`;
    context.warn(`${display}: ${count} not valid UTF-8 and read as U+FFFD; save the file as UTF-8.`);
  }

  // The settings of standard input are looked up from its --stdin-filename, else the current directory.
  const { settings } = context.resolver.forFile(display);
  const configPath = configPathOf(target, options, context.io.cwd);
  // Rule failures are internal faults: the other findings are still reported, and the exit code is 2.
  const log = (line: string) => context.fail(`${display}: ${line} Please report this fault.`);

  let text = decoded.text;
  let diff = '';
  if (options.fix || options.fixDryRun) {
    const before = await analysisInput(text, configPath, settings, context, display);
    const fixed = fixAllText(text, before.settings, { site: before.site, log }).text;
    if (fixed !== text) {
      // A dry run refuses what --fix would refuse, so its exit code is the one --fix would give.
      rejectInvalidUtf8(target, decoded);
      if (options.fixDryRun) diff = maskedDiff(display, text, fixed, before.settings);
      else writeFixed(target, bytes, decoded, fixed);
      text = fixed;
    }
  }

  // The site is read again after fixing, because a fix can change the keys that name files.
  const input = await analysisInput(text, configPath, settings, context, display);
  const analysis = analyzeText(text, input.settings, { site: input.site, log });
  if (decoded.invalidSequences > 0) addEncodingFault(analysis, text, decoded.invalidSequences);
  else if (decoded.encoding === 'utf-8' && !decoded.declaredEncoding) addUnicodeSwitchFault(analysis, text);
  return { result: toFileResult(display, analysis, options.quiet), diff };
}

/**
 * Adds an error when the declaration names UTF-16 but the file is UTF-8 without a UTF-16 byte
 * order mark: .NET stops with "There is no Unicode byte order mark. Cannot switch to Unicode."
 */
function addUnicodeSwitchFault(analysis: AnalysisResult, text: string): void {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const label = declaredEncodingOf(text.slice(start, start + 300));
  if (!label || !/^(utf-16|unicode|ucs-2)/i.test(label)) return;
  const at = text.indexOf(label, start);
  insertFinding(analysis, {
    ruleId: 'xml-syntax',
    severity: 'error',
    span: { start: at, end: at + label.length },
    message: `The declaration says encoding="${label}", but the file is not saved as UTF-16 with a byte order mark, so .NET rejects it ("There is no Unicode byte order mark. Cannot switch to Unicode."). Write encoding="utf-8", or save the file as UTF-16.`,
    // Not safe: --fix applies the fixes of the analysis, which cannot see the bytes, so this one is only offered.
    fixes: [{ title: 'Write encoding="utf-8"', edits: [{ start: at, end: at + label.length, newText: 'utf-8' }], isPreferred: true }],
  });
}

function insertFinding(analysis: AnalysisResult, finding: Finding): void {
  const index = analysis.findings.findIndex((other) => other.span.start > finding.span.start);
  analysis.findings.splice(index < 0 ? analysis.findings.length : index, 0, finding);
}

/**
 * Adds an error for bytes that are not valid UTF-8, as .NET rejects such a file ("Invalid
 * character in the given encoding"), for example a Web.config saved as ANSI. The bytes were
 * decoded as U+FFFD; the first U+FFFD of the text marks the place. The editor cannot tell: it
 * decodes the file itself and sends the server text.
 */
function addEncodingFault(analysis: AnalysisResult, text: string, invalidSequences: number): void {
  const at = text.indexOf('\uFFFD');
  const span = at < 0 ? { start: 0, end: 0 } : { start: at, end: at + 1 };
  const many = invalidSequences === 1 ? 'This byte sequence is' : `This is the first of ${invalidSequences} byte sequences that are`;
  const finding: Finding = {
    ruleId: 'xml-syntax',
    severity: 'error',
    span,
    message: `${many} not valid UTF-8, so .NET rejects the file ("Invalid character in the given encoding"). Save the file as UTF-8, with the characters it should have.`,
    fixes: [],
  };
  insertFinding(analysis, finding);
}

/** Returns the path beside which the site's other files are read: the target, or the --stdin-filename path. */
function configPathOf(target: Target, options: CliOptions, cwd: string): string | undefined {
  if (target.kind === 'file') return target.path;
  return options.stdinFilename === DEFAULT_STDIN_NAME ? undefined : resolve(cwd, options.stdinFilename);
}

/**
 * Reads the site's files beside the config (Web.config and the certificate files it names) as the
 * language server does, and adds the Redis entry name a sibling names to the settings. The files a
 * user passes on the command line are trusted, like a trusted workspace in the editor.
 */
async function analysisInput(text: string, configPath: string | undefined, settings: Settings, context: CheckContext, display: string): Promise<{ settings: Settings; site: SiteContext }> {
  let site = EMPTY_SITE;
  try {
    site = await context.siteReader.read(configPath, text, settings, true);
  } catch (error) {
    context.fail(`${display}: reading the files beside it failed with ${describeInternalError(error)}; the file was checked without them. Please report this fault.`);
  }
  return { settings: withSiteRedisName(settings, site), site };
}

function readBytes(path: string, display: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${display}: file not found; check the path.`);
    if (code === 'EACCES' || code === 'EPERM') throw new CliError(`${display}: permission denied; make the file readable.`);
    throw new CliError(`${display}: the file cannot be read (${code ?? 'unknown error'}); check the path.`);
  }
}

function rejectInvalidUtf8(target: Target, decoded: DecodedFile): void {
  if (decoded.declaredEncoding) {
    throw new CliError(`${target.displayPath}: not fixed, because it is written in ${decoded.declaredEncoding}, which the linter does not write; save it as UTF-8 first.`);
  }
  if (decoded.invalidSequences === 0) return;
  throw new CliError(`${target.displayPath}: not fixed, because it is not valid UTF-8 and writing it back would replace those bytes; save it as UTF-8 first.`);
}

function writeFixed(target: Target, original: Buffer, decoded: DecodedFile, fixed: string): void {
  if (target.kind !== 'file') return;
  writeFileAtomically(target.path, target.displayPath, original, encodeFile(fixed, decoded));
}

/** Builds the diff of the fixes, with every secret value shown as '••••'. */
function maskedDiff(display: string, before: string, after: string, settings: Settings): string {
  const mask = (text: string) => maskSpans(text, findSecretSpans(buildConfigDocument(text, settings)));
  return unifiedDiff(display, before, after, { shown: { before: mask(before), after: mask(after) } });
}

function formatResults(results: FileResult[], options: CliOptions, io: Io, failures: string[]): string {
  switch (options.format) {
    case 'json':
      return formatJson(results);
    case 'sarif':
      return formatSarif(results, { cwd: io.cwd, version: io.version, failures });
    case 'stylish':
      return formatStylish(results, { color: shouldColor(options.color, io), fixApplied: options.fix });
  }
}

/**
 * Decides whether the report is coloured. An explicit option wins, then FORCE_COLOR (0 or false turn
 * colour off), then NO_COLOR, then TERM=dumb, and last whether stdout is a terminal.
 */
export function shouldColor(option: boolean | undefined, io: Pick<Io, 'env' | 'stdoutIsTTY'>): boolean {
  if (option !== undefined) return option;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (io.env.NO_COLOR) return false;
  if (io.env.TERM === 'dumb') return false;
  return io.stdoutIsTTY;
}

function exitCode(results: FileResult[], options: CliOptions, failures: string[], report: (line: string) => void): number {
  if (failures.length > 0) return EXIT_FAILURE;
  const totals = totalsOf(results);
  if (totals.errors > 0) return EXIT_PROBLEMS;
  if (options.maxWarnings >= 0 && totals.warnings > options.maxWarnings) {
    report(`${totals.warnings} warnings found, more than --max-warnings ${options.maxWarnings} allows.`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}
