/**
 * `creatio-config-lint --test-connection FILE`: the editor's "Test Redis connection" on the
 * command line, with the same code. It connects only to the hosts the file names and, for
 * Sentinel, to the master address that those Sentinels return.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { testRedisConnection, formatConnectionReport } from '../connection/index.js';
import { targetFromRedis } from '../connection/fromEntry.js';
import { buildConfigDocument } from '../model/configDocument.js';
import { withSiteRedisName } from '../model/siteContext.js';
import { maskSecrets } from '../model/secrets.js';
import { SiteReader } from '../site/siteReader.js';
import type { CliOptions } from './args.js';
import { decodeFile } from './encoding.js';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_PROBLEMS, UsageError } from './errors.js';
import type { Io } from './run.js';
import { SettingsResolver } from './settingsFile.js';

/** Runs the connection test on the first Redis entry of the one file named; returns the exit code. */
export async function runConnectionTestCli(options: CliOptions, io: Io): Promise<number> {
  if (options.patterns.length !== 1 || options.patterns[0] === '-' || options.patterns[0] === '.') {
    throw new UsageError('--test-connection takes exactly one config file, such as --test-connection ConnectionStrings.config.');
  }
  const path = resolve(io.cwd, options.patterns[0]);

  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new CliError(`${options.patterns[0]}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the path.`);
  }
  const text = decodeFile(bytes, options.patterns[0]).text;
  const resolver = new SettingsResolver(options, io.cwd, (line) => io.writeError(`warning: ${line}`));
  const { settings: base } = resolver.forFile(path);
  const settings = { ...base, connectionTestTimeoutMs: options.timeoutMs ?? base.connectionTestTimeoutMs };

  const site = await new SiteReader().read(path, text, settings, true);
  const effective = withSiteRedisName(settings, site);
  const redis = buildConfigDocument(text, effective).redis.find((r) => !r.foreign && !r.placeholder);
  if (!redis) {
    io.writeError(`${options.patterns[0]}: no Redis connection string (${effective.redisConnectionNames.join(', ')}) to test.`);
    return EXIT_FAILURE;
  }

  const folder = dirname(path);
  const built = targetFromRedis(redis, folder, effective.creatioVersion);
  if ('problem' in built) {
    io.writeError(`${options.patterns[0]}: ${built.problem}`);
    return EXIT_FAILURE;
  }
  // A --ca path is relative to the current folder; the setting's path to the config file's folder.
  const ca = options.caCertificate ?? (effective.connectionTestCaCertificatePath || undefined);
  const caBase = options.caCertificate ? io.cwd : folder;
  const caCertificatePath = ca && !isAbsolute(ca) ? resolve(caBase, ca) : ca;
  const report = await testRedisConnection(built.target, { timeoutMs: effective.connectionTestTimeoutMs, caCertificatePath });
  const lines = [`Entry '${redis.entry.name}' of ${options.patterns[0]}:`, ...formatConnectionReport(report)].map(maskSecrets);
  io.writeStdout(`${lines.join('\n')}\n`);
  return report.ok ? EXIT_OK : EXIT_PROBLEMS;
}
