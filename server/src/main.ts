/** Entry point of the language server: `creatio-config-server --stdio`. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { CreatioConfigServer } from './lsp/server.js';

const USAGE = `Usage: creatio-config-server --stdio

Starts the language server for Creatio's ConnectionStrings.config, speaking the Language Server
Protocol over standard input and output. Editors start it themselves; see the README.`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (!args.some((arg) => arg === '--stdio' || arg === '--node-ipc' || arg.startsWith('--socket') || arg.startsWith('--pipe'))) {
  process.stderr.write(`creatio-config-server: missing --stdio. ${USAGE}\n`);
  process.exit(2);
}

new CreatioConfigServer(createConnection(ProposedFeatures.all)).start();
