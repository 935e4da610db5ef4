/**
 * Turns one Redis connection string of the file into the connection Creatio would open, for the
 * connection test. Values the test cannot know (placeholders) stop it with a plain reason.
 */
import { isAbsolute, resolve } from 'node:path';
import { booleanValue, firstPair, isTlsOn, type RedisConnectionString } from '../model/configDocument.js';
import { isDocPlaceholder, isPlaceholder } from '../model/placeholders.js';
import { hostListEntries, entryShape } from '../rules/hostList.js';
import { compareVersions, parseVersion } from '../model/version.js';
import type { RedisEndpoint, RedisTarget } from './target.js';

export type TargetResult = { target: RedisTarget } | { problem: string };

const DEFAULT_PORT = 6379;
const HOST_NAME = /^(?:[A-Za-z0-9_.-]+|\[[0-9A-Fa-f:.]+\])$/;

function literal(redis: RedisConnectionString, key: string): string | undefined | null {
  const pair = firstPair(redis, key);
  if (!pair || pair.value.length === 0) return undefined;
  // null marks a value that something else fills in before Creatio reads the file.
  return isPlaceholder(pair.value) || isDocPlaceholder(pair.value) ? null : pair.value;
}

function hostList(redis: RedisConnectionString, key: string): RedisEndpoint[] | string {
  const pair = firstPair(redis, key)!;
  const endpoints: RedisEndpoint[] = [];
  for (const entry of hostListEntries(pair)) {
    if (entryShape(entry.text).kind !== 'valid') return `a ${key} entry is not host:port`;
    const colon = entry.text.lastIndexOf(':');
    const host = entry.text.slice(0, colon);
    if (!HOST_NAME.test(host)) return `a ${key} entry is not host:port (is a ';' missing after it?)`;
    endpoints.push({ host: host.replace(/^\[|\]$/g, ''), port: Number(entry.text.slice(colon + 1)) });
  }
  return endpoints;
}

type Endpoints = Pick<RedisTarget, 'topology' | 'hosts' | 'masterName'>;

function endpoints(redis: RedisConnectionString): Endpoints | string {
  if (firstPair(redis, 'clusterHosts')) {
    const hosts = hostList(redis, 'clusterHosts');
    return typeof hosts === 'string' ? hosts : { topology: 'cluster', hosts };
  }
  if (firstPair(redis, 'sentinelHosts')) {
    const hosts = hostList(redis, 'sentinelHosts');
    if (typeof hosts === 'string') return hosts;
    const masterName = literal(redis, 'masterName');
    if (masterName === undefined) return 'it names no masterName to ask the Sentinels for';
    if (masterName === null) return 'its masterName is a placeholder';
    return { topology: 'sentinel', hosts, masterName };
  }
  const host = literal(redis, 'host');
  if (host === undefined) return 'it names no host';
  if (host === null) return 'its host is a placeholder';
  // A missing ';' glues the next pair, perhaps a password, to the host: never look that name up.
  if (!HOST_NAME.test(host)) return "its host is not a host name (is a ';' missing after it?)";
  const port = literal(redis, 'port');
  if (port === null || (port !== undefined && !/^\d{1,5}$/.test(port))) return 'its port is not a number';
  return { topology: 'standalone', hosts: [{ host, port: port === undefined ? DEFAULT_PORT : Number(port) }] };
}

const PASSWORD_NEEDS_TLS_SINCE = [8, 0, 2];

function readsPasswordOnlyWithTls(creatioVersion: string): boolean {
  const version = parseVersion(creatioVersion);
  return version !== undefined && compareVersions(version, PASSWORD_NEEDS_TLS_SINCE) >= 0;
}

/** Builds the target of `redis`; `configFolder` resolves a relative certificatePath. */
export function targetFromRedis(redis: RedisConnectionString, configFolder: string | undefined, creatioVersion: string): TargetResult {
  const where = endpoints(redis);
  if (typeof where === 'string') return { problem: `The connection cannot be tested because ${where}.` };

  const tls = isTlsOn(redis);
  const password = literal(redis, 'password');
  const certificatePath = tls ? literal(redis, 'certificatePath') : undefined;
  const certificatePassword = tls ? literal(redis, 'certificatePassword') : undefined;
  if (password === null || certificatePath === null || certificatePassword === null) {
    return { problem: 'The connection cannot be tested because a password or certificate is a placeholder (a Vault reference or a pipeline variable); the test cannot know its real value.' };
  }
  if (certificatePath && !isAbsolute(certificatePath) && !configFolder) {
    return { problem: 'The connection cannot be tested because certificatePath is relative and the file is not saved on disk.' };
  }

  const db = literal(redis, 'db');
  return {
    target: {
      ...where,
      db: typeof db === 'string' && /^\d+$/.test(db) ? Number(db) : undefined,
      // Creatio 8.0.2+ ignores the password without TLS; older versions, and an unknown version, send it.
      password: tls || !readsPasswordOnlyWithTls(creatioVersion) ? password ?? undefined : undefined,
      useTls: tls,
      certificatePath: certificatePath ? resolve(configFolder ?? '/', certificatePath) : undefined,
      certificatePassword: certificatePassword ?? undefined,
      disableTlsCertificateValidation: tls && booleanValue(firstPair(redis, 'disableTlsCertificateValidation')) === true,
    },
  };
}
