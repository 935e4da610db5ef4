/**
 * Finds the settings that apply to a checked file, as VS Code would: the `creatioConfig.*` keys of
 * the nearest workspace's .vscode/settings.json, or of the file given with --config, then the
 * --rule and --creatio-version overrides of the command line.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
// The ESM build, because esbuild cannot follow the require calls inside the package's UMD build.
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import type { SeveritySetting } from '../analysis/types.js';
import { RULES } from '../rules/index.js';
import { resolveSettings, SETTINGS_SECTION, type Settings } from '../settings.js';
import { CliError } from './errors.js';

export const WORKSPACE_SETTINGS = join('.vscode', 'settings.json');

export interface SettingsOverrides {
  /** A settings file that replaces the workspace lookup. */
  config: string | undefined;
  rules: Record<string, SeveritySetting>;
  creatioVersion: string | undefined;
}

export interface ResolvedSettings {
  settings: Settings;
  /** The settings file read, or undefined when the built-in defaults apply. */
  source: string | undefined;
}

export class SettingsResolver {
  /** Settings, or the error that reading them raised, per settings file. The key '' means no file. */
  private readonly byFile = new Map<string, ResolvedSettings | CliError>();
  private readonly fileByFolder = new Map<string, string | undefined>();

  constructor(
    private readonly overrides: SettingsOverrides,
    private readonly cwd: string,
    private readonly warn: (line: string) => void,
  ) {}

  /**
   * Returns the settings for a checked file, reading each settings file once. Raises CliError when
   * the settings file cannot be read or parsed, for every file that depends on it.
   */
  forFile(path: string): ResolvedSettings {
    const source = this.overrides.config !== undefined ? resolve(this.cwd, this.overrides.config) : this.findWorkspaceSettings(dirname(resolve(this.cwd, path)));
    const key = source ?? '';
    if (!this.byFile.has(key)) this.byFile.set(key, this.resolveSource(source));

    const resolved = this.byFile.get(key)!;
    if (resolved instanceof CliError) throw resolved;
    return resolved;
  }

  private resolveSource(source: string | undefined): ResolvedSettings | CliError {
    try {
      return { settings: this.applyOverrides(source ? this.load(source) : resolveSettings(undefined).settings), source };
    } catch (error) {
      if (error instanceof CliError) return error;
      throw error;
    }
  }

  /** Walks up from `folder` to the first .vscode/settings.json, as the workspace of that file. */
  private findWorkspaceSettings(folder: string): string | undefined {
    const visited: string[] = [];
    let found: string | undefined;
    for (let current = folder; ; current = dirname(current)) {
      if (this.fileByFolder.has(current)) {
        found = this.fileByFolder.get(current);
        break;
      }
      visited.push(current);
      const candidate = join(current, WORKSPACE_SETTINGS);
      if (isFile(candidate)) {
        found = candidate;
        break;
      }
      if (dirname(current) === current) break;
    }
    for (const folderOnPath of visited) this.fileByFolder.set(folderOnPath, found);
    return found;
  }

  private load(path: string): Settings {
    const section = readSection(path);
    const { settings, problems } = resolveSettings(section);
    for (const problem of problems) this.warn(`${path}: ${problem}`);

    const known = new Set(RULES.map((rule) => rule.id));
    for (const id of Object.keys(settings.rules)) {
      if (!known.has(id)) this.warn(`${path}: ${SETTINGS_SECTION}.rules names an unknown rule '${id}', which has no effect; --list-rules shows every id.`);
    }
    return settings;
  }

  private applyOverrides(settings: Settings): Settings {
    return {
      ...settings,
      rules: { ...settings.rules, ...this.overrides.rules },
      creatioVersion: this.overrides.creatioVersion ?? settings.creatioVersion,
    };
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Reads the `creatioConfig` section of a settings.json-style file. Both ways VS Code accepts are
 * read: flat keys such as "creatioConfig.rules" and a nested "creatioConfig" object. When a setting
 * appears twice, the later one wins, as it does in VS Code.
 */
export function readSection(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf-8');
  } catch (error) {
    throw new CliError(`Settings file ${path}: ${describeReadError(error)}; check the path or the --config option.`);
  }

  const errors: ParseError[] = [];
  const root: unknown = parse(text.replace(/^\ufeff/, ''), errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  if (errors.length > 0) {
    const { line, column } = lineAndColumn(text, errors[0].offset);
    throw new CliError(`Settings file ${path}:${line}:${column}: invalid JSON (${printParseErrorCode(errors[0].error)}); correct the file or pass another one with --config.`);
  }
  if (root === undefined) return {};
  if (!isObject(root)) throw new CliError(`Settings file ${path}: expected a JSON object at the top level; correct the file or pass another one with --config.`);

  const section: Record<string, unknown> = {};
  const prefix = `${SETTINGS_SECTION}.`;
  for (const [key, value] of Object.entries(root)) {
    if (key === SETTINGS_SECTION && isObject(value)) Object.assign(section, value);
    else if (key.startsWith(prefix)) section[key.slice(prefix.length)] = value;
  }
  return section;
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'not found';
  if (code === 'EACCES') return 'permission denied';
  return `cannot be read (${code ?? 'unknown error'})`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
