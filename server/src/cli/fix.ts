/** Writes fixed files back atomically, with the bytes of everything the fixes did not touch. */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError } from './errors.js';

/**
 * Replaces the file at `path` with `bytes`: writes a temporary file in the same folder, flushes it
 * to disk, then renames it over the original, so a reader never sees half a file. A symbolic link
 * is resolved first, so the link stays and its target is replaced. The permission bits are kept;
 * the owner becomes the user who runs the command.
 * Raises CliError when the file changed since `original` was read, or cannot be written.
 */
export function writeFileAtomically(path: string, displayPath: string, original: Uint8Array, bytes: Uint8Array): void {
  const target = realpathSync(path);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const mode = statSync(target).mode & 0o7777;

  try {
    const descriptor = openSync(temporary, 'wx', mode);
    try {
      writeSync(descriptor, bytes);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    // openSync applies the umask to `mode`, so the bits are set again to match the original exactly.
    chmodSync(temporary, mode);

    if (!Buffer.from(original).equals(readFileSync(target))) {
      throw new CliError(`${displayPath}: changed while it was being fixed, so it was left as it is; run the command again.`);
    }
    renameSync(temporary, target);
  } catch (error) {
    removeQuietly(temporary);
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new CliError(`${displayPath}: the fixed file cannot be written (${code}); check that you may write to its folder.`);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // The temporary file was never created, or the rename already moved it.
  }
}
