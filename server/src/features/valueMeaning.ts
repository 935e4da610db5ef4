/**
 * Sentences of Markdown that explain the effect of a Redis key's value. Secret values are never
 * repeated: a password is shown as `••••`, and a placeholder is named by its kind.
 */
import { firstPair } from '../model/configDocument.js';
import { isDocPlaceholder, isPlaceholder, isVaultReference } from '../model/placeholders.js';
import type { RedisKey } from '../model/redisKeys.js';
import { PASSWORDLESS_EXTENSIONS } from '../rules/certificatePasswordUnused.js';
import { parseInteger } from '../rules/invalidNumber.js';
import { MASK } from '../rules/text.js';
import { inlineCode, seemsToHoldSecret, tlsState, type RedisFacts } from './redisFacts.js';
import { isOtherPlatformPath, WINDOWS_PATH } from '../model/paths.js';

const PKCS12_EXTENSIONS = /\.(pfx|p12)$/i;

type Describe = (value: string, facts: RedisFacts) => string;

/** Names a placeholder by its kind, so a Vault secret name or a pipeline token is never shown as a value. */
export function placeholderKind(value: string): string {
  return isVaultReference(value) ? 'a Vault reference' : 'a deployment variable';
}

/** Explains a placeholder without repeating it. */
export function describePlaceholder(value: string): string {
  if (isVaultReference(value)) return 'A Vault reference: Creatio reads the value from Vault when UseSecretsInConnectionStrings is on.';
  return 'A deployment variable, which a pipeline replaces before Creatio reads the file.';
}

/** Returns the sentence that explains `key=value` in this connection string. */
export function describeValue(key: RedisKey, value: string, facts: RedisFacts, platform: NodeJS.Platform = process.platform): string {
  const secret = key.kind === 'secret';
  if (value.length === 0) return 'No value: fill it in, or remove the pair.';
  if (!secret && seemsToHoldSecret(value)) return "Not shown, because it seems to contain a password: check that a ';' separates each pair.";
  if (isPlaceholder(value)) return `${describePlaceholder(value)}${ignoredWithoutTls(key.needsTls, facts)}`;
  if (isDocPlaceholder(value)) {
    const subject = secret ? 'A placeholder' : `${inlineCode(value)} is a placeholder`;
    return `${subject} copied from the documentation: replace it with the real value.`;
  }
  if (key.name === 'certificatePath') return describeCertificatePath(value, facts, platform);
  const describe = DESCRIPTIONS[key.name];
  return describe ? describe(value, facts) : '';
}

function ignoredWithoutTls(needsTls: boolean | undefined, facts: RedisFacts): string {
  if (!needsTls || facts.tlsOn) return '';
  return ` Creatio ignores it because ${tlsState(facts)}.`;
}

function describeBoolean(value: string, whenTrue: string, whenFalse: string): string {
  const lower = value.toLowerCase();
  if (lower === 'true') return whenTrue;
  if (lower === 'false') return whenFalse;
  return `${inlineCode(value)} is not true or false, and Creatio reads only those words.`;
}

function describeCount(value: string, minimum: number, sentence: (count: number) => string, expected: string): string {
  const number = parseInteger(value);
  if (number === undefined || number < minimum) return `${inlineCode(value)} is not ${expected}.`;
  return sentence(number);
}

function describeDatabase(value: string, facts: RedisFacts): string {
  const number = parseInteger(value);
  if (number === undefined || number < 0) return `${inlineCode(value)} is not a database number (0 or more).`;
  if (facts.topologies.includes('cluster') && number !== 0) {
    return `Database ${number}, but Redis Cluster has only database 0, so this cannot work with clusterHosts.`;
  }
  const count = facts.settings.redisDatabaseCount;
  if (number >= count) return `Database ${number}, but the servers have ${count} databases (0–${count - 1}) according to creatioConfig.redisDatabaseCount.`;
  return `Database ${number}.`;
}

function describePassword(_value: string, facts: RedisFacts): string {
  if (facts.tlsOn) return `Set (${MASK}); Creatio sends it with AUTH over TLS.`;
  return `Set (${MASK}). Creatio 8.0.2 and later ignore it because ${tlsState(facts)}. Older versions send it without TLS, in clear text.`;
}

function describeCertificatePassword(_value: string, facts: RedisFacts): string {
  const path = firstPair(facts.redis, 'certificatePath');
  let sentence = `Set (${MASK}).`;
  if (!facts.tlsOn) sentence += ` Creatio ignores it because ${tlsState(facts)}.`;
  else if (!path || path.value.length === 0) sentence += ' There is no certificatePath, so no file is opened with it.';
  else if (PASSWORDLESS_EXTENSIONS.test(path.value)) sentence += ' The certificate file is PEM/DER, which has no password, so it is not used.';
  else sentence += ' It opens the certificate file.';
  return sentence;
}

function describeHostList(noun: string): Describe {
  return (value) => {
    const nodes = value.split(',').map((node) => node.trim()).filter((node) => node.length > 0);
    const plural = nodes.length === 1 ? noun : `${noun}s`;
    return `${nodes.length} ${plural}: ${nodes.map((node) => inlineCode(node, 60)).join(', ')}.`;
  };
}

function describeUseTls(value: string, facts: RedisFacts): string {
  const sentinel = facts.topologies.includes('sentinel') ? ' Creatio documents TLS for standalone and Cluster only, not for Sentinel.' : '';
  return describeBoolean(
    value,
    `TLS on: Creatio connects to Redis over TLS.${sentinel}`,
    'TLS off: Creatio ignores password, certificatePath and certificatePassword.',
  );
}

function describeValidation(value: string, facts: RedisFacts): string {
  const sentence = describeBoolean(
    value,
    'Turns off validation of the server certificate: Creatio accepts any certificate. Use it in development only.',
    'The server certificate is validated.',
  );
  return `${sentence}${ignoredWithoutTls(true, facts)}`;
}

const DESCRIPTIONS: Record<string, Describe> = {
  host: (value) => (value.includes(',') ? `${inlineCode(value)} lists several servers, but host takes one: a Cluster is written clusterHosts=host:port,….` : `Standalone Redis server ${inlineCode(value)}.`),
  port: (value) => describeCount(value, 1, (port) => (port <= 65535 ? `TCP port ${port}.` : `${port} is not a port number (1–65535).`), 'a port number (1–65535)'),
  db: describeDatabase,
  password: describePassword,
  certificatePassword: describeCertificatePassword,
  maxReadPoolSize: (value) => describeCount(value, 1, (count) => `Up to ${count} read connections.`, 'a positive integer'),
  maxWritePoolSize: (value) => describeCount(value, 1, (count) => `Up to ${count} write connections.`, 'a positive integer'),
  clusterHosts: describeHostList('Cluster node'),
  sentinelHosts: describeHostList('Sentinel'),
  masterName: (value) => `The Sentinels' master named ${inlineCode(value)}.`,
  scanForOtherSentinels: (value) => describeBoolean(value, 'Creatio also uses Sentinels it discovers beyond those listed.', 'Creatio uses only the listed Sentinels.'),
  useTls: describeUseTls,
  disableTlsCertificateValidation: describeValidation,
};

function describeCertificatePath(value: string, facts: RedisFacts, platform: NodeJS.Platform): string {
  const sentences = [`Client certificate file ${inlineCode(value)}.`];
  if (PKCS12_EXTENSIONS.test(value)) sentences.push('PKCS#12 carries the client key and may have a password (certificatePassword).');
  else if (PASSWORDLESS_EXTENSIONS.test(value)) sentences.push('A PEM/DER certificate carries no password; Creatio most likely expects PKCS#12 (.pfx or .p12) with the client key.');

  if (isOtherPlatformPath(value, platform)) {
    const kind = platform === 'win32' ? 'a Linux path' : 'a Windows path';
    sentences.push(`This is ${kind}, so it cannot be checked from this machine.`);
  } else if (!/^[\\/]/.test(value) && !WINDOWS_PATH.test(value)) {
    sentences.push("It is relative: this extension resolves it from the config file's folder.");
  }
  return `${sentences.join(' ')}${ignoredWithoutTls(true, facts)}`;
}
