/**
 * Turns command-line arguments into the files to check: files as given, directories searched for
 * config files, globs with `*`, `**` and `?`, and `-` for standard input.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { STDIN_ARGUMENT } from './args.js';
import { CliError } from './errors.js';

export type Target = { kind: 'file'; path: string; displayPath: string } | { kind: 'stdin'; displayPath: string };

export interface Expansion {
  targets: Target[];
  /** Errors for arguments that named nothing checkable. The other targets are still checked. */
  errors: CliError[];
}

/** The names the extension claims: ConnectionStrings.config and ConnectionStrings.*.config. */
export const CONFIG_FILE_NAME = /^connectionstrings(\..+)?\.config$/i;
export const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

const GLOB_CHARACTERS = /[*?]/;

/** Expands every argument into targets, listing each file once, in argument order. */
export function expandArguments(patterns: readonly string[], cwd: string, stdinName: string): Expansion {
  const targets: Target[] = [];
  const errors: CliError[] = [];
  const seen = new Set<string>();
  const add = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    targets.push({ kind: 'file', path, displayPath: displayPathOf(path, cwd) });
  };

  for (const pattern of patterns) {
    if (pattern === STDIN_ARGUMENT) {
      targets.push({ kind: 'stdin', displayPath: stdinName });
      continue;
    }
    try {
      for (const path of expandOne(pattern, cwd)) add(path);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      errors.push(error);
    }
  }
  return { targets, errors };
}

function expandOne(pattern: string, cwd: string): string[] {
  const path = resolve(cwd, pattern);
  const kind = kindOf(path);
  if (kind === 'directory') {
    const found = walk(path, Infinity, cwd).filter((file) => CONFIG_FILE_NAME.test(file.slice(file.lastIndexOf(sep) + 1)));
    if (found.length === 0) throw new CliError(`${pattern}: no ConnectionStrings.config or ConnectionStrings.*.config in this folder or below; pass the file itself or check the path.`);
    return found;
  }
  if (kind === 'file') return [path];
  if (GLOB_CHARACTERS.test(pattern)) {
    const matches = expandGlob(pattern, cwd);
    if (matches.length === 0) throw new CliError(`${pattern}: no files match this pattern; check it, and quote it so that the shell passes it on unexpanded.`);
    return matches;
  }
  if (kind === 'unreadable') throw new CliError(`${pattern}: permission denied; make the file readable or check the path.`);
  throw new CliError(`${pattern}: file not found; check the path.`);
}

function kindOf(path: string): 'file' | 'directory' | 'missing' | 'unreadable' | 'other' {
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) return 'directory';
    return stats.isFile() ? 'file' : 'other';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EACCES' ? 'unreadable' : 'missing';
  }
}

/** Shows a path relative to the current directory with '/' separators, or absolute when outside it. */
export function displayPathOf(path: string, cwd: string): string {
  const relativePath = relative(cwd, path);
  const outside = relativePath === '' || relativePath === '..' || relativePath.startsWith(`..${sep}`) || isAbsolute(relativePath);
  return (outside ? path : relativePath).split(sep).join('/');
}

/**
 * Lists the files below `folder`, sorted, down to `depth` levels. Skips node_modules and .git, and
 * does not follow symbolic links to folders, so a link cycle cannot trap the walk.
 */
function walk(folder: string, depth: number, cwd: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${displayPathOf(folder, cwd)}: folder cannot be read (${code ?? 'unknown error'}); make it readable or pass the files inside it.`);
  }

  const files: string[] = [];
  // Sorted by code unit, not by locale, so the order is the same on every machine.
  entries.sort((a, b) => compareCodeUnits(a.name, b.name));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && depth > 1) files.push(...walk(path, depth - 1, cwd));
    } else if (entry.isFile() || (entry.isSymbolicLink() && kindOf(path) === 'file')) {
      files.push(path);
    }
  }
  return files;
}

function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Expands a glob: `*` and `?` match within one path segment, `**` matches any number of folders. */
export function expandGlob(pattern: string, cwd: string): string[] {
  const segments = pattern.split(sep === '\\' ? /[\\/]/ : '/');
  const firstGlob = segments.findIndex((segment) => GLOB_CHARACTERS.test(segment));
  const prefix = segments.slice(0, firstGlob).join('/');
  // A pattern such as '/*.config' has an empty first segment: the root, not the current directory.
  const base = prefix === '' && firstGlob > 0 ? resolve('/') : resolve(cwd, prefix || '.');
  const rest = segments.slice(firstGlob).filter((segment) => segment !== '');
  const depth = rest.includes('**') ? Infinity : rest.length;
  if (kindOf(base) !== 'directory') return [];

  const matcher = globToRegExp(rest);
  return walk(base, depth, cwd).filter((file) => matcher.test(relative(base, file).split(sep).join('/')));
}

/**
 * Compiles glob segments to a regular expression over '/'-separated relative paths. As in shells,
 * a wildcard does not match a name that starts with '.', unless the pattern segment starts with '.'.
 */
export function globToRegExp(segments: readonly string[]): RegExp {
  const parts = segments.map((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') return last ? '(?:(?!\\.)[^/]+(?:/|$))*' : '(?:(?!\\.)[^/]+/)*';
    const noDot = segment.startsWith('.') ? '' : '(?!\\.)';
    const body = segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
    return `${noDot}${body}${last ? '' : '/'}`;
  });
  return new RegExp(`^${parts.join('')}$`);
}
