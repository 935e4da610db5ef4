/**
 * The language server: binds LSP requests to the analysis and the editor features. Only this
 * folder imports vscode-languageserver; everything below it works on raw offsets.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, type AnalysisResult } from '../analysis/analyze.js';
import { fixAllText, minimalEdit } from '../analysis/fixAll.js';
import { SETTINGS_SECTION, resolveSettings, type Settings } from '../settings.js';
import { toDiagnostic, toDiagnosticData, toTextEdit, DIAGNOSTIC_SOURCE, type DiagnosticData } from './convert.js';
import { registerEditorFeatures } from './editorFeatures.js';
import { findRule } from '../rules/index.js';
import { EMPTY_SITE, withSiteRedisName, type SiteContext } from '../model/siteContext.js';
import { SiteReader } from '../site/siteReader.js';
import { COMMAND_TEST_CONNECTION, connectionTestLenses, runConnectionTest } from './connectionTest.js';
import { fileURLToPath } from 'node:url';

/** Documents larger than this are analysed after a pause in typing rather than on every change. */
export const DEBOUNCE_THRESHOLD_CHARS = 512 * 1024;
const DEBOUNCE_MS = 200;

export const COMMAND_FIX_ALL = 'creatioConfig.server.applyAllFixes';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.creatioConfig`;

/** One analysis of one document version, with the settings and site facts it used. */
export interface DocumentAnalysis {
  result: AnalysisResult;
  settings: Settings;
  site: SiteContext;
}

interface Cached {
  version: number;
  analysis: Promise<DocumentAnalysis>;
  /** The fix-all edit of this version, computed on the first request. */
  fixAll?: Promise<TextEdit | undefined>;
}

export class CreatioConfigServer {
  readonly documents = new TextDocuments(TextDocument);
  private readonly settingsByUri = new Map<string, Promise<Settings>>();
  private readonly analyses = new Map<string, Cached>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly justOpened = new Set<string>();
  private readonly siteReader = new SiteReader();
  private pullsConfiguration = false;
  /** Whether the editor trusts the workspace; untrusted, no file beside the document is read. */
  trusted = true;
  /** Set by the VS Code client, which has a command of its own that runs the connection test and shows it. */
  clientShowsConnectionTests = false;
  private globalSettings: Settings = resolveSettings(undefined).settings;

  constructor(readonly connection: Connection) {}

  start(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => {
      if (this.pullsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    });
    connection.onDidChangeConfiguration((change) => this.configurationChanged(change.settings));
    connection.onDidChangeWatchedFiles(() => this.filesChanged());
    connection.onCodeLens((params) => connectionTestLenses(this, params.textDocument.uri).catch((error) => {
      this.logError('codeLens', error);
      return [];
    }));
    connection.onCodeAction((params) => this.codeActions(params).catch((error) => {
      this.logError('codeAction', error);
      return [];
    }));
    connection.onExecuteCommand((params) => this.executeCommand(params.command, params.arguments ?? []).catch((error) => {
      this.logError('executeCommand', error);
      return undefined;
    }));

    // TextDocuments reports an open as a content change too; the open is only noted, so one analysis runs.
    documents.onDidOpen((event) => this.justOpened.add(event.document.uri));
    documents.onDidChangeContent((event) => this.schedule(event.document, this.justOpened.delete(event.document.uri)));
    documents.onDidClose((event) => this.forget(event.document.uri));
    registerEditorFeatures(this);

    documents.listen(connection);
    connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.pullsConfiguration = params.capabilities.workspace?.configuration === true;
    const options = params.initializationOptions as { settings?: unknown; trusted?: unknown; showsConnectionTests?: unknown } | undefined;
    if (options?.settings !== undefined) this.globalSettings = this.resolve(options.settings);
    if (options?.trusted === false) this.trusted = false;
    if (options?.showsConnectionTests === true) this.clientShowsConnectionTests = true;

    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [COMMAND_FIX_ALL, COMMAND_TEST_CONNECTION] },
        codeLensProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: [';', '=', '"', '/', '\\', '<'], resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: true,
      },
      serverInfo: { name: 'creatio-config-server' },
    };
  }

  /** Runs a handler so that a failure is logged and returns `fallback` instead of crashing the server. */
  guard<T>(what: string, handler: () => T, fallback: T): T {
    try {
      return handler();
    } catch (error) {
      this.logError(what, error);
      return fallback;
    }
  }

  logError(what: string, error: unknown): void {
    // Messages of errors may quote document text, which can hold secrets; log the type and location only.
    const where = (error as Error)?.stack?.split('\n')[1]?.trim() ?? '';
    this.connection.console.error(`${what} failed with ${(error as Error)?.name ?? 'an error'} ${where}`);
  }

  private resolve(raw: unknown): Settings {
    const { settings, problems } = resolveSettings(raw);
    for (const id of Object.keys(settings.rules)) {
      if (!findRule(id)) problems.push(`Setting ${SETTINGS_SECTION}.rules names an unknown rule '${id}', which has no effect. The README lists the rule ids.`);
    }
    for (const problem of problems) this.connection.console.warn(problem);
    return settings;
  }

  /** Returns the settings that apply to a document, asking the client when it supports that. */
  settingsFor(uri: string): Promise<Settings> {
    if (!this.pullsConfiguration) return Promise.resolve(this.globalSettings);
    let pending = this.settingsByUri.get(uri);
    if (!pending) {
      pending = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then((raw) => this.resolve(raw), (error) => {
          this.logError('Reading settings', error);
          return this.globalSettings;
        });
      this.settingsByUri.set(uri, pending);
    }
    return pending;
  }

  private configurationChanged(raw: unknown): void {
    if (!this.pullsConfiguration) {
      const section = (raw as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
      this.globalSettings = this.resolve(section);
    }
    this.settingsByUri.clear();
    this.analyses.clear();
    for (const document of this.documents.all()) this.schedule(document, true);
  }

  /** Reads certificate and sibling files again after one changed on disk, and re-checks every document. */
  private filesChanged(): void {
    this.siteReader.invalidate();
    this.analyses.clear();
    for (const document of this.documents.all()) this.schedule(document, true);
  }

  private schedule(document: TextDocument, immediately: boolean): void {
    const uri = document.uri;
    clearTimeout(this.timers.get(uri));
    if (immediately || document.getText().length < DEBOUNCE_THRESHOLD_CHARS) {
      void this.validate(uri);
      return;
    }
    this.timers.set(uri, setTimeout(() => void this.validate(uri), DEBOUNCE_MS));
  }

  private forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.analyses.delete(uri);
    this.settingsByUri.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async validate(uri: string): Promise<void> {
    try {
      const document = this.documents.get(uri);
      if (!document) return;
      // TextDocuments updates a document in place, so its version must be read before the analysis:
      // a change that arrives meanwhile would otherwise label stale findings with the new version.
      const version = document.version;
      const { result } = await this.analysisFor(document);
      if (document.version !== version || this.documents.get(uri) !== document) return;
      const diagnostics = result.findings.map((finding) => toDiagnostic(document, finding));
      await this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      this.logError('Analysis', error);
    }
  }

  /** Returns the analysis of the document's current version, computing it once per version. */
  analysisFor(document: TextDocument): Promise<DocumentAnalysis> {
    const cached = this.analyses.get(document.uri);
    if (cached && cached.version === document.version) return cached.analysis;
    const analysis = this.analyze(document);
    this.analyses.set(document.uri, { version: document.version, analysis });
    return analysis;
  }

  /**
   * Returns the analysis of the text the document has when the promise resolves. TextDocuments
   * updates a document in place, so a change that arrives during the await would otherwise leave
   * positions of the new text paired with findings of the old one.
   */
  async currentAnalysis(document: TextDocument): Promise<DocumentAnalysis> {
    for (;;) {
      const version = document.version;
      const analysis = await this.analysisFor(document);
      if (document.version === version) return analysis;
    }
  }

  private async analyze(document: TextDocument): Promise<DocumentAnalysis> {
    const text = document.getText();
    const settings = await this.settingsFor(document.uri);
    const path = document.uri.startsWith('file:') ? fileURLToPath(document.uri) : undefined;
    const site = await this.siteReader.read(path, text, settings, this.trusted).catch((error) => {
      this.logError('Reading the files beside the document', error);
      return EMPTY_SITE;
    });
    const effective = withSiteRedisName(settings, site);
    const result = analyzeText(text, effective, { site, log: (line) => this.connection.console.error(line) });
    return { result, settings: effective, site };
  }

  private async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const document = this.documents.get(params.textDocument.uri);
    if (!document) return [];
    const only = params.context.only;
    const wantsFixAll = only?.some((kind) => kind === CodeActionKind.SourceFixAll || kind === CodeActionKind.Source || kind === FIX_ALL_KIND);
    const wantsQuickFix = !only || only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`));

    const actions: CodeAction[] = [];
    if (wantsQuickFix) actions.push(...(await this.quickFixes(document, params)));
    // Fix-all analyses the document again for every pass, so it runs only when a client asks for it
    // by kind (source.fixAll on save, the Source Action menu), not for every lightbulb request.
    if (wantsFixAll) {
      const fixAll = await this.fixAllAction(document);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  private async quickFixes(document: TextDocument, params: CodeActionParams): Promise<CodeAction[]> {
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const fixes = await this.fixesOf(document, diagnostic);
      for (const fix of fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.isPreferred === true,
          edit: { changes: { [document.uri]: fix.edits } },
        });
      }
    }
    return actions;
  }

  /**
   * Returns the fixes a diagnostic carries in `data`. Clients that drop `data` get them from the
   * current analysis, matched by rule id and range.
   */
  private async fixesOf(document: TextDocument, diagnostic: Diagnostic): Promise<DiagnosticData['fixes']> {
    const data = diagnostic.data as DiagnosticData | undefined;
    // Fixes of an older version would land on shifted text; fresh diagnostics follow shortly.
    if (data) return data.version === document.version ? data.fixes : [];

    const { result } = await this.currentAnalysis(document);
    const start = document.offsetAt(diagnostic.range.start);
    const end = document.offsetAt(diagnostic.range.end);
    const finding = result.findings.find((f) => f.ruleId === diagnostic.code && f.span.start === start && f.span.end === end);
    return finding ? toDiagnosticData(document, finding).fixes : [];
  }

  private async fixAllAction(document: TextDocument): Promise<CodeAction | undefined> {
    const edit = await this.fixAllEdit(document);
    if (!edit) return undefined;
    return { title: 'Fix all safe problems in ConnectionStrings.config', kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: [edit] } } };
  }

  private fixAllEdit(document: TextDocument): Promise<TextEdit | undefined> {
    void this.analysisFor(document);
    const cached = this.analyses.get(document.uri)!;
    cached.fixAll ??= this.computeFixAll(document);
    return cached.fixAll;
  }

  private async computeFixAll(document: TextDocument): Promise<TextEdit | undefined> {
    // The text and positions of this version are taken before the await; the document may change meanwhile.
    const before = document.getText();
    const snapshot = TextDocument.create(document.uri, document.languageId, document.version, before);
    const { settings, site } = await this.analysisFor(document);
    const { text } = fixAllText(before, settings, { site });
    const edit = minimalEdit(before, text);
    return edit ? toTextEdit(snapshot, edit) : undefined;
  }

  private async executeCommand(command: string, args: unknown[]): Promise<unknown> {
    if (command === COMMAND_TEST_CONNECTION) {
      return runConnectionTest(this, String(args[0] ?? ''), typeof args[1] === 'number' ? args[1] : undefined);
    }
    if (command !== COMMAND_FIX_ALL) return undefined;
    const uri = typeof args[0] === 'string' ? args[0] : undefined;
    const document = uri ? this.documents.get(uri) : undefined;
    if (!document) return { applied: false, reason: 'The document is not open.' };

    const edit = await this.fixAllEdit(document);
    if (!edit) return { applied: false, reason: 'Nothing to fix.' };
    const result = await this.connection.workspace.applyEdit({ label: 'Fix all safe problems', edit: { changes: { [document.uri]: [edit] } } });
    return { applied: result.applied };
  }
}
