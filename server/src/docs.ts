/**
 * Where each rule is documented: its section of the README shipped beside the bundles. A file
 * link works offline and in every editor; the README's rule table has one anchor per rule id.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

function findReadme(): string {
  // The bundles live in dist/; the sources in server/src/ (tests run them directly).
  for (const candidate of [join(__dirname, '..', 'README.md'), join(__dirname, '..', '..', 'README.md')]) {
    if (existsSync(candidate)) return candidate;
  }
  return join(__dirname, '..', 'README.md');
}

let readmeUrl: string | undefined;

/** Returns the URL of the README section that documents `ruleId`. */
export function ruleDocumentationUrl(ruleId: string): string {
  readmeUrl ??= pathToFileURL(findReadme()).href;
  return `${readmeUrl}#${ruleId}`;
}
