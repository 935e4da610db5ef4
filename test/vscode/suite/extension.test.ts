/** Tests of the installed extension in a real VS Code, through the `vscode` API only. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'creatio-config-tools.creatio-connection-strings';
const LANGUAGE_ID = 'creatio-connection-strings';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Resolves with the diagnostics of `uri` once `accept` holds, listening for changes instead of sleeping. */
function diagnosticsWhen(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!accept(diagnostics)) return false;
      subscription.dispose();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    check();
  });
}

function codes(diagnostics: vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code)).sort();
}

/** Finds the range of `needle` in a document, so positions are never counted by hand. */
function rangeOf(document: vscode.TextDocument, needle: string): vscode.Range {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `'${needle}' is in the document`);
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + needle.length));
}

export function defineExtensionTests(): void {
  describe('Creatio ConnectionStrings extension', () => {
    let document: vscode.TextDocument;

    before(async () => {
      document = await vscode.workspace.openTextDocument(workspaceFile('ConnectionStrings.config'));
      await vscode.window.showTextDocument(document);
    });

    afterEach(async () => {
      await vscode.workspace.getConfiguration('creatioConfig').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    });

    it('claims ConnectionStrings.config and activates', async () => {
      assert.equal(document.languageId, LANGUAGE_ID);
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, 'the extension is installed');
      await extension.activate();
      assert.equal(extension.isActive, true);
    });

    it('leaves an ordinary app.config to XML', async () => {
      const other = await vscode.workspace.openTextDocument(workspaceFile('app.config'));
      assert.notEqual(other.languageId, LANGUAGE_ID);
      assert.deepEqual(vscode.languages.getDiagnostics(other.uri).filter((d) => d.source === 'creatio-config'), []);
    });

    it('shows diagnostics with exact ranges', async () => {
      const diagnostics = await diagnosticsWhen(document.uri, (list) => list.length >= 2);
      assert.deepEqual(codes(diagnostics), ['comma-separator', 'unknown-key']);
      const unknownKey = diagnostics.find((d) => d.code && String((d.code as { value: string }).value ?? d.code) === 'unknown-key');
      assert.ok(unknownKey);
      assert.deepEqual(unknownKey.range, rangeOf(document, 'maxWritePoolSise'));
      assert.equal(unknownKey.severity, vscode.DiagnosticSeverity.Warning);
    });

    it('updates diagnostics after an edit', async () => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, rangeOf(document, 'port=6380'), 'port=70000');
      assert.equal(await vscode.workspace.applyEdit(edit), true);
      const diagnostics = await diagnosticsWhen(document.uri, (list) => codes(list).includes('invalid-number'));
      const invalid = diagnostics.find((d) => codes([d])[0] === 'invalid-number')!;
      assert.deepEqual(invalid.range, rangeOf(document, '70000'));

      const undo = new vscode.WorkspaceEdit();
      undo.replace(document.uri, rangeOf(document, 'port=70000'), 'port=6380');
      await vscode.workspace.applyEdit(undo);
      await diagnosticsWhen(document.uri, (list) => !codes(list).includes('invalid-number'));
    });

    it('applies a quick fix from the code action provider', async () => {
      const diagnostics = await diagnosticsWhen(document.uri, (list) => codes(list).includes('comma-separator'));
      const comma = diagnostics.find((d) => codes([d])[0] === 'comma-separator')!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, comma.range, vscode.CodeActionKind.QuickFix.value);
      const replace = actions.find((action) => action.title === "Replace ',' with ';'");
      assert.ok(replace?.edit, 'the comma fix is offered');
      assert.equal(replace.isPreferred, true);
      const before = document.getText();
      assert.equal(await vscode.workspace.applyEdit(replace.edit), true);
      assert.equal(document.getText(), before.replace('maxWritePoolSise=500, maxReadPoolSize', 'maxWritePoolSise=500; maxReadPoolSize'));
      await diagnosticsWhen(document.uri, (list) => !codes(list).includes('comma-separator'));
    });

    it('answers completion and hover', async () => {
      const position = rangeOf(document, 'useTls').start;
      const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
      assert.ok(completions.items.length > 0, 'completion offers items');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
      assert.ok(hovers.length > 0, 'hover answers on a key');
      const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
      assert.match(text, /useTls/);
    });

    it('turns a rule off through settings without a reload', async () => {
      await diagnosticsWhen(document.uri, (list) => codes(list).includes('unknown-key'));
      await vscode.workspace.getConfiguration('creatioConfig').update('rules', { 'unknown-key': 'off' }, vscode.ConfigurationTarget.Workspace);
      const diagnostics = await diagnosticsWhen(document.uri, (list) => !codes(list).includes('unknown-key'));
      assert.deepEqual(codes(diagnostics), []);
    });

    it('applies the safe fixes on save', async () => {
      const other = await vscode.workspace.openTextDocument(workspaceFile('save/ConnectionStrings.config'));
      await vscode.window.showTextDocument(other);
      await diagnosticsWhen(other.uri, (list) => codes(list).includes('key-case'));
      const editor = vscode.workspace.getConfiguration('editor', { languageId: LANGUAGE_ID });
      await editor.update('codeActionsOnSave', { 'source.fixAll': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
      try {
        const before = other.getText();
        await vscode.commands.executeCommand('workbench.action.files.save');
        assert.equal(other.getText(), before.replace('UseTls=true, password', 'useTls=true; password'));
        assert.notEqual(other.getText(), before);
      } finally {
        await editor.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
        await vscode.window.showTextDocument(document);
      }
    });

    it('restarts the server', async () => {
      await vscode.commands.executeCommand('creatioConfig.restartServer');
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, rangeOf(document, 'port=6380'), 'port=0');
      await vscode.workspace.applyEdit(edit);
      const diagnostics = await diagnosticsWhen(document.uri, (list) => codes(list).includes('invalid-number'));
      assert.ok(diagnostics.length > 0);
    });
  });
}
