/** Masking of secret values in free text such as LSP traces, where document text passes through. */
/** Text shown in place of every secret value. */
export const MASK = '••••';

const SECRET_PAIR = /\b((?:certificate)?password|pwd|RedisCertPass)(\s*=\s*)(?:&[A-Za-z#0-9]+;|[^;,"'\\<>\s])+/gi;
const URI_PASSWORD = /(\brediss?:\/\/[^:/@\s"]*:)[^@\s"]+@/gi;
const XML_SECRET_ATTRIBUTE = /(\bkey\s*=\s*\\?["']RedisCertPass\\?["']\s+value\s*=\s*\\?["'])[^"'\\]*/gi;

/** Replaces every `password=…`, `certificatePassword=…` value and URI password in `text` by ••••. */
export function maskSecrets(text: string): string {
  return text
    .replace(SECRET_PAIR, (_, key: string, equals: string) => `${key}${equals}${MASK}`)
    .replace(URI_PASSWORD, (_, prefix: string) => `${prefix}${MASK}@`)
    .replace(XML_SECRET_ATTRIBUTE, (_, prefix: string) => `${prefix}${MASK}`);
}
