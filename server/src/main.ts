/**
 * Entry point of the one server bundle. Run directly, it is the language server
 * (`creatio-config-server --stdio`). `dist/lint.js` requires it and calls `runLinter`, so the
 * editor and the command-line linter ship one copy of the analysis.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { CreatioConfigServer } from './lsp/server.js';
import { runLinter } from './cli/lint.js';

export { runLinter };

const USAGE = `Usage: creatio-config-server --stdio

Starts the language server for Creatio's ConnectionStrings.config, speaking the Language Server
Protocol over standard input and output. Editors start it themselves; see the README.`;

/** Starts the language server on the transport that `args` names. */
export function startLanguageServer(args: string[]): void {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (!args.some((arg) => arg === '--stdio' || arg === '--node-ipc' || arg.startsWith('--socket') || arg.startsWith('--pipe'))) {
    process.stderr.write(`creatio-config-server: missing --stdio. ${USAGE}\n`);
    process.exit(2);
  }
  new CreatioConfigServer(createConnection(ProposedFeatures.all)).start();
}

if (require.main === module) startLanguageServer(process.argv.slice(2));
