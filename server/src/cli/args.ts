/** Command-line options of creatio-config-lint: their table, the parser and the help text. */
import type { SeveritySetting } from '../analysis/types.js';
import { RULES } from '../rules/index.js';
import { editDistance } from '../rules/text.js';
import { DEFAULT_SETTINGS, SETTING_DEFINITIONS, SETTINGS_SECTION } from '../settings.js';
import { PROGRAM, UsageError } from './errors.js';

export const FORMATS = ['stylish', 'json', 'sarif'] as const;
export type FormatName = (typeof FORMATS)[number];

/** Severities a rule accepts, read from the schema of the `rules` setting. */
export const RULE_SEVERITIES: readonly SeveritySetting[] = (() => {
  const schema = SETTING_DEFINITIONS.find((definition) => definition.key === 'rules')!.schema;
  return (schema.additionalProperties as { enum: SeveritySetting[] }).enum;
})();

export const STDIN_ARGUMENT = '-';
export const DEFAULT_STDIN_NAME = '<stdin>';

export interface CliOptions {
  /** Files, directories, globs and `-` for standard input. */
  patterns: string[];
  format: FormatName;
  /** A settings.json-style file used in place of the nearest .vscode/settings.json. */
  config: string | undefined;
  /** Severity overrides from `--rule`, applied over the settings file. */
  rules: Record<string, SeveritySetting>;
  creatioVersion: string | undefined;
  fix: boolean;
  fixDryRun: boolean;
  quiet: boolean;
  /** Maximum number of warnings before the exit code is 1, or -1 for no limit. */
  maxWarnings: number;
  stdinFilename: string;
  /** True with `--color`, false with `--no-color`, and undefined when the terminal decides. */
  color: boolean | undefined;
  help: boolean;
  version: boolean;
  listRules: boolean;
  /** Test the Redis connection of the one file named instead of linting. */
  testConnection: boolean;
  /** Timeout of the connection test in milliseconds, over the settings file. */
  timeoutMs: number | undefined;
  /** An extra CA certificate the connection test trusts, over the settings file. */
  caCertificate: string | undefined;
}

export const DEFAULT_OPTIONS: CliOptions = Object.freeze({
  patterns: ['.'],
  format: 'stylish',
  config: undefined,
  rules: {},
  creatioVersion: undefined,
  fix: false,
  fixDryRun: false,
  quiet: false,
  maxWarnings: -1,
  stdinFilename: DEFAULT_STDIN_NAME,
  color: undefined,
  help: false,
  version: false,
  listRules: false,
  testConnection: false,
  timeoutMs: undefined,
  caCertificate: undefined,
}) as CliOptions;

interface OptionSpec {
  flags: string[];
  /** Name of the value in the help text, absent for a switch. */
  value?: string;
  description: string;
  defaultText?: string;
  apply(options: CliOptions, value: string): void;
}

const versionSetting = SETTING_DEFINITIONS.find((definition) => definition.key === 'creatioVersion')!;

const OPTION_SPECS: OptionSpec[] = [
  {
    flags: ['-f', '--format'],
    value: 'NAME',
    description: `Output format: ${FORMATS.join(', ')}. sarif is SARIF 2.1.0 for GitHub code scanning.`,
    defaultText: DEFAULT_OPTIONS.format,
    apply: (options, value) => (options.format = parseFormat(value)),
  },
  {
    flags: ['-c', '--config'],
    value: 'FILE',
    description: `Read the ${SETTINGS_SECTION}.* settings from FILE (settings.json format, comments allowed) instead of the nearest .vscode/settings.json above each checked file.`,
    defaultText: 'the nearest .vscode/settings.json, else the built-in defaults',
    apply: (options, value) => (options.config = value),
  },
  {
    flags: ['--rule'],
    value: 'ID=SEVERITY',
    description: `Set the severity of one rule (${RULE_SEVERITIES.join(', ')}), over the settings file. Repeatable. --list-rules shows the ids.`,
    defaultText: 'each rule\'s default severity',
    apply: (options, value) => addRuleOverride(options, value),
  },
  {
    flags: ['--creatio-version'],
    value: 'VERSION',
    description: 'Creatio version of the site, such as 8.1.0, over the settings file. Enables the rules that depend on the version.',
    defaultText: DEFAULT_SETTINGS.creatioVersion === '' ? 'unknown' : DEFAULT_SETTINGS.creatioVersion,
    apply: (options, value) => (options.creatioVersion = parseCreatioVersion(value)),
  },
  {
    flags: ['--fix'],
    description: 'Apply the safe fixes in place, keeping encoding, BOM and line endings, then report what is left.',
    defaultText: 'off',
    apply: (options) => (options.fix = true),
  },
  {
    flags: ['--fix-dry-run'],
    description: 'Print the safe fixes as a unified diff instead of the report, and change no file. Secret values appear as ••••, so the diff is for review, not for patch. The exit code is the one --fix would give.',
    defaultText: 'off',
    apply: (options) => (options.fixDryRun = true),
  },
  {
    flags: ['-q', '--quiet'],
    description: 'Report errors only; warnings then do not count towards --max-warnings.',
    defaultText: 'off',
    apply: (options) => (options.quiet = true),
  },
  {
    flags: ['--max-warnings'],
    value: 'N',
    description: 'Exit with code 1 when more than N warnings are found (information and hints do not count).',
    defaultText: DEFAULT_OPTIONS.maxWarnings === -1 ? 'no limit' : String(DEFAULT_OPTIONS.maxWarnings),
    apply: (options, value) => (options.maxWarnings = parseCount(value)),
  },
  {
    flags: ['--stdin-filename'],
    value: 'PATH',
    description: `Name of the text read from standard input ('${STDIN_ARGUMENT}'), used in the report and to find the settings and the site's files beside it.`,
    defaultText: `${DEFAULT_OPTIONS.stdinFilename}, with settings looked up from the current directory and no site files`,
    apply: (options, value) => (options.stdinFilename = value),
  },
  {
    flags: ['--color'],
    description: 'Colour the stylish report even when the output is not a terminal.',
    defaultText: 'only on a terminal; NO_COLOR and FORCE_COLOR are honoured',
    apply: (options) => (options.color = true),
  },
  {
    flags: ['--test-connection'],
    description:
      'Instead of linting, connect to the Redis server that the first Redis entry of the one FILE given names, as Creatio would (TLS, client certificate, password), and report the result. ' +
      'For a Sentinel entry, ask each Sentinel in sentinelHosts for the address of masterName, then test that master. Exit code 0 when the connection works, 1 when it fails.',
    defaultText: 'off',
    apply: (options) => (options.testConnection = true),
  },
  {
    flags: ['--timeout'],
    value: 'MS',
    description: 'Timeout of --test-connection in milliseconds, over the settings file.',
    defaultText: String(DEFAULT_SETTINGS.connectionTestTimeoutMs),
    apply: (options, value) => (options.timeoutMs = parseTimeout(value)),
  },
  {
    flags: ['--ca'],
    value: 'FILE',
    description: "A CA certificate (PEM or DER) that --test-connection trusts besides Node's built-in roots, standing in for the trust store of the machine that runs Creatio.",
    defaultText: 'creatioConfig.connectionTestCaCertificatePath, else none',
    apply: (options, value) => (options.caCertificate = value),
  },
  { flags: ['--no-color'], description: 'Never colour the report.', apply: (options) => (options.color = false) },
  { flags: ['--list-rules'], description: 'List the rule ids with their default severities and exit.', apply: (options) => (options.listRules = true) },
  { flags: ['-h', '--help'], description: 'Show this help and exit.', apply: (options) => (options.help = true) },
  { flags: ['-v', '--version'], description: 'Show the version and exit.', apply: (options) => (options.version = true) },
];

/** Parses `argv` without the node and script paths. Raises UsageError on a bad command line. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { ...DEFAULT_OPTIONS, rules: {}, patterns: [] };
  let onlyPatterns = false;

  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (onlyPatterns || argument === STDIN_ARGUMENT || !argument.startsWith('-')) {
      options.patterns.push(argument);
      continue;
    }
    if (argument === '--') {
      onlyPatterns = true;
      continue;
    }

    const equals = argument.startsWith('--') ? argument.indexOf('=') : -1;
    const flag = equals > 0 ? argument.slice(0, equals) : argument;
    const spec = OPTION_SPECS.find((candidate) => candidate.flags.includes(flag));
    if (!spec) throw new UsageError(`Unknown option '${flag}'.`);

    if (!spec.value) {
      if (equals > 0) throw new UsageError(`Option ${flag} takes no value, but '${argument}' gives one.`);
      spec.apply(options, '');
      continue;
    }
    const value = equals > 0 ? argument.slice(equals + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`Option ${flag} needs a value (${spec.value}).`);
    spec.apply(options, value);
  }

  checkCombinations(options);
  if (options.patterns.length === 0) options.patterns = [...DEFAULT_OPTIONS.patterns];
  return options;
}

function checkCombinations(options: CliOptions): void {
  const stdinCount = options.patterns.filter((pattern) => pattern === STDIN_ARGUMENT).length;
  if (stdinCount > 1) throw new UsageError(`Standard input ('${STDIN_ARGUMENT}') can be read only once.`);
  if (options.testConnection && (options.fix || options.fixDryRun)) throw new UsageError('--test-connection cannot be combined with --fix or --fix-dry-run.');
  if (!options.testConnection && (options.timeoutMs !== undefined || options.caCertificate !== undefined)) {
    throw new UsageError('--timeout and --ca apply to --test-connection only.');
  }
  if (options.fix && options.fixDryRun) throw new UsageError('Use either --fix or --fix-dry-run, not both.');
  if (options.fix && stdinCount > 0) throw new UsageError(`--fix cannot write back to standard input; use --fix-dry-run to see the changes.`);
  if (options.stdinFilename !== DEFAULT_OPTIONS.stdinFilename && stdinCount === 0) {
    throw new UsageError(`--stdin-filename applies to standard input only; add '${STDIN_ARGUMENT}' to the arguments.`);
  }
}

function parseFormat(value: string): FormatName {
  const format = FORMATS.find((name) => name === value);
  if (!format) throw new UsageError(`Invalid --format '${value}'; expected ${FORMATS.join(', ')}.`);
  return format;
}

function parseCount(value: string): number {
  // -1 means no limit, as in ESLint, so scripts written for it keep working.
  if (!/^(\d+|-1)$/.test(value)) throw new UsageError(`Invalid --max-warnings '${value}'; expected a whole number of 0 or more, or -1 for no limit.`);
  return Number(value);
}

function parseTimeout(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 100) throw new UsageError(`Invalid --timeout '${value}'; expected milliseconds, 100 or more.`);
  return Number(value);
}

function parseCreatioVersion(value: string): string {
  if (!versionSetting.isValid(value)) throw new UsageError(`Invalid --creatio-version '${value}'; expected numbers separated by dots, such as 8.1.0.`);
  return value.trim();
}

function addRuleOverride(options: CliOptions, value: string): void {
  const equals = value.indexOf('=');
  if (equals <= 0) throw new UsageError(`Invalid --rule '${value}'; expected ID=SEVERITY, such as unknown-key=off.`);
  const id = value.slice(0, equals).trim();
  const severity = value.slice(equals + 1).trim();

  if (!RULES.some((rule) => rule.id === id)) throw new UsageError(`Unknown rule '${id}' in --rule${suggestRule(id)}; --list-rules shows every id.`);
  const known = RULE_SEVERITIES.find((candidate) => candidate === severity);
  if (!known) throw new UsageError(`Invalid severity '${severity}' for rule ${id}; expected ${RULE_SEVERITIES.join(', ')}.`);
  options.rules[id] = known;
}

function suggestRule(id: string): string {
  const closest = RULES.map((rule) => ({ id: rule.id, distance: editDistance(id.toLowerCase(), rule.id) })).sort((a, b) => a.distance - b.distance)[0];
  return closest && closest.distance <= 3 ? ` (did you mean ${closest.id}?)` : '';
}

/** Builds the `--help` text from the option table, so every default shown is the one in force. */
export function helpText(width = 80): string {
  const lines = [
    `Usage: ${PROGRAM} [options] [file | directory | glob | ${STDIN_ARGUMENT}]...`,
    '',
    "Checks Creatio's ConnectionStrings.config files with the rules and settings",
    'of the VS Code extension.',
    '',
    'Arguments:',
    ...describe('file', 'A config file, checked whatever its name.', width),
    ...describe('directory', 'Searched recursively for ConnectionStrings.config and ConnectionStrings.*.config (any letter case), skipping node_modules and .git.', width),
    ...describe('glob', "A pattern with *, ** and ?, such as 'sites/**/ConnectionStrings*.config'. Quote it so that the shell passes it on unexpanded.", width),
    ...describe(STDIN_ARGUMENT, 'Standard input.', width),
    ...describe('', `Default: ${DEFAULT_OPTIONS.patterns.join(' ')} (the current directory).`, width),
    '',
    'Options:',
  ];
  for (const spec of OPTION_SPECS) {
    const name = spec.flags.join(', ') + (spec.value ? ` ${spec.value}` : '');
    const text = spec.defaultText ? `${spec.description} Default: ${spec.defaultText}.` : spec.description;
    lines.push(...describe(name, text, width));
  }
  lines.push(
    '',
    'Exit codes:',
    ...describe('0', 'No errors, and no more warnings than --max-warnings allows.', width),
    ...describe('1', 'Errors found, or more warnings than --max-warnings allows.', width),
    ...describe('2', 'A usage error, a missing, unreadable or binary file, or an internal failure.', width),
  );
  return `${lines.join('\n')}\n`;
}

/** Lists every rule id with its default severity and summary. */
export function ruleListText(): string {
  const idWidth = Math.max(...RULES.map((rule) => rule.id.length));
  const severityWidth = Math.max(...RULES.map((rule) => rule.defaultSeverity.length));
  return RULES.map((rule) => `${rule.id.padEnd(idWidth)}  ${rule.defaultSeverity.padEnd(severityWidth)}  ${rule.summary}`).join('\n') + '\n';
}

const NAME_COLUMN = 30;

/** Lays out one help entry: the name in the first column, the text wrapped in the second. */
function describe(name: string, text: string, width: number): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && NAME_COLUMN + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);

  const first = `  ${name}`;
  const head = first.length < NAME_COLUMN ? first.padEnd(NAME_COLUMN) + lines[0] : `${first}\n${' '.repeat(NAME_COLUMN)}${lines[0]}`;
  return [head, ...lines.slice(1).map((rest) => ' '.repeat(NAME_COLUMN) + rest)];
}
