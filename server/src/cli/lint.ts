/**
 * The command line of `creatio-config-lint`, the command-line linter for ConnectionStrings.config. It
 * runs the analysis of the language server with the same settings, for pipelines and scripts.
 */
import { version } from '../../../package.json';
import { helpText, parseArgs, ruleListText } from './args.js';
import { CliError, describeInternalError, EXIT_FAILURE, EXIT_OK, PROGRAM, UsageError } from './errors.js';
import { run, type Io } from './run.js';
import { runConnectionTestCli } from './testConnection.js';

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const io: Io = {
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  version,
  readStdin,
  writeStdout: (text) => {
    if (text) process.stdout.write(text);
  },
  writeError: (line) => process.stderr.write(`${PROGRAM}: ${line}\n`),
};

async function main(argv: string[]): Promise<number> {
  try {
    const options = parseArgs(argv);
    if (options.help) io.writeStdout(helpText());
    else if (options.version) io.writeStdout(`${version}\n`);
    else if (options.listRules) io.writeStdout(ruleListText());
    else if (options.testConnection) return await runConnectionTestCli(options, io);
    else return await run(options, io);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) io.writeError(`${error.message} Run ${PROGRAM} --help for the options.`);
    else if (error instanceof CliError) io.writeError(error.message);
    else io.writeError(`internal error: ${describeInternalError(error)}; please report it with the command that caused it.`);
    return EXIT_FAILURE;
  }
}

/** Runs the linter with `argv` (without the node and script paths) and sets the exit code. */
export function runLinter(argv: string[]): void {
  // A reader that stops early, such as `| head`, closes the pipe. That is not a failure of the linter.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
    io.writeError(`writing the report to standard output failed (${error.code ?? error.name}); check where the output goes.`);
    process.exit(EXIT_FAILURE);
  });

  void main(argv).then((code) => {
    process.exitCode = code;
  });
}
