import type { Fix } from '../analysis/types.js';
import type { XmlElement } from '../xml/scanner.js';
import { defineRule, type RuleContext } from './rule.js';
import { removeAttributeEdit, replace } from './edits.js';

const ALLOWED: Record<string, string[]> = {
  add: ['name', 'connectionString', 'providerName'],
  remove: ['name'],
  clear: [],
  // Every .NET configuration section also takes these.
  connectionStrings: ['configSource', 'lockAttributes', 'lockAllAttributesExcept', 'lockElements', 'lockAllElementsExcept', 'lockItem'],
};

/** Attributes .NET allows on every configuration element, and XML namespace declarations. */
function isGeneral(name: string): boolean {
  return /^(lockAttributes|lockAllAttributesExcept|lockElements|lockAllElementsExcept|lockItem)$/.test(name) || name === 'xmlns' || name.startsWith('xmlns:') || name.startsWith('xdt:');
}

export default defineRule({
  id: 'unknown-attribute',
  defaultSeverity: 'error',
  summary: 'An attribute .NET does not accept on <connectionStrings>, <add>, <remove> or <clear> (names are case-sensitive).',
  checkDocument(context) {
    for (const section of context.document.sections) checkElement(context, section);
    for (const entry of context.document.entries) checkElement(context, entry.element);
  },
});

function checkElement(context: RuleContext, element: XmlElement): void {
  const allowed = ALLOWED[element.name];
  for (const attribute of element.attributes) {
    if (allowed.includes(attribute.name) || isGeneral(attribute.name)) continue;

    const spelling = allowed.find((name) => name.toLowerCase() === attribute.name.toLowerCase());
    const fixes: Fix[] = [];
    if (spelling && !element.attributes.some((a) => a.name === spelling)) {
      fixes.push({ title: `Rename to ${spelling}`, edits: [replace(attribute.nameSpan, spelling)], isPreferred: true, safe: true });
    }
    fixes.push({ title: `Remove attribute ${attribute.name}`, edits: [removeAttributeEdit(context.document.text, attribute)], isPreferred: fixes.length === 0 });

    const expected = allowed.length > 0 ? allowed.join(', ') : 'no attributes';
    const hint = spelling ? ` Attribute names are case-sensitive: write ${spelling}.` : ' Remove it.';
    context.report(attribute.nameSpan, `<${element.name}> does not accept the attribute '${attribute.name}' (.NET allows ${expected}) and refuses to start.${hint}`, { fixes });
  }
}
