/**
 * The VS Code client: starts the bundled language server for ConnectionStrings.config files and
 * adds the commands. Everything the extension knows about the file lives in the server.
 */
import * as vscode from 'vscode';
import { maskingChannel } from './maskingChannel.js';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export const LANGUAGE_ID = 'creatio-connection-strings';
const SERVER_FIX_ALL = 'creatioConfig.server.applyAllFixes';

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
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
