/** Exit codes of creatio-config-lint and the error type that carries a user-facing message. */

export const EXIT_OK = 0;
/** Lint errors were found, or more warnings than `--max-warnings` allows. */
export const EXIT_PROBLEMS = 1;
/** A usage error, a missing or unreadable file, or an internal failure. */
export const EXIT_FAILURE = 2;

export const PROGRAM = 'creatio-config-lint';

/** A failure whose one-line message for stderr names the file and the next step for the user. */
export class CliError extends Error {
  override name = 'CliError';
}

/** A problem with the command line, reported with a pointer to `--help`. */
export class UsageError extends CliError {
  override name = 'UsageError';
}

/**
 * Describes an unexpected exception by its type and first stack frame only, because the message of
 * an error raised while reading a config file may quote its text, secrets included.
 */
export function describeInternalError(error: unknown): string {
  const where = (error as Error)?.stack?.split('\n')[1]?.trim() ?? 'unknown location';
  return `${(error as Error)?.name ?? 'an error'} ${where}`;
}
