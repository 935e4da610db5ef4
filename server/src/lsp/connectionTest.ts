/**
 * The "Test Redis connection" command and the code lens that offers it on each Redis entry. The
 * test runs only when the user asks for it, and only against the hosts the file names and, for
 * Sentinel, the master address that those Sentinels return.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeLens } from 'vscode-languageserver';
import { formatConnectionReport, testRedisConnection } from '../connection/index.js';
import { targetFromRedis } from '../connection/fromEntry.js';
import type { RedisConnectionString } from '../model/configDocument.js';
import { maskSecrets } from '../model/secrets.js';
import { toRange } from './convert.js';
import type { CreatioConfigServer } from './server.js';

export const COMMAND_TEST_CONNECTION = 'creatioConfig.server.testConnection';
/**
 * The VS Code client's command, which shows the result. Other clients get the server's own
 * command in the lens, which they send back with workspace/executeCommand.
 */
const CLIENT_TEST_CONNECTION = 'creatioConfig.testConnection';

export interface ConnectionTestResult {
  ok: boolean;
  lines: string[];
}

function testable(redis: RedisConnectionString): boolean {
  return !redis.foreign && !redis.placeholder;
}

/** Runs the connection test on the Redis entry at `offset`, or the first one. */
export async function runConnectionTest(server: CreatioConfigServer, uri: string, offset: number | undefined): Promise<ConnectionTestResult> {
  if (!server.trusted) {
    return { ok: false, lines: ['The connection test does not run in an untrusted workspace, because it opens network connections and reads certificate files. Trust the workspace to test the connection.'] };
  }
  const document = server.documents.get(uri);
  if (!document) return { ok: false, lines: ['Open the ConnectionStrings.config file to test its Redis connection.'] };

  const { result, settings } = await server.currentAnalysis(document);
  const candidates = result.document.redis.filter(testable);
  const chosen = (offset === undefined ? undefined : candidates.find((r) => r.entry.element.tagSpan.start <= offset && offset <= r.entry.element.tagSpan.end)) ?? candidates[0];
  if (!chosen) return { ok: false, lines: [`No Redis connection string (${settings.redisConnectionNames.join(', ')}) in this file to test.`] };

  const folder = uri.startsWith('file:') ? dirname(fileURLToPath(uri)) : undefined;
  const built = targetFromRedis(chosen, folder, settings.creatioVersion);
  if ('problem' in built) return { ok: false, lines: [built.problem] };

  const ca = settings.connectionTestCaCertificatePath;
  const caCertificatePath = ca && folder && !isAbsolute(ca) ? resolve(folder, ca) : ca || undefined;
  const report = await testRedisConnection(built.target, { timeoutMs: settings.connectionTestTimeoutMs, caCertificatePath });
  // The report masks the secrets it was given; this also masks a password glued to another value.
  return { ok: report.ok, lines: [`Entry '${chosen.entry.name}':`, ...formatConnectionReport(report)].map(maskSecrets) };
}

/** Returns one "Test Redis connection" lens per Redis entry. */
export async function connectionTestLenses(server: CreatioConfigServer, uri: string): Promise<CodeLens[]> {
  const document = server.documents.get(uri);
  if (!document) return [];
  const { result } = await server.currentAnalysis(document);
  const entries = new Set(result.document.redis.filter(testable).map((redis) => redis.entry));
  return [...entries].map((entry) => ({
    range: toRange(document, entry.element.nameSpan),
    command: { title: 'Test Redis connection', command: server.clientShowsConnectionTests ? CLIENT_TEST_CONNECTION : COMMAND_TEST_CONNECTION, arguments: [uri, entry.element.tagSpan.start] },
  }));
}
