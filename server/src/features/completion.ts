/** Completion inside ConnectionStrings.config, on raw offsets. */
import type { Span } from '../analysis/types.js';
import type { ConfigDocument } from '../model/configDocument.js';
import type { Settings } from '../settings.js';

export interface CompletionEntry {
  label: string;
  kind: 'key' | 'value' | 'name' | 'snippet' | 'file';
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** Set when insertText uses snippet syntax ($1, ${1:placeholder}). */
  isSnippet?: boolean;
  /** The raw text the completion replaces. */
  replace: Span;
  sortText?: string;
}

export interface CompletionContext {
  /** Folder of the config file on disk, for path completion; undefined for unsaved documents. */
  configFolder?: string;
}

/** Returns the completions at `offset`. */
export function completeAt(_document: ConfigDocument, _offset: number, _settings: Settings, _context: CompletionContext): CompletionEntry[] {
  // TODO: the editing-experience work replaces this with key, value, name, path and snippet completion.
  return [];
}
