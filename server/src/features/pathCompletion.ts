/**
 * File path completion after `certificatePath=`: folders, and files with a certificate extension,
 * listed from the folder typed so far. A relative folder resolves from the config file's folder.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';
import type { RedisConnectionString } from '../model/configDocument.js';
import type { CompletionContext, CompletionEntry } from './completion.js';
import { runEnd } from './cursor.js';
import { isOtherPlatformPath } from '../model/paths.js';

const CERTIFICATE_FILE = /\.(pfx|p12|pem|crt|cer|der)$/i;
const PKCS12_FILE = /\.(pfx|p12)$/i;

/** Maximum number of entries offered from one folder, so a huge folder keeps the list usable. */
export const MAX_PATH_ENTRIES = 500;

/**
 * Lists the folder named by the path typed between `valueStart` and `position` (decoded offsets).
 * Returns nothing for an unsaved document with a relative path, for a path of another operating
 * system, and for a folder that does not exist or cannot be read.
 */
export function completeCertificatePath(redis: RedisConnectionString, valueStart: number, position: number, context: CompletionContext): CompletionEntry[] {
  const text = redis.decoded.text;
  const typed = text.slice(valueStart, position);
  const lastSeparator = Math.max(typed.lastIndexOf('/'), typed.lastIndexOf('\\'));
  const folderPart = typed.slice(0, lastSeparator + 1);
  const namePart = typed.slice(lastSeparator + 1);

  const folder = resolveFolder(folderPart, context.configFolder, process.platform);
  const entries = folder === undefined ? undefined : readFolder(folder);
  if (!folder || !entries) return [];

  const replace = redis.decoded.spanToRaw(position - namePart.length, runEnd(text, position, /[^;\\/\s]/));
  const separator = folderPart.includes('\\') ? '\\' : folderPart.includes('/') ? '/' : sep;
  const showHidden = namePart.startsWith('.');
  const items: CompletionEntry[] = [];

  for (const entry of entries) {
    if (items.length >= MAX_PATH_ENTRIES) break;
    // A ';' would end the pair inside the file name.
    if (entry.name.includes(';') || (entry.name.startsWith('.') && !showHidden)) continue;
    const insertName = escapeAttributeText(entry.name, redis.attribute.quote);
    if (isFolder(folder, entry)) {
      items.push({ label: entry.name, kind: 'folder', insertText: `${insertName}${separator}`, replace, sortText: `0${entry.name}`, retrigger: true });
    } else if (CERTIFICATE_FILE.test(entry.name)) {
      items.push({ label: entry.name, kind: 'file', detail: certificateFormat(entry.name), insertText: insertName, replace, sortText: `1${entry.name}` });
    }
  }
  return items;
}

function resolveFolder(folderPart: string, configFolder: string | undefined, platform: NodeJS.Platform): string | undefined {
  if (isOtherPlatformPath(folderPart, platform)) return undefined;
  const local = platform === 'win32' ? folderPart : folderPart.replace(/\\/g, '/');
  if (local.length > 0 && isAbsolute(local)) return local;
  return configFolder === undefined ? undefined : resolve(configFolder, local);
}

function readFolder(folder: string): Dirent[] | undefined {
  try {
    return readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    // A missing or unreadable folder simply offers nothing.
    return undefined;
  }
}

function isFolder(folder: string, entry: Dirent): boolean {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(join(folder, entry.name)).isDirectory();
  } catch {
    return false;
  }
}

function certificateFormat(name: string): string {
  return PKCS12_FILE.test(name) ? 'PKCS#12: client key, may have a password' : 'PEM/DER certificate: no password';
}

/** Escapes what an attribute value cannot hold literally: '&', '<' and its own quote. */
export function escapeAttributeText(value: string, quote: '"' | "'" | ''): string {
  let escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  if (quote === '"') escaped = escaped.replace(/"/g, '&quot;');
  if (quote === "'") escaped = escaped.replace(/'/g, '&apos;');
  return escaped;
}
