/**
 * The VS Code client: starts the bundled language server for ConnectionStrings.config files and
 * adds the commands. All analysis of the file happens in the server.
 */
import * as vscode from 'vscode';
import { maskingChannel } from './maskingChannel.js';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export const LANGUAGE_ID = 'creatio-connection-strings';
const SERVER_FIX_ALL = 'creatioConfig.server.applyAllFixes';
const SERVER_TEST_CONNECTION = 'creatioConfig.server.testConnection';
/**
 * Certificate files and the site's other configuration, which the server re-reads when they
 * change: the sibling files and the files their appSettings name with file= or configSource=,
 * which can have any name ending in .config.
 */
const WATCHED_FILES = '**/{*.pfx,*.p12,*.pem,*.crt,*.cer,*.der,*.config}';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Creatio ConnectionStrings', { log: true });
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: LANGUAGE_ID, scheme: 'file' },
      { language: LANGUAGE_ID, scheme: 'untitled' },
      { language: LANGUAGE_ID, scheme: 'vscode-remote' },
    ],
    // Read when the server starts; a restart after the user grants trust passes the new value.
    initializationOptions: () => ({ trusted: vscode.workspace.isTrusted, showsConnectionTests: true }),
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher(WATCHED_FILES) },
    outputChannel: output,
    traceOutputChannel: maskingChannel(vscode.window.createOutputChannel('Creatio ConnectionStrings (trace)', { log: true })),
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };

  client = new LanguageClient('creatioConfig', 'Creatio ConnectionStrings', serverOptions, clientOptions);
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('creatioConfig.restartServer', async () => {
      output.appendLine('Restarting the language server.');
      await client?.restart();
    }),
    vscode.commands.registerCommand('creatioConfig.fixAll', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== LANGUAGE_ID) {
        void vscode.window.showInformationMessage('Open a ConnectionStrings.config file to fix its problems.');
        return;
      }
      await vscode.commands.executeCommand(SERVER_FIX_ALL, editor.document.uri.toString());
    }),
    vscode.commands.registerCommand('creatioConfig.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('creatioConfig.testConnection', (uri?: string, offset?: number) => testConnection(output, uri, offset)),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      output.appendLine('The workspace is trusted now: restarting the server to read certificate and sibling files.');
      await client?.restart();
    }),
  );
  await client.start();
}

/** Runs the server's connection test and shows its report; returns it for tests. */
async function testConnection(output: vscode.LogOutputChannel, uri: string | undefined, offset: number | undefined): Promise<{ ok: boolean; lines: string[] } | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('The Redis connection test does not run in an untrusted workspace, because it opens network connections and reads certificate files.');
    return undefined;
  }
  const target = uri ?? vscode.window.activeTextEditor?.document.uri.toString();
  if (!target || !client) {
    void vscode.window.showInformationMessage('Open a ConnectionStrings.config file to test its Redis connection.');
    return undefined;
  }

  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Testing the Redis connection…' },
    () => client!.sendRequest<{ ok: boolean; lines: string[] }>('workspace/executeCommand', { command: SERVER_TEST_CONNECTION, arguments: [target, offset] }),
  );
  output.appendLine('Redis connection test:');
  for (const line of result.lines) output.appendLine(`  ${line}`);
  output.show(true);
  const summary = result.lines.find((line) => /^Redis /.test(line)) ?? result.lines[0];
  if (result.ok) void vscode.window.showInformationMessage(summary);
  else void vscode.window.showWarningMessage(summary);
  return result;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
