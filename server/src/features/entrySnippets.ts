/**
 * Snippets for whole Redis `<add>` entries, offered between the elements of `<connectionStrings>`.
 * Secrets are Vault references such as `[RedisPassword]`, so an accepted snippet never puts a
 * real-looking password into the file.
 */
import type { Span } from '../analysis/types.js';
import type { ConfigDocument } from '../model/configDocument.js';
import type { XmlElement } from '../xml/scanner.js';
import type { CompletionEntry } from './completion.js';
import { runEnd, runStart } from './cursor.js';

export interface EntrySnippet {
  label: string;
  /** Words the editor matches what was typed against, starting with `<add` so that a typed `<a` matches. */
  filterText: string;
  body: string;
  documentation: string;
}

const VAULT_NOTE = 'Secrets are written as Vault references: replace each with the name of your Vault secret, or with the value itself.';

export const ENTRY_SNIPPETS: readonly EntrySnippet[] = [
  {
    label: 'Redis: standalone with TLS and password',
    filterText: '<add redis standalone tls password',
    body: '<add name="${1:redis}" connectionString="host=${2:redis.example.com};port=${3:6379};db=${4:0};useTls=true;password=${5:[RedisPassword]}" />$0',
    documentation: `A standalone Redis server over TLS that authenticates with a password (Creatio 8.0.2 and later). ${VAULT_NOTE}`,
  },
  {
    label: 'Redis: standalone with a client certificate',
    filterText: '<add redis standalone tls client certificate',
    body: '<add name="${1:redis}" connectionString="host=${2:redis.example.com};port=${3:6379};db=${4:0};useTls=true;certificatePath=${5:redis-client.pfx};certificatePassword=${6:[RedisCertificatePassword]}" />$0',
    documentation: `A standalone Redis server over TLS that authenticates with a PKCS#12 client certificate (Creatio 8.0.2 and later). A relative certificatePath is resolved from this file's folder by this extension. Remove certificatePassword when the file has none. ${VAULT_NOTE}`,
  },
  {
    label: 'Redis: Cluster with TLS',
    filterText: '<add redis cluster tls',
    body: '<add name="${1:redis}" connectionString="clusterHosts=${2:redis-1.example.com:6379},${3:redis-2.example.com:6379},${4:redis-3.example.com:6379};useTls=true;password=${5:[RedisPassword]}" />$0',
    documentation: `A Redis Cluster over TLS with a password (Creatio 8.0.2 and later). A Cluster has only database 0, so there is no db. ${VAULT_NOTE}`,
  },
];

/** Returns the entry snippets when `offset` is between the elements of a `<connectionStrings>` section. */
export function completeEntrySnippets(document: ConfigDocument, offset: number): CompletionEntry[] {
  const replace = snippetSpan(document, offset);
  if (!replace) return [];
  return ENTRY_SNIPPETS.map((snippet, index) => ({
    label: snippet.label,
    kind: 'snippet',
    documentation: `${snippet.documentation}\n\n\`\`\`xml\n${resolveSnippet(snippet.body)}\n\`\`\``,
    insertText: snippet.body,
    isSnippet: true,
    replace,
    filterText: snippet.filterText,
    sortText: String(index),
  }));
}

/** Replaces the tab stops of a snippet body by their placeholder text. */
export function resolveSnippet(body: string): string {
  return body.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
}

/**
 * Returns the span a snippet replaces: a partial tag typed so far (`<`, `<ad`, `ad`) or an empty
 * span at the cursor. Undefined outside a section's content, in a comment, or inside another tag.
 */
function snippetSpan(document: ConfigDocument, offset: number): Span | undefined {
  const text = document.text;
  if (!document.sections.some((section) => contentHolds(text, section, offset)) || isInComment(text, offset)) return undefined;

  let start = runStart(text, offset, /[\w:.-]/);
  if (text[start - 1] === '<') start--;
  if (start > 0 && !/[\s>]/.test(text[start - 1])) return undefined;

  // The tag being typed may already be scanned as an element without attributes; any other tag is off limits.
  const insideTag = document.scan.elements.some(
    (element) => element.tagSpan.start < offset && offset < element.tagSpan.end && !(element.tagSpan.start === start && element.attributes.length === 0),
  );
  if (insideTag) return undefined;
  return { start, end: runEnd(text, offset, /[\w:.-]/) };
}

function contentHolds(text: string, section: XmlElement, offset: number): boolean {
  const { end } = section.tagSpan;
  if (text[end - 1] !== '>' || text[end - 2] === '/') return false;
  const closing = text.indexOf('</connectionStrings', end);
  return offset >= end && offset <= (closing < 0 ? text.length : closing);
}

function isInComment(text: string, offset: number): boolean {
  const open = text.lastIndexOf('<!--', offset - 1);
  if (open < 0) return false;
  const close = text.indexOf('-->', open + 4);
  return close < 0 || offset < close + 3;
}
