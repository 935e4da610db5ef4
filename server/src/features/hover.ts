/**
 * Hover on Redis keys and on `<add>` entries, on raw offsets. No hover repeats a secret value: a
 * password shows as `••••`, and a placeholder is named by its kind (a Vault reference, a variable).
 */
import type { Span } from '../analysis/types.js';
import { firstPair, type ConfigDocument, type ConnectionEntry, type RedisConnectionString } from '../model/configDocument.js';
import { findForeignKey } from '../model/foreignKeys.js';
import { findRedisKey, UNDOCUMENTED_KEYS, type RedisKey } from '../model/redisKeys.js';
import { describeCertificateCheck, type SiteContext } from '../model/siteContext.js';
import type { Pair } from '../redis/tokenizer.js';
import type { Settings } from '../settings.js';
import { attributeAt, redisOf, touches } from './cursor.js';
import { entryHover } from './entryHover.js';
import { inlineCode, modesText, redisFacts, versionMismatch, versionText, type RedisFacts } from './redisFacts.js';
import { describeValue } from './valueMeaning.js';
import { isOtherPlatformPath } from '../model/paths.js';

export interface HoverResult {
  markdown: string;
  span: Span;
}

/** Returns the hover at `offset`, if there is something to explain there. */
export function hoverAt(document: ConfigDocument, offset: number, settings: Settings, site: SiteContext): HoverResult | undefined {
  const found = attributeAt(document, offset);
  if (found?.attribute.name === 'connectionString') {
    const redis = redisOf(document, found.attribute);
    return redis ? pairHover(redis, offset, settings, site) : undefined;
  }

  const target = entryTargetAt(document, offset);
  if (!target) return undefined;
  const markdown = entryHover(document, target.entry, settings, site);
  return markdown ? { markdown, span: target.span } : undefined;
}

/** Finds the entry whose tag name or `name="…"` attribute is under the cursor. */
function entryTargetAt(document: ConfigDocument, offset: number): { entry: ConnectionEntry; span: Span } | undefined {
  for (const entry of document.entries) {
    if (touches(entry.element.nameSpan, offset)) return { entry, span: entry.element.nameSpan };
    if (entry.nameAttribute && touches(entry.nameAttribute.span, offset)) return { entry, span: entry.nameAttribute.span };
  }
  return undefined;
}

function pairHover(redis: RedisConnectionString, offset: number, settings: Settings, site: SiteContext): HoverResult | undefined {
  if (redis.placeholder || redis.foreign) return undefined;
  const pairs = redis.parsed.pairs;
  const onKey = pairs.find((pair) => touches(pair.keySpan, offset));
  const pair = onKey ?? pairs.find((candidate) => candidate.value.length > 0 && touches(candidate.valueSpan, offset));
  if (!pair) return undefined;

  const key = findRedisKey(pair.key);
  const markdown = key ? keyMarkdown(key, pair, redisFacts(redis, settings, site)) : otherKeyMarkdown(pair);
  return { markdown, span: onKey ? pair.keySpan : pair.valueSpan };
}

function keyMarkdown(key: RedisKey, pair: Pair, facts: RedisFacts): string {
  const spelling = pair.key === key.name ? '' : ` (written ${inlineCode(pair.key)} here)`;
  const sections = [
    `**${key.name}**${spelling}: Redis connection string key`,
    key.documentation,
    `Used with ${modesText(key)}. Read by ${versionText(key)}.`,
  ];
  const mismatch = versionMismatch(key, facts.settings);
  if (mismatch) sections.push(mismatch);

  const meaning = describeValue(key, pair.value, facts);
  if (meaning) sections.push(`Current value: ${meaning}`);
  if (key.name === 'certificatePath') {
    const check = facts.site.certificate(pair.value, firstPair(facts.redis, 'certificatePassword')?.value);
    // The value sentence already states when a path belongs to another operating system.
    const repeated = check?.kind === 'not-checkable' && isOtherPlatformPath(pair.value, process.platform);
    if (check && !repeated) sections.push(`File: ${describeCertificateCheck(check)}`);
  }
  return sections.join('\n\n');
}

/** Explains a key Creatio does not document; its value is never shown, as it may be a secret. */
function otherKeyMarkdown(pair: Pair): string {
  const title = `**${inlineCode(pair.key)}**: not a Creatio Redis key`;
  const undocumented = UNDOCUMENTED_KEYS.get(pair.lowerKey);
  if (undocumented) return `${title}\n\n${undocumented}`;
  const foreign = findForeignKey(pair.key);
  if (foreign) return `${title}\n\nCreatio does not read it: ${foreign.explanation}.${foreign.replacement ? ` Use ${foreign.replacement}.` : ''}`;
  return `${title}\n\nCreatio does not read this key, so it is ignored.`;
}
