/**
 * Generators for the property tests: real ConnectionStrings.config texts from the fixtures,
 * changed by random insertions, deletions and duplications of the characters that matter to the
 * scanner and the Redis tokenizer.
 */
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CASES = join(ROOT, 'test', 'fixtures', 'cases');

/** Every fixture text: the real-world cases and the example file. */
export const FIXTURES: readonly string[] = [
  ...readdirSync(CASES)
    .filter((file) => file.endsWith('.config'))
    .sort()
    .map((file) => readFileSync(join(CASES, file), 'utf8')),
  readFileSync(join(ROOT, 'examples', 'ConnectionStrings.config'), 'utf8'),
];

/** Fragments that change how the scanner or the tokenizer reads the text around them. */
export const FRAGMENTS: readonly string[] = [
  '"', "'", '<', '>', '/>', '&', ';', '=', ',', ' ', '\t', '\r', '\n', '\r\n', '\uFEFF', '\u0000', '\u0001',
  'é', 'ß', '€', '😀', '\uD800', '\uDC00', '[', ']', ':', '-', '--', '!', '?', '$', '#', '_',
  '&amp;', '&lt;', '&quot;', '&#59;', '&#44;', '&#x3D;', '&nbsp;', '&lol;',
  '<!--', '-->', '<![CDATA[', ']]>', '<?xml version="1.0"?>', '<!DOCTYPE x [<!ENTITY lol "a;b">]>',
  '</add>', '</connectionStrings>', '<connectionStrings>', '<clear />', '<remove name="redis" />',
  '<add name="redis" connectionString="', '<add name="db" connectionString="x" />', ' name="redis"', ' connectionString="',
  'host=', 'port=', 'db=', 'password=', 'useTls=', 'useTls=true', 'useTls=false', 'certificatePath=c.pem',
  'certificatePassword=', 'disableTlsCertificateValidation=true', 'clusterHosts=', 'sentinelHosts=', 'masterName=m',
  'maxReadPoolSize=', 'HOST=', 'Port=', 'hots=', 'ssl=True', 'user=', ', port=', ', password=', 'localhost',
  '10.0.0.5:6379', '[10.0.0.5:6379]', '[Redis DB number]', 'SOME_PASSWORD', '${REDIS_PASSWORD}', '[RedisPassword]',
  'redis://user:p@h:6380/2', 'rediss://h', 'h1:6379,h2:6379,password=x,ssl=True', '99999', '-1', 'yes', 'true',
];

export type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number; to: number }
  | { kind: 'lineBreaks'; style: '\n' | '\r\n' | '\r' }
  | { kind: 'bom' };

const position = fc.nat({ max: 1_000_000 });

const insertion = fc.record({
  kind: fc.constant('insert' as const),
  at: position,
  text: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
  ),
});

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: insertion },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 60 }), to: position }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('lineBreaks' as const), style: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
);

/** Applies one mutation; positions wrap around the text length, so every mutation applies. */
export function mutate(text: string, change: Mutation): string {
  switch (change.kind) {
    case 'insert': {
      const at = change.at % (text.length + 1);
      return text.slice(0, at) + change.text + text.slice(at);
    }
    case 'delete': {
      const at = change.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + change.length);
    }
    case 'duplicate': {
      const at = change.at % (text.length + 1);
      const copy = text.slice(at, at + change.length);
      const to = change.to % (text.length + 1);
      return text.slice(0, to) + copy + text.slice(to);
    }
    case 'lineBreaks':
      return text.replace(/\r\n|\r|\n/g, change.style);
    case 'bom':
      return text.startsWith('\uFEFF') ? text : `\uFEFF${text}`;
  }
}

/** Generates fixtures with up to `maxMutations` random changes each. */
export function mutatedConfig(maxMutations = 6): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...FIXTURES), fc.array(mutation, { maxLength: maxMutations }))
    .map(([text, changes]) => changes.reduce(mutate, text));
}

const KEYS = [
  'host', 'port', 'db', 'password', 'maxReadPoolSize', 'maxWritePoolSize', 'clusterHosts', 'sentinelHosts', 'masterName',
  'scanForOtherSentinels', 'useTls', 'certificatePath', 'certificatePassword', 'disableTlsCertificateValidation',
  'HOST', 'UseTLS', 'user', 'ssl', 'sslHost', 'abortConnect', 'defaultDatabase', 'serviceName', 'hots', 'pasword', 'RedisUseTls', '',
];
const VALUES = [
  '', 'localhost', '10.0.0.5', 'redis.example.local', '6379', '0', '15', '16', '99999', '-1', 'abc', 'true', 'false', 'True', 'yes',
  'h1:6379,h2:6380', '[10.0.0.5:6379],[10.0.0.6:6379]', 'h1,h2', 'h1:0', '::1:6379', '[Redis DB number]', 'SOME_PASSWORD', '[Secret]',
  '${REDIS_PASSWORD}', 's3cr=t', 'a&amp;b', 'a&b', 'c.pem', 'c.pfx', 'mymaster',
];

/** A Redis connection string of random documented, misspelt and foreign keys, with ';' or ', ' between pairs. */
export const redisValue: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom('=', '=', '=', ' = ', ''), fc.constantFrom(...VALUES), fc.constantFrom(';', ';', ';', ', ', ',', '; ', ';;')),
    { maxLength: 8 },
  )
  .map((pairs) => pairs.map(([key, equals, value, separator]) => `${key}${equals}${value}${separator}`).join(''));

/** A whole file whose `redis` entry contains a `redisValue`, optionally after a `db` entry. */
export const redisConfig: fc.Arbitrary<string> = fc
  .tuple(redisValue, fc.boolean(), fc.constantFrom('"', "'"), fc.constantFrom('\n', '\r\n'))
  .map(([value, withDb, quote, newline]) => {
    const escaped = quote === '"' ? value.replace(/"/g, '&quot;') : value.replace(/'/g, '&apos;');
    return [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<connectionStrings>',
      ...(withDb ? ['  <add name="db" connectionString="Server=sql01;Database=creatio" />'] : []),
      `  <add name="redis" connectionString=${quote}${escaped}${quote} />`,
      '</connectionStrings>',
      '',
    ].join(newline);
  });

/** Either kind of input, the Redis strings mutated too. */
export const anyConfig: fc.Arbitrary<string> = fc.oneof(
  mutatedConfig(),
  redisConfig,
  fc.tuple(redisConfig, fc.array(mutation, { maxLength: 3 })).map(([text, changes]) => changes.reduce(mutate, text)),
);
