/**
 * Values that are not literal: Vault references and the tokens deployment pipelines replace.
 * They pass every value check.
 */

const VAULT_REFERENCE = /^\[[^\s\[\]]+\]$/;
const PIPELINE_TOKENS = [
  /^\$\{[A-Za-z_][\w.-]*\}$/, // envsubst ${VARIABLE}
  /^\$[A-Za-z_]\w*$/, // envsubst $VARIABLE
  /^#\{[^{}]+\}#$/, // token replacement #{Name}#
  /^__[A-Za-z][\w.-]*__$/, // token replacement __Name__
  /^\$\([A-Za-z_][\w.-]*\)$/, // Azure Pipelines $(Name)
];

/** True for `[SecretName]` as Creatio's Vault integration writes it. */
export function isVaultReference(value: string): boolean {
  return VAULT_REFERENCE.test(value.trim());
}

/** True for any value that something replaces before Creatio reads the file. */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  return isVaultReference(trimmed) || PIPELINE_TOKENS.some((pattern) => pattern.test(trimmed));
}

const DOC_BRACKETS = /^\[[^\[\]]*\s[^\[\]]*\]$/;
const DOC_ANGLE = /^<[^<>]+>$/;
const DOC_WORDS = /^(?:SOME|YOUR|MY|ENTER|INSERT)_[A-Z_]+$|^[A-Z_]*(?:PASSWORD|HOST|HOSTNAME|PORT|SECRET|ADDRESS|SERVER)$|^IP(?::PORT)?$|^HOST:PORT$/;

/**
 * True for an unfilled documentation placeholder such as `[Redis DB number]`, `<password>` or
 * `SOME_PASSWORD`. A Vault reference has no spaces, so `[Redis DB number]` cannot be one.
 */
export function isDocPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  if (DOC_BRACKETS.test(trimmed) || DOC_ANGLE.test(trimmed)) return true;
  const inner = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  return DOC_WORDS.test(inner) && /[A-Z]/.test(inner);
}
