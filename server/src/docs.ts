/**
 * Documentation links of the rules: sections of the README shipped beside the bundles. A file link
 * works offline and in every editor, and the README's rule table has one anchor per rule id.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

function findReadme(): string {
  // The bundles live in dist/ and the sources in server/src/ (tests run them directly). A .vsix
  // stores the README as readme.md.
  const folders = [join(__dirname, '..'), join(__dirname, '..', '..')];
  for (const folder of folders) {
    for (const name of ['README.md', 'readme.md']) {
      if (existsSync(join(folder, name))) return join(folder, name);
    }
  }
  return join(folders[0], 'README.md');
}

let readmeUrl: string | undefined;

/** Returns the URL of the README section that documents `ruleId`. */
export function ruleDocumentationUrl(ruleId: string): string {
  readmeUrl ??= pathToFileURL(findReadme()).href;
  return `${readmeUrl}#${ruleId}`;
}
