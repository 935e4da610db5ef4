/**
 * The extension's settings. Every default is defined here once: the server, the command-line
 * linter and the manifest's `contributes.configuration` (written by scripts/sync-manifest.mjs)
 * all derive from these definitions.
 */
import type { SeveritySetting } from './analysis/types.js';

export interface Settings {
  /** Severity per rule id; rules not listed keep their default. */
  rules: Record<string, SeveritySetting>;
  /** Creatio version of the site, such as `8.1.0`; empty when unknown. */
  creatioVersion: string;
  /** Connection string names whose value is a Redis connection string. */
  redisConnectionNames: string[];
  /** Number of Redis databases the servers have (`databases` in redis.conf). */
  redisDatabaseCount: number;
  /** Whether certificate rules read the files that `certificatePath` names. */
  checkCertificateFiles: boolean;
  /** Timeout of the Redis connection test, in milliseconds. */
  connectionTestTimeoutMs: number;
  /** An extra CA certificate the connection test trusts; empty for none. */
  connectionTestCaCertificatePath: string;
}

interface SettingDefinition<K extends keyof Settings> {
  key: K;
  default: Settings[K];
  schema: Record<string, unknown>;
  description: string;
  isValid(value: unknown): value is Settings[K];
}

const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'];

function define<K extends keyof Settings>(definition: SettingDefinition<K>): SettingDefinition<K> {
  return definition;
}

export const SETTING_DEFINITIONS = [
  define({
    key: 'rules',
    default: {},
    schema: { type: 'object', additionalProperties: { type: 'string', enum: SEVERITIES } },
    description: 'Severity per rule id (error, warning, information, hint or off). Rules not listed keep their default severity.',
    isValid: (value): value is Record<string, SeveritySetting> =>
      typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((s) => SEVERITIES.includes(s as string)),
  }),
  define({
    key: 'creatioVersion',
    default: '',
    schema: { type: 'string', pattern: '^(\\d+(\\.\\d+){0,3})?$' },
    description: "Creatio version of the site, such as 8.1.0. Enables the rules that depend on the version (requires-newer-creatio, sentinel-retired). Empty means unknown.",
    isValid: (value): value is string => typeof value === 'string' && /^(\d+(\.\d+){0,3})?$/.test(value.trim()),
  }),
  define({
    key: 'redisConnectionNames',
    default: ['redis', 'redisSentinel'],
    schema: { type: 'array', items: { type: 'string' } },
    description: 'Connection string names whose value is a Redis connection string.',
    isValid: (value): value is string[] => Array.isArray(value) && value.length > 0 && value.every((name) => typeof name === 'string' && name.trim().length > 0),
  }),
  define({
    key: 'redisDatabaseCount',
    default: 16,
    schema: { type: 'integer', minimum: 1 },
    description: 'Number of databases of your Redis servers (databases in redis.conf). A db number at or above it is reported.',
    isValid: (value): value is number => Number.isInteger(value) && (value as number) >= 1,
  }),
  define({
    key: 'checkCertificateFiles',
    default: true,
    schema: { type: 'boolean' },
    description: 'Read the file that certificatePath names and report when it is missing, unreadable or expired. Turn off when the path belongs to another machine.',
    isValid: (value): value is boolean => typeof value === 'boolean',
  }),
  define({
    key: 'connectionTestTimeoutMs',
    default: 5000,
    schema: { type: 'integer', minimum: 100 },
    description: 'Timeout of the Redis connection test, in milliseconds.',
    isValid: (value): value is number => Number.isInteger(value) && (value as number) >= 100,
  }),
  define({
    key: 'connectionTestCaCertificatePath',
    default: '',
    schema: { type: 'string' },
    description: "A CA certificate file (PEM or DER) the connection test trusts besides Node's built-in roots, standing in for the trust store of the machine that runs Creatio. Relative paths start at the config file's folder.",
    isValid: (value): value is string => typeof value === 'string',
  }),
];

/** The trace setting is read by the language client, not by the analysis. */
export const TRACE_SETTING = {
  key: 'trace.server',
  default: 'off',
  schema: { type: 'string', enum: ['off', 'messages', 'verbose'] },
  description: 'Traces the communication between VS Code and the language server (secrets are never part of it).',
};

export const SETTINGS_SECTION = 'creatioConfig';

export const DEFAULT_SETTINGS: Settings = Object.freeze(
  Object.fromEntries(SETTING_DEFINITIONS.map((definition) => [definition.key, definition.default])),
) as unknown as Settings;

/**
 * Builds settings from a `creatioConfig` object of unknown shape. Invalid values fall back to their
 * default and are listed in `problems`, so a typo in settings.json never stops the analysis.
 */
export function resolveSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const isObject = typeof raw === 'object' && raw !== null && !Array.isArray(raw);
  const source = isObject ? (raw as Record<string, unknown>) : {};
  const settings = { ...DEFAULT_SETTINGS } as Record<string, unknown>;
  const problems: string[] = [];
  if (!isObject && raw !== undefined && raw !== null) problems.push(`Setting ${SETTINGS_SECTION} is not an object; using the defaults of every setting.`);

  for (const definition of SETTING_DEFINITIONS) {
    const value = source[definition.key];
    if (value === undefined || value === null) continue;
    if (definition.isValid(value)) settings[definition.key] = value;
    else if (definition.key === 'rules' && typeof value === 'object' && !Array.isArray(value)) settings.rules = validRules(value as Record<string, unknown>, problems);
    else problems.push(`Setting ${SETTINGS_SECTION}.${definition.key} has an invalid value; using the default ${JSON.stringify(definition.default)}.`);
  }
  return { settings: settings as unknown as Settings, problems };
}

/** Keeps the valid entries of a `rules` object, so one misspelled severity does not drop the others. */
function validRules(rules: Record<string, unknown>, problems: string[]): Record<string, SeveritySetting> {
  const valid: Record<string, SeveritySetting> = {};
  for (const [id, severity] of Object.entries(rules)) {
    if (typeof severity === 'string' && SEVERITIES.includes(severity)) valid[id] = severity as SeveritySetting;
    else problems.push(`Setting ${SETTINGS_SECTION}.rules has the invalid severity ${JSON.stringify(severity)} for ${id}; expected ${SEVERITIES.join(', ')}. That rule keeps its default.`);
  }
  return valid;
}
