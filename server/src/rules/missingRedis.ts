import { defineRule } from './rule.js';

export default defineRule({
  id: 'missing-redis',
  defaultSeverity: 'warning',
  summary: 'The file has a db entry but no Redis entry.',
  checkDocument(context) {
    const { document, settings, site } = context;
    if (document.isTransform) return;
    const names = new Set([...settings.redisConnectionNames, ...(site.redisConnectionStringName ? [site.redisConnectionStringName.value] : [])].map((n) => n.toLowerCase()));
    const adds = document.entries.filter((entry) => entry.kind === 'add' && entry.name !== undefined);
    const db = adds.find((entry) => entry.name === 'db');
    if (!db || adds.some((entry) => names.has(entry.name!.toLowerCase()))) return;

    const section = document.sections[0];
    const text = document.text;
    const lineStart = text.lastIndexOf('\n', db.element.tagSpan.start - 1) + 1;
    const indent = text.slice(lineStart, db.element.tagSpan.start);
    const newline = text.includes('\r\n') ? '\r\n' : '\n';
    const entry = `${newline}${/^\s*$/.test(indent) ? indent : '  '}<add name="redis" connectionString="host=localhost;port=6379;db=0" />`;
    // In a file that is not well-formed, the end of the db tag may lie inside the broken text: the entry is offered once the XML is repaired.
    const fixes = document.scan.errors.length > 0 ? [] : [{ title: 'Add a redis entry after db', edits: [{ start: db.element.tagSpan.end, end: db.element.tagSpan.end, newText: entry }] }];
    context.report(section.nameSpan, `This file has a 'db' entry but no Redis entry (${settings.redisConnectionNames.join(' or ')}); Creatio needs Redis to start. Add <add name="redis" connectionString="host=…;port=6379;db=…" />.`, { fixes });
  },
});
