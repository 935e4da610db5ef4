/** Masking of secret values in free text such as LSP traces, where document text passes through. */
/** Text shown in place of every secret value. */
export const MASK = '••••';

// A value runs to the next ';', quote (also JSON's \"), tag bracket or line end. Spaces, commas and
// backslashes are kept in it, as passwords may contain them; masking too much is harmless.
const SECRET_PAIR = /\b((?:certificate)?password|pwd|RedisCertPass)(\s*=\s*)(?:&[A-Za-z#0-9]+;|\\(?!")|[^;"'<>\r\n\\])+/gi;
/** Document text in LSP messages, which the trace prints: it can hold a password without its key. */
const DOCUMENT_TEXT = /("(?:text|newText)"\s*:\s*)"(?:[^"\\]|\\.)*"/g;
// The password is bounded in length: unbounded, a text of many 'redis://:' without '@' takes
// quadratic time. It may hold an unencoded '/', as administrators write them.
const URI_PASSWORD = /(\brediss?:\/\/[^:/@\s"]{0,256}:)[^@\s"]{1,256}@/gi;
const XML_SECRET_ATTRIBUTE = /(\bkey\s*=\s*\\?["']RedisCertPass\\?["']\s+value\s*=\s*\\?["'])[^"'\\]*/gi;

/** Replaces every `password=…`, `certificatePassword=…` value and URI password in `text` by ••••. */
export function maskSecrets(text: string): string {
  return text
    .replace(SECRET_PAIR, (_, key: string, equals: string) => `${key}${equals}${MASK}`)
    .replace(URI_PASSWORD, (_, prefix: string) => `${prefix}${MASK}@`)
    .replace(XML_SECRET_ATTRIBUTE, (_, prefix: string) => `${prefix}${MASK}`);
}

/**
 * Masks an LSP trace line: besides the secrets `maskSecrets` finds, every document text and edit
 * text is hidden, because a typed or pasted password arrives there without its key.
 */
export function maskTrace(text: string): string {
  return maskSecrets(text.replace(DOCUMENT_TEXT, (_, prefix: string) => `${prefix}"${MASK}"`));
}
