/**
 * A test client for the bundled language server: starts `node dist/server.js --stdio`, speaks LSP
 * over its pipes and lets tests await the diagnostics of a given document version (no sleeps).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node';

export const SERVER_BUNDLE = join(__dirname, '..', '..', 'dist', 'server.js');

type Waiter = { uri: string; version: number; resolve: (diagnostics: Diagnostic[]) => void };

export class LspTestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly logs: string[] = [];
  readonly published: PublishDiagnosticsParams[] = [];
  /** The `creatioConfig` section returned to workspace/configuration requests. */
  settings: Record<string, unknown> = {};
  private readonly versions = new Map<string, number>();
  private waiters: Waiter[] = [];
  stderr = '';

  constructor(args: string[] = ['--stdio']) {
    this.process = spawn(process.execPath, [SERVER_BUNDLE, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk) => (this.stderr += chunk));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => this.onDiagnostics(params));
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/applyEdit', (params) => this.onApplyEdit?.(params) ?? { applied: true });
    this.connection.listen();
  }

  onApplyEdit?: (params: unknown) => { applied: boolean };

  async initialize(initializationOptions?: Record<string, unknown>): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      initializationOptions,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, applyEdit: true },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
          completion: { completionItem: { snippetSupport: true } },
          hover: { contentFormat: ['markdown'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
  }

  private onDiagnostics(params: PublishDiagnosticsParams): void {
    this.published.push(params);
    const ready = this.waiters.filter((w) => w.uri === params.uri && (params.version === undefined || params.version >= w.version));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const waiter of ready) waiter.resolve(params.diagnostics);
  }

  /** Resolves with the first diagnostics published for `uri` at `version` or later. */
  diagnosticsFor(uri: string, version = this.versions.get(uri) ?? 0): Promise<Diagnostic[]> {
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }

  /** Opens a document and returns its first diagnostics. */
  async open(uri: string, text: string, languageId = 'creatio-connection-strings'): Promise<Diagnostic[]> {
    this.versions.set(uri, 1);
    const diagnostics = this.diagnosticsFor(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return diagnostics;
  }

  /** Replaces the whole text of an open document and returns the diagnostics of the new version. */
  async change(uri: string, text: string): Promise<Diagnostic[]> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const diagnostics = this.diagnosticsFor(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return diagnostics;
  }

  /** Sends an incremental change without waiting for diagnostics. */
  async edit(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  /** Changes the settings and notifies the server, as VS Code does after the user edits settings.json. */
  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { creatioConfig: settings } });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.process.kill();
    }
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}
