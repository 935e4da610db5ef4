/** The contract every rule module implements, and the context rules report through. */
import type { Fix, RelatedSpan, Severity, Span } from '../analysis/types.js';
import type { ConfigDocument, RedisConnectionString } from '../model/configDocument.js';
import type { Settings } from '../settings.js';
import type { SiteContext } from '../model/siteContext.js';

export interface ReportOptions {
  fixes?: Fix[];
  related?: RelatedSpan[];
  /** A severity other than the rule's default, for a milder form of the same fault. */
  severity?: Severity;
}

export interface RuleContext {
  document: ConfigDocument;
  settings: Settings;
  /** Facts read from files beside the config file; empty when none were read. */
  site: SiteContext;
  report(span: Span, message: string, options?: ReportOptions): void;
}

export interface Rule {
  id: string;
  defaultSeverity: Severity;
  /** One line for the README and SARIF. */
  summary: string;
  /** Checks the whole document. */
  checkDocument?(context: RuleContext): void;
  /** Checks one Redis connection string that is not a placeholder, not in a foreign format and not cut short by a quote. */
  checkRedis?(redis: RedisConnectionString, context: RuleContext): void;
}

/** Identity helper that gives rule modules their type. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
