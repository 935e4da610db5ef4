/** Binds completion, hover and document symbols to the feature modules. */
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CompletionItem,
  type DocumentSymbol,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completeAt, type CompletionEntry } from '../features/completion.js';
import { hoverAt } from '../features/hover.js';
import { documentSymbols, type SymbolEntry } from '../features/symbols.js';
import { toRange } from './convert.js';
import { maskSecrets } from '../model/secrets.js';
import type { CreatioConfigServer } from './server.js';

const COMPLETION_KINDS: Record<CompletionEntry['kind'], CompletionItemKind> = {
  key: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  name: CompletionItemKind.Constant,
  snippet: CompletionItemKind.Snippet,
  file: CompletionItemKind.File,
  folder: CompletionItemKind.Folder,
};

/** VS Code's command that opens the suggestion list again, as after `useTls=` or a folder name. */
const TRIGGER_SUGGEST = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

const SYMBOL_KINDS: Record<SymbolEntry['kind'], SymbolKind> = {
  entry: SymbolKind.Object,
  remove: SymbolKind.Event,
  clear: SymbolKind.Event,
  key: SymbolKind.Property,
};

function folderOf(uri: string): string | undefined {
  return uri.startsWith('file:') ? dirname(fileURLToPath(uri)) : undefined;
}

function toCompletionItem(document: TextDocument, entry: CompletionEntry): CompletionItem {
  return {
    label: entry.label,
    kind: COMPLETION_KINDS[entry.kind],
    detail: entry.detail,
    documentation: entry.documentation ? { kind: MarkupKind.Markdown, value: entry.documentation } : undefined,
    insertTextFormat: entry.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: toRange(document, entry.replace), newText: entry.insertText },
    sortText: entry.sortText,
    filterText: entry.filterText ?? entry.label,
    command: entry.retrigger ? TRIGGER_SUGGEST : undefined,
  };
}

function toDocumentSymbol(document: TextDocument, symbol: SymbolEntry): DocumentSymbol {
  return {
    name: symbol.name,
    detail: symbol.detail === undefined ? undefined : maskSecrets(symbol.detail),
    kind: SYMBOL_KINDS[symbol.kind],
    range: toRange(document, symbol.span),
    selectionRange: toRange(document, symbol.selectionSpan),
    children: symbol.children.map((child) => toDocumentSymbol(document, child)),
  };
}

export function registerEditorFeatures(server: CreatioConfigServer): void {
  const { connection, documents } = server;

  connection.onCompletion(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const { result, settings } = await server.currentAnalysis(document);
    return server.guard('completion', () => {
      const entries = completeAt(result.document, document.offsetAt(params.position), settings, { configFolder: folderOf(document.uri) });
      return entries.map((entry) => toCompletionItem(document, entry));
    }, []);
  });

  connection.onHover(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const { result, settings, site } = await server.currentAnalysis(document);
    return server.guard('hover', () => {
      const hover = hoverAt(result.document, document.offsetAt(params.position), settings, site);
      // Hovers quote values; one that swallowed a `password=` through a missing ';' must not show it.
      return hover ? { contents: { kind: MarkupKind.Markdown, value: maskSecrets(hover.markdown) }, range: toRange(document, hover.span) } : null;
    }, null);
  });

  connection.onDocumentSymbol(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const { result } = await server.currentAnalysis(document);
    return server.guard('documentSymbol', () => documentSymbols(result.document).map((symbol) => toDocumentSymbol(document, symbol)), []);
  });
}
