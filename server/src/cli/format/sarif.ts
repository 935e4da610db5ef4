/**
 * SARIF 2.1.0 output, in the subset GitHub code scanning reads: one run, the whole rule catalogue
 * as the driver's rules, and one result per finding with a 1-based region. Fixes are left out on
 * purpose, because a fix's replacement text can carry a secret (a converted redis:// URI does).
 */
import { pathToFileURL } from 'node:url';
import type { Severity } from '../../analysis/types.js';
import { ruleDocumentationUrl } from '../../docs.js';
import { RULES } from '../../rules/index.js';
import { MAX_FINDINGS } from '../../analysis/analyze.js';
import { PROGRAM } from '../errors.js';
import type { FileResult } from '../results.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SOURCE_ROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';

/** SARIF has no hint level, so hints and information both become notes. */
const LEVELS: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export interface SarifOptions {
  cwd: string;
  version: string;
  /** Messages of files that could not be checked, which mark the run as not successful. */
  failures: readonly string[];
}

export function formatSarif(results: readonly FileResult[], options: SarifOptions): string {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.id, index]));
  const informationUri = ruleDocumentationUrl(RULES[0].id).replace(/#.*$/, '');

  const sarifResults = results.flatMap((result) =>
    result.messages.map((message) => ({
      ruleId: message.ruleId,
      ruleIndex: ruleIndex.get(message.ruleId),
      level: LEVELS[message.severity],
      message: { text: message.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocationOf(result.filePath),
            region: { startLine: message.line, startColumn: message.column, endLine: message.endLine, endColumn: message.endColumn },
          },
        },
      ],
    })),
  );

  const truncated = results.filter((result) => result.truncated);
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: PROGRAM,
            version: options.version,
            semanticVersion: options.version,
            informationUri,
            rules: RULES.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.summary },
              help: { text: rule.summary },
              helpUri: ruleDocumentationUrl(rule.id),
              defaultConfiguration: { level: LEVELS[rule.defaultSeverity] },
            })),
          },
        },
        // Paths are relative to the directory the linter ran in, which is the checkout in CI.
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: `${pathToFileURL(options.cwd).href.replace(/\/?$/, '/')}` } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: options.failures.length === 0,
            toolExecutionNotifications: [
              ...options.failures.map((failure) => ({ level: 'error', message: { text: failure } })),
              ...truncated.map((result) => ({ level: 'warning', message: { text: `Only the first ${MAX_FINDINGS} problems of ${result.filePath} are listed.` } })),
            ],
          },
        ],
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Builds the artifact location: a URI relative to the source root, or a file: URI for an absolute path. */
function artifactLocationOf(filePath: string): { uri: string; uriBaseId?: string } {
  if (filePath.startsWith('/') || /^[A-Za-z]:\//.test(filePath)) return { uri: pathToFileURL(filePath).href };
  return { uri: filePath.split('/').map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}
