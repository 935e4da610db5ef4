/**
 * Pathological ConnectionStrings.config texts for the stress tests and the benchmark. Each size is
 * chosen so that quadratic work on it (a search of the rest of the file per element, a copy of
 * the text per character) would take minutes, while linear work takes well under a second.
 */

const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';

/** Wraps `body` in an XML declaration and a `<connectionStrings>` section. */
export function section(body: string, newline = '\n'): string {
  return `${XML_DECLARATION}<connectionStrings>${newline}${body}</connectionStrings>${newline}`;
}

/** Returns a database entry of about 110 characters whose name contains `index`. */
export function databaseEntry(index: number, newline = '\n'): string {
  return `  <add name="db${index}" connectionString="Server=10.0.${index % 256}.4;Port=5432;Database=creatio${index};User ID=creatio;" />${newline}`;
}

/** Builds a file of distinct database entries, with a Redis entry among every 50, of about `size` characters. */
export function largeConfig(size: number, newline = '\n'): string {
  const parts = [`\uFEFF${XML_DECLARATION.trimEnd()}${newline}<connectionStrings>${newline}`];
  let length = parts[0].length;
  for (let index = 0; length < size; index++) {
    const entry = index % 50 === 0
      ? `  <add name="redis" connectionString="host=redis-${index}.example.local;port=6380;db=${index % 16};useTls=true;password=[RedisPassword];maxReadPoolSize=10;maxWritePoolSize=500" />${newline}`
      : databaseEntry(index, newline);
    parts.push(index % 50 === 0 && index > 0 ? `  <remove name="redis" />${newline}${entry}` : entry);
    length += parts[parts.length - 1].length;
  }
  parts.push(`</connectionStrings>${newline}`);
  return parts.join('');
}

/** Nested `<entity>` declarations that expand to 10^9 copies of "lol" in a parser that expands them. */
export function billionLaughs(): string {
  const entities = ['  <!ENTITY lol "lol">'];
  for (let level = 1; level <= 9; level++) {
    const previous = level === 1 ? 'lol' : `lol${level - 1}`;
    entities.push(`  <!ENTITY lol${level} "${`&${previous};`.repeat(10)}">`);
  }
  return `${XML_DECLARATION}<!DOCTYPE connectionStrings [\n${entities.join('\n')}\n]>\n<connectionStrings>\n  <add name="redis" connectionString="host=&lol9;;port=6379" />\n</connectionStrings>\n`;
}

/** Writes `text` as UTF-16LE bytes decoded as if they were UTF-8 or Latin-1: a NUL after each character. */
export function utf16ReadAsUtf8(text: string): string {
  return Array.from(text, (char) => `${char}\u0000`).join('');
}

/** Spells `word` with the letters whose bit is set in `index` in capitals: a different spelling for each index below 2^length. */
export function caseSpelling(word: string, index: number): string {
  return Array.from(word, (char, position) => ((index >> position) & 1 ? char.toUpperCase() : char)).join('');
}

/** Wraps one Redis entry whose connection string is `value` in a section. */
function redisSection(value: string): string {
  return section(`  <add name="redis" connectionString="${value}" />\n`);
}

export interface PathologicalDocument {
  name: string;
  text: () => string;
}

/** The documents the stress tests run through the analysis and the language server. */
export const PATHOLOGICAL: readonly PathologicalDocument[] = [
  { name: '10 MB file', text: () => largeConfig(10_000_000) },
  {
    name: 'single 1 MB line',
    text: () => {
      let body = '';
      for (let index = 0; body.length < 1_000_000; index++) body += databaseEntry(index, ' ');
      return section(`${body}<add name="redis" connectionString="host=a;port=99999" />`, '');
    },
  },
  { name: '100,000 add entries', text: () => section(Array.from({ length: 100_000 }, (_, index) => `  <add name="db${index % 1000}" connectionString="x" />\n`).join('')) },
  { name: '10,000 nested elements', text: () => section(`${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}\n`) },
  {
    name: 'NUL and binary bytes',
    text: () => section(`  <add name="redis" connectionString="host=a\u0000b;port=6379" />\n${Array.from({ length: 200_000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('')}\n`),
  },
  { name: 'UTF-16 read as UTF-8', text: () => utf16ReadAsUtf8(`\uFEFF${section('  <add name="redis" connectionString="host=a;port=6379" />\r\n', '\r\n')}`) },
  { name: 'billion laughs', text: billionLaughs },
  { name: '1 MB attribute value', text: () => section(`  <add name="redis" connectionString="host=a;useTls=true;password=${'x'.repeat(1_000_000)}" />\n`) },
  { name: 'unclosed comment opening a 1 MB file', text: () => `<!--${largeConfig(1_000_000)}` },
  { name: '50,000 semicolons in one value', text: () => section(`  <add name="redis" connectionString="host=a${';'.repeat(50_000)}" />\n`) },
  { name: '50,000 comma separators in one value', text: () => section(`  <add name="redis" connectionString="host=a${', port=1'.repeat(50_000)}" />\n`) },
  { name: '50,000 unknown keys in one value', text: () => section(`  <add name="redis" connectionString="host=a;${'hots=1;'.repeat(50_000)}" />\n`) },
  { name: '100,000-character key', text: () => section(`  <add name="redis" connectionString="host=a;${'k'.repeat(100_000)}=1" />\n`) },
  { name: '50,000 attributes on one element', text: () => section(`  <add ${Array.from({ length: 50_000 }, (_, i) => `a${i}="1"`).join(' ')} />\n`) },
  { name: '50,000 broken Redis entries', text: () => section('  <add name="redis" connectionString="host=a"x />\n'.repeat(50_000)) },
  { name: '100,000 stray end tags', text: () => section(`${'</x>'.repeat(100_000)}\n`) },
  { name: '20,000 nested elements closed by wrong end tags', text: () => section(`${Array.from({ length: 20_000 }, (_, i) => `<e${i}>`).join('')}${'</x>'.repeat(20_000)}\n`) },
  { name: '300,000 spaces after an unclosed quote', text: () => section(`  <add name="redis" connectionString="host=a${' '.repeat(300_000)}x\n`) },
  { name: '200,000 bare less-than signs', text: () => section(`${'<'.repeat(200_000)}\n`) },
  { name: '100,000 ampersands in one value', text: () => section(`  <add name="redis" connectionString="host=a;password=${'&'.repeat(100_000)}" />\n`) },
  { name: '100,000 cluster hosts', text: () => section(`  <add name="redis" connectionString="clusterHosts=${'h,'.repeat(100_000)}" />\n`) },
  { name: '300,000 spaces after useTls=true', text: () => redisSection(`host=a;useTls=true${' '.repeat(300_000)}x`) },
  { name: '300,000 spaces after db=1', text: () => redisSection(`host=a;db=1${' '.repeat(300_000)}x`) },
  { name: '300,000 spaces after port=6379', text: () => redisSection(`host=a;port=6379${' '.repeat(300_000)}x`) },
  { name: "password=[ and 150,000 ' a' pairs", text: () => redisSection(`host=a;useTls=true;password=[${' a'.repeat(150_000)}`) },
  { name: "db=[ and 150,000 ' a' pairs", text: () => redisSection(`host=a;db=[${' a'.repeat(150_000)}`) },
  { name: "host=[ and 150,000 ' a' pairs", text: () => redisSection(`host=[${' a'.repeat(150_000)}`) },
  { name: "clusterHosts=[ and 150,000 ' a' pairs", text: () => redisSection(`clusterHosts=[${' a'.repeat(150_000)}`) },
  { name: '5 MB with CR line endings', text: () => largeConfig(5_000_000, '\r') },
  // The invalid-number message quotes the value, and the message is masked for URI passwords.
  { name: "300 KB of 'redis://:' in a quoted value", text: () => section(`  <add name="redis" connectionString="host=a;db=1&#10;${'redis://:'.repeat(35_000)}" />\n`) },
  {
    name: '20,000 case spellings of one name after 20,000 other entries',
    text: () => {
      const others = Array.from({ length: 20_000 }, (_, index) => databaseEntry(index)).join('');
      const spellings = Array.from({ length: 20_000 }, (_, index) => `  <add name="${caseSpelling('redisconnection', index)}" connectionString="host=a" />\n`).join('');
      return section(others + spellings);
    },
  },
];
