/**
 * Hover on an `<add>` entry. A Redis entry gets a summary of its topology, TLS, authentication and
 * server certificate validation, and another known name what that connection string contains.
 * Values of other entries are never shown, because a database string carries its own password.
 */
import { booleanValue, firstPair, type ConfigDocument, type ConnectionEntry, type RedisConnectionString } from '../model/configDocument.js';
import { CONNECTION_NAMES } from '../model/connectionNames.js';
import { isDocPlaceholder, isPlaceholder } from '../model/placeholders.js';
import { trueAppSetting, type SiteContext } from '../model/siteContext.js';
import type { Pair } from '../redis/tokenizer.js';
import type { Settings } from '../settings.js';
import { MASK } from '../rules/text.js';
import { inlineCode, redisFacts, seemsToHoldSecret, tlsState, TOPOLOGY_LABELS, type RedisFacts } from './redisFacts.js';
import { describePlaceholder, placeholderKind } from './valueMeaning.js';

/** Returns the Markdown hover of an entry, or undefined when there is nothing to explain. */
export function entryHover(document: ConfigDocument, entry: ConnectionEntry, settings: Settings, site: SiteContext): string | undefined {
  if (entry.kind !== 'add' || !entry.name) return undefined;
  const redis = document.redis.find((candidate) => candidate.entry === entry);
  if (redis) return redisSummary(redis, settings, site);

  const lower = entry.name.toLowerCase();
  const known = CONNECTION_NAMES.find((candidate) => candidate.name.toLowerCase() === lower);
  if (!known) return undefined;
  const since = known.since ? `\n\nRead by Creatio ${known.since} and later.` : '';
  return `**${inlineCode(entry.name)}**: connection string\n\n${known.documentation}${since}`;
}

function redisSummary(redis: RedisConnectionString, settings: Settings, site: SiteContext): string {
  const title = `**${inlineCode(redis.entry.name ?? '')}**: Redis connection string`;
  if (redis.placeholder) return `${title}\n\nThe whole value is ${placeholderKind(redis.decoded.text)}, so its settings are not known here. ${describePlaceholder(redis.decoded.text)}`;
  if (redis.foreign) {
    const format = redis.foreign.kind === 'uri' ? 'a redis:// URI' : 'a StackExchange.Redis connection string';
    return `${title}\n\nThe value is ${format}, which Creatio does not read: it expects key=value pairs separated by ';'.`;
  }

  const facts = redisFacts(redis, settings, site);
  const lines = [
    `- Topology: ${topologyText(facts)}`,
    `- TLS: ${tlsText(facts)}`,
    `- Authentication: ${authenticationText(facts)}`,
    `- Server certificate validation: ${validationText(facts)}`,
  ];
  return `${title}\n\n${lines.join('\n')}`;
}

/** Shows a value that is not a secret; placeholders are named by kind. */
function shownValue(pair: Pair): string {
  if (pair.value.length === 0) return 'not set';
  if (isPlaceholder(pair.value)) return placeholderKind(pair.value);
  if (seemsToHoldSecret(pair.value)) return 'not shown, as it seems to contain a password';
  return inlineCode(pair.value, 60);
}

/** Shows a secret: never its value, only whether and how it is set. */
function shownSecret(pair: Pair): string {
  if (isPlaceholder(pair.value)) return placeholderKind(pair.value);
  if (isDocPlaceholder(pair.value)) return 'an unfilled documentation placeholder';
  return MASK;
}

function setPair(facts: RedisFacts, name: string): Pair | undefined {
  const pair = firstPair(facts.redis, name);
  return pair && pair.value.length > 0 ? pair : undefined;
}

/** Counts the entries of a host list, as `3 listed nodes` or `1 listed node`. */
function countEntries(pair: Pair, noun: string): string {
  const count = pair.value.split(',').filter((node) => node.trim().length > 0).length;
  return `${count} listed ${count === 1 ? noun : `${noun}s`}`;
}

function topologyText(facts: RedisFacts): string {
  const { topologies } = facts;
  if (topologies.length === 0) return 'none: the string has no host, clusterHosts or sentinelHosts';
  if (topologies.length > 1) return `conflicting: ${topologies.map((topology) => TOPOLOGY_LABELS[topology]).join(' and ')} keys are both set`;

  if (topologies[0] === 'cluster') {
    const hosts = firstPair(facts.redis, 'clusterHosts')!;
    return `Cluster of ${countEntries(hosts, 'node')}`;
  }
  if (topologies[0] === 'sentinel') {
    const sentinels = firstPair(facts.redis, 'sentinelHosts')!;
    const master = setPair(facts, 'masterName');
    return `Sentinel (retired in Creatio 7.18.3): ${countEntries(sentinels, 'Sentinel')}, master ${master ? shownValue(master) : 'not set'}`;
  }

  const parts = [`standalone, server ${shownValue(firstPair(facts.redis, 'host')!)}`];
  const port = firstPair(facts.redis, 'port');
  const db = firstPair(facts.redis, 'db');
  if (port) parts.push(`port ${shownValue(port)}`);
  if (db) parts.push(`database ${shownValue(db)}`);
  return parts.join(', ');
}

function tlsText(facts: RedisFacts): string {
  if (facts.tlsOn) {
    return facts.topologies.includes('sentinel') ? 'on, but Creatio documents TLS for standalone and Cluster only' : 'on';
  }
  const setting = trueAppSetting(facts.site, 'RedisUseTls');
  const site = setting ? `; ${setting.file} sets RedisUseTls=true` : '';
  return `off (${tlsState(facts)})${site}`;
}

function authenticationText(facts: RedisFacts): string {
  const password = setPair(facts, 'password');
  const certificate = setPair(facts, 'certificatePath');
  const certificatePassword = setPair(facts, 'certificatePassword');

  if (!facts.tlsOn) {
    const ignored = certificate ? '; certificatePath is ignored without TLS' : '';
    if (!password) return `none${ignored}`;
    return `password (${shownSecret(password)}) without TLS, which Creatio 8.0.2 and later ignore${ignored}`;
  }

  const filePassword = certificate && certificatePassword ? `; the certificate file has a password (${shownSecret(certificatePassword)})` : '';
  if (certificate && password) return `client certificate ${shownValue(certificate)} and password (${shownSecret(password)})${filePassword}`;
  if (certificate) return `client certificate ${shownValue(certificate)}${filePassword}`;
  if (password) return `password (${shownSecret(password)})`;
  return 'none: only the server certificate is checked';
}

function validationText(facts: RedisFacts): string {
  if (!facts.tlsOn) return 'not applicable, TLS is off';
  const disable = firstPair(facts.redis, 'disableTlsCertificateValidation');
  if (booleanValue(disable) === true) return 'off (disableTlsCertificateValidation=true): Creatio accepts any server certificate';
  return 'on';
}
