/**
 * Runs the rule catalogue over one document. This is the entry point the language server, the
 * command-line linter and the tests share, so they can never disagree.
 */
import type { Finding, Severity, Span } from './types.js';
import { buildConfigDocument, type ConfigDocument } from '../model/configDocument.js';
import { EMPTY_SITE, type SiteContext } from '../model/siteContext.js';
import { RULES } from '../rules/index.js';
import type { ReportOptions, Rule, RuleContext } from '../rules/rule.js';
import type { Settings } from '../settings.js';
import { maskSecrets } from '../model/secrets.js';

/** Maximum number of findings reported for one file, because an editor slows down with tens of thousands. */
export const MAX_FINDINGS = 1000;

export interface AnalysisOptions {
  site?: SiteContext;
  /** Receives one line per internal failure; lines never contain document text. */
  log?: (line: string) => void;
}

export interface AnalysisResult {
  document: ConfigDocument;
  findings: Finding[];
  /** Set when findings were dropped to stay within MAX_FINDINGS. */
  truncated: boolean;
}

/** Analyses `text` with `settings` and returns the findings sorted by position. */
export function analyzeText(text: string, settings: Settings, options: AnalysisOptions = {}): AnalysisResult {
  const document = buildConfigDocument(text, settings);
  const findings: Finding[] = [];
  const site = options.site ?? EMPTY_SITE;

  for (const rule of RULES) {
    const severity = severityOf(rule, settings);
    if (severity === undefined) continue;
    const context = contextFor(rule, severity, document, settings, site, findings, options.log);
    runRule(rule, context, document, options.log);
  }

  const unique = deduplicate(findings).sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId));
  const truncated = unique.length > MAX_FINDINGS;
  return { document, findings: truncated ? unique.slice(0, MAX_FINDINGS) : unique, truncated };
}

function severityOf(rule: Rule, settings: Settings): Severity | undefined {
  const configured = settings.rules[rule.id];
  if (configured === 'off') return undefined;
  return configured ?? rule.defaultSeverity;
}

function contextFor(rule: Rule, severity: Severity, document: ConfigDocument, settings: Settings, site: SiteContext, findings: Finding[], log: AnalysisOptions['log']): RuleContext {
  const configured = settings.rules[rule.id] !== undefined;
  return {
    document,
    settings,
    site,
    report(span: Span, message: string, options: ReportOptions = {}) {
      if (!Number.isFinite(span.start) || !Number.isFinite(span.end)) {
        log?.(`Rule ${rule.id} reported a range with an offset that is not a number; it is shown at the start of the file.`);
      }
      findings.push({
        ruleId: rule.id,
        // A rule's milder variant applies only while the user has not chosen a severity.
        severity: configured ? severity : options.severity ?? severity,
        span: clampSpan(span, document.text.length),
        // Messages quote values; a value that swallowed a `password=` through a missing ';' must not show it.
        message: maskSecrets(capLength(shortenQuotes(oneLine(message)))),
        fixes: (options.fixes ?? []).map((fix) => ({ ...fix, title: maskSecrets(fix.title) })),
        related: options.related?.map((related) => ({ ...related, message: maskSecrets(related.message) })),
      });
    },
  };
}

function runRule(rule: Rule, context: RuleContext, document: ConfigDocument, log: AnalysisOptions['log']): void {
  // try/catch around each call rather than a closure per call: a large file has thousands of Redis entries.
  if (rule.checkDocument) {
    try {
      rule.checkDocument(context);
    } catch (error) {
      logFailure(rule, error, log);
    }
  }
  if (!rule.checkRedis) return;
  for (const redis of document.redis) {
    if (redis.placeholder || redis.foreign || redis.truncated) continue;
    try {
      rule.checkRedis(redis, context);
    } catch (error) {
      logFailure(rule, error, log);
    }
  }
}

function logFailure(rule: Rule, error: unknown, log: AnalysisOptions['log']): void {
  // The error's message may quote document text, so only its type and stack location are logged.
  const where = (error as Error)?.stack?.split('\n')[1]?.trim() ?? 'unknown location';
  log?.(`Rule ${rule.id} failed with ${(error as Error)?.name ?? 'an error'} ${where}; the other rules still ran.`);
}

/** Maximum length of a text quoted in a message, so a 1 MB value does not become a 1 MB diagnostic. */
const MAX_QUOTE_LENGTH = 80;

/**
 * Shortens every '…'-quoted part of a message that is longer than MAX_QUOTE_LENGTH and has no line
 * break. A quote opens after a character that is no letter or digit and closes before one, so the
 * apostrophe of "Creatio's" is neither. A scan rather than a regular expression: it runs for every
 * finding.
 */
function shortenQuotes(message: string): string {
  if (message.length <= MAX_QUOTE_LENGTH + 2) return message;
  let shortened = '';
  let copied = 0;
  let open = nextQuote(message, 0, true);
  while (open >= 0) {
    const close = nextQuote(message, open + 1, false);
    if (close < 0) break;
    const quoted = close - open - 1;
    if (quoted > MAX_QUOTE_LENGTH && !/[\r\n]/.test(message.slice(open, close))) {
      shortened += `${message.slice(copied, open + MAX_QUOTE_LENGTH)}…`;
      copied = close;
    }
    open = nextQuote(message, close + 1, true);
  }
  return copied === 0 ? message : shortened + message.slice(copied);
}

/** Returns the next "'" from `from` that can open (after a non-word character) or close (before one) a quote, or -1. */
function nextQuote(message: string, from: number, opening: boolean): number {
  for (let at = message.indexOf("'", from); at >= 0; at = message.indexOf("'", at + 1)) {
    const neighbour = opening ? message[at - 1] : message[at + 1];
    if (neighbour === undefined || !WORD_CHARACTER.test(neighbour)) return at;
  }
  return -1;
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * Writes the tabs and line breaks a message quotes from the document as spaces: a message is one
 * line in the editor and in the linter's table.
 */
function oneLine(message: string): string {
  return /[\t\r\n]/.test(message) ? message.replace(/\r\n|[\t\r\n]/g, ' ') : message;
}

/** Maximum length of a message, whatever it quotes: the last guard after shortenQuotes. */
const MAX_MESSAGE_LENGTH = 1000;

function capLength(message: string): string {
  return message.length <= MAX_MESSAGE_LENGTH ? message : `${message.slice(0, MAX_MESSAGE_LENGTH)}…`;
}

/** Keeps a span inside the text; an offset that is not a finite number becomes 0, never NaN in a range. */
function clampSpan(span: Span, length: number): Span {
  const start = Number.isFinite(span.start) ? Math.max(0, Math.min(span.start, length)) : 0;
  const end = Number.isFinite(span.end) ? Math.min(span.end, length) : start;
  return { start, end: Math.max(start, end) };
}

function deduplicate(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.ruleId}:${finding.span.start}:${finding.span.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
